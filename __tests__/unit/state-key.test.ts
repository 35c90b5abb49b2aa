/**
 * keep-state's pure parts: its inputs, the keys a run saves and restores under, the fingerprint that
 * skips an unchanged save, and the save policy.
 */
import { parseKeepState } from '../../src/inputs/read.js';
import { shouldSave, unusedCutoffSeconds } from '../../src/keep-state/save-policy.js';
import { compatHash, KEY_LIMIT, recordsFingerprint, runSuffix, type StateCompat, stateKeys } from '../../src/keep-state/state-key.js';
import type { Host } from '../../src/step/host.js';
import { InputError } from '../../src/util/errors.js';

function host(inputs: Record<string, string>): Host {
  return { input: (n: string) => inputs[n] ?? '' } as Host;
}

const compat: StateCompat = {
  imageId: 'sha256:bdb9b4f258bc4375d6cf2c3c1a3e04bcaf269dd2cf75f8b2320d42f0683bb0b8',
  arch: 'x86_64',
  storageDriver: 'overlay2',
  configDigest: undefined,
  flags: ['--allow-insecure-entitlement=network.host'],
};

describe('keep-state inputs', () => {
  test('defaults: off, prefix, 2 GiB, on-success, unused dropped', () => {
    expect(parseKeepState(host({}))).toEqual({
      enabled: false,
      prefix: 'setup-buildkit-state',
      maxBytes: 2 * 1024 ** 3,
      save: 'on-success',
      prune: 'unused',
      fixedName: false,
    });
  });
  test('values', () => {
    expect(
      parseKeepState(
        host({
          'keep-state': 'true',
          'state-key': 'app-x',
          'state-max-size': '500m',
          'state-save': 'always',
          'state-prune': 'size',
          name: 'ci',
        }),
      ),
    ).toEqual({
      enabled: true,
      prefix: 'app-x',
      maxBytes: 500 * 1024 ** 2,
      save: 'always',
      prune: 'size',
      fixedName: true,
    });
  });
  test.each([
    ['keep-state', 'yes'],
    ['state-key', 'a,b'],
    ['state-key', 'a b'],
    ['state-key', 'x'.repeat(301)],
    ['state-max-size', 'big'],
    ['state-max-size', '0'],
    ['state-max-size', '100k'],
    ['state-save', 'on-failure'],
    ['state-prune', 'all'],
    ['state-prune', 'Unused'],
  ])('%s=%j is an InputError naming the input', (input, value) => {
    let err: unknown;
    try {
      parseKeepState(host({ [input]: value }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe(input);
  });
});

describe('keys', () => {
  test('a run-unique key under a restore prefix that names arch and driver', () => {
    const k = stateKeys('setup-buildkit-state', compat, runSuffix({ GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '2', GITHUB_JOB: 'build' }));
    expect(k.restorePrefix).toMatch(/^setup-buildkit-state-x86_64-overlay2-[0-9a-f]{16}-$/);
    expect(k.key).toBe(`${k.restorePrefix}42-2-build`);
  });
  test('every part of the compatibility changes the prefix; the run does not', () => {
    const base = stateKeys('p', compat, 'r1').restorePrefix;
    expect(stateKeys('p', compat, 'r2').restorePrefix).toBe(base);
    for (const change of [
      { imageId: 'sha256:other' },
      { arch: 'aarch64' },
      { storageDriver: 'btrfs' },
      { configDigest: 'abc' },
      { flags: ['--debug'] },
    ]) {
      expect(stateKeys('p', { ...compat, ...change }, 'r1').restorePrefix).not.toBe(base);
    }
  });
  test('flags hash as a list: word boundaries count', () => {
    expect(compatHash({ ...compat, flags: ['a b'] })).not.toBe(compatHash({ ...compat, flags: ['a', 'b'] }));
  });
  test('run suffix: attempt defaults to 1, odd characters are replaced, a clock outside Actions', () => {
    expect(runSuffix({ GITHUB_RUN_ID: '7', GITHUB_JOB: 'build (linux, 1)' })).toBe('7-1-build_linux_1_');
    expect(runSuffix({}, () => 1234)).toBe('local-1234');
  });
  test('keys fit @actions/cache limits: no commas, at most 512 characters', () => {
    const k = stateKeys('x'.repeat(300), compat, runSuffix({ GITHUB_RUN_ID: '1', GITHUB_JOB: 'j'.repeat(400) }));
    expect(k.key.length).toBeLessThanOrEqual(KEY_LIMIT);
    expect(k.key).not.toContain(',');
    expect(k.key.startsWith(k.restorePrefix)).toBe(true);
  });
});

describe('fingerprint', () => {
  const recs = [
    { id: 'a', size: 10, lastUsedAt: '2026-11-25T10:00:00Z' },
    { id: 'b', size: 20, lastUsedAt: '2026-11-25T11:00:00Z' },
  ];
  test('order does not matter; uses on the same day do not change it', () => {
    expect(recordsFingerprint([...recs].reverse())).toBe(recordsFingerprint(recs));
    expect(recordsFingerprint([recs[0], { ...recs[1], lastUsedAt: '2026-11-25T23:00:00Z' }])).toBe(recordsFingerprint(recs));
  });
  test('a new record, a changed size or a use on a later day change it', () => {
    const fp = recordsFingerprint(recs);
    expect(recordsFingerprint([...recs, { id: 'c', size: 1 }])).not.toBe(fp);
    expect(recordsFingerprint([recs[0], { ...recs[1], size: 21 }])).not.toBe(fp);
    expect(recordsFingerprint([recs[0], { ...recs[1], lastUsedAt: '2026-11-26T01:00:00Z' }])).not.toBe(fp);
  });
});

test('save policy: on-success reads the job status; unknown counts as success', () => {
  expect(shouldSave('on-success', '')).toBe(true);
  expect(shouldSave('on-success', 'success')).toBe(true);
  expect(shouldSave('on-success', 'failure')).toBe(false);
  expect(shouldSave('on-success', 'cancelled')).toBe(false);
  expect(shouldSave('always', 'failure')).toBe(true);
  expect(shouldSave('never', 'success')).toBe(false);
});

test('state-prune unused keeps what was used since BuildKit was up, in whole seconds rounded up, never 0 (no limit)', () => {
  const up = Date.parse('2026-11-27T12:00:00Z');
  expect(unusedCutoffSeconds(up, up + 95_000)).toBe(95);
  expect(unusedCutoffSeconds(up, up + 95_001)).toBe(96);
  expect(unusedCutoffSeconds(up, up)).toBe(1);
  // A clock that stepped back between main and post.
  expect(unusedCutoffSeconds(up, up - 5_000)).toBe(1);
});
