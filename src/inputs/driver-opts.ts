/**
 * The `driver-opts` input: docker-container driver options, validated as buildx's driver factory
 * validates them, but before anything is created, with errors that name the input and the value.
 */
import { parse } from 'csv-parse/sync';

import { InputError } from '../util/errors.js';
import { goBool, ramInBytes } from '../util/units.js';
import { type KubernetesOpts, parseKubernetesOpts } from './kubernetes-opts.js';

const INPUT = 'driver-opts';

/** The remote driver's mutual TLS: buildx's driver-opts cacert, cert, key (absolute paths) and servername. */
export interface RemoteTls {
  caCert?: string;
  cert?: string;
  key?: string;
  serverName?: string;
  /** Certificates given through BUILDER_NODE_<i>_AUTH_TLS_*: absolute path → PEM, written before the node connects. */
  files: Record<string, string>;
}

interface RestartPolicy {
  Name: string;
  MaximumRetryCount: number;
}

export interface DriverOpts {
  image?: string;
  network?: string;
  memory?: number;
  memorySwap?: number;
  cpuQuota?: number;
  cpuPeriod?: number;
  cpuShares?: number;
  cpusetCpus?: string;
  cpusetMems?: string;
  cgroupParent?: string;
  restartPolicy?: RestartPolicy;
  defaultLoad?: boolean;
  provenanceAddGha?: boolean;
  allowUntrustedImage?: boolean;
  env: Record<string, string>;
  /** The remote driver's TLS (drivers.ts), instead of the container options. */
  remote?: RemoteTls;
  /** The options exactly as given (key → value), for the buildx store entry. */
  given: Record<string, string>;
  /** A kubernetes node's options (driver: kubernetes); the fields above then hold only image, default-load and env. */
  kubernetes?: KubernetesOpts;
}

/** The drivers whose options this module parses. */
export type OptsDriver = 'docker-container' | 'kubernetes';

/** Every key buildx's docker-container driver knows, with the buildx release that introduced it. */
export const DRIVER_OPT_SINCE: Record<string, string> = {
  image: '0.3.0',
  network: '0.3.0',
  'cgroup-parent': '0.7.0',
  memory: '0.12.0',
  'memory-swap': '0.12.0',
  'cpu-quota': '0.12.0',
  'cpu-period': '0.12.0',
  'cpu-shares': '0.12.0',
  'cpuset-cpus': '0.12.0',
  'cpuset-mems': '0.12.0',
  'restart-policy': '0.13.0',
  'default-load': '0.14.0',
  'provenance-add-gha': '0.30.0',
  'allow-untrusted-image': '0.36.0',
  'env.': '0.4.0',
};
const ACCEPTED_KEYS = Object.keys(DRIVER_OPT_SINCE)
  .map((k) => (k === 'env.' ? 'env.<KEY>' : k))
  .join(', ');
/**
 * The error for a bad option. `env.*` values are often secrets and are not masked yet when the input
 * is parsed, so the quoted value never shows them.
 */
function optError(value: string, accepted: string): InputError {
  return new InputError(INPUT, value.replace(/(env\.[^=,"\s]*=)[^,"\n]*/g, '$1***'), accepted);
}

const RESTART_POLICIES = ['no', 'always', 'on-failure', 'unless-stopped'];
const CPUSET = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

/** What csv-parse's error means for a driver-opts line, in the words of the other errors here. */
function csvProblem(err: unknown): string {
  const quoteWhole = 'quote the whole field, as in "env.X=a,b"';
  switch ((err as { code?: string }).code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `a quoted field is not closed; ${quoteWhole}`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `text after a closing quote; ${quoteWhole}`;
    case 'CSV_INVALID_OPENING_QUOTE':
      return `a quote inside an unquoted field; ${quoteWhole}`;
    default:
      return `not CSV as buildx reads it; ${quoteWhole}`;
  }
}

/**
 * Splits the input into `key=value` fields: one or more per line, comma-separated as buildx's CSV
 * reader does (csv-parse, RFC 4180 as Go's encoding/csv): a field wrapped in double quotes may hold
 * commas and `""` is a literal quote. Spaces around a field are dropped, as are empty fields.
 */
export function splitDriverOpts(text: string): string[] {
  const fields: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    let records: string[][];
    try {
      records = parse(line, { trim: true, relax_column_count: true });
    } catch (err) {
      throw optError(line, csvProblem(err));
    }
    for (const field of records.flat()) if (field !== '') fields.push(field);
  }
  return fields;
}

function integer(key: string, value: string): number {
  if (!/^[+-]?\d+$/.test(value)) throw optError(`${key}=${value}`, `${key} must be an integer`);
  return exact(key, value, Number(value));
}

