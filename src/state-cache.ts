/**
 * keep-state: the builder's state volume carried from run to run through @actions/cache.
 *
 * main: derive the keys, fetch the newest compatible archive and unpack it into the new, empty
 * volume before BuildKit starts (bootNode's beforeStart hook). post: prune to the budget, stop
 * BuildKit (its bolt databases must be quiescent), archive the volume as root, save it under this
 * run's key. Without a cache service, a builder with a fixed name keeps its volume instead
 * (`docker buildx rm --keep-state`), which the next run on the same machine reuses.
 *
 * A cache problem is a warning and an empty state: it never fails the job or loses its build.
 */
import type Docker from 'dockerode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheAvailable, restoreFile, saveFile, sharedPath } from './actions-cache.js';
import type { EngineFacts, NodeNames } from './container-spec.js';
import { STATE_DIR } from './container-spec.js';
import { engineMessage, execIn, statusCode } from './docker.js';
import type { DockerClient } from './docker-client.js';
import { UserError, errorLine } from './errors.js';
import type { Host } from './host.js';
import type { KeepStateInputs, StateSave } from './inputs.js';
import { archiveVolume, hasZstd, unpackInto, verifyArchive, volumeAccess } from './state-archive.js';
import { type DuRecord, type StateCompat, recordsFingerprint, runSuffix, stateKeys, totalSize } from './state-key.js';
import { megabytes, secondsSince } from './units.js';

export type Restored = 'exact' | 'prefix' | 'miss' | 'disabled' | 'volume';

/** What main hands to post about the state (part of BuilderState). */
export interface KeptState {
  key: string;
  /** This job's copy of the archive (renamed to ARCHIVE_PATH only while @actions/cache runs). */
  archive: string;
  save: StateSave;
  maxBytes: number;
  /** No cache service but a fixed builder name: keep the volume for the next run on this machine. */
  keepVolume: boolean;
  restored: Restored;
  /** The records' fingerprint once BuildKit was up: post saves only when it changed. */
  fingerprint?: string;
}

export interface RestoreReport {
  restored: Restored;
  matchedKey?: string;
  /** Size of the archive that was unpacked. */
  bytes: number;
  seconds: number;
}

/**
 * The one path the state archive goes through (see actions-cache.ts); this job's own copy sits next to it.
 */
export const ARCHIVE_PATH = sharedPath('state', 'state.tar.zst');

function jobArchive(): string {
  return `${ARCHIVE_PATH}.${process.pid}`;
}

/** Engine and image facts that make up the key; all known before the container starts. */
export async function stateCompat(docker: DockerClient, image: string, engine: EngineFacts | undefined, flags: string[], configDigest?: string): Promise<StateCompat> {
  const img = await docker.getImage(image).inspect();
  return { imageId: img.Id, arch: engine?.architecture ?? 'unknown', storageDriver: engine?.storageDriver ?? 'unknown', configDigest, flags };
}

export interface StatePlan {
  kept: KeptState;
  restorePrefix: string;
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
    restorePrefix,
    kept: { key, archive: jobArchive(), save: opts.save, maxBytes: opts.maxBytes, keepVolume, restored: 'miss' },
  };
}

/**
 * The beforeStart step: a fresh volume gets the newest compatible archive; a volume that was there
 * already (kept on this machine) is used as it is. Every cache problem leaves the volume empty.
 */
export async function restoreState(container: Docker.Container, plan: StatePlan, volumeIsNew: boolean, host: Host): Promise<RestoreReport> {
  const started = Date.now();
  const report = (restored: Restored, bytes = 0, matchedKey?: string): RestoreReport => ({ restored, matchedKey, bytes, seconds: (Date.now() - started) / 1000 });
  if (!volumeIsNew) return report('volume');
  if (!plan.useCache) return report('miss');
  const { archive } = plan.kept;
  try {
    const matched = await restoreFile(ARCHIVE_PATH, archive, plan.kept.key, [plan.restorePrefix]);
    if (!matched || !fs.existsSync(archive)) return report('miss');
    const bytes = fs.statSync(archive).size;
    const fetched = Date.now();
    await verifyArchive(archive);
    await unpackInto(container, archive, STATE_DIR);
    host.info(`keep-state: fetched ${megabytes(bytes)} MB in ${((fetched - started) / 1000).toFixed(1)} s, checked and unpacked in ${secondsSince(fetched)} s`);
    return report(matched === plan.kept.key ? 'exact' : 'prefix', bytes, matched);
  } catch (err) {
    // verifyArchive runs before anything is written: a bad archive leaves the volume empty.
    host.warning(`keep-state: the saved state could not be restored, starting from an empty state: ${errorLine(err)}`);
    return report('miss');
  } finally {
    fs.rmSync(archive, { force: true });
  }
}

