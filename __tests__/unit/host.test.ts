import * as core from '@actions/core';

import { ActionHost, CliHost, libraryLine } from '../../src/step/host.js';

/** Runs `work` with what it writes to `stream` captured instead (@actions/core writes commands to stdout). */
async function captured(stream: NodeJS.WriteStream, work: () => Promise<void> | void): Promise<string> {
  const chunks: string[] = [];
  const write = stream.write;
  stream.write = ((c: string | Uint8Array) => (chunks.push(String(c)), true)) as typeof stream.write;
  try {
    await work();
  } finally {
    stream.write = write;
  }
  return chunks.join('');
}
const stdoutOf = (work: () => Promise<void> | void) => captured(process.stdout, work);

// @actions/core remembers the first summary path it could open for the life of the process: no test
// here lets it open one (a directory as the path is in e2e/step-summary, one process per step).
describe('ActionHost.summary', () => {
  const saved = process.env.GITHUB_STEP_SUMMARY;
  afterEach(() => {
    if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
    else process.env.GITHUB_STEP_SUMMARY = saved;
  });

  test.each([
    ['unset', undefined],
    ['in a missing directory', '/nonexistent/setup-buildkit/summary'],
  ])('GITHUB_STEP_SUMMARY %s: a warning, no exception, and nothing left for the next section', async (_what, value) => {
    if (value === undefined) delete process.env.GITHUB_STEP_SUMMARY;
    else process.env.GITHUB_STEP_SUMMARY = value;
    const out = await stdoutOf(() => new ActionHost().summary('### a\n'));
    expect(out).toMatch(/^::warning::the job summary was not written: /);
    expect(core.summary.isEmptyBuffer()).toBe(true);
  });
});

test('groups: ::group:: on GitHub, an indented block in a terminal', async () => {
  expect(await stdoutOf(() => new ActionHost().group('BuildKit v0.26.3', ['a', 'b']))).toBe(
    '::group::BuildKit v0.26.3\na\nb\n::endgroup::\n',
  );
  const err = await captured(process.stderr, () => {
    const cli = new CliHost({});
    cli.setSecret('s3cret');
    cli.group('Node ci0', ['platforms: linux/amd64', 'env s3cret']);
  });
  expect(err).toBe('Node ci0:\n  platforms: linux/amd64\n  env ***\n');
});

test.each([
  ['Cache restored from key: k', false, 'Cache restored from key: k'],
  ['::debug::Found tool in cache docker-buildx 0.38.2 x64', false, undefined],
  ['::debug::Found tool in cache', true, 'debug: Found tool in cache'],
  ['::warning::Failed to save: a%0Ab%25', false, 'warning: Failed to save: a\nb%'],
  ['::error file=x,line=1::bad', false, 'error: bad'],
  ['::add-mask::s3cret', true, undefined],
  ['::group::Title', false, undefined],
])('on the command line, the library line %j (debug %s) shows as %j', (line, debug, shown) => expect(libraryLine(line, debug)).toBe(shown));
