/**
 * Pieces whose names a save knows without reading their bytes: those a restore checked on this
 * machine and that nothing has written to since. Naming every piece by its bytes (state-pieces.ts)
 * costs a save a read and hash of the whole state; most of it is what the restore brought and the
 * job's builds did not touch, and the restore hashed exactly those bytes already (PieceCheck).
 *
 * After a whole restore, before BuildKit starts, the volume is listed with each entry's change time
 * and inode. A restored piece is told by its listing digest (PieceSpan.listed), which the manifest
 * maps to the name its bytes were checked against; its stamp (the listing with change times and
 * inodes) is kept with that name for post. At the save, a piece with the same stamp is the same
 * bytes: the kernel sets a file's change time to the current time on every write of its bytes or
 * metadata (`touch -d`, `cp -p` and `tar x` included) and no call sets it back, and a file replaced
 * by another has another inode. Metadata alone never names a piece: a stamp only carries over a name
 * that the restore checked against the bytes, on the same machine, and any write breaks it.
 *
 * Change times are the kernel's coarse clock (a tick of up to 10 ms): a piece changed less than
 * SETTLED_S before the listing started could share its change time with a write just after it, so
 * such a piece is not kept and the save hashes it.
 */
import type { PieceDigest, PieceSpan, StoredBundle } from './state-pieces.js';

/** A restored piece's stamp and the name its bytes were checked against. */
export interface KnownPiece extends PieceDigest {
  stamp: string;
}

/** A piece changed this recently before the restore's listing is not kept (its change time's tick may not have ended). */
export const SETTLED_S = 0.2;

/**
 * The restored pieces a save may name without hashing. `spans`: the volume's pieces as listed after
 * the restore, which started at `listedAt` (seconds since the epoch, this machine's clock);
 * `listed`: the manifest's listing digests and names; `bundles`: what the restore checked.
 */
export function restoredPieces(
  spans: PieceSpan[],
  listed: Record<string, string>,
  bundles: StoredBundle[],
  listedAt: number,
): KnownPiece[] {
  const checked = new Map(bundles.flatMap((b) => b.members.map((id, i) => [id, b.lengths[i]] as const)));
  const known: KnownPiece[] = [];
  for (const s of spans) {
    const id = Object.hasOwn(listed, s.listed) ? listed[s.listed] : undefined;
    const bytes = id === undefined ? undefined : checked.get(id);
    if (id !== undefined && bytes !== undefined && s.changed < listedAt - SETTLED_S) known.push({ id, bytes, stamp: s.stamp });
  }
  return known;
}

/**
 * How long to wait before listing the restored volume again, when a piece changed within SETTLED_S
 * of the listing (the restore's last bundle): seconds, 0 when every piece had settled. Nothing writes
 * to the volume meanwhile (BuildKit has not started), so a second listing after the wait keeps them.
 */
export function settleWait(spans: PieceSpan[], listedAt: number): number {
  const newest = spans.reduce((t, s) => Math.max(t, s.changed), 0);
  return Math.max(0, newest + SETTLED_S - listedAt);
}

/** For each span, its name when a restored piece has its stamp, else undefined (to be hashed). */
export function knownDigests(spans: PieceSpan[], known: KnownPiece[]): (PieceDigest | undefined)[] {
  const byStamp = new Map(known.map((k) => [k.stamp, { id: k.id, bytes: k.bytes }]));
  return spans.map((s) => byStamp.get(s.stamp));
}

/** The manifest's map of listing digests to names (Manifest.listed). */
export function listedNames(pieces: (PieceSpan & PieceDigest)[]): Record<string, string> {
  return Object.fromEntries(pieces.map((p) => [p.listed, p.id]));
}

/** What main's restore hands post's save (KeptState.previous): the manifest's bundles and the pieces it checked. */
export interface RestoredState {
  bundles: StoredBundle[];
  known: KnownPiece[];
}
