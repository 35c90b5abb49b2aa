/**
 * keep-state's pieces (state-pieces.ts): how a listing of the state volume splits into pieces and
 * the meta part, how they are grouped into cache entries, and the manifest. What names a piece (the
 * sha256 of its archive) is tested on real archives: unit/state-archive.
 */
import { bundleKeyPrefix, parseFirstPartKey, partKey, stateKeys } from '../../src/keep-state/state-key.js';
import {
  BUCKETS,
  BUNDLE_LIMITS,
  bundleId,
  type ListedEntry,
  manifestHeader,
  namePieces,
  parseListing,
  parseManifestHeader,
  type Piece,
  planBundles,
  restoreOrder,
  SPLIT_AT,
  splitVolume,
} from '../../src/keep-state/state-pieces.js';

const DIGEST = 'a'.repeat(64);
const W = 'runc-overlayfs';

function entry(path: string, type = 'f', more: Partial<ListedEntry> = {}): ListedEntry {
  return {
    type,
    mode: type === 'd' ? '755' : '644',
    uid: '0',
    gid: '0',
    size: type === 'f' ? 10 : 4096,
    mtime: '1700000000.1234567890',
    link: '',
    path,
    ctime: '1700000001.5000000000',
    inode: '42',
    ...more,
  };
}

/** A small state: two databases, a blob, two snapshots (one with a whiteout and overlay scratch space). */
function listing(change: (e: ListedEntry[]) => void = () => undefined): ListedEntry[] {
  const e = [
    entry('cache.db'),
    entry(W, 'd'),
    entry(`${W}/metadata_v2.db`),
    entry(`${W}/content/blobs/sha256`, 'd'),
    entry(`${W}/content/blobs/sha256/${DIGEST}`, 'f', { size: 5000 }),
    entry(`${W}/snapshots/metadata.db`),
    entry(`${W}/snapshots/snapshots`, 'd'),
    entry(`${W}/snapshots/snapshots/1`, 'd'),
    entry(`${W}/snapshots/snapshots/1/fs`, 'd'),
    entry(`${W}/snapshots/snapshots/1/fs/bin`, 'f', { size: 700 }),
    entry(`${W}/snapshots/snapshots/1/work`, 'd'),
    entry(`${W}/snapshots/snapshots/12`, 'd'),
    entry(`${W}/snapshots/snapshots/12/fs`, 'd'),
    entry(`${W}/snapshots/snapshots/12/fs/gone`, 'c', { size: 0 }),
    entry(`${W}/snapshots/snapshots/12/fs/app.go`, 'f', { size: 300 }),
    entry(`${W}/snapshots/snapshots/12/work`, 'd'),
    entry(`${W}/snapshots/snapshots/12/work/work`, 'd'),
  ];
  change(e);
  return e;
}

