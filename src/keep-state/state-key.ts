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
  /** What a restore matches by prefix: the newest compatible state of any earlier run. */
  restorePrefix: string;
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

export function stateKeys(prefix: string, compat: StateCompat, run: string): StateKeys {
  // The architecture and driver stay readable in the key, for whoever browses the cache list.
  const restorePrefix = `${prefix}-${clean(compat.arch)}-${clean(compat.storageDriver)}-${compatHash(compat)}-`;
  return { key: `${restorePrefix}${run}`.slice(0, KEY_LIMIT), restorePrefix };
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
