/**
 * keep-state's save policy, as pure functions: whether a run saves (decided once, in main, so that
 * main's line and the `state-key` output tell the truth), whom a save would trust, and what it prunes.
 */
import type { StateSave } from '../inputs/read.js';

/** Whether the policy saves, given the job's status as the post step's `job-status` input reads it. */
export function shouldSave(save: StateSave, jobStatus: string): boolean {
  if (save === 'never') return false;
  return save === 'always' || jobStatus === '' || jobStatus === 'success';
}

/** What the webhook payload (GITHUB_EVENT_PATH) says of a pull request's two repositories. */
export interface PullRequestEvent {
  pull_request?: {
    head?: { repo?: { fork?: boolean; full_name?: string } | null };
    base?: { repo?: { full_name?: string } };
  };
}

/**
 * Why this run's code is not the repository's own, or undefined when it is. A restored state is
 * code that runs in the next build (cached layers are used as they are, a cache mount's files are
 * read), so a run whose code a stranger wrote must not save: under `pull_request_target` the job
 * runs with the base branch's cache scope, and a pull request from a fork builds the fork's code.
 * A pull request whose head repository is gone (a deleted fork) counts as a fork.
 */
export function untrustedRun(eventName: string, event: PullRequestEvent | undefined): string | undefined {
  if (eventName === 'pull_request_target') return 'the event is pull_request_target';
  if (!eventName.startsWith('pull_request')) return undefined;
  const pr = event?.pull_request;
  if (!pr) return undefined;
  const head = pr.head?.repo;
  if (!head || head.fork === true || (head.full_name && head.full_name !== pr.base?.repo?.full_name))
    return `the pull request comes from a fork (${head?.full_name ?? 'a deleted repository'})`;
  return undefined;
}

/** What main knows about a run's save before the job's builds. */
export interface SaveFacts {
  /** The post step removes the builder (cleanup); with cleanup off it stays, and nothing is saved. */
  cleanup: boolean;
  save: StateSave;
  /** The cache service and zstd are there. */
  useCache: boolean;
  /** No cache service, a fixed builder name: the volume stays on this machine instead. */
  keepVolume: boolean;
  /** Why the runner's cache mode forbids writing (see actions-cache/service.ts), if it does. */
  cacheRefusal?: string;
  /** Why the run is not trusted to write a state (untrustedRun), if it is not. */
  untrusted?: string;
}

export type SaveDecision = { save: true; key: string } | { save: false; reason: string };

/**
 * Whether this run's post step saves the state under `key`, or why not. state-save on-success is
 * still read against the job's status in post (shouldSave): main cannot know it.
 */
export function saveDecision(facts: SaveFacts, key: string): SaveDecision {
  const no = (reason: string): SaveDecision => ({ save: false, reason });
  if (!facts.cleanup) return no('cleanup is off, so the builder stays as it is');
  if (facts.save === 'never') return no('state-save is never');
  if (facts.untrusted && facts.save !== 'always')
    return no(`${facts.untrusted}, whose builds must not write a state a later run restores (state-save: always would)`);
  if (facts.keepVolume) return no('there is no cache service; the state volume is kept on this machine for the next run instead');
  if (!facts.useCache) return no('there is no usable cache service');
  if (facts.cacheRefusal) return no(facts.cacheRefusal);
  return { save: true, key };
}

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
