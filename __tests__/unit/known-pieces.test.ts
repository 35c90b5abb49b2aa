/**
 * keep-state's pieces named from the restore (known-pieces.ts): a piece keeps the name the restore
 * checked only while nothing on this machine has written to it; everything else is hashed again.
 */
import { knownDigests, listedNames, restoredPieces, SETTLED_S, settleWait } from '../../src/keep-state/known-pieces.js';
import { bundleId, type ListedEntry, type PieceSpan, splitVolume, type StoredBundle } from '../../src/keep-state/state-pieces.js';

const W = 'runc-overlayfs/snapshots/snapshots';
const RESTORED_AT = 1_800_000_000;

function file(path: string, more: Partial<ListedEntry> = {}): ListedEntry {
  return {
    type: 'f',
    mode: '644',
    uid: '0',
    gid: '0',
    size: 10,
    mtime: '1700000000.1',
    link: '',
    path,
    ctime: `${RESTORED_AT - 5}.25`,
    inode: path.length.toString(),
    ...more,
  };
}

/** Two snapshots as a restore left them. */
function volume(change: (e: ListedEntry[]) => void = () => undefined): PieceSpan[] {
  const e = [file(`${W}/1/fs/a`), file(`${W}/1/fs/b`), file(`${W}/2/fs/c`)];
  change(e);
  return splitVolume([{ ...file(`${W}/1`), type: 'd' }, { ...file(`${W}/2`), type: 'd' }, ...e]).pieces;
}

const ID = ['1'.repeat(64), '2'.repeat(64)];

/** The manifest of the save that made these pieces: each span's listing digest named, both members checked. */
function saved(spans: PieceSpan[]): { listed: Record<string, string>; bundles: StoredBundle[] } {
  const pieces = spans.map((s, i) => ({ ...s, id: ID[i], bytes: 2048 * (i + 1) }));
  const bundle = { id: bundleId(ID), members: ID, lengths: [2048, 4096], size: 30, paths: 3, tag: 'a'.repeat(12), parts: 1 };
  return { listed: listedNames(pieces), bundles: [bundle] };
}

test('a restored piece nothing wrote to keeps the name its bytes were checked against', () => {
  const { listed, bundles } = saved(volume());
  const known = restoredPieces(volume(), listed, bundles, RESTORED_AT);
  expect(known.map((k) => [k.id, k.bytes])).toEqual([
    [ID[0], 2048],
    [ID[1], 4096],
  ]);
  expect(knownDigests(volume(), known)).toEqual([
    { id: ID[0], bytes: 2048 },
    { id: ID[1], bytes: 4096 },
  ]);
});

test.each<[string, (e: ListedEntry[]) => void]>([
  // The bug a name from metadata alone had: same size, same modification time, new bytes.
  ['a file rewritten with the same size and modification time', (e) => (e[0].ctime = `${RESTORED_AT + 30}.5`)],
  ['a file replaced by another (a new inode)', (e) => (e[0].inode = '999')],
  ['a file added', (e) => e.push(file(`${W}/1/fs/new`, { ctime: `${RESTORED_AT + 30}.5` }))],
  ['a file removed', (e) => e.splice(1, 1)],
])('%s: that piece is hashed again, the other keeps its name', (_, change) => {
  const { listed, bundles } = saved(volume());
  const known = restoredPieces(volume(), listed, bundles, RESTORED_AT);
  expect(knownDigests(volume(change), known)).toEqual([undefined, { id: ID[1], bytes: 4096 }]);
});

test('a piece the restore did not check, or not named in the manifest, is not known', () => {
  const { listed, bundles } = saved(volume());
  const onlySecond = [{ ...bundles[0], members: [ID[1]], lengths: [4096] }];
  expect(restoredPieces(volume(), listed, onlySecond, RESTORED_AT).map((k) => k.id)).toEqual([ID[1]]);
  expect(restoredPieces(volume(), {}, bundles, RESTORED_AT)).toEqual([]);
  // A listing other than the one saved (another layout, another time) is not told by the manifest.
  const moved = volume((e) => (e[2].mtime = '1700000000.2'));
  expect(restoredPieces(moved, listed, bundles, RESTORED_AT).map((k) => k.id)).toEqual([ID[0]]);
});

test('a piece changed within SETTLED_S of the listing is not kept: a write just after could share its change time', () => {
  const { listed, bundles } = saved(volume());
  const late = volume((e) => (e[2].ctime = String(RESTORED_AT - SETTLED_S / 2)));
  expect(restoredPieces(late, listed, bundles, RESTORED_AT).map((k) => k.id)).toEqual([ID[0]]);
});

test('a listing right after the restore waits until every piece has settled, then lists again', () => {
  expect(settleWait(volume(), RESTORED_AT)).toBe(0);
  const late = volume((e) => (e[2].ctime = String(RESTORED_AT - SETTLED_S / 2)));
  expect(settleWait(late, RESTORED_AT)).toBeCloseTo(SETTLED_S / 2, 6);
  expect(restoredPieces(late, saved(volume()).listed, saved(volume()).bundles, RESTORED_AT + SETTLED_S / 2 + 0.01)).toHaveLength(2);
});
