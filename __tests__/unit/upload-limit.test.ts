/** keep-state's bound on the entries one save uploads (the service's 200 uploads a minute). */
import { type Bundle, bundleId, type Piece } from '../../src/keep-state/state-pieces.js';
import { boundUploads, planSave, SAVE_ENTRIES, wasPacked } from '../../src/keep-state/upload-limit.js';

const MB = 1e6;
const PART = 64 * MB;

function bundle(i: number, size: number): Bundle {
  const members = [`piece${i}`];
  return { id: bundleId(members), members, lengths: [1024 * (i + 2)], size, paths: 10 };
}

/** The entries a bound upload makes: each bundle's parts at the part size. */
function entries(r: { bundles: Bundle[]; partBytes: number }): number {
  return r.bundles.reduce((n, b) => n + Math.max(1, Math.ceil((b.size * 1.01 + b.paths * 1024 + 10240) / r.partBytes)), 0);
}

test('16 legs saving in the same minute stay under 200 uploads', () => {
  expect(16 * SAVE_ENTRIES).toBeLessThanOrEqual(200);
});

test('within the bound, bundles and part size are as planned', () => {
  const fresh = [bundle(1, 10 * MB), bundle(2, 100 * MB)];
  expect(boundUploads(fresh, 11, PART)).toEqual({ bundles: fresh, partBytes: PART });
});

test.each([
  ['many small bundles', Array.from({ length: 60 }, (_, i) => bundle(i, 9 * MB))],
  ['a 2 GB state in 8 MB to 300 MB bundles', Array.from({ length: 40 }, (_, i) => bundle(i, (8 + i * 7) * MB))],
  ['one huge bundle', [bundle(1, 5000 * MB)]],
  ['a few bundles each over a part', Array.from({ length: 10 }, (_, i) => bundle(i, 200 * MB))],
])('%s: at most the slots, every piece kept once, the part size never below the default', (_, fresh) => {
  const r = boundUploads(fresh, 11, PART);
  expect(entries(r)).toBeLessThanOrEqual(11);
  expect(r.partBytes).toBeGreaterThanOrEqual(PART);
  expect(r.bundles.flatMap((b) => b.members).sort()).toEqual(fresh.flatMap((b) => b.members).sort());
  expect(r.bundles.reduce((n, b) => n + b.size, 0)).toBe(fresh.reduce((n, b) => n + b.size, 0));
  for (const b of r.bundles) expect(b.id).toBe(bundleId(b.members));
  // A merged bundle keeps each member's archive length beside it, in the order of the members.
  const length = new Map(fresh.flatMap((b) => b.members.map((m, i) => [m, b.lengths[i]] as const)));
  for (const b of r.bundles) expect(b.lengths).toEqual(b.members.map((m) => length.get(m)));
});

function piece(i: number, size: number): Piece {
  const id = i.toString(16).padStart(64, 'c');
  return { id, kind: 'snapshot', paths: [`p/${i}`], size, bytes: 2048 + Math.ceil(size / 512) * 512, listed: id, stamp: id, changed: 1 };
}

/** What a first save uploads for `pieces` under the bound, and what the next save with the same pieces asks the cache for. */
function twoSaves(pieces: Piece[]): { uploaded: Bundle[]; next: Bundle[] } {
  const uploaded = boundUploads(planSave(pieces, []), SAVE_ENTRIES - 1, PART).bundles;
  return { uploaded, next: planSave(pieces, uploaded) };
}

test.each<[string, Piece[]]>([
  ['many pieces that stand alone, packed into more than a pack and a piece', Array.from({ length: 40 }, (_, i) => piece(i, 9 * MB))],
  // Packed into 18 MB: within pack + alone, which the old rule (size alone) took for a planned pack.
  [
    'big bundles over many parts, and two pieces that stand alone packed into 18 MB',
    [...Array.from({ length: 5 }, (_, i) => piece(i, 200 * MB)), piece(5, 9 * MB), piece(6, 9 * MB)],
  ],
  [
    'big bundles, and small packs packed into more than a pack',
    [...Array.from({ length: 5 }, (_, i) => piece(i, 200 * MB)), ...Array.from({ length: 6 }, (_, i) => piece(10 + i, 5 * MB))],
  ],
  [
    'big bundles, and small pieces packed within a pack',
    [...Array.from({ length: 5 }, (_, i) => piece(i, 200 * MB)), ...Array.from({ length: 4 }, (_, i) => piece(10 + i, 1 * MB))],
  ],
])('%s: the next save with the same pieces asks for exactly what the first uploaded', (_, pieces) => {
  const { uploaded, next } = twoSaves(pieces);
  expect(uploaded.some((b) => b.members.length > 1)).toBe(true);
  expect(next.map((b) => b.id).sort()).toEqual(uploaded.map((b) => b.id).sort());
});

test('a packed bundle that lost a piece is planned afresh; planned packs and single pieces are not taken for packed ones', () => {
  const pieces = [...Array.from({ length: 5 }, (_, i) => piece(i, 200 * MB)), piece(5, 9 * MB), piece(6, 9 * MB)];
  const { uploaded } = twoSaves(pieces);
  const packed = uploaded.find((b) => b.members.length > 1)!;
  const next = planSave(
    pieces.filter((p) => p.id !== packed.members[0]),
    uploaded,
  );
  expect(next.map((b) => b.id)).not.toContain(packed.id);
  expect(next.flatMap((b) => b.members)).toContain(packed.members[1]);
  const sizes = new Map(pieces.map((p) => [p.id, p.size]));
  expect(wasPacked(bundle(1, 900 * MB), sizes)).toBe(false);
  const small = [piece(20, 7 * MB), piece(21, 7 * MB)];
  const planned = { ...bundle(1, 14 * MB), members: small.map((p) => p.id) };
  expect(wasPacked(planned, new Map(small.map((p) => [p.id, p.size])))).toBe(false);
});
