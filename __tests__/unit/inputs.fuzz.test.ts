/**
 * Bad input, at volume (issue 7): thousands of generated inputs (driver-opts strings mixing valid
 * keys, garbage, quotes, commas, newlines and any unicode; platform lists; names; buildkitd-flags;
 * durations; booleans; pull policies; qemu platforms) go through readInputs with a fake Host. Each
 * either parses into sane values or throws a UserError (InputError is one) whose message is one line.
 * Nothing else is thrown. The buildkitd config inputs stay empty (buildkitd-config.fuzz.test.ts).
 */
import fc from 'fast-check';

import { readInputs } from '../../src/inputs/read.js';
import { parseQemuInputs } from '../../src/node/qemu.js';
import type { Host } from '../../src/step/host.js';
import { UserError } from '../../src/util/errors.js';

function fakeHost(inputs: Record<string, string>): Host {
  // As @actions/core's getInput: the value trimmed, '' when unset.
  return { input: (n: string) => (inputs[n] ?? '').trim() } as Host;
}

/** A line break of any kind, as a log viewer might show one. */
const LINE_BREAK = /[\r\n\u2028\u2029\u0085]/;

function visible(s: string): string {
  return JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Runs `f`; fails the property on anything but a one-line UserError. Returns the result or undefined. */
function parsesOrOneLineError<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (err) {
    if (!(err instanceof UserError))
      throw new Error(`not a UserError: ${err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err)}`, {
        cause: err,
      });
    if (LINE_BREAK.test(err.message)) throw new Error(`multi-line message: ${visible(err.message)}`, { cause: err });
    if (err.message.trim() === '') throw new Error('empty message', { cause: err });
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Generators.

const anyText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom('', ' ', '\t', '"', '""', ',', '=', '\n', '\r', '\r\n', '\u2028', '\u0085', '\\', "'", '\u0000', '😀', 'é', '\ud800'),
);
const digits = fc.stringMatching(/^[+-]?\d{1,25}(\.\d{1,3})?$/);
const size = fc.oneof(
  digits,
  fc
    .tuple(fc.nat({ max: 100000 }), fc.constantFrom('', 'b', 'k', 'm', 'g', 't', 'p', 'kb', 'MiB', 'gib', ' g', 'x', 'ib'))
    .map(([n, u]) => `${n}${u}`),
);
const KEYS = [
  'image',
  'network',
  'memory',
  'memory-swap',
  'cpu-quota',
  'cpu-period',
  'cpu-shares',
  'cpuset-cpus',
  'cpuset-mems',
  'cgroup-parent',
  'restart-policy',
  'default-load',
  'provenance-add-gha',
  'allow-untrusted-image',
];
const value = fc.oneof(
  anyText,
  size,
  fc.constantFrom(
    'host',
    'none',
    'bridge',
    'true',
    'false',
    'TRUE',
    '1',
    '0',
    'on-failure:3',
    'always',
    'no',
    'unless-stopped',
    'on-failure:x',
    'always:2',
    '0-3',
    '0,2',
    '3-',
    '-1',
  ),
  fc.constantFrom('moby/buildkit:buildx-stable-1', 'a,b', 'x=y', '"q"'),
);
const key = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/).map((k) => `env.${k}`) },
  { weight: 1, arbitrary: anyText.map((k) => `env.${k}`) },
  { weight: 1, arbitrary: anyText },
);
const unquotedField = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(key, value).map(([k, v]) => `${k}=${v}`) },
  { weight: 1, arbitrary: anyText },
  { weight: 1, arbitrary: key },
);
/** buildx CSV quoting: "…" may hold commas and "" for a quote; sometimes broken on purpose. */
const quotedField = fc
  .tuple(unquotedField, fc.constantFrom('', '', ' ', 'x', '"', ','))
  .map(([f, after]) => `"${f.replace(/"/g, '""')}"${after}`);
const brokenQuote = unquotedField.map((f) => `"${f}`);
const field = fc.oneof(
  { weight: 6, arbitrary: unquotedField },
  { weight: 2, arbitrary: quotedField },
  { weight: 1, arbitrary: brokenQuote },
);
const line = fc.array(field, { maxLength: 4 }).chain((fields) => fc.constantFrom(',', ', ', ' ,', ',,').map((sep) => fields.join(sep)));
const driverOpts = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.array(line, { maxLength: 4 }).chain((lines) => fc.constantFrom('\n', '\r\n', '\n\n', '\r').map((nl) => lines.join(nl))),
  },
  { weight: 1, arbitrary: anyText },
);

const platformItem = fc.oneof(
  fc.constantFrom(
    'linux/amd64',
    'linux/arm64',
    'arm64',
    'linux/arm/v7',
    'linux/arm/v9',
    'armhf',
    'x86_64',
    'windows/amd64',
    'linux/sparc',
    'linux//amd64',
    '/',
    'LINUX/AMD64',
    'linux/arm64/v8',
    'linux/amd64/v3/x',
    'all',
  ),
  anyText,
);
const platforms = fc
  .array(platformItem, { maxLength: 5 })
  .chain((items) => fc.constantFrom(',', '\n', ', ', ',\r\n').map((sep) => items.join(sep)));