describe('splitting the volume', () => {
  test('find -printf output parses, odd names included', () => {
    const text = 'f 644 0 0 12 1700000000.5000000000 1700000001.0 17\0\0a b\tc\0l 777 0 0 3 1.0 2.0 18\0target\0link\0';
    expect(parseListing(text)).toEqual([
      {
        type: 'f',
        mode: '644',
        uid: '0',
        gid: '0',
        size: 12,
        mtime: '1700000000.5000000000',
        link: '',
        path: 'a b\tc',
        ctime: '1700000001.0',
        inode: '17',
      },
      { type: 'l', mode: '777', uid: '0', gid: '0', size: 3, mtime: '1.0', link: 'target', path: 'link', ctime: '2.0', inode: '18' },
    ]);
  });

  test('blobs by digest, snapshot directories whole, the rest is meta', () => {
    const { pieces, meta, metaSize } = splitVolume(listing());
    expect(pieces.map((p) => [p.kind, p.paths[0], p.size]).sort()).toEqual([
      ['blob', `${W}/content/blobs/sha256/${DIGEST}`, 5000],
      ['snapshot', `${W}/snapshots/snapshots/1/fs/bin`, 700],
      ['snapshot', `${W}/snapshots/snapshots/12/fs/app.go`, 300],
    ]);
    // Directories and the overlay scratch space go with the meta part: mounting or restoring a
    // snapshot does not rename it.
    expect(meta).toEqual([
      'cache.db',
      W,
      `${W}/content/blobs/sha256`,
      `${W}/metadata_v2.db`,
      `${W}/snapshots/metadata.db`,
      `${W}/snapshots/snapshots`,
      `${W}/snapshots/snapshots/1`,
      `${W}/snapshots/snapshots/1/fs`,
      `${W}/snapshots/snapshots/1/work`,
      `${W}/snapshots/snapshots/12`,
      `${W}/snapshots/snapshots/12/fs`,
      `${W}/snapshots/snapshots/12/work`,
      `${W}/snapshots/snapshots/12/work/work`,
    ]);
    expect(metaSize).toBe(30);
  });

  test('a snapshot piece holds what is below its directory but directories and the scratch space, whatever the order listed', () => {
    const twelve = (e: ListedEntry[]) => splitVolume(e).pieces.find((p) => p.paths[0].startsWith(`${W}/snapshots/snapshots/12/`))!;
    expect(twelve(listing()).paths).toEqual(['12/fs/app.go', '12/fs/gone'].map((p) => `${W}/snapshots/snapshots/${p}`));
    expect(twelve(listing((e) => e.reverse()))).toEqual(twelve(listing()));
  });

  test('a snapshot of directories only (an empty cache mount) is no piece: the meta part holds it', () => {
    const { pieces, meta } = splitVolume(
      listing((e) => e.push(entry(`${W}/snapshots/snapshots/30`, 'd'), entry(`${W}/snapshots/snapshots/30/fs`, 'd'))),
    );
    expect(pieces.filter((p) => p.paths[0].includes('/30/'))).toEqual([]);
    expect(meta).toEqual(expect.arrayContaining([`${W}/snapshots/snapshots/30`, `${W}/snapshots/snapshots/30/fs`]));
  });

  test('a big snapshot (a cache mount) is cut into buckets of its files: a changed file changes one bucket', () => {
    const big = (change: (e: ListedEntry[]) => void = () => undefined) =>
      listing((e) => {
        e.push(
          entry(`${W}/snapshots/snapshots/7`, 'd'),
          entry(`${W}/snapshots/snapshots/7/fs`, 'd'),
          entry(`${W}/snapshots/snapshots/7/fs/obj`, 'd'),
        );
        for (let i = 0; i < 64; i++) e.push(entry(`${W}/snapshots/snapshots/7/fs/obj/${i}.o`, 'f', { size: 2e6 }));
        change(e);
      });
    const of7 = (s: ReturnType<typeof splitVolume>) => s.pieces.filter((p) => p.paths[0].includes('/snapshots/7/'));
    const before = splitVolume(big());
    const buckets = of7(before);
    expect(buckets.length).toBeGreaterThan(BUCKETS / 2);
    expect(buckets.length).toBeLessThanOrEqual(BUCKETS);
    expect(buckets.flatMap((p) => p.paths)).toHaveLength(64);
    expect(buckets.reduce((n, p) => n + p.size, 0)).toBe(128e6);
    expect(before.meta).toEqual(expect.arrayContaining([`${W}/snapshots/snapshots/7`, `${W}/snapshots/snapshots/7/fs/obj`]));
    // A file's bucket is a hash of its path: a file changed, added or removed changes one bucket.
    const added = of7(splitVolume(big((e) => e.push(entry(`${W}/snapshots/snapshots/7/fs/obj/new.o`, 'f', { size: 2e6 })))));
    const same = new Set(buckets.map((p) => p.paths.join('\n')));
    expect(added.filter((p) => !same.has(p.paths.join('\n')))).toHaveLength(1);
    expect(SPLIT_AT).toBeLessThanOrEqual(128e6);
  });
});

function piece(id: string, size: number, kind: Piece['kind'] = 'snapshot'): Piece {
  const listed = { listed: id.padEnd(64, 'l'), stamp: id.padEnd(64, 's'), changed: 1 };
  return { id: id.padEnd(64, '0'), kind, paths: [`p/${id}`], size, bytes: 2048 + Math.ceil(size / 512) * 512, ...listed };
}

describe('naming', () => {
  test('each piece takes the digest computed for it; the pieces come out in order of name', () => {
    const listed = { listed: 'l', stamp: 's', changed: 1 };
    const spans = [
      { kind: 'blob' as const, paths: ['b'], size: 1, ...listed },
      { kind: 'snapshot' as const, paths: ['s'], size: 2, ...listed },
    ];
    expect(
      namePieces(spans, [
        { id: 'f'.repeat(64), bytes: 2048 },
        { id: 'e'.repeat(64), bytes: 3072 },
      ]),
    ).toEqual([
      { kind: 'snapshot', paths: ['s'], size: 2, ...listed, id: 'e'.repeat(64), bytes: 3072 },
      { kind: 'blob', paths: ['b'], size: 1, ...listed, id: 'f'.repeat(64), bytes: 2048 },
    ]);
    expect(() => namePieces(spans, [{ id: 'f'.repeat(64), bytes: 2048 }])).toThrow(/1 digests for 2 pieces/);
  });
});

