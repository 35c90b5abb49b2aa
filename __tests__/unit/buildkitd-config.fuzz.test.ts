/**
 * Property: for any inline text, loadBuildkitdConfig either returns a config whose buildkitd.toml
 * parses back and whose digest matches it, or throws a UserError (InputError is one) with a
 * one-line message. Nothing else escapes (no TypeError, no raw TomlError, no multi-line message).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import TOML from '@iarna/toml';
import fc from 'fast-check';

import { loadBuildkitdConfig } from '../../src/inputs/buildkitd-config.js';
import { UserError } from '../../src/util/errors.js';

let cwd: string;

beforeAll(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'bkconf-fuzz-'));
  // Some generated registries point at files that exist, so the rewrite path runs too.
  fs.writeFileSync(path.join(cwd, 'ca.pem'), 'CA\n');
  fs.writeFileSync(path.join(cwd, 'key.pem'), 'KEY\n');
  fs.writeFileSync(path.join(cwd, 'cert.pem'), 'CERT\n');
  fs.mkdirSync(path.join(cwd, 'dir'));
});

afterAll(() => {
  fs.rmSync(cwd, { recursive: true, force: true });
});

/** Built-ins the TOML parser could write into if a key resolved through the prototype chain. */
const BUILT_INS: object[] = [
  Object,
  Function,
  ...Object.getOwnPropertyNames(Object.prototype).map((n) => (Object.prototype as any)[n]),
].filter((v) => typeof v === 'function');

function checkOne(text: string): void {
  checkOneInner(text);
  for (const b of BUILT_INS) {
    if (Object.keys(b).length > 0) throw new Error(`${JSON.stringify(text)} wrote into a built-in: ${Object.keys(b).join(',')}`);
  }
}

function checkOneInner(text: string): void {
  let cfg;
  try {
    cfg = loadBuildkitdConfig({ inline: text, cwd });
  } catch (err) {
    if (!(err instanceof UserError)) {
      throw new Error(`non-UserError for ${JSON.stringify(text)}: ${String(err)}`, { cause: err });
    }
    if (/[\r\n\u2028\u2029]/.test(err.message) || err.message === '') {
      throw new Error(`bad message for ${JSON.stringify(text)}: ${JSON.stringify(err.message)}`, { cause: err });
    }
    return;
  }
  if (text.trim() === '') {
    expect(cfg).toBeUndefined();
    return;
  }
  expect(cfg).toBeDefined();
  const toml = cfg!.files['buildkitd.toml']!;
  expect(cfg!.digest).toBe(createHash('sha256').update(toml).digest('hex'));
  // The rewritten file must itself be valid TOML, or buildkitd would not start.
  const written = toml.toString('utf8');
  try {
    TOML.parse(written);
  } catch (err) {
    throw new Error(`re-parse failed for ${JSON.stringify(text)} → ${JSON.stringify(written)}: ${String(err).split('\n')[0]}`, {
      cause: err,
    });
  }
  for (const name of Object.keys(cfg!.files)) {
    expect(name === 'buildkitd.toml' || name.startsWith('certs/')).toBe(true);
  }
}

const KNOWN_KEYS = [
  'debug',
  'trace',
  'root',
  'insecure-entitlements',
  'address',
  'enabled',
  'gc',
  'rootless',
  'noProcessSandbox',
  'max-parallelism',
  'platforms',
  'snapshotter',
  'gckeepstorage',
  'reservedSpace',
  'maxUsedSpace',
  'minFreeSpace',
  'keepBytes',
  'keepDuration',
  'filters',
  'all',
  'mirrors',
  'http',
  'insecure',
  'ca',
  'key',
  'cert',
  'nameservers',
  'options',
  'searchDomains',
  'maxAge',
  'maxEntries',
  'labels',
  '__proto__',
  'constructor',
];
const HEADERS = [
  '[grpc]',
  '[worker.oci]',
  '[worker.containerd]',
  '[[worker.oci.gcpolicy]]',
  '[[worker.containerd.gcpolicy]]',
  '[registry."docker.io"]',
  '[registry."myregistry.io:5000"]',
  '[[registry."myregistry.io:5000".keypair]]',
  '[registry."."]',
  '[registry.".."]',
  '[registry.""]',
  '[registry."__proto__"]',
  '[[registry."r.io".keypair]]',
  '[dns]',
  '[history]',
  '[registry]',
  '[worker]',
  '[grpc.tls]',
];
const PATHS = ['ca.pem', 'key.pem', 'cert.pem', 'missing.pem', 'dir', '', '/dev/null', '../ca.pem', 'a\nb'];

