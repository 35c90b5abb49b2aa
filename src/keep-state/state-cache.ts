/**
 * keep-state: the builder's state volume carried from run to run through @actions/cache.
 *
 * The state travels as content-addressed pieces (state-pieces.ts): each bundle of pieces is a cache
 * entry of its own, and one manifest entry per save names them and carries the metadata databases.
 *
 * main: derive the keys, fetch the newest compatible manifest, check that every part of every
 * bundle it names is in the cache, then fetch the parts in parallel and unpack each bundle into the
 * new, empty volume as its parts arrive, all before BuildKit starts (bootNode's beforeStart hook).
 * A bundle that fails on the way empties the volume again: a state is restored whole or not at all.
 * post: prune to the budget, stop BuildKit (its bolt databases must be quiescent), list the volume as
 * root, ask the cache which bundles it lacks, upload those (cut into parts), then the manifest.
 * Without a cache service, a builder with a fixed name keeps its volume instead (`docker buildx rm
 * --keep-state`), which the next run on the same machine reuses.
 *
 * A cache problem is a warning and an empty state: it never fails the job or loses its build.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';

import type Docker from 'dockerode';

import { cacheAvailable, cacheHas, cacheLookup, cacheWriteRefusal, restoreFile, saveFile, sharedPath } from '../actions-cache/service.js';
import { engineMessage, execIn, statusCode } from '../engine/docker.js';
import type { DockerClient } from '../engine/docker-client.js';
import type { NodeNames } from '../inputs/names.js';
import type { KeepStateInputs, StatePrune, StateSave } from '../inputs/read.js';
import type { EngineFacts } from '../node/container-spec.js';
import { STATE_DIR } from '../node/container-spec.js';
import type { Host } from '../step/host.js';
import { errorLine, UserError } from '../util/errors.js';
import { megabytes, secondsSince } from '../util/units.js';
import {
  archiveParts,
  archivePaths,
  emptyVolume,
  hasZstd,
  listVolume,
  unpackInto,
  type VolumeAccess,
  volumeAccess,
} from './state-archive.js';
import {
  bundleKeyPrefix,
  type DuRecord,
  parseFirstPartKey,
  partKey,
  recordsFingerprint,
  runSuffix,
  type StateCompat,
  stateKeys,
  totalSize,
} from './state-key.js';
import {
  type Bundle,
  type Manifest,
  MANIFEST_FORMAT,
  manifestHeader,
  parseManifestHeader,
  PART_BYTES,
  planBundles,
  restoreOrder,
  splitVolume,
  type StoredBundle,
} from './state-pieces.js';

type Restored = 'exact' | 'prefix' | 'miss' | 'disabled' | 'volume';

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

export interface RestoreReport {
  restored: Restored;
  matchedKey?: string;
  /** Compressed bytes fetched: the manifest entry and the bundles. */
  bytes: number;
  /** Cache entries fetched (the bundles' parts), and pieces in them. */
  entries: number;
  pieces: number;
  seconds: number;
  previous?: string;
}

/**
 * The fixed paths entries go through (see actions-cache.ts): the manifest's, and one per part of a
 * bundle, named after it (its key names it too, so a path per part costs nothing, and the parts of
 * one bundle download side by side). Each job works on its own copy next to it.
 */
/** @public (bench/state-stages.mjs fetches through the same paths) */
export const MANIFEST_PATH = sharedPath('state', 'manifest');

/** @public (bench/state-stages.mjs) */
export function partPath(bundleId: string, k: number): string {
  return sharedPath('state', `piece-${bundleId}.${k + 1}.tar.zst`);
}

interface Part {
  bundle: StoredBundle;
  /** From 0. */
  k: number;
}

/** @public (bench/state-stages.mjs) */
export function partsOf(bundles: StoredBundle[]): Part[] {
  return bundles.flatMap((bundle) => Array.from({ length: bundle.parts }, (_, k) => ({ bundle, k })));
}

function partInCache(restorePrefix: string, p: Part): Promise<boolean> {
  return cacheHas(partPath(p.bundle.id, p.k), partKey(restorePrefix, p.bundle, p.k));
}

function ownCopy(shared: string): string {
  return `${shared}.${process.pid}`;
}

