/**
 * keep-state's state as content-addressed pieces, as pure functions: what a listing of the state
 * volume splits into, how pieces are grouped into cache entries (bundles), and the manifest that
 * names them.
 *
 * - A piece is a content-store blob (`runc-<snapshotter>/content/blobs/sha256/<digest>`) or a
 *   snapshot directory (`runc-<snapshotter>/snapshots/snapshots/<n>`) with what is below it.
 * - A piece is named by its bytes: the sha256 of its archive, a tar that GNU tar writes the same way
 *   for the same content every time (PIECE_TAR in state-archive.ts: no access or change times, no
 *   process id in header names, one archive per piece). The name covers every byte of every file,
 *   its path, type, mode, owner, modification time, link target and extended attributes: a file
 *   rewritten with the same size and time (SOURCE_DATE_EPOCH, `cp -p`, `touch -d`) makes a new
 *   name. The engine's host computes it where the bytes are (state-archive.ts hashPieces), and the
 *   restore checks every piece against it before BuildKit starts (PieceCheck).
 * - A snapshot piece holds its files, links and devices (whiteouts), not its directories: those go
 *   with the meta part, with the overlay `work/` directory (scratch space the kernel empties at each
 *   mount). Mounting a snapshot does not rename it, and neither does a restore: the engine sets a
 *   directory's extended attributes in an order of its own (a Go map's), and GNU tar archives them
 *   in the order the filesystem lists them, so a directory with two (`trusted.overlay.impure` and
 *   another) would archive differently after each restore. The meta part is saved every time, so
 *   the directories it holds are always this save's; it is unpacked last, so that their times are
 *   set after the files in them are made.
 * - A snapshot of SPLIT_AT bytes or more is cut into buckets of its files (see SPLIT_AT).
 * - Everything else (the bolt databases, the directories, small files) is the `meta` part, saved
 *   every time inside the manifest's own entry.
 *
 * A bundle is pieces archived together: a large piece alone, small ones together in packs. Its
 * archive is its members' archives one after the other (each without its two-block end, one end
 * after the last), so that each member's bytes are a range of the bundle's tar that hashes to the
 * member's name. A bundle is named by the hash of its members' names, so a save that has the same
 * pieces as an earlier one finds its bundles in the cache and uploads nothing but the manifest. A
 * bundle's archive is cut into parts of PART_BYTES, each a cache entry of its own (see PART_BYTES).
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
  /**
   * Seconds since the epoch of the last change of the file or its metadata (%C@), and its inode
   * (%i): the kernel sets both on every write, and no call sets them back (known-pieces.ts).
   */
  ctime: string;
  inode: string;
}

type PieceKind = 'blob' | 'snapshot';

/** A piece as the listing gives it, before its bytes are hashed. */
export interface PieceSpan {
  kind: PieceKind;
  /** The paths its archive holds, parents first (archived one by one, without recursion). */
  paths: string[];
  /** Apparent bytes of its files, before compression. */
  size: number;
  /**
   * The sha256 of its entries as listed (path, type, mode, owner, size, modification time, link):
   * what its archive records of them, so the same for its files after a restore (known-pieces.ts).
   */
  listed: string;
  /** The same with each entry's change time and inode: another on this machine after any write to it. */
  stamp: string;
  /** The newest change time of its entries (seconds since the epoch). */
  changed: number;
}

/** What names a piece: the sha256 of its archive, and that archive's length (state-archive.ts hashPieces). */
export interface PieceDigest {
  id: string;
  /** Bytes of its tar, the two-block end included. */
  bytes: number;
}

export type Piece = PieceSpan & PieceDigest;

/** The zero blocks that end a tar: the end of each piece's archive, and of a bundle's. */
export const TAR_END = 1024;

export interface VolumeSplit {
  /** Sorted by their first path. */
  pieces: PieceSpan[];
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
 * the buckets those files fall in, not the whole mount.
 */
export const SPLIT_AT = 64e6;
export const BUCKETS = 16;

/** Parses `find . -mindepth 1 -printf '%y %m %U %G %s %T@ %C@ %i\0%l\0%P\0'`. */
export function parseListing(text: string): ListedEntry[] {
  const fields = text.split('\0');
  const out: ListedEntry[] = [];
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const [type, mode, uid, gid, size, mtime, ctime, inode] = fields[i].split(' ');
    out.push({ type, mode, uid, gid, size: Number(size), mtime, link: fields[i + 1], path: fields[i + 2], ctime, inode });
  }
  return out;
}

/** The sha256 of entries' listing lines, in order of path; with `stamped`, their change times and inodes too. */
function listingDigest(entries: ListedEntry[], stamped: boolean): string {
  const hash = createHash('sha256');
  for (const e of entries) {
    const stamp = stamped ? ` ${e.ctime} ${e.inode}` : '';
    hash.update(`${e.type} ${e.mode} ${e.uid} ${e.gid} ${e.size} ${e.mtime}${stamp}\0${e.link}\0${e.path}\0`, 'latin1');
  }
  return hash.digest('hex');
}