function bytes(key: string, value: string): number {
  const n = ramInBytes(value);
  if (n === undefined) throw optError(`${key}=${value}`, `${key} must be a size such as 512m, 4g or 1073741824 (units b, k, m, g, t, p)`);
  return exact(key, value, n);
}

/** A number the engine gets exactly: JSON numbers beyond 2^53 are rounded, beyond int64 refused. */
function exact(key: string, value: string, n: number): number {
  if (!Number.isSafeInteger(n)) throw optError(`${key}=${value}`, `${key} is too large (at most ${Number.MAX_SAFE_INTEGER})`);
  return n;
}

function bool(key: string, value: string): boolean {
  const parsed = goBool(value);
  if (parsed === undefined) throw optError(`${key}=${value}`, `${key} must be true or false`);
  return parsed;
}

function restartPolicy(value: string): RestartPolicy {
  if (value === '') return { Name: '', MaximumRetryCount: 0 };
  const [name, count, ...rest] = value.split(':');
  const accepted = `restart-policy must be one of ${RESTART_POLICIES.join(', ')}, with an optional :<max retries> for on-failure`;
  if (rest.length > 0 || !RESTART_POLICIES.includes(name)) throw optError(`restart-policy=${value}`, accepted);
  if (count === undefined) return { Name: name, MaximumRetryCount: 0 };
  if (name !== 'on-failure' || !/^\d+$/.test(count)) throw optError(`restart-policy=${value}`, accepted);
  return { Name: name, MaximumRetryCount: Number(count) };
}

function cpuset(key: string, value: string): string {
  if (!CPUSET.test(value))
    throw optError(`${key}=${value}`, `${key} must be a list of CPU or memory-node numbers and ranges such as 0-3 or 0,2`);
  return value;
}

/** The options of a node of `driver`; docker-container's unless said. */
export function parseDriverOpts(text: string, driver: OptsDriver = 'docker-container'): DriverOpts {
  if (driver === 'kubernetes') return kubernetesDriverOpts(text);
  const opts: DriverOpts = { env: {}, given: {} };
  for (const field of splitDriverOpts(text)) {
    const eq = field.indexOf('=');
    if (eq <= 0) throw optError(field, 'each option must be key=value');
    const key = field.slice(0, eq);
    const value = field.slice(eq + 1);
    if (key.startsWith('env.')) {
      const name = key.slice(4);
      if (name === '' || name.includes('=')) throw optError(field, 'env options are env.<NAME>=<value> with a non-empty NAME');
      opts.env[name] = value;
      opts.given[key] = value;
      continue;
    }
    switch (key) {
      case 'image':
        if (value === '') throw optError(field, 'image must name an image');
        opts.image = value;
        break;
      case 'network':
        opts.network = value;
        break;
      case 'cgroup-parent':
        opts.cgroupParent = value;
        break;
      case 'memory':
        opts.memory = bytes(key, value);
        break;
      case 'memory-swap':
        opts.memorySwap = value === '-1' ? -1 : bytes(key, value);
        break;
      case 'cpu-quota':
        opts.cpuQuota = integer(key, value);
        break;
      case 'cpu-period':
        opts.cpuPeriod = integer(key, value);
        break;
      case 'cpu-shares':
        opts.cpuShares = integer(key, value);
        break;
      case 'cpuset-cpus':
        opts.cpusetCpus = cpuset(key, value);
        break;
      case 'cpuset-mems':
        opts.cpusetMems = cpuset(key, value);
        break;
      case 'restart-policy':
        opts.restartPolicy = restartPolicy(value);
        break;
      case 'default-load':
        opts.defaultLoad = bool(key, value);
        break;
      case 'provenance-add-gha':
        opts.provenanceAddGha = bool(key, value);
        break;
      case 'allow-untrusted-image':
        opts.allowUntrustedImage = bool(key, value);
        break;
      default:
        throw optError(field, `unknown option "${key}"; the docker-container driver accepts ${ACCEPTED_KEYS}`);
    }
    opts.given[key] = value;
  }
  return opts;
}

function kubernetesDriverOpts(text: string): DriverOpts {
  const given: Record<string, string> = {};
  for (const field of splitDriverOpts(text)) {
    const eq = field.indexOf('=');
    if (eq <= 0) throw optError(field, 'each option must be key=value');
    given[field.slice(0, eq)] = field.slice(eq + 1);
  }
  const kubernetes = parseKubernetesOpts(given);
  return { image: kubernetes.image, defaultLoad: kubernetes.defaultLoad, env: kubernetes.env, given, kubernetes };
}
