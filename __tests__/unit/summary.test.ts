import { emulatorsRow, summaryMarkdown, summarySection } from '../../src/step/summary.js';

test('a table of the builder, with extra rows and escaped cells', () => {
  const md = summaryMarkdown({
    builder: 'ci',
    node: 'ci0',
    endpoint: 'docker-container://buildx_buildkit_ci0',
    image: 'moby/buildkit:buildx-stable-1',
    buildkitVersion: 'v0.26.3',
    platforms: ['linux/amd64', 'linux/arm64'],
    rows: [['State', 'restored | 12 MB']],
  });
  expect(md).toContain('| Builder | `ci` (docker-container) |');
  expect(md).toContain('| BuildKit | v0.26.3 (`moby/buildkit:buildx-stable-1`) |');
  expect(md).toContain('| Platforms | linux/amd64, linux/arm64 |');
  expect(md).toContain('| State | restored \\| 12 MB |');
});

test('a section is complete on its own: heading, header row, rows', () => {
  expect(
    summarySection('setup-buildkit post', [
      ['Builder', '`ci` removed (container, state volume, buildx entry)'],
      ['State', 'not saved: a | b'],
    ]),
  ).toBe(
    '### setup-buildkit post\n\n| | |\n|---|---|\n| Builder | `ci` removed (container, state volume, buildx entry) |\n| State | not saved: a \\| b |\n',
  );
});

describe('emulatorsRow', () => {
  test('names what this run registered', () => {
    expect(emulatorsRow(['linux/arm64', 'linux/riscv64'], ['arm64'])).toEqual([
      'Emulators',
      'linux/arm64, linux/riscv64 (installed now: arm64)',
    ]);
  });
  test('says when everything was already registered', () => {
    expect(emulatorsRow(['linux/arm64'], [])).toEqual(['Emulators', 'linux/arm64 (already registered)']);
  });
  test('says when nothing needed emulating (qemu: auto on a native runner)', () => {
    expect(emulatorsRow([], [])).toEqual(['Emulators', 'none needed (every platform runs natively)']);
  });
});
