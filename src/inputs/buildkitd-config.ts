/**
 * The `buildkitd-config` / `buildkitd-config-inline` inputs: a buildkitd.toml, loaded the way
 * `docker buildx create --config` loads it (buildx `confutil.LoadConfigFiles`):
 *
 * - the TOML is checked for the value types BuildKit's config loader would reject, so a bad config
 *   fails here, naming the key, instead of as a crash-looping buildkitd container later;
 * - every registry CA / client key pair file is read from the runner and rewritten to
 *   `/etc/buildkit/certs/<sanitized host>/<basename>`, where the container will find it;
 * - the result is re-serialized (comments and formatting are lost, as with buildx).
 *
 * Pure apart from reading files: nothing is written and nothing is logged. The caller puts `files`
 * into the container under /etc/buildkit. File modes inside the container are chosen by whoever
 * writes the tar (buildx uses 0644 files / 0755 dirs), not by this module.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import TOML from '@iarna/toml';

import { InputError, UserError } from '../util/errors.js';
import { tomlKeys } from './toml-keys.js';

export interface BuildkitdConfig {
  /** Files for the container, keyed by path relative to /etc/buildkit ("buildkitd.toml", "certs/<host>/<file>"), bytes. */
  files: Record<string, Buffer>;
  /** Contents of private keys (keypair key files), to register as secrets before anything is logged. */
  secrets: string[];
  /** The keys of `files` that hold private keys (written 0600 in the container). */
  privateFiles: string[];
  /** `debug = true` in the config. */
  debug: boolean;
  /** insecure-entitlements listed in the config (for the network.host flag rule). */
  insecureEntitlements: string[];
  /** Mirrors configured for docker.io (registry."docker.io".mirrors), as host[:port][/path] strings. */
  dockerHubMirrors: string[];
  /** Hash (sha256 hex) of the rewritten buildkitd.toml, for cache keys. */
  digest: string;
}

const INPUT_PATH = 'buildkitd-config';
const INPUT_INLINE = 'buildkitd-config-inline';

/** buildx reads at most 1 MiB of the config (`io.LimitReader`) and silently drops the rest. */
export const CONFIG_LIMIT = 1024 * 1024;
/**
 * buildx reads cert files without a limit. A bound keeps a path such as /dev/zero from eating
 * the runner's memory; real CA bundles are a few hundred KiB at most.
 */
const CERT_LIMIT = 4 * 1024 * 1024;

/** Where the container sees the files (the tar is extracted at /etc, under `buildkit/`). */
const CONTAINER_DIR = '/etc/buildkit';

/** buildx's sanitizer for the per-registry certs directory: `[^a-zA-Z0-9.-]+` → `_`. */
export function sanitizeRegistryHost(host: string): string {
  return host.replace(/[^a-zA-Z0-9.-]+/g, '_');
}

/**
 * Loads the config given by either input. Returns undefined when neither is set; throws a
 * UserError (one line, naming the input) for anything buildx or BuildKit would reject.
 */
export function loadBuildkitdConfig(opts: { path?: string; inline?: string; cwd: string }): BuildkitdConfig | undefined {
  const given = opts.path ?? '';
  const inline = opts.inline ?? '';
  if (given !== '' && inline.trim() !== '') {
    throw new InputError(INPUT_PATH, given, `set either "${INPUT_PATH}" or "${INPUT_INLINE}", not both`);
  }
  let source: Source;
  let text: string;
  if (given !== '') {
    const file = path.resolve(opts.cwd, given);
    source = { label: `input "${INPUT_PATH}" (${quote(file)})` };
    text = readConfigFile(given, file).toString('utf8');
  } else if (inline.trim() !== '') {
    source = { label: `input "${INPUT_INLINE}"` };
    if (Buffer.byteLength(inline, 'utf8') > CONFIG_LIMIT) {
      throw new UserError(`${source.label}: the config is larger than 1 MiB, the most buildx reads (it would silently cut the rest)`);
    }
    text = inline;
  } else {
    return undefined;
  }

  const doc = parseToml(text, source);
  validate(doc, CONFIG_SCHEMA, [], source);
  refuseUnwritableNumbers(doc, [], source);
  const { doc: rewritten, files, secrets, privateFiles } = rewriteRegistryFiles(doc, opts.cwd, source);
  const toml = Buffer.from(serialize(rewritten, source), 'utf8');
  return {
    files: { 'buildkitd.toml': toml, ...files },
    secrets,
    privateFiles,
    debug: doc.debug === true,
    insecureEntitlements: stringsAt(doc['insecure-entitlements']),
    dockerHubMirrors: stringsAt(tableAt(tableAt(doc.registry)?.['docker.io'])?.mirrors).map(mirrorHost),
    digest: createHash('sha256').update(toml).digest('hex'),
  };
}

