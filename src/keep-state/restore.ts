/**
 * keep-state's restore, main's beforeStart step: fetch the newest compatible manifest, check that every
 * part of every bundle it names is in the cache, then fetch the parts in parallel and unpack each
 * bundle into the new, empty volume as its parts arrive, each piece checked against the digest the
 * manifest names it by, all before BuildKit starts. A bundle that fails on the way (a part missing,
 * a corrupt frame, a piece whose bytes are not its name's) empties the volume again: a state is
 * restored whole or not at all.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';

import type Docker from 'dockerode';

import { heldBack, restoreFile } from '../actions-cache/service.js';
import type { DockerClient } from '../engine/docker-client.js';
import { STATE_DIR } from '../node/container-spec.js';
import type { Host } from '../step/host.js';
import { errorLine, UserError } from '../util/errors.js';
import { megabytes, secondsSince } from '../util/units.js';
import { fetchInTurns } from './fetch-turns.js';
import { type KnownPiece, restoredPieces, type RestoredState, settleWait } from './known-pieces.js';
import { inParallel, LOOKUPS, MANIFEST_PATH, ownCopy, type Part, partInCache, partPath, partsOf } from './parts.js';
import type { KeptState, Restored, StatePlan } from './plan.js';
import { waitOutRateLimit } from './rate-limit.js';
import { emptyVolume, listVolume, unpackInto, volumeAccess } from './state-archive.js';
import { partKey } from './state-key.js';
import { type Manifest, parseManifestHeader, type PieceDigest, restoreOrder, splitVolume, type StoredBundle } from './state-pieces.js';

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
  // What @actions/cache would have warned about, held back: the one warning below says it.
  const problems: string[] = [];
  const refused = () => (problems.length > 0 ? `: ${problems[0]}` : '');
  try {
    // A rate-limited lookup is waited out once (the service says how long), then looked up again.
    let found = await heldBack(problems, () => findState(own, plan.kept));
    if ((!found.matched || found.missing) && (await waitOutRateLimit(problems, host))) {
      problems.length = 0;
      found = await heldBack(problems, () => findState(own, plan.kept));
    }
    const { matched, missing } = found;
    if (!matched) {
      if (problems.length > 0) host.warning(`keep-state: the state could not be looked up${refused()}; starting from an empty state`);
      return report('miss');
    }
    if (missing) {
      host.warning(
        `keep-state: piece entry ${missing.bundle.id.slice(0, 12)} part ${missing.k + 1} of ${matched} is not in the cache ` +
          `(${problems.length > 0 ? `the lookup was refused${refused()}` : 'evicted'}): starting from an empty state`,
      );
      return report('miss');
    }
    const entry = fs.readFileSync(own);
    const { manifest, metaOffset } = parseManifestHeader(entry);
    const parts = partsOf(manifest.bundles);
    written = true;
    const fetched = await heldBack(problems, () => fetchAndUnpack(container, manifest.bundles, restorePrefix, entry.subarray(metaOffset)));
    const previous = path.join(process.env.RUNNER_TEMP || os.tmpdir(), `setup-buildkit-manifest-${process.pid}.json`);
    const handed: RestoredState = { bundles: manifest.bundles, known: await checkedPieces(docker, container, manifest) };
    fs.writeFileSync(previous, JSON.stringify(handed));
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
    host.warning(`keep-state: the saved state could not be restored, starting from an empty state: ${errorLine(err)}${refused()}`);
    return report('miss');
  } finally {
    fs.rmSync(own, { force: true });
  }
}

/**
 * The newest manifest for this run's keys (into `own`), and the first of its parts the cache does
 * not have. One missing part is enough to start empty: after it no more lookups go out (a
 * rate-limited service would refuse each).
 */
