/**
 * keep-state as the node lifecycle's hooks: the one place main and post call keep-state. Node 0's
 * state is restored before BuildKit starts and saved by post; an appended node's state is never in
 * the Actions cache, so it survives only in its volume.
 *
 * One rule decides, for every node, whether its state volume outlives it: keep-state is on, the
 * builder's name is fixed (a generated name is never asked for again, so its volume would be an
 * orphan), and the state is not in the Actions cache (node 0 with a cache service). The decision is
 * made when the volume is created and recorded with it: post keeps such a volume whatever the save
 * decides, so a run that does not save (state-save on-success after a failed step, a failed prune)
 * never throws away the state a self-hosted runner kept for the next run.
 */
import type { KeepStateInputs } from '../inputs/read.js';
import type { DockerNodeAccess, NodeAccess, NodeHooks } from '../node/driver.js';
import type { Host } from '../step/host.js';
import { finishRestore } from './finish.js';
import { type KeptState, planState, stateCompat, type StatePlan } from './plan.js';
import { type RestoreReport, restoreState } from './restore.js';
import { saveState } from './save.js';

export interface Node0State {
  hooks: NodeHooks;
  /** After the step's other output: the restore's outputs and summary, and what post needs (undefined: keep-state off). */
  finish(): Promise<KeptState | undefined>;
}

/** main, node 0: plans and restores the state (or only says it is disabled). */
export function node0State(opts: KeepStateInputs, flags: string[], configDigest: string | undefined, host: Host): Node0State {
  let plan: StatePlan | undefined;
  let restored: Promise<RestoreReport> | undefined;
  let at: DockerNodeAccess | undefined;
  const hooks: NodeHooks = opts.enabled
    ? {
        beforeCreate: async (access, node) => {
          at = access;
          plan = await planState(opts, () => stateCompat(access.docker, node.image, access.facts, flags, configDigest), host);
          return { keepStorage: plan.kept.keepVolume };
        },
        beforeStart: async (access) => {
          restored = restoreState(access.docker, access.container, plan!, access.fresh, host);
          await restored;
        },
      }
    : {};
  return {
    hooks,
    finish: async () => finishRestore(at?.docker.getContainer(at.names.container), plan, await restored, host),
  };
}

/** main, an appended node: its volume is kept by the rule above, with no cache for its state. */
export function appendedState(opts: KeepStateInputs): NodeHooks {
  return opts.enabled ? { beforeCreate: async () => ({ keepStorage: opts.fixedName }) } : {};
}

/**
 * post, node 0: saves the state before the node goes (`job-status` as the post step reads it). Its
 * answer about the volume is not asked: whether the volume stays was recorded when it was created.
 */
export function saveHooks(kept: KeptState | undefined, jobStatus: string, host: Host, summary: (line: string) => void): NodeHooks {
  if (!kept) return {};
  return {
    beforeTearDown: async (at: NodeAccess) => {
      const saved = await saveState(at.docker, at.names, kept, jobStatus, host);
      if (saved.summary) summary(saved.summary);
    },
  };
}
