/** keep-state's bound on the entries one save uploads (the service's 200 uploads a minute). */
import { type Bundle, bundleId } from '../../src/keep-state/state-pieces.js';
import { boundUploads, SAVE_ENTRIES, wasPacked } from '../../src/keep-state/upload-limit.js';

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

test('a bundle the limit packed is known as such on the next save; a planned one is not', () => {
  const r = boundUploads(
    Array.from({ length: 40 }, (_, i) => bundle(i, 9 * MB)),
    11,
    PART,
  );
  expect(r.bundles.filter(wasPacked)).toHaveLength(1);
  expect(wasPacked(bundle(1, 900 * MB))).toBe(false);
  expect(wasPacked({ ...bundle(1, 16 * MB), members: ['a', 'b'] })).toBe(false);
});