async function findState(own: string, kept: KeptState): Promise<{ matched?: string; missing?: Part }> {
  const matched = await restoreFile(MANIFEST_PATH, own, kept.key, kept.restoreKeys);
  if (!matched) return {};
  const { manifest } = parseManifestHeader(fs.readFileSync(own));
  let missing: Part | undefined;
  await inParallel(partsOf(manifest.bundles), LOOKUPS, async (p) => {
    if (!missing && !(await partInCache(kept.restorePrefix, p))) missing ??= p;
  });
  return { matched, missing };
}

/**
 * The restored pieces as they are on the disk now, each with the name its bytes were just checked
 * against (known-pieces.ts), so that post's save need not hash them again. None when the volume
 * cannot be listed from here (post cannot save it then anyway), the listing fails, or the manifest
 * has no listing digests: the save hashes every piece, and the restore stands.
 */
async function checkedPieces(docker: DockerClient, container: Docker.Container, manifest: Manifest): Promise<KnownPiece[]> {
  if (!manifest.listed) return [];
  try {
    const volume = (await container.inspect()).Mounts.find((m) => m.Destination === STATE_DIR)?.Name;
    const access = volume && (await volumeAccess(docker, volume));
    if (!access || typeof access === 'string') return [];
    let listedAt = Date.now() / 1000;
    let spans = splitVolume(await listVolume(access)).pieces;
    const wait = settleWait(spans, listedAt);
    if (wait > 0) {
      await new Promise((r) => setTimeout(r, Math.ceil(wait * 1000) + 10));
      listedAt = Date.now() / 1000;
      spans = splitVolume(await listVolume(access)).pieces;
    }
    return restoredPieces(spans, manifest.listed, manifest.bundles, listedAt);
  } catch {
    return [];
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
 * Each bundle as soon as its first part is in, one unpack at a time (the engine takes one archive
 * per container at a time anyway), each reading its parts as they arrive and checked against its
 * pieces' names on the way (PieceCheck); the meta part last, so that the directories it holds get
 * their times after the files in them are made (state-pieces.ts). The parts are fetched in
 * restoreOrder, taking turns on the link (fetch-turns.ts) so that they land one after another and the
 * unpacking follows the download a part behind. Returns the parts' compressed bytes.
 */
async function fetchAndUnpack(container: Docker.Container, bundles: StoredBundle[], restorePrefix: string, meta: Buffer): Promise<number> {
  const parts = partsOf(restoreOrder(bundles)).map((p) => ({ ...p, own: ownCopy(partPath(p.bundle.id, p.k)), file: deferred<string>() }));
  let unpackError: { err: unknown } | undefined;
  let unpacked: Promise<void> = Promise.resolve();
  const unpack = (source: () => Readable, members?: PieceDigest[]) => {
    unpacked = unpacked
      .then(async () => {
        if (!unpackError) await unpackInto(container, source(), STATE_DIR, members);
      })
      .catch((err) => void (unpackError ??= { err }));
  };
  let bytes = 0;
  try {
    await fetchInTurns(parts, async (p) => {
      if (unpackError) throw unpackError.err;
      try {
        if (!(await restoreFile(partPath(p.bundle.id, p.k), p.own, partKey(restorePrefix, p.bundle, p.k), [])))
          throw new UserError(`piece entry ${p.bundle.id.slice(0, 12)} part ${p.k + 1} could not be fetched`);
        bytes += fs.statSync(p.own).size;
        p.file.resolve(p.own);
        if (p.k === 0) {
          const own = parts.filter((q) => q.bundle === p.bundle).map((q) => q.file.promise);
          unpack(
            () => Readable.from(partsInOrder(own)),
            p.bundle.members.map((id, i) => ({ id, bytes: p.bundle.lengths[i] })),
          );
        }
      } catch (err) {
        p.file.reject(err);
        throw err;
      }
    });
    unpack(() => Readable.from([meta]));
  } finally {
    // Parts never fetched (after a failure) end the unpack that waits for them.
    for (const p of parts) p.file.reject(new UserError('the restore stopped before this part was fetched'));
    await unpacked;
    for (const p of parts) fs.rmSync(p.own, { force: true });
  }
  if (unpackError) throw unpackError.err;
  return bytes;
}