const MB = 1e6;

describe('bundles', () => {
  test('large pieces alone; blobs apart from new snapshots; packs up to the limit', () => {
    const limits = { alone: 32 * MB, pack: 64 * MB, keptPacks: 12 };
    const pieces = [
      piece('a', 40 * MB),
      piece('b', 30 * MB, 'blob'),
      piece('c', 30 * MB, 'blob'),
      piece('d', 10 * MB, 'blob'),
      piece('e', 1 * MB),
      piece('f', 2 * MB),
    ];
    const bundles = planBundles(pieces, [], limits);
    expect(bundles.map((b) => b.members.map((m) => m[0]).join(''))).toEqual(['a', 'bc', 'd', 'ef']);
    expect(bundles.map((b) => b.size)).toEqual([40 * MB, 60 * MB, 10 * MB, 3 * MB]);
    expect(bundles.map((b) => b.paths)).toEqual([1, 2, 1, 2]);
    for (const b of bundles) expect(b.id).toBe(bundleId(b.members));
    // Each member's archive length, in the order of the members: where each one ends in the bundle's archive.
    expect(bundles[1].lengths).toEqual([pieces[1].bytes, pieces[2].bytes]);
  });

  test('the same pieces give the same bundles: an unchanged state needs no upload', () => {
    const pieces = [piece('a', 40 * MB), piece('b', 1 * MB, 'blob'), piece('c', 1 * MB)];
    expect(planBundles(pieces).map((b) => b.members.length)).toEqual([1, 1, 1]);
    const first = planBundles(pieces);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(planBundles(pieces, first).sort(byId)).toEqual([...first].sort(byId));
  });

  test('a new piece goes into a new pack; the previous packs stay as they are', () => {
    const pieces = [piece('a', 1 * MB, 'blob'), piece('b', 1 * MB), piece('c', 1 * MB)];
    const first = planBundles(pieces);
    const second = planBundles([...pieces, piece('n', 1 * MB)], first);
    expect(second.slice(0, first.length)).toEqual(first);
    expect(second.slice(first.length).map((b) => b.members.map((m) => m[0]))).toEqual([['n']]);
  });

  test('a pack whose member changed is dissolved: its other members settle in a pack of their own, the changed one is fresh', () => {
    const first = planBundles([piece('a', 1 * MB, 'blob'), piece('b', 1 * MB), piece('c', 1 * MB)]);
    const second = planBundles([piece('a', 1 * MB, 'blob'), piece('b', 1 * MB), piece('x', 1 * MB)], first);
    expect(second.map((b) => b.members.map((m) => m[0]).join(''))).toEqual(['a', 'b', 'x']);
    expect(second[0]).toEqual(first[0]);
  });

  test('at most keptPacks earlier packs are kept, the largest; the rest are packed anew', () => {
    const pieces = Array.from({ length: 20 }, (_, i) => piece(`s${String(i).padStart(2, '0')}`, ((i + 1) * MB) / 4));
    const previous = pieces.map((p) => ({ id: bundleId([p.id]), members: [p.id], lengths: [p.bytes], size: p.size, paths: 1 }));
    const bundles = planBundles(pieces, previous);
    expect(bundles).toHaveLength(BUNDLE_LIMITS.keptPacks + 1);
    expect(bundles.slice(0, BUNDLE_LIMITS.keptPacks).map((b) => (b.size * 4) / MB)).toEqual([
      9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
    ]);
    expect(bundles[BUNDLE_LIMITS.keptPacks].members).toHaveLength(8);
  });
});

describe('the order a restore fetches bundles in', () => {
  const stored = (name: string, size: number, paths: number, parts: number) => ({
    id: bundleId([name]),
    members: [name],
    lengths: [2048],
    size,
    paths,
    tag: '0123456789ab',
    parts,
  });
  test('most unpacking per entry first: compressible text, then many small files, then random data by the part', () => {
    const random = stored('random layer', 900 * MB, 1, 15);
    const text = stored('counted text', 1000 * MB, 1, 2);
    const smallFiles = stored('3000 small files', 8 * MB, 3000, 1);
    const mount = stored('cache mount bucket', 10 * MB, 5, 1);
    expect(restoreOrder([random, mount, smallFiles, text]).map((b) => b.members[0])).toEqual([
      'counted text',
      '3000 small files',
      'random layer',
      'cache mount bucket',
    ]);
  });

  test('equal costs keep one order whatever the manifest said', () => {
    const a = stored('a', MB, 1, 1);
    const b = stored('b', MB, 1, 1);
    expect(restoreOrder([a, b])).toEqual(restoreOrder([b, a]));
  });
});

