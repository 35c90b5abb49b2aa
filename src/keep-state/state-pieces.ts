/**
 * keep-state's state as content-addressed pieces, as pure functions: what a listing of the state
 * volume splits into, what each piece is called, how pieces are grouped into cache entries
 * (bundles), and the manifest that names them.
 *
 * - A content-store blob (`runc-<snapshotter>/content/blobs/sha256/<digest>`) is a piece named by
 *   its digest: containerd wrote it under that name after checking it.
 * - A snapshot directory (`runc-<snapshotter>/snapshots/snapshots/<n>`) is a piece named by a hash
 *   of its number and of what it holds: every path below it with its type, mode, owner, size,
 *   modification time (nanoseconds) and link target. Committed snapshots never change, and the
 *   restore puts every one of them back with its times, so a snapshot that a build did not touch
 *   keeps its name from run to run; a cache mount that a build wrote to gets a new one. The
 *   overlay `work/` directory (scratch space the kernel empties at each mount) and directories'
 *   times stay out of the hash.
 * - A snapshot of SPLIT_AT bytes or more is cut into buckets of its files (see SPLIT_AT).
 * - Everything else (the bolt databases, the directories leading to the pieces, small files) is
 *   the `meta` part, saved every time inside the manifest's own entry.
 *
 * A bundle is pieces archived together: a large piece alone, small ones together in packs. A bundle
 * is named by the hash of its members' names, so a save that has the same pieces as an earlier one
 * finds its bundles in the cache and uploads nothing but the manifest. A bundle's archive is cut
 * into parts of PART_BYTES, each a cache entry of its own (see PART_BYTES).
 */
import { createHash } from 'node:crypto';

/** One line of the volume's listing (`find -printf`, see state-archive.ts). */
export interface ListedEntry {
  /** find's %y: f, d, l, c, b, p, s. */
  type: string;
  mode: string;
  uid: string;
  gid: string;
  size: number;
  /** Seconds since the epoch with find's fraction (%T@). */
  mtime: string;
  link: string;
  /** Relative to the volume's root, without `./`. */
  path: string;
}

type PieceKind = 'blob' | 'snapshot';

export interface Piece {
  id: string;
  kind: PieceKind;
  /** The paths its archive holds, parents first (archived one by one, without recursion). */
  paths: string[];
  /** Apparent bytes of its files, before compression. */
  size: number;
}

export interface VolumeSplit {
  pieces: Piece[];
  /** Paths of the meta part, archived without recursion (directories as entries only). */
  meta: string[];
  /** Apparent bytes of the meta part's files. */
  metaSize: number;
}

const BLOB = /^runc-[^/]+\/content\/blobs\/sha256\/([0-9a-f]{64})$/;
const SNAPSHOT = /^runc-[^/]+\/snapshots\/snapshots\/\d+$/;

/**
 * A snapshot of this many bytes or more (a cache mount, a big layer) is cut into BUCKETS pieces by a
 * hash of each file's path, so that a build that changes a few files of a big cache mount uploads
 * the buckets those files fall in, not the whole mount. Its directories (with their attributes, the
 * opaque ones among them) go with the meta part, which is unpacked first.
 */
export const SPLIT_AT = 64e6;
export const BUCKETS = 16;

/** Parses `find . -mindepth 1 -printf '%y %m %U %G %s %T@\0%l\0%P\0'`. */
export function parseListing(text: string): ListedEntry[] {
  const fields = text.split('\0');
  const out: ListedEntry[] = [];
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const [type, mode, uid, gid, size, mtime] = fields[i].split(' ');
    out.push({ type, mode, uid, gid, size: Number(size), mtime, link: fields[i + 1], path: fields[i + 2] });
  }
  return out;
}

function snapshotLine(e: ListedEntry, rel: string): string {
  const dir = e.type === 'd';
  return [rel, e.type, e.mode, e.uid, e.gid, dir ? '' : e.size, dir ? '' : e.mtime, e.link].join('\0');
}

function bucketOf(rel: string): number {
  return createHash('sha256').update(rel).digest().readUInt32BE(0) % BUCKETS;
}

function pieceOf(name: string, entries: ListedEntry[], root: string): Piece {
  const h = createHash('sha256').update(`${name}\n`);
  const lines: string[] = [];
  let size = 0;
  for (const e of entries) {
    const rel = e.path.slice(root.length);
    // The overlay scratch space is archived but does not name the piece.
    if (!rel.startsWith('/work/')) lines.push(snapshotLine(e, rel));
    if (e.type === 'f') size += e.size;
  }
  for (const line of lines.sort()) h.update(`${line}\n`);
  return { id: h.digest('hex'), kind: 'snapshot', paths: entries.map((e) => e.path).sort(), size };
}

