/** keep-state's save policy, as pure functions: whether a run saves, and what a save prunes. */
import type { StateSave } from '../inputs/read.js';

/**
 * state-prune unused: `buildctl prune --keep-duration` keeps the records last used within the
 * duration, so one that reaches back to when BuildKit was up keeps what this job's builds used
 * (and the records they stand on) and drops what was restored and not used: a restored record keeps
 * its last use of an earlier run, which ended before this job's builder was up. As with
 * `type=gha,mode=max`, the state is then what the last build needed, not everything built since the
 * state began: without it every run's changed layers stay, and each restore grows until
 * state-max-size. Whole seconds, rounded up, and never 0, which BuildKit reads as "no limit" and
 * would prune everything.
 */
export function unusedCutoffSeconds(usedSince: number, now: number): number {
  return Math.max(1, Math.ceil((now - usedSince) / 1000));
}

/** Whether the policy saves, given the job's status as the post step's `job-status` input reads it. */
export function shouldSave(save: StateSave, jobStatus: string): boolean {
  if (save === 'never') return false;
  return save === 'always' || jobStatus === '' || jobStatus === 'success';
}