describe('keys and the manifest', () => {
  const compat = { imageId: 'sha256:1', arch: 'x86_64', storageDriver: 'overlay2', flags: [] };
  test("part keys live under the manifests' restore prefix and name their upload", () => {
    const { key, restorePrefix } = stateKeys('app', compat, '7-1-build');
    const id = bundleId(['x']);
    const stored = { id, members: ['x'], size: 1, tag: '0123456789ab', parts: 3 };
    expect(bundleKeyPrefix(restorePrefix, id)).toBe(`${restorePrefix}piece-${id}-`);
    expect([0, 1, 2].map((k) => partKey(restorePrefix, stored, k))).toEqual([
      `${restorePrefix}piece-${id}-0123456789ab-1of3`,
      `${restorePrefix}piece-${id}-0123456789ab-2of3`,
      `${restorePrefix}piece-${id}-0123456789ab-3of3`,
    ]);
    expect(key.startsWith(restorePrefix)).toBe(true);
    expect(partKey(restorePrefix, stored, 2).length).toBeLessThan(512);
  });

  test('a first part key gives its upload; anything else is none', () => {
    expect(parseFirstPartKey('0123456789ab-1of12')).toEqual({ tag: '0123456789ab', parts: 12 });
    expect(parseFirstPartKey('0123456789ab-1of1')).toEqual({ tag: '0123456789ab', parts: 1 });
    for (const other of ['0123456789ab-2of12', '0123456789ab-1of0', '0123456789AB-1of1', '0123456789a-1of1', '0123456789ab-1of1x', ''])
      expect(parseFirstPartKey(other)).toBeUndefined();
  });

  test('round trip: the JSON line, then the meta part', () => {
    const bundles = planBundles([piece('a', 1 * MB), piece('b', 50 * MB)]).map((b, i) => ({ ...b, tag: 'abcdef012345', parts: i + 1 }));
    const meta = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x0a, 0x00]);
    const file = Buffer.concat([manifestHeader({ format: 3, bundles, metaBytes: meta.length }), meta]);
    const { manifest, metaOffset } = parseManifestHeader(file);
    expect(manifest.bundles).toEqual(bundles);
    expect(file.subarray(metaOffset)).toEqual(meta);
  });

  const A = 'a'.repeat(64);
  const sound = { id: bundleId([A]), members: [A], lengths: [2048], size: 1, paths: 1, tag: '0123456789ab', parts: 1 };
  const line = (...bundles: object[]) => Buffer.from(`${JSON.stringify({ format: 3, bundles, metaBytes: 0 })}\n`);

  test('a sound manifest line parses', () => {
    expect(parseManifestHeader(line(sound)).manifest.bundles).toEqual([sound]);
  });

  test.each([
    ['no line', Buffer.from('{"format":3')],
    ['format 1 (bundles of one entry each)', Buffer.from('{"format":1,"bundles":[]}\n')],
    ['format 2 (pieces named by their metadata)', Buffer.from('{"format":2,"bundles":[],"metaBytes":0}\n')],
    ["a bundle whose id is not its members'", line({ ...sound, id: '0'.repeat(64) })],
    ['a bundle without its upload', line({ ...sound, tag: undefined, parts: undefined })],
    ['a bundle without its count of paths', line({ ...sound, paths: undefined })],
    ['a bundle of no parts', line({ ...sound, parts: 0 })],
    ['a member that is not a sha256', line({ ...sound, members: ['a'], id: bundleId(['a']) })],
    ['no lengths of the members', line({ ...sound, lengths: undefined })],
    ['a length per member missing', line({ ...sound, lengths: [] })],
    ['a length that is not whole tar blocks', line({ ...sound, lengths: [2047] })],
    ['a length shorter than the end of an archive', line({ ...sound, lengths: [512] })],
    ['not JSON', Buffer.from('\x28\xb5\x2f\xfd\n')],
  ])('refused: %s', (_, data) => {
    expect(() => parseManifestHeader(data)).toThrow();
  });
});
