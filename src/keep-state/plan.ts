/**
 * keep-state's plan, made in main before the container starts: the keys this run saves under and
 * restores by, whether the cache service is usable, and what main hands to post (KeptState).
 */
import { cacheAvailable } from '../actions-cache/service.js';
import type { DockerClient } from '../engine/docker-client.js';
import type { KeepStateInputs, StatePrune, StateSave } from '../inputs/read.js';
import type { EngineFacts } from '../node/container-spec.js';
import type { Host } from '../step/host.js';
import { hasZstd } from './state-archive.js';
import { runSuffix, type StateCompat, stateKeys } from './state-key.js';

export type Restored = 'exact' | 'prefix' | 'miss' | 'disabled' | 'volume';

/** What main hands to post about the state (part of BuilderState). */
export interface KeptState {
  key: string;
  /** What bundle keys start with (the manifests' restore prefix). */
  restorePrefix: string;
  save: StateSave;
  maxBytes: number;
  prune: StatePrune;
  /** No cache service but a fixed builder name: keep the volume for the next run on this machine. */
  keepVolume: boolean;
  restored: Restored;
  /** The records' fingerprint once BuildKit was up: post saves only when it changed. */
  fingerprint?: string;
  /** When BuildKit was up (ms since the epoch): records last used before it were not used by this job. */
  usedSince?: number;
  /** A file with the restored manifest's bundles: post keeps those that are still whole. */
  previous?: string;
}

/** Engine and image facts that make up the key; all known before the container starts. */
export async function stateCompat(
  docker: DockerClient,
  image: string,
  engine: EngineFacts | undefined,
  flags: string[],
  configDigest?: string,
): Promise<StateCompat> {
  const img = await docker.getImage(image).inspect();
  return {
    imageId: img.Id,
    arch: engine?.architecture ?? 'unknown',
    storageDriver: engine?.storageDriver ?? 'unknown',
    configDigest,
    flags,
  };
}

export interface StatePlan {
  kept: KeptState;
  useCache: boolean;
}

export async function planState(opts: KeepStateInputs, compat: () => Promise<StateCompat>, host: Host): Promise<StatePlan> {
  const { key, restorePrefix } = stateKeys(opts.prefix, await compat(), runSuffix(process.env));
  let useCache = await cacheAvailable();
  if (useCache && !hasZstd()) {
    host.warning('keep-state: zstd is not installed: the state is neither restored nor saved');
    useCache = false;
  }
  const keepVolume = !useCache && opts.fixedName;
  if (!useCache && !opts.fixedName) host.warning('keep-state: no cache service and no fixed builder name: the state will not be kept');
  else if (keepVolume) host.info(`keep-state: no cache service: the state volume is kept on this machine for the next run`);
  return {
    useCache,
    kept: { key, restorePrefix, save: opts.save, maxBytes: opts.maxBytes, prune: opts.prune, keepVolume, restored: 'miss' },
  };
}