/** A buildctl command in the container; its stdout, or its error as a UserError. */
async function buildctl(container: Docker.Container, args: string[]): Promise<string> {
  const out = await execIn(container, ['buildctl', ...args]);
  if (out.exitCode !== 0) throw new UserError(`buildctl ${args[0]}: ${(out.stderr || out.stdout).trim()}`);
  return out.stdout;
}

async function duRecords(container: Docker.Container): Promise<DuRecord[]> {
  return (JSON.parse((await buildctl(container, ['du', '--format', '{{json .}}'])) || '[]') as DuRecord[] | null) ?? [];
}

export async function stateFingerprint(container: Docker.Container): Promise<string> {
  return recordsFingerprint(await duRecords(container));
}

const MB = 1e6;

/**
 * After BuildKit is up: the outputs, the summary, and what post needs (undefined when keep-state is
 * off). The fingerprint is taken now, before the job's builds.
 */
export async function finishRestore(container: Docker.Container, plan: StatePlan | undefined, report: RestoreReport | undefined, host: Host): Promise<KeptState | undefined> {
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
  return { ...plan.kept, restored: report.restored, fingerprint };
}

function restoreLine(r: RestoreReport): string {
  return r.restored === 'exact' || r.restored === 'prefix'
    ? `restored ${r.matchedKey} (${r.restored} match), ${megabytes(r.bytes)} MB in ${r.seconds.toFixed(1)} s`
    : r.restored === 'volume'
      ? 'reused the state volume kept on this machine'
      : 'no saved state: starting empty';
}

function restoreSummary(r: RestoreReport, key: string): string {
  return `### BuildKit state\n\n| step | result |\n| --- | --- |\n| restore | ${restoreLine(r)} |\n| key for this run | \`${key}\` |\n`;
}

export interface SaveResult {
  /** Whether post may remove the volume (false: kept for the next run on this machine). */
  removeVolume: boolean;
  /** The save's line in post's summary section, when a save was tried. */
  summary?: string;
}

/** Whether the policy saves, given the job's status as the post step's `job-status` input reads it. */
export function shouldSave(save: StateSave, jobStatus: string): boolean {
  if (save === 'never') return false;
  return save === 'always' || jobStatus === '' || jobStatus === 'success';
}

/**
 * The post step's part, before the builder is removed. Never throws: problems are warnings and the
 * builder is removed as usual afterwards.
 */
export async function saveState(docker: DockerClient, names: NodeNames, kept: KeptState, jobStatus: string, host: Host): Promise<SaveResult> {
  const remove = { removeVolume: true };
  if (!shouldSave(kept.save, jobStatus)) {
    host.info(`keep-state: state-save is ${kept.save} and the job status is ${jobStatus}: the state is not saved`);
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
    await buildctl(container, ['prune', '--all', '--keep-storage', String(Math.floor(kept.maxBytes / MB))]);
    const after = totalSize(await duRecords(container));
    host.info(`keep-state: build cache ${megabytes(before)} MB, ${megabytes(after)} MB after pruning to ${megabytes(kept.maxBytes)} MB`);
    await stopCleanly(container);
    if (kept.keepVolume) {
      host.info(`keep-state: volume ${names.volume} is kept for the next run on this machine`);
      return { removeVolume: false };
    }
    const access = await volumeAccess(docker, names.volume);
    if (typeof access === 'string') throw new UserError(`the volume cannot be archived faithfully: ${access}`);
    fs.mkdirSync(path.dirname(kept.archive), { recursive: true });
    const t = Date.now();
    await archiveVolume(access, kept.archive);
    const archived = (Date.now() - t) / 1000;
    const bytes = fs.statSync(kept.archive).size;
    const u = Date.now();
    await saveFile(ARCHIVE_PATH, kept.archive, kept.key);
    const uploaded = (Date.now() - u) / 1000;
    const seconds = (Date.now() - started) / 1000;
    host.info(`keep-state: saved ${megabytes(bytes)} MB under ${kept.key}: archive ${archived.toFixed(1)} s, upload ${uploaded.toFixed(1)} s, total ${seconds.toFixed(1)} s`);
    return { ...remove, summary: `saved ${megabytes(bytes)} MB archive of ${megabytes(after)} MB build cache under \`${kept.key}\`, ${seconds.toFixed(1)} s (archive ${archived.toFixed(1)} s, upload ${uploaded.toFixed(1)} s)` };
  } catch (err) {
    host.warning(`keep-state: the state was not saved: ${errorLine(err)}`);
    return { ...remove, summary: `not saved: ${errorLine(err)}` };
  } finally {
    fs.rmSync(kept.archive, { force: true });
  }
}

/** docker stop: BuildKit gets SIGTERM and closes its databases before the volume is read. */
async function stopCleanly(container: Docker.Container): Promise<void> {
  try {
    await container.stop({ t: 30 });
  } catch (err) {
    // 304: already stopped.
    if (statusCode(err) !== 304) throw new UserError(`stopping BuildKit: ${engineMessage(err)}`);
  }
}
