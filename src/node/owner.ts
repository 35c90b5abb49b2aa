/**
 * Who made a resource: the labels every container, volume or cluster object of this run carries, so
 * it is found and removed by label, and never one another run made.
 */
/** Marks what this action created (value: the builder's name), so it never removes what is not its own. */
export const OWNER_LABEL = 'com.github.setup-buildkit.builder';
/** The run that created a resource (see RunOwner.run): removal touches only this run's resources. */
export const RUN_LABEL = 'com.github.setup-buildkit.run';
/** For people reading `docker ps`: the workflow job that created it (GITHUB_JOB). */
export const JOB_LABEL = 'com.github.setup-buildkit.job';

/** Who creates the resources of this run. */
export interface RunOwner {
  builder: string;
  /**
   * `<run id>.<attempt>.<random>`: unique to one execution of the step, even for two jobs of one
   * workflow run or two steps of one job (the random part). Fits a Kubernetes label value (≤ 63).
   */
  run: string;
  /** GITHUB_JOB, or '' outside Actions. */
  job: string;
}

/** The labels every resource this run creates carries, on every engine and driver. */
export function ownerLabels(owner: RunOwner): Record<string, string> {
  return { [OWNER_LABEL]: owner.builder, [RUN_LABEL]: owner.run, ...(owner.job ? { [JOB_LABEL]: owner.job } : {}) };
}