/** Parts fetched at once, and looked up at once: the service rate-limits, the runner has few cores. */
/** @public (bench/state-stages.mjs) */
export const FETCHES = 4;
const LOOKUPS = 8;
const UPLOADS = 3;

/**
 * fn over items, at most `limit` at a time, results in order. After the first failure nothing new
 * starts; it rejects with that failure once the running ones have settled.
 * @public (bench/state-stages.mjs)
 */
export async function inParallel<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.err;
  return results;
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

/**
 * The beforeStart step: a fresh volume gets the newest compatible state; a volume that was there
 * already (kept on this machine) is used as it is. Every cache problem leaves the volume empty.
 * Throws only when a half-restored volume could not be emptied again.
 */
export async function restoreState(
  docker: DockerClient,
  container: Docker.Container,
  plan: StatePlan,
  volumeIsNew: boolean,
  host: Host,
): Promise<RestoreReport> {
  const started = Date.now();
  const report = (restored: Restored, more: Partial<RestoreReport> = {}): RestoreReport => ({
    restored,
    bytes: 0,
    entries: 0,
    pieces: 0,
    ...more,
    seconds: (Date.now() - started) / 1000,
  });
  if (!volumeIsNew) return report('volume');
  if (!plan.useCache) return report('miss');
  const { key, restorePrefix } = plan.kept;
  const own = ownCopy(MANIFEST_PATH);
  let written = false;
  try {
    const matched = await restoreFile(MANIFEST_PATH, own, key, [restorePrefix]);
    if (!matched) return report('miss');
    const entry = fs.readFileSync(own);
    const { manifest, metaOffset } = parseManifestHeader(entry);
    const parts = partsOf(manifest.bundles);
    // One missing part is enough to start empty: after it no more lookups go out (a rate-limited
    // service would refuse each, and @actions/cache warns for each).
    let missing: Part | undefined;
    await inParallel(parts, LOOKUPS, async (p) => {
      if (!missing && !(await partInCache(restorePrefix, p))) missing ??= p;
    });
    if (missing) {
      host.warning(
        `keep-state: piece entry ${missing.bundle.id.slice(0, 12)} part ${missing.k + 1} of ${matched} is not in the cache ` +
          `(evicted, or the lookup was refused): starting from an empty state`,
      );
      return report('miss');
    }
    written = true;
    const fetched = await fetchAndUnpack(container, manifest.bundles, restorePrefix, entry.subarray(metaOffset));
    const previous = path.join(process.env.RUNNER_TEMP || os.tmpdir(), `setup-buildkit-manifest-${process.pid}.json`);
    fs.writeFileSync(previous, JSON.stringify(manifest.bundles));
    host.info(
      `keep-state: fetched and unpacked ${parts.length} piece entries and the manifest, ${megabytes(entry.length + fetched)} MB, in ${secondsSince(started)} s`,
    );
    return report(matched === key ? 'exact' : 'prefix', {
      matchedKey: matched,
      bytes: entry.length + fetched,
      entries: parts.length,
      pieces: manifest.bundles.reduce((n, b) => n + b.members.length, 0),
      previous,
    });
  } catch (err) {
    if (written) await emptyAfterFailure(docker, container, err);
    host.warning(`keep-state: the saved state could not be restored, starting from an empty state: ${errorLine(err)}`);
    return report('miss');
  } finally {
    fs.rmSync(own, { force: true });
  }
}

async function emptyAfterFailure(docker: DockerClient, container: Docker.Container, cause: unknown): Promise<void> {
  try {
    await emptyVolume(docker, container, STATE_DIR);
  } catch (err) {
    throw new UserError(
      `keep-state: the state volume could not be emptied after a failed restore (${errorLine(cause)}): ${errorLine(err)}`,
    );
  }
}

