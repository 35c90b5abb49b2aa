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
  container: Docker.Container | undefined,
  plan: StatePlan | undefined,
  report: RestoreReport | undefined,
  host: Host,
): Promise<KeptState | undefined> {
  if (!container || !plan || !report) {
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
  // Empty when this run does not save: nothing will be under the key.
  host.setOutput('state-key', plan.kept.noSave ? '' : plan.kept.key);
  host.setOutput('state-restored-key', report.matchedKey ?? '');
  host.setOutput('state-restore-size', String(report.bytes));
  host.setOutput('state-restore-seconds', report.seconds.toFixed(1));
  host.info(`keep-state: ${restoreLine(report)}; ${saveLine(plan.kept)}`);
  await host.summary(restoreSummary(report, plan.kept));
  return { ...plan.kept, restored: report.restored, fingerprint, usedSince: Date.now(), previous: report.previous };
}

function restoreLine(r: RestoreReport): string {
  return r.restored === 'exact' || r.restored === 'prefix'
    ? `restored ${r.matchedKey} (${r.restored} match): ${r.pieces} pieces in ${r.entries} entries and the manifest, ${megabytes(r.bytes)} MB in ${r.seconds.toFixed(1)} s`
    : r.restored === 'volume'
      ? 'reused the state volume kept on this machine'
      : 'no saved state: starting empty';
}

/** The one line main says about the save: under which key, or why this run does not save. */
function saveLine(kept: KeptState): string {
  if (kept.noSave) return `this run does not save the state: ${kept.noSave}`;
  return kept.save === 'on-success' ? `this run saves under ${kept.key} if the job succeeds` : `this run saves under ${kept.key}`;
}

function restoreSummary(r: RestoreReport, kept: KeptState): string {
  const save = kept.noSave ? `not saved: ${kept.noSave}` : `\`${kept.key}\``;
  return `### BuildKit state\n\n| step | result |\n| --- | --- |\n| restore | ${restoreLine(r)} |\n| save | ${save} |\n`;
}