/** Which input the TOML came from: `label` starts every error, e.g. `input "buildkitd-config" ("/w/bk.toml")`. */
interface Source {
  label: string;
}

type Table = Record<string, unknown>;

function readConfigFile(given: string, file: string): Buffer {
  const shown = given === file ? quote(file) : `${quote(given)} (resolved to ${quote(file)})`;
  const read = readBounded(file, CONFIG_LIMIT);
  if (!read.ok) throw new UserError(`input "${INPUT_PATH}": cannot read ${shown}: ${read.reason}`);
  if (read.tooLarge) {
    throw new UserError(`input "${INPUT_PATH}": ${shown} is larger than 1 MiB, the most buildx reads (it would silently cut the rest)`);
  }
  return read.data;
}

type ReadResult = { ok: true; data: Buffer; tooLarge: boolean } | { ok: false; reason: string };

/**
 * Reads a regular file, stopping once it is past `limit` bytes (then `tooLarge`). Devices and FIFOs are
 * refused up front: reading one could block or never end. Errors become a short reason built from
 * the error code, since Node's messages repeat the path (which may hold any character).
 */
function readBounded(file: string, limit: number): ReadResult {
  let fd: number | undefined;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) return { ok: false, reason: 'it is a directory, not a file' };
    if (!st.isFile()) return { ok: false, reason: 'it is not a regular file' };
    fd = fs.openSync(file, 'r');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const got = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      chunks.push(chunk.subarray(0, got));
      total += got;
      if (total > limit) return { ok: true, data: Buffer.alloc(0), tooLarge: true };
    }
    return { ok: true, data: Buffer.concat(chunks, total), tooLarge: false };
  } catch (err) {
    return { ok: false, reason: errnoReason(err) };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function errnoReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'ENOTDIR':
      return 'a parent of it is not a directory';
    case 'ERR_INVALID_ARG_VALUE':
    case 'ERR_INVALID_ARG_TYPE':
      return 'not a valid path (it holds a NUL character)';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return code ?? 'read error';
  }
}

/**
 * @iarna/toml 3.0.0 looks keys up through the prototype chain (`ctx[key] || Table()`), so a key
 * named like an Object.prototype member (`[constructor]`, `toString.x = 1`) makes the parser write
 * into the global `Object` or a built-in function: `[hasOwnProperty]` + `call = 1` breaks every
 * later parse in the process. BuildKit has no such keys, so keys with these names are refused before
 * the parser sees them, at any depth, as decoded (`"\u0063onstructor"` is `constructor`); comments
 * and values may say anything. `__proto__` is not among them: the parser defines it as an own key,
 * and the rest of this module keeps it one.
 */
const INHERITED_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype).filter((n) => n !== '__proto__'));
/** The cautious rule for text the key reader could not follow: the names anywhere, as words. */
const INHERITED_WORD = new RegExp(`(?<![A-Za-z0-9_$-])(${[...INHERITED_NAMES].join('|')})(?![A-Za-z0-9_$-])`);
const UNICODE_ESCAPE = /\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))/g;

