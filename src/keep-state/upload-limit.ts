/**
 * How many cache entries one save uploads, at most. GitHub's cache service takes 200 cache-entry
 * uploads a minute per repository (429 with Retry-After beyond that): a 16-leg matrix whose legs
 * save in the same minute uploads 16 × SAVE_ENTRIES = 192 entries, under the limit. A save that
 * would upload more packs its new bundles into fewer, larger entries instead: its largest bundles
 * stay as they are and the rest go into one, and the part size grows so that every entry fits.
 */
import { type Bundle, BUNDLE_LIMITS, bundleId, type Piece, planBundles } from './state-pieces.js';

/** Entries per save, the manifest included: 16 legs × 12 = 192 < 200 uploads a minute. */
export const SAVE_ENTRIES = 12;

/**
 * Upper bound of a bundle's compressed archive: zstd may grow incompressible bytes a little, and
 * tar adds a header (and padding) per path.
 */
function archiveBound(b: Bundle): number {
  return Math.ceil(b.size * 1.01) + b.paths * 1024 + 10240;
}

/**
 * Whether boundUploads packed this bundle: several pieces that planBundles would not put together,
 * because one of them stands alone (BUNDLE_LIMITS.alone) or they hold more than a pack
 * (BUNDLE_LIMITS.pack). `sizeOf` gives each present piece's size (a piece's bytes are its name's, so
 * its size is the same in every save). Several small pieces within a pack's size are a pack as
 * planBundles makes them, and planBundles keeps those itself.
 */
export function wasPacked(b: Bundle, sizeOf: ReadonlyMap<string, number>): boolean {
  if (b.members.length < 2) return false;
  return b.size > BUNDLE_LIMITS.pack || b.members.some((m) => (sizeOf.get(m) ?? 0) >= BUNDLE_LIMITS.alone);
}

/**
 * The bundles a save asks the cache for: those the upload limit packed, as they are while all their
 * pieces are there (planned afresh, their pieces would be uploaded again by every later save), then
 * planBundles' over the other pieces.
 */
export function planSave(pieces: Piece[], previous: Bundle[]): Bundle[] {
  const sizeOf = new Map(pieces.map((p) => [p.id, p.size]));
  const packed = previous.filter((b) => b.members.every((m) => sizeOf.has(m)) && wasPacked(b, sizeOf));
  const inPacked = new Set(packed.flatMap((b) => b.members));
  return [
    ...packed.map(({ id, members, lengths, size, paths }) => ({ id, members, lengths, size, paths })),
    ...planBundles(
      pieces.filter((p) => !inPacked.has(p.id)),
      previous,
    ),
  ];
}

function merged(bundles: Bundle[]): Bundle {
  // Members in order of name, each with its archive's length: the merged bundle's archive is theirs one after the other.
  const held = bundles.flatMap((b) => b.members.map((m, i) => [m, b.lengths[i]] as const)).sort(([a], [b]) => a.localeCompare(b));
  const members = held.map(([m]) => m);
  return {
    id: bundleId(members),
    members,
    lengths: held.map(([, n]) => n),
    size: bundles.reduce((n, b) => n + b.size, 0),
    paths: bundles.reduce((n, b) => n + b.paths, 0),
  };
}

/**
 * The bundles to upload, and the part size to cut them at, so that their parts are at most `slots`
 * entries. Within the bound, the bundles and `partBytes` come back as they are.
 */
export function boundUploads(fresh: Bundle[], slots: number, partBytes: number): { bundles: Bundle[]; partBytes: number } {
  const parts = (bs: Bundle[], size: number) => bs.reduce((n, b) => n + Math.max(1, Math.ceil(archiveBound(b) / size)), 0);
  if (parts(fresh, partBytes) <= slots) return { bundles: fresh, partBytes };
  const bySize = [...fresh].sort((a, b) => b.size - a.size || a.id.localeCompare(b.id));
  // Half the slots for bundles as they are, at most: the rest are the parts they and the merged one are cut into.
  const alone = bySize.slice(0, Math.min(bySize.length, Math.floor(slots / 2)));
  const rest = bySize.slice(alone.length);
  const bundles = rest.length > 0 ? [...alone, merged(rest)] : alone;
  // Each bundle is at least one part; the bytes beyond fill the other slots.
  const total = bundles.reduce((n, b) => n + archiveBound(b), 0);
  let size = Math.max(partBytes, Math.ceil(total / Math.max(1, slots - bundles.length)));
  while (parts(bundles, size) > slots) size = Math.ceil(size * 1.1);
  return { bundles, partBytes: size };
}
