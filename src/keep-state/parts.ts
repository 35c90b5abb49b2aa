/**
 * keep-state's transport: the cache entries a state travels in (the manifest and every part of every
 * bundle, see state-pieces.ts), the fixed paths they go through, and how many go at once.
 */
import { cacheHas, sharedPath } from '../actions-cache/service.js';
import { partKey } from './state-key.js';
import type { StoredBundle } from './state-pieces.js';

/**
 * The fixed paths entries go through (see actions-cache/service.ts): the manifest's, and one per part of a
 * bundle, named after it (its key names it too, so a path per part costs nothing, and the parts of
 * one bundle download side by side). Each job works on its own copy next to it.
 */
/** @public (bench/state-stages.mjs fetches through the same paths) */
export const MANIFEST_PATH = sharedPath('state', 'manifest');

/** @public (bench/state-stages.mjs) */
export function partPath(bundleId: string, k: number): string {
  return sharedPath('state', `piece-${bundleId}.${k + 1}.tar.zst`);
}

export interface Part {
  bundle: StoredBundle;
  /** From 0. */
  k: number;
}

/** @public (bench/state-stages.mjs) */
export function partsOf(bundles: StoredBundle[]): Part[] {
  return bundles.flatMap((bundle) => Array.from({ length: bundle.parts }, (_, k) => ({ bundle, k })));
}

export function partInCache(restorePrefix: string, p: Part): Promise<boolean> {
  return cacheHas(partPath(p.bundle.id, p.k), partKey(restorePrefix, p.bundle, p.k));
}

export function ownCopy(shared: string): string {
  return `${shared}.${process.pid}`;
}

/** Parts looked up at once, and uploaded at once: the service rate-limits, the runner has few cores. */
export const LOOKUPS = 8;
export const UPLOADS = 3;

/**
 * fn over items, at most `limit` at a time, results in order. After the first failure nothing new
 * starts; it rejects with that failure once the running ones have settled.
 * @public (bench/state-stages.mjs)
 */
export async function inParallel<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.err;
  return results;
}
