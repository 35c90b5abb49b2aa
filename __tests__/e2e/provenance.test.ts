/**
 * provenance-add-gha on the real engine: in a GitHub Actions job with an event, the builder holds
 * buildx's GitHub context file, BuildKit puts it into the provenance of a build, and the buildx store
 * entry does not carry it; with provenance-add-gha=false there is no file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { nodeNames } from '../../src/inputs/names.js';
import { ActionJob } from '../support/action.js';
import { expectGone, makeContext, sh, tryRun, uniqueName } from '../support/engine.js';

const CONTEXT_FILE = '/etc/buildkit/provenance.d/github_actions_context.json';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-buildkit-gha-'));
const eventPath = path.join(dir, 'event.json');
fs.writeFileSync(eventPath, JSON.stringify({ ref: 'refs/heads/main', head_commit: { message: 'fix <b> & co' } }));
const gha = {
  GITHUB_EVENT_NAME: 'push',
  GITHUB_EVENT_PATH: eventPath,
  GITHUB_REPOSITORY: 'octo/setup-buildkit-test',
  GITHUB_REPOSITORY_ID: '42',
  GITHUB_REPOSITORY_OWNER: 'octo',
  GITHUB_REPOSITORY_OWNER_ID: '7',
};

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('provenance-add-gha (default on) in a job with an event', () => {
  const name = uniqueName('gha');
  const node = nodeNames(name).container;
  const job = new ActionJob(gha);
  const context = makeContext();

  beforeAll(async () => {
    // The host network reaches the harness's registry on loopback, where the base image is.
    const main = await job.main({ name, use: 'false', 'driver-opts': 'network=host' });
    expect(main.errors).toEqual([]);
  });
  afterAll(async () => {
    await job.post();
    job.dispose();
    fs.rmSync(context, { recursive: true, force: true });
  });

  test("the container holds buildx's context file, keys sorted and HTML escaped as Go writes them", () => {
    const text = sh('docker', ['exec', node, 'cat', CONTEXT_FILE]);
    expect(text).toBe(
      '{"github_event_name":"push","github_event_payload":{"head_commit":{"message":"fix \\u003cb\\u003e \\u0026 co"},"ref":"refs/heads/main"},' +
        '"github_repository":"octo/setup-buildkit-test","github_repository_id":"42","github_repository_owner":"octo","github_repository_owner_id":"7"}',
    );
  });

  test('a build on the builder records the GitHub context in its provenance', () => {
    const metadata = path.join(context, 'metadata.json');
    sh('docker', [
      'buildx',
      'build',
      '--builder',
      name,
      '--provenance',
      'mode=max',
      '--metadata-file',
      metadata,
      '--output',
      `type=oci,dest=${path.join(context, 'out.tar')}`,
      context,
    ]);
    const provenance = JSON.parse(fs.readFileSync(metadata, 'utf8'))['buildx.build.provenance'];
    expect(JSON.stringify(provenance)).toContain('"github_event_name":"push"');
    expect(JSON.stringify(provenance)).toContain('"github_repository":"octo/setup-buildkit-test"');
  });

  test('the buildx store entry does not carry the file', () => {
    const store = path.join(process.env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker'), 'buildx', 'instances', name);
    expect(fs.readFileSync(store, 'utf8')).not.toContain('github_actions_context');
  });
});

test('provenance-add-gha=false writes no context file', async () => {
  const name = uniqueName('nogha');
  const job = new ActionJob(gha);
  try {
    const main = await job.main({ name, use: 'false', 'driver-opts': 'provenance-add-gha=false' });
    expect(main.errors).toEqual([]);
    expect(tryRun('docker', ['exec', nodeNames(name).container, 'test', '-e', CONTEXT_FILE]).status).toBe(1);
    expect((await job.post()).exitCode).toBe(0);
  } finally {
    job.dispose();
  }
  expectGone(name);
});

test('an unreadable event file fails the step before anything is created', async () => {
  const name = uniqueName('badgha');
  const job = new ActionJob({ ...gha, GITHUB_EVENT_PATH: path.join(dir, 'missing.json') });
  try {
    const main = await job.main({ name, use: 'false' });
    expect(main.exitCode).toBe(1);
    expect(main.errors).toEqual([
      expect.stringMatching(/^GITHUB_EVENT_PATH \S+missing\.json: cannot read the GitHub event .*provenance-add-gha=false/),
    ]);
    expect((await job.post()).exitCode).toBe(0);
  } finally {
    job.dispose();
  }
  expectGone(name);
});