function refuseParserTraps(text: string, source: Source): void {
  const refuse = (name: string, where: string): never => {
    throw new UserError(
      `${source.label}: ${where}the key ${quote(name)} cannot be used in the config (the TOML parser would mistake it for a built-in JavaScript property); BuildKit has no key of that name`,
    );
  };
  const line = (index: number): string => `line ${text.slice(0, index).split('\n').length}: `;
  const { keys, unreadFrom } = tomlKeys(text);
  const trap = keys.find((k) => INHERITED_NAMES.has(k.name));
  if (trap) refuse(trap.name, line(trap.at));
  if (unreadFrom === undefined) return;
  // Past where the reader stopped, the parser fails too, but maybe only after building a key there.
  const rest = text.slice(unreadFrom);
  const at = (index: number): string => line(unreadFrom + index);
  const name = INHERITED_WORD.exec(rest);
  if (name) refuse(name[1]!, at(name.index));
  for (const m of rest.matchAll(UNICODE_ESCAPE)) {
    const cp = parseInt(m[1] ?? m[2]!, 16);
    if (cp < 0x80 && /[A-Za-z0-9_$]/.test(String.fromCharCode(cp))) {
      throw new UserError(`${source.label}: ${at(m.index)}write ${quote(String.fromCharCode(cp))} as itself, not as the escape ${m[0]}`);
    }
  }
}

function parseToml(text: string, source: Source): Table {
  refuseParserTraps(text, source);
  try {
    return TOML.parse(text) as Table;
  } catch (err) {
    // @iarna/toml's TomlError has 0-based .line/.col and a multi-line message whose first line
    // ends in " at row R, col C, pos P:"; keep only the description, and count from 1.
    const e = err as { line?: unknown; col?: unknown; message?: unknown };
    const first = String(e.message ?? err).split(/\r?\n/)[0] ?? '';
    const what = first.replace(/ at row \d+, col \d+, pos \d+:?\s*$/, '').trim() || 'invalid TOML';
    const where = typeof e.line === 'number' && typeof e.col === 'number' ? ` at line ${e.line + 1}, column ${e.col + 1}` : '';
    throw new UserError(`${source.label}: TOML syntax error${where}: ${oneLine(what)}`);
  }
}

