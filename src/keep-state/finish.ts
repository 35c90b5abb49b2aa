/** After BuildKit is up: keep-state's outputs, log line and summary, and what main hands to post. */
import type Docker from 'dockerode';

import type { Host } from '../step/host.js';
import { errorLine } from '../util/errors.js';
import { megabytes } from '../util/units.js';
import { stateFingerprint } from './buildctl.js';
import type { KeptState, StatePlan } from './plan.js';
import type { RestoreReport } from './restore.js';

/**
 * After BuildKit is up: the outputs, the summary, and what post needs (undefined when keep-state is
 * off). The fingerprint is taken now, before the job's builds.
 */
export async function finishRestore(
  container: Docker.Container,
  plan: StatePlan | undefined,
  report: RestoreReport | undefined,
  host: Host,
): Promise<KeptState | undefined> {
  if (!plan || !report) {
    host.setOutput('state-restored', 'disabled');
    return undefined;
  }
  let fingerprint: string | undefined;
  try {
    fingerprint = await stateFingerprint(container);
  } catch (err) {
    host.warning(`keep-state: ${errorLine(err)}`);
  }
  host.setOutput('state-restored', report.restored);
  host.setOutput('state-key', plan.kept.key);
  host.setOutput('state-restored-key', report.matchedKey ?? '');
  host.setOutput('state-restore-size', String(report.bytes));
  host.setOutput('state-restore-seconds', report.seconds.toFixed(1));
  host.info(`keep-state: ${restoreLine(report)}; this run saves under ${plan.kept.key}`);
  await host.summary(restoreSummary(report, plan.kept.key));
  return { ...plan.kept, restored: report.restored, fingerprint, usedSince: Date.now(), previous: report.previous };
}

function restoreLine(r: RestoreReport): string {
  return r.restored === 'exact' || r.restored === 'prefix'
    ? `restored ${r.matchedKey} (${r.restored} match): ${r.pieces} pieces in ${r.entries} entries and the manifest, ${megabytes(r.bytes)} MB in ${r.seconds.toFixed(1)} s`
    : r.restored === 'volume'
      ? 'reused the state volume kept on this machine'
      : 'no saved state: starting empty';
}

function restoreSummary(r: RestoreReport, key: string): string {
  return `### BuildKit state\n\n| step | result |\n| --- | --- |\n| restore | ${restoreLine(r)} |\n| key for this run | \`${key}\` |\n`;
}
