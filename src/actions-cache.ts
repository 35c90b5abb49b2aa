/**
 * The Actions cache service, through @actions/cache, for the files the action carries from run to
 * run (the builder's state, cached images): each kind goes through one fixed path, because
 * @actions/cache makes the path part of the cache version, so it must be the same in every run: not
 * under RUNNER_TEMP, which is a fresh directory per run under act and differs between self-hosted
 * runners. Jobs of several runners on one machine share that path, so each use holds a lock.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { UserError } from './errors.js';

/**
 * @actions/cache (with the Azure SDK under it) is loaded only when a cache is used: loading it costs
 * about a third of a second at every start of the action otherwise.
 */
const actionsCache = () => import('@actions/cache');

/** The fixed path for one kind of cached file (`state`, `image-<hash>`), under the system's temp dir. */
export function sharedPath(kind: string, file: string): string {
  return path.join(os.tmpdir(), `setup-buildkit-${kind}`, file);
}

/**
 * Runs `work` while holding a lock directory next to `shared` (mkdir is atomic). A lock older than
 * ten minutes belongs to a job that died, and is taken over.
 */
async function withLock<T>(shared: string, work: () => Promise<T>): Promise<T> {
  const lock = `${shared}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })!.mtimeMs;
      if (age > 600000) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The cache service answers (the runner gives JavaScript actions its URL and token). */
export async function cacheAvailable(): Promise<boolean> {
  try {
    return (await actionsCache()).isFeatureAvailable();
  } catch {
    return false;
  }
}

/**
 * Fetches the entry of `key`, or the newest one under a prefix of `restoreKeys`, through `shared`
 * into this job's own file `dest`. Returns the key that matched, or undefined on a miss.
 */
export async function restoreFile(shared: string, dest: string, key: string, restoreKeys: string[]): Promise<string | undefined> {
  const cache = await actionsCache();
  return withLock(shared, async () => {
    fs.rmSync(shared, { force: true });
    const matched = await cache.restoreCache([shared], key, restoreKeys);
    if (!matched || !fs.existsSync(shared)) return undefined;
    fs.renameSync(shared, dest);
    return matched;
  });
}

/** Saves this job's file `src` under `key`, through `shared`; `src` is gone afterwards. */
export async function saveFile(shared: string, src: string, key: string): Promise<void> {
  const cache = await actionsCache();
  const id = await withLock(shared, async () => {
    fs.renameSync(src, shared);
    try {
      return await cache.saveCache([shared], key);
    } finally {
      fs.rmSync(shared, { force: true });
    }
  });
  if (id === -1) throw new UserError(`the cache service did not take key ${key} (see the message above)`);
}

/**
 * The key of the entry that a restore of `key`, or else of the newest entry under a prefix in
 * `restoreKeys`, would fetch; undefined when none. A lookup: nothing is downloaded.
 */
export async function cacheLookup(shared: string, key: string, restoreKeys: string[] = []): Promise<string | undefined> {
  const cache = await actionsCache();
  return cache.restoreCache([shared], key, restoreKeys, { lookupOnly: true });
}

/** Whether an entry of exactly `key` exists (a lookup: nothing is downloaded). */
export async function cacheHas(shared: string, key: string): Promise<boolean> {
  return (await cacheLookup(shared, key)) === key;
}
