/**
 * keep-state's upload: list the volume as root, name each piece by the sha256 of its archive (read
 * and hashed next to the volume, state-archive.ts hashPieces, unless the restore checked it and
 * nothing wrote to it since: known-pieces.ts), ask the cache which bundles it lacks,
 * upload those (cut into parts), then the manifest that names them all.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';

import { cacheLookup, saveFile } from '../actions-cache/service.js';
import { errorLine, UserError } from '../util/errors.js';
import { secondsSince } from '../util/units.js';
import { knownDigests, listedNames, type RestoredState } from './known-pieces.js';
import { inParallel, LOOKUPS, MANIFEST_PATH, ownCopy, partInCache, partPath, partsOf, UPLOADS } from './parts.js';
import type { KeptState } from './plan.js';
import { archiveParts, archivePaths, hashPieces, listVolume, type VolumeAccess } from './state-archive.js';
import { bundleKeyPrefix, parseFirstPartKey, partKey } from './state-key.js';
import {
  type Bundle,
  type Manifest,
  MANIFEST_FORMAT,
  manifestHeader,
  namePieces,
  PART_BYTES,
  splitVolume,
  type StoredBundle,
} from './state-pieces.js';
import { boundUploads, planSave, SAVE_ENTRIES } from './upload-limit.js';

export interface Saved {
  pieces: number;
  /** Pieces named from the restore (known-pieces.ts), not hashed again. */
  knownPieces: number;
  /** The other pieces' archives, read and hashed to name them, and how long that took (s). */
  hashedBytes: number;
  hashSeconds: string;
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
async function uploadBundle(
  access: VolumeAccess,
  restorePrefix: string,
  b: Bundle,
  paths: string[][],
  partBytes: number,
): Promise<[StoredBundle, number]> {
  const tag = randomBytes(6).toString('hex');
  const files = await archiveParts(access, paths, `${ownCopy(partPath(b.id, 0))}.`, partBytes);
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
export async function savePieces(access: VolumeAccess, kept: KeptState): Promise<Saved> {
  const split = splitVolume(await listVolume(access));
  const { bundles: previous, known: restored } = readPrevious(kept.previous);
  // Pieces the restore checked and nothing wrote to since keep their names; the others are hashed.
  const known = knownDigests(split.pieces, restored);
  const unknown = split.pieces.filter((_, i) => !known[i]);
  const hashing = Date.now();
  const hashed = await hashPieces(access, unknown);
  const hashSeconds = secondsSince(hashing);
  const hashedBytes = hashed.reduce((n, d) => n + d.bytes, 0);
  const pieces = namePieces(
    split.pieces,
    known.map((d) => d ?? hashed.shift()!),
  );
  const planned = planSave(pieces, previous);
  const seen = new Set(previous.flatMap((b) => b.members));
  const found = await storedUploads(kept.restorePrefix, planned);
  const pathsOf = new Map(pieces.map((p) => [p.id, p.paths]));
  const reused = found.filter((b) => b !== undefined);
  // The service's rate limit: at most SAVE_ENTRIES entries, the manifest's among them (upload-limit.ts).
  const bound = boundUploads(
    planned.filter((_, i) => !found[i]),
    SAVE_ENTRIES - 1,
    PART_BYTES,
  );
  let uploadedBytes = 0;
  const uploaded = await inParallel(bound.bundles, UPLOADS, async (b) => {
    const [upload, bytes] = await uploadBundle(
      access,
      kept.restorePrefix,
      b,
      b.members.map((id) => pathsOf.get(id)!),
      bound.partBytes,
    );
    uploadedBytes += bytes;
    return upload;
  });
  const bundles = [...reused, ...uploaded];
  const own = ownCopy(MANIFEST_PATH);
  const meta = `${own}.meta`;
  try {
    await archivePaths(access, split.meta, meta);
    const manifest: Manifest = { format: MANIFEST_FORMAT, bundles, metaBytes: fs.statSync(meta).size, listed: listedNames(pieces) };
    fs.writeFileSync(own, Buffer.concat([manifestHeader(manifest), fs.readFileSync(meta)]));
    const manifestBytes = fs.statSync(own).size;
    await saveFile(MANIFEST_PATH, own, kept.key);
    const reusedSize = found.reduce((n, b) => n + (b?.size ?? 0), 0);
    return {
      pieces: pieces.length,
      newPieces: pieces.filter((p) => !seen.has(p.id)).length,
      knownPieces: pieces.length - unknown.length,
      hashedBytes,
      hashSeconds,
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

/** What main's restore left (its manifest's bundles, the pieces it checked); nothing when there was none or it is unreadable. */
function readPrevious(file: string | undefined): RestoredState {
  const none = { bundles: [], known: [] };
  if (!file) return none;
  try {
    const { bundles, known } = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<RestoredState>;
    return { bundles: Array.isArray(bundles) ? bundles : [], known: Array.isArray(known) ? known : [] };
  } catch {
    return none;
  }
}