/** Splits a listing into pieces and the meta part. */
export function splitVolume(entries: ListedEntry[]): VolumeSplit {
  const pieces: Piece[] = [];
  const snapshots = new Map<string, ListedEntry[]>();
  for (const e of entries) if (e.type === 'd' && SNAPSHOT.test(e.path)) snapshots.set(e.path, []);
  const meta: ListedEntry[] = [];
  for (const e of entries) {
    const blob = e.type === 'f' ? BLOB.exec(e.path) : null;
    const root = blob ? undefined : snapshotRoot(e.path);
    if (blob) pieces.push({ id: blob[1], kind: 'blob', paths: [e.path], size: e.size });
    else if (root !== undefined && snapshots.has(root)) snapshots.get(root)!.push(e);
    else meta.push(e);
  }
  for (const [root, held] of snapshots) {
    const size = held.reduce((n, e) => n + (e.type === 'f' ? e.size : 0), 0);
    if (size < SPLIT_AT) {
      pieces.push(pieceOf(root, held, root));
      continue;
    }
    const buckets: ListedEntry[][] = Array.from({ length: BUCKETS }, () => []);
    for (const e of held) {
      const rel = e.path.slice(root.length);
      if (e.type === 'd' || rel.startsWith('/work/')) meta.push(e);
      else buckets[bucketOf(rel)].push(e);
    }
    buckets.forEach((b, k) => b.length && pieces.push(pieceOf(`${root}#${k}`, b, root)));
  }
  return {
    pieces: pieces.sort((a, b) => a.id.localeCompare(b.id)),
    meta: meta.map((e) => e.path).sort(),
    metaSize: meta.reduce((n, e) => n + (e.type === 'f' ? e.size : 0), 0),
  };
}

/** The snapshot directory a path is in or is, or undefined. */
function snapshotRoot(p: string): string | undefined {
  const m = /^(runc-[^/]+\/snapshots\/snapshots\/\d+)(\/|$)/.exec(p);
  return m?.[1];
}

/** One cache entry: pieces archived together. */
export interface Bundle {
  id: string;
  /** Piece ids, sorted. */
  members: string[];
  /** Apparent bytes of the members, before compression. */
  size: number;
  /** Paths its archive holds: the engine makes each one (see restoreOrder). */
  paths: number;
}

export interface BundleLimits {
  /** A piece of at least this many bytes is a bundle of its own. */
  alone: number;
  /** Packs of small pieces are filled up to about this many bytes. */
  pack: number;
  /** At most this many packs of the previous manifest are kept as they are. */
  keptPacks: number;
}

/**
 * A pack that loses a member is uploaded again whole, so packs stay small; pieces of 8 MB and more
 * (layers, cache mounts) are worth an entry of their own.
 */
export const BUNDLE_LIMITS: BundleLimits = { alone: 8e6, pack: 16e6, keptPacks: 12 };

export function bundleId(members: string[]): string {
  return createHash('sha256')
    .update([...members].sort().join('\n'))
    .digest('hex');
}

function bundleOf(pieces: Piece[]): Bundle {
  const members = pieces.map((p) => p.id).sort();
  return {
    id: bundleId(members),
    members,
    size: pieces.reduce((s, p) => s + p.size, 0),
    paths: pieces.reduce((n, p) => n + p.paths.length, 0),
  };
}

/**
 * Groups the pieces into bundles. A pack of the previous manifest whose pieces are all still there
 * is kept as it is (it is in the cache already); the largest `keptPacks` of those are kept, so the
 * number of entries a restore fetches stays bounded. Large pieces stand alone. The other small
 * pieces fill new packs in id order, in two kinds: settled ones (in the previous manifest; on a first
 * save, blobs, which never change) and fresh ones (new, or changed since: a build context, a cache
 * mount). A piece that changed once tends to change again, and every change of a member re-uploads
 * its whole pack, so the fresh ones are kept apart from those that rarely change.
 */
