/**
 * keep-state's names for things, as pure functions: the cache key a run saves under, the prefix it
 * restores by, and a fingerprint of BuildKit's records that tells whether anything changed.
 *
 * Cache keys are immutable (a second save of a key is a 409), so every run saves under a key of its
 * own, `<prefix>-<compat>-<run>`, and restores the newest entry that starts with `<prefix>-<compat>-`.
 * That entry is the manifest; the pieces it names are entries of their own (`partKey`).
 */
import { createHash } from 'node:crypto';

/** What makes a saved state unusable by another builder, all known before BuildKit starts. */
export interface StateCompat {
  /** The BuildKit image's ID: pins the BuildKit version, whose on-disk formats migrate one way. */
  imageId: string;
  /** The engine's architecture: snapshots hold binaries of it. */
  arch: string;
  /**
   * The engine's storage driver: BuildKit's `auto` snapshotter (overlayfs, fuse-overlayfs, native)
   * follows what the volume's filesystem allows, and the worker's directory is named after it.
   */
  storageDriver: string;
  /** sha256 of the rewritten buildkitd.toml (snapshotter, worker and GC settings live there). */
  configDigest?: string;
  /** buildkitd's arguments (--oci-worker-snapshotter and the like). */
  flags: string[];
}

/** The variables of the run that make a key unique; outside Actions a clock stands in. */
export interface RunIds {
  GITHUB_RUN_ID?: string;
  GITHUB_RUN_ATTEMPT?: string;
  GITHUB_JOB?: string;
}

export interface StateKeys {
  /** The key this run saves under. */
  key: string;
  /** What every compatible state's keys start with, whichever leg saved it; the pieces' keys live under it. */
  restorePrefix: string;
  /**
   * What a restore matches by prefix, in order: this leg's newest state, then (a first run of a new
   * leg) the newest compatible state of any leg.
   */
  restoreKeys: string[];
}

/** @actions/cache refuses keys over 512 characters and keys with commas. */
export const KEY_LIMIT = 512;

function clean(part: string): string {
  return part.replace(/[^A-Za-z0-9._]+/g, '_');
}

export function compatHash(compat: StateCompat): string {
  const h = createHash('sha256');
  for (const part of [compat.imageId, compat.storageDriver, compat.configDigest ?? '', ...compat.flags]) h.update(`${part}\0`);
  return h.digest('hex').slice(0, 16);
}

export function runSuffix(env: RunIds, now: () => number = Date.now): string {
  if (!env.GITHUB_RUN_ID) return `local-${now()}`;
  return [env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT || '1', env.GITHUB_JOB]
    .filter(Boolean)
    .map((p) => clean(p!))
    .join('-');
}

/** JSON with every object's keys sorted: the same matrix values give the same text, however printed. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * A matrix leg's name in the key (the `state-leg` input, by default `toJSON(matrix)`): a hash of its
 * matrix values, '' outside a matrix (`null` or nothing). The values, not `strategy.job-index`: an
 * index shifts to another leg when a matrix gains or loses a value, and each leg would then restore
 * its neighbour's state; the values stay with the leg. A value that is not JSON is hashed as it is.
 */
export function legId(leg: string): string {
  const text = leg.trim();
  if (text === '' || text === 'null') return '';
  let canonical = text;
  try {
    canonical = canonicalJson(JSON.parse(text));
  } catch {
    // Not JSON (set by hand, or from the command line): its text is its identity.
  }
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

/**
 * `<prefix>-<arch>-<driver>-<compat>-[leg-<leg>-]<run>`: each leg of a matrix restores the newest
 * state of its own leg first, and only then, as a first run of a new leg, any leg's.
 */
export function stateKeys(prefix: string, compat: StateCompat, run: string, leg = ''): StateKeys {
  // The architecture and driver stay readable in the key, for whoever browses the cache list.
  const restorePrefix = `${prefix}-${clean(compat.arch)}-${clean(compat.storageDriver)}-${compatHash(compat)}-`;
  const legPrefix = leg ? `${restorePrefix}leg-${leg}-` : restorePrefix;
  return {
    key: `${legPrefix}${run}`.slice(0, KEY_LIMIT),
    restorePrefix,
    restoreKeys: leg ? [legPrefix, restorePrefix] : [restorePrefix],
  };
}

/**
 * What the keys of every part of a bundle start with (see state-pieces.ts): under the restore
 * prefix, so that they share the state's compatibility, but never matched by it, because each part
 * has its own path and @actions/cache makes the path part of the cache version.
 */
export function bundleKeyPrefix(restorePrefix: string, bundleId: string): string {
  return `${restorePrefix}piece-${bundleId}-`;
}

/** Part k (from 0) of an upload of a bundle: `<bundle prefix><tag>-<k + 1>of<parts>`. */
export function partKey(restorePrefix: string, bundle: { id: string; tag: string; parts: number }, k: number): string {
  return `${bundleKeyPrefix(restorePrefix, bundle.id)}${bundle.tag}-${k + 1}of${bundle.parts}`;
}

/** The upload a first part's key names (after the bundle's prefix), or undefined when it is not one. */
export function parseFirstPartKey(rest: string): { tag: string; parts: number } | undefined {
  const m = /^([0-9a-f]{12})-1of([1-9]\d*)$/.exec(rest);
  return m ? { tag: m[1], parts: Number(m[2]) } : undefined;
}

/** One record of `buildctl du --format '{{json .}}'`. */
export interface DuRecord {
  id: string;
  size: number;
  lastUsedAt?: string;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Equal before and after the job's builds when they added and removed nothing, so that a fully
 * cached job does not upload the same state again. Builds refresh "last used" times, which GC rule #0
 * reads (cache mounts unused for 48 h go first); the day of the newest use is part of the
 * fingerprint so that a daily job still saves once a day and restored records never look older
 * than about a day to that rule.
 */
export function recordsFingerprint(records: DuRecord[]): string {
  const h = createHash('sha256');
  for (const r of [...records].sort((a, b) => a.id.localeCompare(b.id))) h.update(`${r.id}:${r.size}\n`);
  const newest = Math.max(0, ...records.map((r) => Date.parse(r.lastUsedAt ?? '') || 0));
  h.update(`day:${Math.floor(newest / DAY_MS)}`);
  return h.digest('hex');
}

export function totalSize(records: DuRecord[]): number {
  return records.reduce((sum, r) => sum + (r.size > 0 ? r.size : 0), 0);
}
