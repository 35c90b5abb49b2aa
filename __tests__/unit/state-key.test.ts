/**
 * keep-state's pure parts: its inputs, the keys a run saves and restores under, the fingerprint that
 * skips an unchanged save, and the save policy.
 */
import { parseKeepState } from '../../src/inputs/read.js';
import { saveDecision, type SaveFacts, shouldSave, untrustedRun, unusedCutoffSeconds } from '../../src/keep-state/save-policy.js';
import {
  compatHash,
  KEY_LIMIT,
  legId,
  recordsFingerprint,
  runSuffix,
  type StateCompat,
  stateKeys,
} from '../../src/keep-state/state-key.js';
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
      cleanup: true,
      leg: '',
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
      cleanup: true,
      leg: '',
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

describe('matrix legs', () => {
  const matrix = '{\n  "target": "api",\n  "node": 20\n}';
  test('outside a matrix (null, nothing) there is no leg; a leg is a hash of its values, however printed', () => {
    expect(legId('')).toBe('');
    expect(legId('null')).toBe('');
    expect(legId(matrix)).toMatch(/^[0-9a-f]{12}$/);
    expect(legId('{"node":20,"target":"api"}')).toBe(legId(matrix));
    expect(legId('{"node":20,"target":"web"}')).not.toBe(legId(matrix));
    expect(legId('not json')).toMatch(/^[0-9a-f]{12}$/);
  });
  test("a leg's key and first restore key are its own; its last restore key is any leg's", () => {
    const leg = legId(matrix);
    const k = stateKeys('p', compat, '42-1-build', leg);
    expect(k.key).toBe(`${k.restorePrefix}leg-${leg}-42-1-build`);
    expect(k.restoreKeys).toEqual([`${k.restorePrefix}leg-${leg}-`, k.restorePrefix]);
    const other = stateKeys('p', compat, '42-1-build', legId('{"node":20,"target":"web"}'));
    expect(other.key).not.toBe(k.key);
    expect(other.key.startsWith(k.restoreKeys[0])).toBe(false);
    expect(other.restorePrefix).toBe(k.restorePrefix);
  });
  test('no leg: the key and restore keys as before', () => {
    const k = stateKeys('p', compat, '42-1-build');
    expect(k.key).toBe(`${k.restorePrefix}42-1-build`);
    expect(k.restoreKeys).toEqual([k.restorePrefix]);
  });
});

describe('trust', () => {
  const pr = (head: { fork?: boolean; full_name?: string } | null, base = 'o/r') => ({
    pull_request: { head: { repo: head }, base: { repo: { full_name: base } } },
  });
  test('pull_request_target is never trusted, whatever the payload', () => {
    expect(untrustedRun('pull_request_target', pr({ fork: false, full_name: 'o/r' }))).toBe('the event is pull_request_target');
  });
  test('a pull request from a fork (flagged, another repository, or a deleted one) is not trusted', () => {
    expect(untrustedRun('pull_request', pr({ fork: true, full_name: 'x/r' }))).toBe('the pull request comes from a fork (x/r)');
    expect(untrustedRun('pull_request', pr({ full_name: 'x/r' }))).toMatch(/fork \(x\/r\)/);
    expect(untrustedRun('pull_request', pr(null))).toMatch(/a deleted repository/);
  });
  test('a pull request from a branch of the repository, a push, a payload without a pull request: trusted', () => {
    expect(untrustedRun('pull_request', pr({ fork: false, full_name: 'o/r' }))).toBeUndefined();
    expect(untrustedRun('push', pr({ fork: true, full_name: 'x/r' }))).toBeUndefined();
    expect(untrustedRun('pull_request', undefined)).toBeUndefined();
    expect(untrustedRun('', undefined)).toBeUndefined();
  });
});

describe('save decision', () => {
  const facts: SaveFacts = { cleanup: true, save: 'on-success', useCache: true, keepVolume: false };
  const decide = (change: Partial<SaveFacts>) => saveDecision({ ...facts, ...change }, 'k');
  test('saves under the key when nothing stands against it', () => {
    expect(decide({})).toEqual({ save: true, key: 'k' });
    expect(decide({ save: 'always', untrusted: 'the event is pull_request_target' })).toEqual({ save: true, key: 'k' });
  });
  test.each([
    [{ cleanup: false }, /^cleanup is off/],
    [{ save: 'never' as const }, /^state-save is never$/],
    [{ untrusted: 'the event is pull_request_target' }, /^the event is pull_request_target, .*state-save: always would/],
    [{ useCache: false, keepVolume: true }, /kept on this machine/],
    [{ useCache: false }, /no usable cache service/],
    [{ cacheRefusal: "the runner's cache mode is 'read'" }, /cache mode is 'read'/],
  ])('%j: no save, and why', (change, reason) => {
    const d = decide(change);
    expect(d.save).toBe(false);
    expect(d.save ? '' : d.reason).toMatch(reason);
  });
});