export function planBundles(pieces: Piece[], previous: Bundle[] = [], limits: BundleLimits = BUNDLE_LIMITS): Bundle[] {
  const byId = new Map(pieces.map((p) => [p.id, p]));
  const seen = new Set(previous.flatMap((b) => b.members));
  const placed = new Set<string>();
  const out: Bundle[] = [];
  const whole = previous.filter((b) => b.members.every((m) => byId.has(m) && byId.get(m)!.size < limits.alone));
  const kept = new Set([...whole].sort((a, b) => b.size - a.size || a.id.localeCompare(b.id)).slice(0, limits.keptPacks));
  for (const b of whole) {
    if (!kept.has(b) || b.members.some((m) => placed.has(m))) continue;
    out.push(bundleOf(b.members.map((m) => byId.get(m)!)));
    for (const m of b.members) placed.add(m);
  }
  const settled: Piece[] = [];
  const fresh: Piece[] = [];
  for (const p of pieces) {
    if (placed.has(p.id)) continue;
    if (p.size >= limits.alone) out.push(bundleOf([p]));
    else (seen.has(p.id) || (seen.size === 0 && p.kind === 'blob') ? settled : fresh).push(p);
  }
  for (const group of [settled, fresh]) {
    let pack: Piece[] = [];
    let packSize = 0;
    for (const p of group) {
      if (packSize > 0 && packSize + p.size > limits.pack) {
        out.push(bundleOf(pack));
        pack = [];
        packSize = 0;
      }
      pack.push(p);
      packSize += p.size;
    }
    if (pack.length) out.push(bundleOf(pack));
  }
  return out;
}

/**
 * A bundle's compressed archive is cut into parts of this many bytes, each its own cache entry, so
 * that one big piece (a layer of one large file, a big blob) downloads as several entries side by
 * side and its unpacking starts with its first part, instead of waiting for the whole entry to be
 * fetched and taken out of @actions/cache's own archive. Parts are fetched in order, so the unpacking
 * follows the download a part behind.
 */
export const PART_BYTES = 64e6;

/**
 * A bundle as one save uploaded it: `parts` entries under a tag of that upload. Another upload of
 * the same bundle (a job that found a part evicted, two jobs at once) gets a tag of its own, because
 * two archives of the same pieces are not byte for byte the same and their parts must never mix.
 */
export interface StoredBundle extends Bundle {
  tag: string;
  parts: number;
}

const TAG = /^[0-9a-f]{12}$/;

/**
 * What unpacking one path costs, in bytes written: the engine makes files at about 0.4 ms each and
 * writes about 300 MB/s on this project's 2-core machines (bench/state.sh: 3000 small files took
 * 1.1 s, 105 MB of one file 0.3 s).
 */
const PATH_COST = 128e3;

/**
 * The order a restore fetches bundles in: most unpacking per entry fetched first. Unpacking costs
 * about what the bundle holds (a GB of text that compresses to one part is seconds of writing;
 * thousands of small files are one or two), fetching what it weighs compressed (parts). Bundles
 * that cost more to unpack than to fetch go first, so that their unpacking overlaps the rest of the
 * download; the ones the link limits (random data in many parts) go last, where the unpacking keeps
 * up with the download and what is left after it is a part or two.
 */
export function restoreOrder(bundles: StoredBundle[]): StoredBundle[] {
  const cost = (b: StoredBundle) => (b.size + b.paths * PATH_COST) / b.parts;
  return [...bundles].sort((a, b) => cost(b) - cost(a) || a.id.localeCompare(b.id));
}

/** What one save wrote: its bundles, and the meta part that follows the manifest in its entry. */
export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  bundles: StoredBundle[];
  /** Bytes of the compressed meta part after the manifest's line. */
  metaBytes: number;
}

export const MANIFEST_FORMAT = 2;

/**
 * The manifest entry's file: the manifest as one JSON line, then the meta part's tar.zst. One entry
 * per save, read first by a restore, which needs the meta part anyway.
 */
export function manifestHeader(m: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(m)}\n`);
}

/** The manifest at the head of an entry's file, and where the meta part starts; throws when it is not one. */
export function parseManifestHeader(head: Buffer): { manifest: Manifest; metaOffset: number } {
  const nl = head.indexOf(0x0a);
  if (nl < 0) throw new Error('the manifest line is cut short');
  const m = JSON.parse(head.subarray(0, nl).toString('utf8')) as Manifest;
  if (m?.format !== MANIFEST_FORMAT || !Array.isArray(m.bundles)) throw new Error(`not a manifest of format ${MANIFEST_FORMAT}`);
  for (const b of m.bundles) {
    if (!Array.isArray(b.members) || bundleId(b.members) !== b.id) throw new Error(`bundle ${String(b.id)} does not match its members`);
    if (!TAG.test(String(b.tag)) || !Number.isInteger(b.parts) || b.parts < 1) throw new Error(`bundle ${b.id} has no valid parts`);
    if (!Number.isFinite(b.size) || !Number.isFinite(b.paths)) throw new Error(`bundle ${b.id} has no size or count of paths`);
  }
  return { manifest: m, metaOffset: nl + 1 };
}