const key = fc.oneof(
  fc.constantFrom(...KNOWN_KEYS),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/),
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
);

const scalar = fc.oneof(
  fc.constantFrom(...PATHS).map((p) => JSON.stringify(p)),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.string({ maxLength: 12 }).map((s) => `'${s}'`),
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.double().map(String),
  fc.constantFrom('true', 'false', 'nan', 'inf', '-inf', '1979-05-27T07:32:00Z', '1979-05-27', '07:32:00', '4.0', '0x1F', '1_000'),
);

const value: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 3 }).map((kvs) => `{ ${kvs.map(([k, v]) => `${k} = ${v}`).join(', ')} }`),
  ),
})).value;

const line = fc.oneof(
  fc.tuple(key, value).map(([k, v]) => `${k} = ${v}`),
  fc.constantFrom(...HEADERS),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => `[${ks.join('.')}]`),
  fc.constantFrom('', '# comment', '  ', '[', ']]', '= 1', '"""', "'''"),
  fc.string({ maxLength: 20 }),
);

const document = fc.array(line, { maxLength: 12 }).map((ls) => ls.join('\n'));

/** Documents that get through the syntax check more often: known headers with well-typed values. */
const plausible = fc
  .array(
    fc.tuple(
      fc.constantFrom(...HEADERS),
      fc.array(
        fc.tuple(
          fc.constantFrom(...KNOWN_KEYS),
          fc.oneof(
            fc.constantFrom('true', '4', '"10GB"', '["linux/amd64"]'),
            fc.array(fc.constantFrom(...PATHS), { maxLength: 3 }).map((ps) => JSON.stringify(ps)),
            fc.constantFrom(...PATHS).map((p) => JSON.stringify(p)),
          ),
        ),
        { maxLength: 4 },
      ),
    ),
    { maxLength: 5 },
  )
  .map((tables) => tables.map(([h, kvs]) => [h, ...kvs.map(([k, v]) => `${k} = ${v}`)].join('\n')).join('\n\n'));

/** Registry blocks, mostly pointing at files that exist, so the read-and-rewrite path runs. */
const host = fc.oneof(fc.constantFrom('docker.io', 'myregistry.io:5000', '[::1]:5000', 'a b', '.', '..', ''), fc.string({ maxLength: 10 }));
const certPath = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('ca.pem', 'key.pem', 'cert.pem') },
  { weight: 1, arbitrary: fc.constantFrom(...PATHS) },
);
const registries = fc
  .array(
    fc.tuple(
      host,
      fc.array(certPath, { maxLength: 3 }),
      fc.array(fc.tuple(certPath, certPath), { maxLength: 2 }),
      fc.array(fc.string({ maxLength: 10 }), { maxLength: 2 }),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((regs) =>
    regs
      .map(([h, ca, pairs, mirrors]) => {
        const name = JSON.stringify(h);
        const lines = [`[registry.${name}]`, `ca = ${JSON.stringify(ca)}`, `mirrors = ${JSON.stringify(mirrors)}`];
        for (const [k, c] of pairs) lines.push(`[[registry.${name}.keypair]]`, `key = ${JSON.stringify(k)}`, `cert = ${JSON.stringify(c)}`);
        return lines.join('\n');
      })
      .join('\n'),
  );

describe('loadBuildkitdConfig fuzz', () => {
  it('registries with cert files: a result or a one-line UserError', () => {
    fc.assert(
      fc.property(registries, (text) => checkOne(text)),
      { numRuns: 2000 },
    );
  });

  it('TOML-ish documents: a result or a one-line UserError', () => {
    fc.assert(
      fc.property(document, (text) => checkOne(text)),
      { numRuns: 3000 },
    );
  });

  it('plausible configs: a result or a one-line UserError', () => {
    fc.assert(
      fc.property(plausible, (text) => checkOne(text)),
      { numRuns: 3000 },
    );
  });

  it('random strings: a result or a one-line UserError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => checkOne(text)),
      { numRuns: 3000 },
    );
  });
});