function serialize(doc: Table, source: Source): string {
  try {
    return TOML.stringify(doc as TOML.JsonMap);
  } catch (err) {
    // Should not happen for a parsed document; still, say which input rather than crash.
    throw new UserError(`${source.label}: cannot re-serialize the config: ${oneLine(err instanceof Error ? err.message : String(err))}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Type validation: the shapes BuildKit's config structs (cmd/buildkitd/config) decode into. A
// value of the wrong type makes buildkitd refuse to start ("failed to parse config"); unknown keys
// are ignored by BuildKit, so they are allowed here too.

type Rule =
  | 'bool'
  | 'string'
  | 'integer'
  /** DiskSpace: bytes, or a string such as "10GB" or "10%". */
  | 'size'
  /** Duration: seconds, or a string such as "48h". */
  | 'duration'
  | 'strings'
  | { table: Schema }
  | { tables: Schema }
  /** A table whose every value follows the rule (registry hosts, labels). */
  | { mapOf: Rule };
type Schema = Record<string, Rule>;

const GC_POLICY: Schema = {
  all: 'bool',
  filters: 'strings',
  keepDuration: 'duration',
  keepBytes: 'size',
  reservedSpace: 'size',
  maxUsedSpace: 'size',
  minFreeSpace: 'size',
};

/** Keys shared by [worker.oci] and [worker.containerd]. */
const WORKER: Schema = {
  enabled: 'bool',
  labels: { mapOf: 'string' },
  platforms: 'strings',
  snapshotter: 'string',
  rootless: 'bool',
  gc: 'bool',
  gckeepstorage: 'size',
  reservedSpace: 'size',
  maxUsedSpace: 'size',
  minFreeSpace: 'size',
  gcpolicy: { tables: GC_POLICY },
  'max-parallelism': 'integer',
  networkMode: 'string',
  cniConfigPath: 'string',
  cniBinaryPath: 'string',
  cniPoolSize: 'integer',
  apparmor: 'string',
  selinux: 'bool',
  defaultCgroupParent: 'string',
};

const REGISTRY: Schema = {
  mirrors: 'strings',
  http: 'bool',
  insecure: 'bool',
  ca: 'strings',
  keypair: { tables: { key: 'string', cert: 'string' } },
  tlsconfigdir: 'strings',
};

const CONFIG_SCHEMA: Schema = {
  debug: 'bool',
  trace: 'bool',
  root: 'string',
  logFormat: 'string',
  'insecure-entitlements': 'strings',
  grpc: {
    table: {
      address: 'strings',
      debugAddress: 'string',
      uid: 'integer',
      gid: 'integer',
      tls: { table: { cert: 'string', key: 'string', ca: 'string' } },
    },
  },
  worker: {
    table: {
      oci: { table: { ...WORKER, noProcessSandbox: 'bool', binary: 'string' } },
      containerd: { table: { ...WORKER, address: 'string', namespace: 'string' } },
    },
  },
  registry: { mapOf: { table: REGISTRY } },
  dns: { table: { nameservers: 'strings', options: 'strings', searchDomains: 'strings' } },
  history: { table: { maxAge: 'duration', maxEntries: 'integer' } },
};

type KeyPath = (string | number)[];

function validate(table: Table, schema: Schema, at: KeyPath, source: Source): void {
  for (const [key, rule] of Object.entries(schema)) {
    if (Object.hasOwn(table, key)) check(table[key], rule, [...at, key], source);
  }
}

function check(value: unknown, rule: Rule, at: KeyPath, source: Source): void {
  const fail = (expected: string, v: unknown = value, where: KeyPath = at): never => {
    throw new UserError(`${source.label}: ${formatKey(where)}: expected ${expected}, got ${describe(v)}`);
  };
  if (rule === 'bool') {
    if (typeof value !== 'boolean') fail('a boolean (true or false)');
  } else if (rule === 'string') {
    if (typeof value !== 'string') fail('a string');
  } else if (rule === 'integer') {
    if (!isInteger(value)) fail('an integer');
  } else if (rule === 'size') {
    if (!isInteger(value) && typeof value !== 'string') fail('an integer (bytes) or a string such as "10GB" or "10%"');
  } else if (rule === 'duration') {
    if (!isInteger(value) && typeof value !== 'string') fail('an integer (seconds) or a string such as "48h"');
  } else if (rule === 'strings') {
    if (!Array.isArray(value)) fail('an array of strings');
    (value as unknown[]).forEach((v, i) => {
      if (typeof v !== 'string') fail('a string', v, [...at, i]);
    });
  } else if ('table' in rule) {
    if (!isTable(value)) fail('a table');
    validate(value as Table, rule.table, at, source);
  } else if ('tables' in rule) {
    if (!Array.isArray(value)) fail('an array of tables');
    (value as unknown[]).forEach((v, i) => {
      if (!isTable(v)) fail('a table', v, [...at, i]);
      validate(v as Table, rule.tables, [...at, i], source);
    });
  } else {
    if (!isTable(value)) fail('a table');
    for (const [k, v] of Object.entries(value as Table)) check(v, rule.mapOf, [...at, k], source);
  }
}

/**
 * @iarna/toml's `stringify` writes a float such as 1e-7 as "1e-7.undefined" (invalid TOML), and a
 * float such as 1e20 as an integer literal beyond int64. BuildKit has no float settings, so such a
 * value can only sit under a key BuildKit ignores; refuse it rather than write a broken file.
 */
function refuseUnwritableNumbers(value: unknown, at: KeyPath, source: Source): void {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && (/e/i.test(String(value)) || Math.abs(value) >= 2 ** 63)) {
      throw new UserError(
        `${source.label}: ${formatKey(at)}: the number ${value} cannot be written back to TOML; BuildKit has no setting that takes it`,
      );
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => refuseUnwritableNumbers(v, [...at, i], source));
  } else if (isTable(value)) {
    for (const [k, v] of Object.entries(value)) refuseUnwritableNumbers(v, [...at, k], source);
  }
}

/**
 * TOML integers arrive as numbers (bigint beyond 2^53). A float with no fractional part, such as
 * `4.0`, is indistinguishable from `4` after parsing, so it passes; `4.5`, nan and inf do not.
 */
function isInteger(v: unknown): boolean {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
}

function isTable(v: unknown): v is Table {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** A short, one-line description of a TOML value, for "got ..." in errors. */
function describe(v: unknown): string {
  if (typeof v === 'string') return `a string ${quote(truncate(v))}`;
  if (typeof v === 'boolean') return `a boolean (${v})`;
  if (typeof v === 'bigint') return `an integer (${v})`;
  if (typeof v === 'number') return Number.isInteger(v) ? `an integer (${v})` : `a float (${v})`;
  if (v instanceof Date) return 'a date-time';
  if (Array.isArray(v)) return 'an array';
  return 'a table';
}

/** A TOML dotted key as the user would write it: bare where possible, quoted otherwise. */
function formatKey(at: KeyPath): string {
  let out = '';
  for (const part of at) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += (out === '' ? '' : '.') + (/^[A-Za-z0-9_-]+$/.test(part) ? part : quote(part));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Registry certificate files: read from the runner, stored under certs/<host>/, paths rewritten.

interface Rewritten {
  doc: Table;
  files: Record<string, Buffer>;
  secrets: string[];
  privateFiles: string[];
}

/** Returns a copy of the (validated) document with registry file paths rewritten. */
function rewriteRegistryFiles(doc: Table, cwd: string, source: Source): Rewritten {
  const registries = tableAt(doc.registry);
  if (!registries) return { doc, files: {}, secrets: [], privateFiles: [] };
  const files: Record<string, Buffer> = {};
  const secrets: string[] = [];
  const privateFiles: string[] = [];
  // No prototype: a registry named "__proto__" must stay an ordinary key.
  const newRegistries: Table = Object.create(null);
  for (const [host, value] of Object.entries(registries)) {
    const reg = value as Table;
    const dir = `certs/${sanitizeRegistryHost(host)}`;
    const store = (file: string, field: string, isKey: boolean): string => {
      const where = `registry ${quote(host)} ${field}`;
      if (dir === 'certs/' || dir === 'certs/.' || dir === 'certs/..') {
        throw new UserError(`${source.label}: ${where}: the registry name ${quote(host)} cannot hold certificate files`);
      }
      const data = readCertFile(file, cwd, `${source.label}: ${where}`);
      const name = `${dir}/${path.basename(file)}`;
      // buildx silently lets files with the same basename overwrite each other; refuse instead
      // when that would lose a different file.
      const earlier = files[name];
      if (earlier && !earlier.equals(data)) {
        throw new UserError(
          `${source.label}: ${where}: ${quote(file)} has the same file name as another certificate file of this registry but different contents; rename one of them`,
        );
      }
      files[name] = data;
      if (isKey) {
        if (!privateFiles.includes(name)) privateFiles.push(name);
        const secret = data.toString('utf8');
        if (secret.trim() !== '' && !secrets.includes(secret)) secrets.push(secret);
      }
      return `${CONTAINER_DIR}/${name}`;
    };
    const copy: Table = { ...reg };
    if (Array.isArray(reg.ca)) {
      copy.ca = (reg.ca as string[]).map((file, i) => store(file, `ca[${i}]`, false));
    }
    if (Array.isArray(reg.keypair)) {
      copy.keypair = (reg.keypair as Table[]).map((pair, i) => {
        const out: Table = { ...pair };
        // As in buildx, only non-empty fields are files to copy.
        if (typeof pair.key === 'string' && pair.key !== '') out.key = store(pair.key, `keypair[${i}].key`, true);
        if (typeof pair.cert === 'string' && pair.cert !== '') out.cert = store(pair.cert, `keypair[${i}].cert`, false);
        return out;
      });
    }
    newRegistries[host] = copy;
  }
  return { doc: { ...doc, registry: newRegistries }, files, secrets, privateFiles };
}

/** Reads a cert/key file from the runner; a relative path resolves against cwd, as in buildx. */
function readCertFile(file: string, cwd: string, prefix: string): Buffer {
  if (file === '') throw new UserError(`${prefix}: the path is empty`);
  const abs = path.resolve(cwd, file);
  const shown = abs === file ? quote(file) : `${quote(file)} (resolved to ${quote(abs)})`;
  const read = readBounded(abs, CERT_LIMIT);
  if (!read.ok) throw new UserError(`${prefix}: cannot read ${shown}: ${read.reason}`);
  if (read.tooLarge) throw new UserError(`${prefix}: ${shown} is larger than 4 MiB; that is not a certificate or key file`);
  return read.data;
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

function tableAt(v: unknown): Table | undefined {
  return isTable(v) ? v : undefined;
}

function stringsAt(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

/** BuildKit mirrors are host[:port][/path]; users sometimes add a scheme or a trailing slash. */
function mirrorHost(mirror: string): string {
  return mirror.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
}

/** JSON quoting, plus the two line separators JSON leaves alone: the result is always one line. */
function quote(s: string): string {
  return JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function oneLine(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

function truncate(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