function bucketOf(rel: string): number {
  return createHash('sha256').update(rel).digest().readUInt32BE(0) % BUCKETS;
}

function spanOf(kind: PieceKind, entries: ListedEntry[]): PieceSpan {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    kind,
    paths: sorted.map((e) => e.path),
    size: filesSize(sorted),
    listed: listingDigest(sorted, false),
    stamp: listingDigest(sorted, true),
    changed: sorted.reduce((t, e) => Math.max(t, Number(e.ctime)), 0),
  };
}

function filesSize(entries: ListedEntry[]): number {
  return entries.reduce((n, e) => n + (e.type === 'f' ? e.size : 0), 0);
}

/** The overlay scratch space of a snapshot, `<root>/work` and below. */
function isScratch(rel: string): boolean {
  return rel === '/work' || rel.startsWith('/work/');
}

/** Splits a listing into pieces (not named yet) and the meta part. */
export function splitVolume(entries: ListedEntry[]): VolumeSplit {
  const pieces: PieceSpan[] = [];
  const snapshots = new Map<string, ListedEntry[]>();
  for (const e of entries) if (e.type === 'd' && SNAPSHOT.test(e.path)) snapshots.set(e.path, []);
  const meta: ListedEntry[] = [];
  for (const e of entries) {
    const blob = e.type === 'f' ? BLOB.exec(e.path) : null;
    const root = blob ? undefined : snapshotRoot(e.path);
    if (blob) pieces.push(spanOf('blob', [e]));
    else if (root !== undefined && snapshots.has(root) && e.type !== 'd' && !isScratch(e.path.slice(root.length)))
      snapshots.get(root)!.push(e);
    else meta.push(e);
  }
  for (const [root, held] of snapshots) {
    if (held.length === 0) continue;
    if (filesSize(held) < SPLIT_AT) {
      pieces.push(spanOf('snapshot', held));
      continue;
    }
    const buckets: ListedEntry[][] = Array.from({ length: BUCKETS }, () => []);
    for (const e of held) buckets[bucketOf(e.path.slice(root.length))].push(e);
    for (const b of buckets) if (b.length) pieces.push(spanOf('snapshot', b));
  }
  return {
    pieces: pieces.sort((a, b) => (a.paths[0] < b.paths[0] ? -1 : a.paths[0] > b.paths[0] ? 1 : 0)),
    meta: meta.map((e) => e.path).sort(),
    metaSize: filesSize(meta),
  };
}

/** The pieces with the names their archives gave them (`digests` in the order of `spans`), in order of name. */
export function namePieces(spans: PieceSpan[], digests: PieceDigest[]): Piece[] {
  if (digests.length !== spans.length) throw new Error(`${digests.length} digests for ${spans.length} pieces`);
  return spans.map((s, i) => ({ ...s, ...digests[i] })).sort((a, b) => a.id.localeCompare(b.id));
}

/** The snapshot directory a path is in or is, or undefined. */
function snapshotRoot(p: string): string | undefined {
  const m = /^(runc-[^/]+\/snapshots\/snapshots\/\d+)(\/|$)/.exec(p);
  return m?.[1];
}

/** One cache entry: pieces archived together. */
export interface Bundle {
  id: string;
  /** Piece ids, sorted: the order of their archives in the bundle's. */
  members: string[];
  /** Bytes of each member's archive (PieceDigest.bytes), in the order of `members`. */
  lengths: number[];
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
  const sorted = [...pieces].sort((a, b) => a.id.localeCompare(b.id));
  const members = sorted.map((p) => p.id);
  return {
    id: bundleId(members),
    members,
    lengths: sorted.map((p) => p.bytes),
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
const DIGEST = /^[0-9a-f]{64}$/;

/** A tar's length: whole 512-byte blocks, its end included. */
function isTarLength(n: unknown): boolean {
  return Number.isSafeInteger(n) && (n as number) >= TAR_END && (n as number) % 512 === 0;
}

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
  /**
   * Each piece's listing digest (PieceSpan.listed) and its name: how a restore tells which of the
   * volume's pieces each name it checked belongs to (known-pieces.ts). Absent from manifests saved
   * before it: their pieces are all hashed again by the next save.
   */
  listed?: Record<string, string>;
}

/**
 * 3: pieces named by the sha256 of their archives, which a bundle holds one after the other
 * (`lengths`). A manifest of another format is not restored: its pieces were named otherwise.
 */
export const MANIFEST_FORMAT = 3;

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
    if (!b.members.every((m) => DIGEST.test(String(m)))) throw new Error(`bundle ${b.id} has a member that is not a sha256`);
    if (!Array.isArray(b.lengths) || b.lengths.length !== b.members.length || !b.lengths.every(isTarLength))
      throw new Error(`bundle ${b.id} has no valid lengths of its members`);
  }
  if (
    m.listed !== undefined &&
    (typeof m.listed !== 'object' || !Object.entries(m.listed).every(([l, id]) => DIGEST.test(l) && DIGEST.test(String(id))))
  )
    throw new Error('the listing digests are not sha256 pairs');
  return { manifest: m, metaOffset: nl + 1 };
}