/** A promise with its settling functions outside (Promise.withResolvers is Node 22 and later). */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (err: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  // Rejected when a fetch failed; whoever awaits it sees that, nobody else has to.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** A bundle's archive: its parts' files in order, each read as soon as it is fetched and removed once read. */
async function* partsInOrder(files: Promise<string>[]): AsyncGenerator<Buffer> {
  for (const next of files) {
    const file = await next;
    try {
      yield* fs.createReadStream(file) as AsyncIterable<Buffer>;
    } finally {
      fs.rmSync(file, { force: true });
    }
  }
}

/**
 * The meta part first, then each bundle as soon as its first part is in, one unpack at a time (the
 * engine takes one archive per container at a time anyway), each reading its parts as they arrive.
 * The parts are fetched FETCHES at a time in restoreOrder, so the unpacking follows the download.
 * Returns the parts' compressed bytes.
 */
async function fetchAndUnpack(container: Docker.Container, bundles: StoredBundle[], restorePrefix: string, meta: Buffer): Promise<number> {
  const parts = partsOf(restoreOrder(bundles)).map((p) => ({ ...p, own: ownCopy(partPath(p.bundle.id, p.k)), file: deferred<string>() }));
  let unpackError: { err: unknown } | undefined;
  let unpacked: Promise<void> = Promise.resolve();
  const unpack = (source: () => Readable) => {
    unpacked = unpacked
      .then(async () => {
        if (!unpackError) await unpackInto(container, source(), STATE_DIR);
      })
      .catch((err) => void (unpackError ??= { err }));
  };
  unpack(() => Readable.from([meta]));
  let bytes = 0;
  try {
    await inParallel(parts, FETCHES, async (p) => {
      if (unpackError) throw unpackError.err;
      try {
        if (!(await restoreFile(partPath(p.bundle.id, p.k), p.own, partKey(restorePrefix, p.bundle, p.k), [])))
          throw new UserError(`piece entry ${p.bundle.id.slice(0, 12)} part ${p.k + 1} could not be fetched`);
        bytes += fs.statSync(p.own).size;
        p.file.resolve(p.own);
        if (p.k === 0) {
          const own = parts.filter((q) => q.bundle === p.bundle).map((q) => q.file.promise);
          unpack(() => Readable.from(partsInOrder(own)));
        }
      } catch (err) {
        p.file.reject(err);
        throw err;
      }
    });
  } finally {
    // Parts never fetched (after a failure) end the unpack that waits for them.
    for (const p of parts) p.file.reject(new UserError('the restore stopped before this part was fetched'));
    await unpacked;
    for (const p of parts) fs.rmSync(p.own, { force: true });
  }
  if (unpackError) throw unpackError.err;
  return bytes;
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

async function stateFingerprint(container: Docker.Container): Promise<string> {
  return recordsFingerprint(await duRecords(container));
}

const MB = 1e6;

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

export interface SaveResult {
  /** Whether post may remove the volume (false: kept for the next run on this machine). */
  removeVolume: boolean;
  /** The save's line in post's summary section, when a save was tried. */
  summary?: string;
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

/** Whether the policy saves, given the job's status as the post step's `job-status` input reads it. */
export function shouldSave(save: StateSave, jobStatus: string): boolean {
  if (save === 'never') return false;
  return save === 'always' || jobStatus === '' || jobStatus === 'success';
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
  const remove = { removeVolume: true };
  if (!shouldSave(kept.save, jobStatus)) {
    host.info(`keep-state: state-save is ${kept.save} and the job status is ${jobStatus}: the state is not saved`);
    return remove;
  }
  const refusal = kept.keepVolume ? undefined : cacheWriteRefusal(process.env);
  if (refusal) {
    host.info(`keep-state: ${refusal}: the state is not saved`);
    return { ...remove, summary: `not saved: ${refusal}` };
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
    const s = await savePieces(access, kept);
    const seconds = secondsSince(started);
    const entries = partsOf(s.bundles).length;
    const uploaded = partsOf(s.uploaded).length;
    host.info(
      `keep-state: saved ${kept.key}: ${s.pieces} pieces (${s.newPieces} new) in ${entries} entries, ` +
        `${uploaded} uploaded (${s.uploaded.reduce((n, b) => n + b.members.length, 0)} pieces, ${megabytes(s.uploadedBytes)} MB), ` +
        `${entries - uploaded} already in the cache (${megabytes(s.reusedSize)} MB unpacked); manifest and metadata ${megabytes(s.manifestBytes)} MB; ${seconds} s`,
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

interface Saved {
  pieces: number;
  /** Pieces the restored manifest did not have. */
  newPieces: number;
  bundles: StoredBundle[];
  uploaded: StoredBundle[];
  uploadedBytes: number;
  reusedSize: number;
  manifestBytes: number;
}

/**
 * For each bundle, an upload of it whose every part is in the cache, else undefined. A prefix lookup
 * with the first part's path finds the newest upload (its key names its tag and number of parts),
 * then its other parts are looked up.
 */
async function storedUploads(restorePrefix: string, bundles: Bundle[]): Promise<(StoredBundle | undefined)[]> {
  const found = await inParallel(bundles, LOOKUPS, async (b): Promise<StoredBundle | undefined> => {
    const prefix = bundleKeyPrefix(restorePrefix, b.id);
    const matched = await cacheLookup(partPath(b.id, 0), prefix, [prefix]);
    const upload = matched?.startsWith(prefix) ? parseFirstPartKey(matched.slice(prefix.length)) : undefined;
    return upload && { ...b, ...upload };
  });
  const rest = partsOf(found.filter((b) => b !== undefined)).filter((p) => p.k > 0);
  const has = await inParallel(rest, LOOKUPS, (p) => partInCache(restorePrefix, p));
  const incomplete = new Set(rest.filter((_, i) => !has[i]).map((p) => p.bundle));
  return found.map((b) => (b && !incomplete.has(b) ? b : undefined));
}

/** Archives a bundle into parts and uploads them, under a tag of this upload. Returns the compressed bytes. */
async function uploadBundle(access: VolumeAccess, restorePrefix: string, b: Bundle, paths: string[]): Promise<[StoredBundle, number]> {
  const tag = randomBytes(6).toString('hex');
  const files = await archiveParts(access, paths, `${ownCopy(partPath(b.id, 0))}.`, PART_BYTES);
  try {
    const stored = { ...b, tag, parts: files.length };
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    await inParallel(
      files.map((file, k) => ({ file, k })),
      UPLOADS,
      ({ file, k }) => saveFile(partPath(b.id, k), file, partKey(restorePrefix, stored, k)),
    );
    return [stored, bytes];
  } catch (err) {
    throw new UserError(`piece entry ${b.id.slice(0, 12)}: ${errorLine(err)}`);
  } finally {
    for (const f of files) fs.rmSync(f, { force: true });
  }
}

/** The bundles the cache lacks, then the manifest; throws when one of them is not taken. */
async function savePieces(access: VolumeAccess, kept: KeptState): Promise<Saved> {
  const split = splitVolume(await listVolume(access));
  const previous = readPrevious(kept.previous);
  const planned = planBundles(split.pieces, previous);
  const known = new Set(previous.flatMap((b) => b.members));
  const found = await storedUploads(kept.restorePrefix, planned);
  const pathsOf = new Map(split.pieces.map((p) => [p.id, p.paths]));
  let uploadedBytes = 0;
  const bundles = await inParallel(
    planned.map((b, i) => ({ b, stored: found[i] })),
    UPLOADS,
    async ({ b, stored }) => {
      if (stored) return stored;
      const [upload, bytes] = await uploadBundle(
        access,
        kept.restorePrefix,
        b,
        b.members.flatMap((id) => pathsOf.get(id)!),
      );
      uploadedBytes += bytes;
      return upload;
    },
  );
  const uploaded = bundles.filter((_, i) => !found[i]);
  const own = ownCopy(MANIFEST_PATH);
  const meta = `${own}.meta`;
  try {
    await archivePaths(access, split.meta, meta);
    const manifest: Manifest = { format: MANIFEST_FORMAT, bundles, metaBytes: fs.statSync(meta).size };
    fs.writeFileSync(own, Buffer.concat([manifestHeader(manifest), fs.readFileSync(meta)]));
    const manifestBytes = fs.statSync(own).size;
    await saveFile(MANIFEST_PATH, own, kept.key);
    const reusedSize = found.reduce((n, b) => n + (b?.size ?? 0), 0);
    return {
      pieces: split.pieces.length,
      newPieces: split.pieces.filter((p) => !known.has(p.id)).length,
      bundles,
      uploaded,
      uploadedBytes,
      reusedSize,
      manifestBytes,
    };
  } finally {
    fs.rmSync(meta, { force: true });
    fs.rmSync(own, { force: true });
  }
}

/** The restored manifest's bundles, as main left them; none when there was none or it is unreadable. */
function readPrevious(file: string | undefined): Bundle[] {
  if (!file) return [];
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Bundle[];
  } catch {
    return [];
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
