/**
 * keep-state's save, post's part before the builder is removed: prune to the budget, stop BuildKit
 * (its bolt databases must be quiescent), then upload what the cache lacks (upload.ts). Without a
 * cache service, a builder with a fixed name keeps its volume instead (`docker buildx rm
 * --keep-state`), which the next run on the same machine reuses.
 *
 * A cache problem is a warning: it never fails the job or loses its build.
 */
import * as fs from 'node:fs';

import { heldBack } from '../actions-cache/service.js';
import type { DockerClient } from '../engine/docker-client.js';
import type { NodeNames } from '../inputs/names.js';
import type { Host } from '../step/host.js';
import { errorLine, UserError } from '../util/errors.js';
import { megabytes, secondsSince } from '../util/units.js';
import { buildctl, duRecords, stopCleanly } from './buildctl.js';
import { partsOf } from './parts.js';
import type { KeptState } from './plan.js';
import { waitOutRateLimit } from './rate-limit.js';
import { shouldSave, unusedCutoffSeconds } from './save-policy.js';
import { volumeAccess } from './state-archive.js';
import { bundleKeyPrefix, recordsFingerprint, totalSize } from './state-key.js';
import { savePieces } from './upload.js';

const MB = 1e6;

export interface SaveResult {
  /** Whether post may remove the volume (false: kept for the next run on this machine). */
  removeVolume: boolean;
  /** The save's line in post's summary section, when a save was tried. */
  summary?: string;
}

/**
 * The post step's part, before the builder is removed. Never throws: problems are warnings and the
 * builder is removed as usual afterwards.
 */
export async function saveState(
  docker: DockerClient,
  names: NodeNames,
  kept: KeptState,
  jobStatus: string,
  host: Host,
): Promise<SaveResult> {
  // A volume kept on this machine stays whether or not this run saves (a failed job's next run
  // starts warm), unless this run is not trusted to write it: what its code left there goes.
  const remove = { removeVolume: !kept.keepVolume || kept.untrusted !== undefined };
  if (kept.keepVolume && kept.untrusted) {
    host.info(`keep-state: ${kept.untrusted}: volume ${names.volume} is removed, so that no later run starts from it`);
    return { ...remove, summary: `volume removed: ${kept.untrusted}` };
  }
  // main said why, once (finishRestore).
  if (kept.noSave && !kept.keepVolume) return { ...remove, summary: `not saved: ${kept.noSave}` };
  if (!shouldSave(kept.save, jobStatus)) {
    host.info(
      `keep-state: state-save is ${kept.save} and the job status is ${jobStatus}: the state is not saved` +
        (kept.keepVolume ? `; volume ${names.volume} stays as it is` : ''),
    );
    return remove;
  }
  const container = docker.getContainer(names.container);
  const started = Date.now();
  try {
    const records = await duRecords(container);
    if (!kept.keepVolume && records.length === 0) {
      host.info('keep-state: the build cache is empty: nothing to save');
      return remove;
    }
    if (!kept.keepVolume && kept.restored !== 'miss' && recordsFingerprint(records) === kept.fingerprint) {
      host.info('keep-state: the state is unchanged since it was restored: not saved again');
      return remove;
    }
    const before = totalSize(records);
    // A volume kept on this machine is not downloaded: what a run did not use costs disk, not time,
    // and a run that built nothing must not empty it.
    const usedSince = kept.prune === 'unused' && !kept.keepVolume ? kept.usedSince : undefined;
    if (usedSince !== undefined) {
      // BuildKit compares against its own clock: a duration, not a time, is independent of skew.
      await buildctl(container, ['prune', '--all', '--keep-duration', `${unusedCutoffSeconds(usedSince, Date.now())}s`]);
    }
    // Within the budget before anything was dropped, it is within it after: one engine exec fewer.
    if (before > kept.maxBytes) await buildctl(container, ['prune', '--all', '--keep-storage', String(Math.floor(kept.maxBytes / MB))]);
    const left = await duRecords(container);
    const after = totalSize(left);
    host.info(
      `keep-state: build cache ${megabytes(before)} MB, ${megabytes(after)} MB after ` +
        `${usedSince !== undefined ? 'dropping what this job did not use and ' : ''}pruning to ${megabytes(kept.maxBytes)} MB`,
    );
    if (left.length === 0 && !kept.keepVolume) {
      // The records changed only through BuildKit's GC, and nothing was used: an empty state must not
      // replace the saved one.
      host.info('keep-state: nothing is left to save: not saved');
      return remove;
    }
    await stopCleanly(container);
    if (kept.keepVolume) {
      host.info(`keep-state: volume ${names.volume} is kept for the next run on this machine`);
      return { removeVolume: false };
    }
    const access = await volumeAccess(docker, names.volume);
    if (typeof access === 'string') throw new UserError(`the volume cannot be archived faithfully: ${access}`);
    // @actions/cache's warnings are held back: the one warning below says what went wrong. A
    // rate-limited save is waited out once and tried again: what was uploaded is found in the cache.
    const problems: string[] = [];
    const s = await heldBack(problems, () => savePieces(access, kept)).catch(async (err: unknown) => {
      if (!(await waitOutRateLimit(problems, host))) throw err;
      problems.length = 0;
      return heldBack(problems, () => savePieces(access, kept));
    });
    const seconds = secondsSince(started);
    const entries = partsOf(s.bundles).length;
    const uploaded = partsOf(s.uploaded).length;
    host.info(
      `keep-state: saved ${kept.key}: ${s.pieces} pieces (${s.newPieces} new) in ${entries} entries, ` +
        `${uploaded} uploaded (${s.uploaded.reduce((n, b) => n + b.members.length, 0)} pieces, ${megabytes(s.uploadedBytes)} MB), ` +
        `${entries - uploaded} already in the cache (${megabytes(s.reusedSize)} MB unpacked); manifest and metadata ${megabytes(s.manifestBytes)} MB; ${seconds} s ` +
        `(naming the pieces by their bytes: ${s.knownPieces} checked by the restore and untouched since, ` +
        `the others' ${megabytes(s.hashedBytes)} MB hashed in ${s.hashSeconds} s)`,
    );
    for (const b of s.uploaded) {
      host.info(`keep-state: uploaded ${bundleKeyPrefix(kept.restorePrefix, b.id)}${b.tag} (${b.members.length} pieces, ${b.parts} parts)`);
    }
    return {
      ...remove,
      summary:
        `saved \`${kept.key}\`, ${megabytes(after)} MB build cache: ${uploaded} of ${entries} piece entries uploaded (${megabytes(s.uploadedBytes)} MB), ` +
        `${entries - uploaded} reused (${megabytes(s.reusedSize)} MB unpacked), manifest and metadata ${megabytes(s.manifestBytes)} MB, ${seconds} s`,
    };
  } catch (err) {
    host.warning(`keep-state: the state was not saved: ${errorLine(err)}`);
    return { ...remove, summary: `not saved: ${errorLine(err)}` };
  } finally {
    if (kept.previous) fs.rmSync(kept.previous, { force: true });
  }
}
