import { formatPlatform, parsePlatform, platformPair } from '../../src/util/platforms.js';
import { shellSplit } from '../../src/util/shlex.js';
import { bytesSize, durationMs, goDuration, ramInBytes } from '../../src/util/units.js';

test.each([
  ['4g', 4 * 1024 ** 3],
  ['4G', 4 * 1024 ** 3],
  ['512m', 512 * 1024 ** 2],
  ['512mb', 512 * 1024 ** 2],
  ['1.5k', 1536],
  ['1kib', 1024],
  ['100', 100],
  ['100b', 100],
  ['2 g', 2 * 1024 ** 3],
])('ramInBytes(%s)', (text, bytes) => expect(ramInBytes(text)).toBe(bytes));

test.each(['4x', '', 'g', '-1', '1ib', '1.2.3g', 'abc'])('ramInBytes(%s) is not a size', (text) =>
  expect(ramInBytes(text)).toBeUndefined(),
);

test.each([
  ['90', 90000],
  ['90s', 90000],
  ['2m', 120000],
  ['1m30s', 90000],
  ['500ms', 500],
  ['1h', 3600000],
])('durationMs(%s)', (text, ms) => expect(durationMs(text)).toBe(ms));
test.each(['', 's', '1x', '1m30', 'm1'])('durationMs(%s) is not a duration', (text) => expect(durationMs(text)).toBeUndefined());

test.each([
  ['--debug --allow-insecure-entitlement network.host', ['--debug', '--allow-insecure-entitlement', 'network.host']],
  ["--oci-worker-gc-keepstorage '10 GB'", ['--oci-worker-gc-keepstorage', '10 GB']],
  ['--a "x \\"y\\"" b\\ c', ['--a', 'x "y"', 'b c']],
  ['  ', []],
  ["''", ['']],
])('shellSplit(%s)', (text, words) => expect(shellSplit(text)).toEqual(words));
test('an open quote is undefined', () => expect(shellSplit('--a "b')).toBeUndefined());

test.each([
  ['linux/amd64', 'linux/amd64'],
  ['arm64', 'linux/arm64'],
  ['linux/aarch64', 'linux/arm64'],
  ['linux/arm64/v8', 'linux/arm64'],
  ['linux/arm', 'linux/arm/v7'],
  ['linux/arm/v6', 'linux/arm/v6'],
  ['linux/x86_64', 'linux/amd64'],
  ['linux/amd64/v3', 'linux/amd64/v3'],
  ['LINUX/RISCV64', 'linux/riscv64'],
  ['windows/amd64', 'windows/amd64'],
])('parsePlatform(%s)', (text, normal) => expect(formatPlatform(parsePlatform(text)!)).toBe(normal));
test.each(['linux/sparc', 'beos/amd64', 'linux/arm/v9', 'linux/', '/amd64', 'a/b/c/d', ''])('parsePlatform(%s) is unknown', (text) =>
  expect(parsePlatform(text)).toBeUndefined(),
);

test('platformPair: slashes become dashes, several platforms are joined by _', () => {
  expect(platformPair(['linux/arm64'])).toBe('linux-arm64');
  expect(platformPair(['linux/amd64', 'linux/arm/v7'])).toBe('linux-amd64_linux-arm-v7');
  expect(platformPair([])).toBe('');
});

// Go's time.Duration.String() and go-units BytesSize, as buildx inspect prints GC policies.
test.each([
  [0, '0s'],
  [172800e9, '48h0m0s'],
  [90e9, '1m30s'],
  [1.5e9, '1.5s'],
  [500e6, '500ms'],
  [1500, '1.5µs'],
  [999, '999ns'],
  [3600e9 + 1e9, '1h0m1s'],
])('goDuration(%d) is %s', (ns, text) => expect(goDuration(ns)).toBe(text));

test.each([
  [0, '0B'],
  [1000, '1000B'],
  [1024, '1KiB'],
  [512 * 1024 ** 2, '512MiB'],
  [2e9, '1.863GiB'],
  [512000000, '488.3MiB'],
  [1023.9 * 1024, '1024KiB'],
  [10 * 1024 ** 4, '10TiB'],
])('bytesSize(%d) is %s', (bytes, text) => expect(bytesSize(bytes)).toBe(text));