const name = fc.oneof(
  fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9._-]{0,20}$/),
  fc.constantFrom('', 'default', '0day', 'a b', 'ci', '-x', 'x/y', 'é', 'DEFAULT'),
  anyText,
);
const flags = fc.oneof(
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '--debug',
          '--allow-insecure-entitlement',
          'network.host',
          "'a b'",
          '"c d"',
          '"open',
          "'open",
          '\\',
          'x\\ y',
          '"a\\"b"',
          '--oci-worker-gc=false',
        ),
        anyText,
      ),
      { maxLength: 6 },
    )
    .map((w) => w.join(' ')),
  anyText,
);
const duration = fc.oneof(
  fc.tuple(fc.nat({ max: 1000 }), fc.constantFrom('', 's', 'm', 'h', 'ms', 'm30s', 'x', '.5s', 'd')).map(([n, u]) => `${n}${u}`),
  digits,
  fc.constantFrom('0', '0s', '-1', '1e3', 'NaN', 'Infinity', '1m1m', 's', '', ' 90 ', '9'.repeat(400)),
  anyText,
);
const bool = fc.oneof(fc.constantFrom('', 'true', 'false', 'True', 'FALSE', 'yes', '1', 'tRue'), anyText);
const pullPolicy = fc.oneof(fc.constantFrom('', 'always', 'missing', 'never', 'Always'), anyText);

const inputs = fc.record(
  {
    name,
    driver: fc.oneof(fc.constantFrom('', 'docker-container', 'docker', 'remote', 'kubernetes'), anyText),
    'driver-opts': driverOpts,
    'buildkitd-flags': flags,
    platforms,
    use: bool,
    cleanup: bool,
    'bootstrap-timeout': duration,
    'pull-policy': pullPolicy,
  },
  { requiredKeys: [] },
);

// ---------------------------------------------------------------------------------------------

const SAFE_NUMBERS = ['memory', 'memorySwap', 'cpuQuota', 'cpuPeriod', 'cpuShares'] as const;

test('readInputs: every generated input parses into sane values or throws a one-line UserError', () => {
  fc.assert(
    fc.property(inputs, (given) => {
      const parsed = parsesOrOneLineError(() => readInputs(fakeHost(given)));
      if (!parsed) return;
      expect(parsed.name).toMatch(/^[a-zA-Z][a-zA-Z0-9._-]*$/);
      expect(['docker-container', 'remote', 'docker', 'kubernetes']).toContain(parsed.driver);
      expect(Number.isFinite(parsed.bootstrapTimeoutMs) && parsed.bootstrapTimeoutMs > 0).toBe(true);
      for (const k of SAFE_NUMBERS) {
        const n = parsed.driverOpts[k];
        if (n !== undefined) expect(Number.isSafeInteger(n)).toBe(true);
      }
      expect(Array.isArray(parsed.buildkitdFlags)).toBe(true);
      for (const [k, v] of Object.entries(parsed.driverOpts.env)) {
        expect(k).not.toBe('');
        expect(typeof v).toBe('string');
      }
    }),
    { numRuns: 6000 },
  );
});

/** One input at a time, the others unset: both outcomes happen often, and a value that parses is checked. */
test.each<[string, fc.Arbitrary<string>, number]>([
  ['driver-opts', driverOpts, 8000],
  ['platforms', platforms, 2000],
  ['name', name, 2000],
  ['buildkitd-flags', flags, 2000],
  ['bootstrap-timeout', duration, 2000],
  ['use', bool, 500],
  ['pull-policy', pullPolicy, 500],
])('%s alone: generated values parse into sane values or give one line', (input, arbitrary, numRuns) => {
  const seen = { parsed: 0, refused: 0 };
  fc.assert(
    fc.property(arbitrary, (text) => {
      const parsed = parsesOrOneLineError(() => readInputs(fakeHost({ [input]: text })));
      seen[parsed ? 'parsed' : 'refused']++;
      if (!parsed) return;
      expect(Number.isFinite(parsed.bootstrapTimeoutMs) && parsed.bootstrapTimeoutMs > 0).toBe(true);
      for (const k of SAFE_NUMBERS) {
        const n = parsed.driverOpts[k];
        if (n !== undefined) expect(Number.isSafeInteger(n)).toBe(true);
      }
    }),
    { numRuns },
  );
  // Both branches are exercised (the generators are not all garbage, nor all valid).
  expect(seen.parsed).toBeGreaterThan(numRuns / 50);
  expect(seen.refused).toBeGreaterThan(numRuns / 50);
});

test('qemu inputs: generated platform lists and switches parse or give one line', () => {
  fc.assert(
    fc.property(fc.oneof(bool, fc.constant('auto')), platforms, platforms, (qemu, list, declared) => {
      const decl = parsesOrOneLineError(() => readInputs(fakeHost({ platforms: declared })))?.platforms ?? [];
      parsesOrOneLineError(() => parseQemuInputs({ qemu, platforms: list.trim(), image: '' }, decl));
    }),
    { numRuns: 3000 },
  );
});

test('known one-liners: CR, U+2028 and NEL inside a value stay escaped in the message', () => {
  for (const text of ['colour\r=blue', 'memory=4\u2028g', 'x\u2028=1', '"a"\u2029b', 'env.=\u0085']) {
    parsesOrOneLineError(() => readInputs(fakeHost({ 'driver-opts': text })));
  }
  for (const n of ['a\u2028b', 'x\ry']) parsesOrOneLineError(() => readInputs(fakeHost({ name: n })));
});
