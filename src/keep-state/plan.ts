/**
 * keep-state's plan, made in main before the container starts: the keys this run saves under and
 * restores by, whether the cache service is usable, and what main hands to post (KeptState).
 */
import * as fs from 'node:fs';

import { cacheAvailable, cacheWriteRefusal } from '../actions-cache/service.js';
import type { DockerClient } from '../engine/docker-client.js';
import type { KeepStateInputs, StatePrune, StateSave } from '../inputs/read.js';
import type { EngineFacts } from '../node/container-spec.js';
import type { Host } from '../step/host.js';
import { type PullRequestEvent, saveDecision, untrustedRun } from './save-policy.js';
import { hasZstd } from './state-archive.js';
import { legId, runSuffix, type StateCompat, stateKeys } from './state-key.js';

export type Restored = 'exact' | 'prefix' | 'miss' | 'disabled' | 'volume';

/** What main hands to post about the state (part of BuilderState). */
export interface KeptState {
  key: string;
  /** What every compatible state's keys start with, whichever leg saved it; bundle keys start with it too. */
  restorePrefix: string;
  /** The manifest's restore keys: this leg's prefix, then any leg's (see stateKeys). */
  restoreKeys: string[];
  /** Why this run does not save, decided in main (saveDecision) and said there once; undefined when it saves. */
  noSave?: string;
  /** The run is not trusted to write a state (untrustedRun): a volume kept on this machine goes too. */
  untrusted?: string;
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

/** The event's payload (GITHUB_EVENT_PATH), when the runner wrote one that reads as JSON. */
function eventPayload(env: NodeJS.ProcessEnv): PullRequestEvent | undefined {
  if (!env.GITHUB_EVENT_PATH) return undefined;
  try {
    return JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as PullRequestEvent;
  } catch {
    return undefined;
  }
}

export async function planState(opts: KeepStateInputs, compat: () => Promise<StateCompat>, host: Host): Promise<StatePlan> {
  const { key, restorePrefix, restoreKeys } = stateKeys(opts.prefix, await compat(), runSuffix(process.env), legId(opts.leg));
  let useCache = await cacheAvailable();
  if (useCache && !hasZstd()) {
    host.warning('keep-state: zstd is not installed: the state is neither restored nor saved');
    useCache = false;
  }
  const keepVolume = !useCache && opts.fixedName;
  if (!useCache && !opts.fixedName) host.warning('keep-state: no cache service and no fixed builder name: the state will not be kept');
  const untrusted = untrustedRun(process.env.GITHUB_EVENT_NAME ?? '', eventPayload(process.env));
  const decision = saveDecision(
    { cleanup: opts.cleanup, save: opts.save, useCache, keepVolume, cacheRefusal: cacheWriteRefusal(process.env), untrusted },
    key,
  );
  return {
    useCache,
    kept: {
      key,
      restorePrefix,
      restoreKeys,
      noSave: decision.save ? undefined : decision.reason,
      untrusted: opts.save === 'always' ? undefined : untrusted,
      save: opts.save,
      maxBytes: opts.maxBytes,
      prune: opts.prune,
      keepVolume,
      restored: 'miss',
    },
  };
}
