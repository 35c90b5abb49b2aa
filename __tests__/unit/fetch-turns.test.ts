/** keep-state's restore: when each part's fetch starts, so that parts land one after another on one link. */
import { FETCHES_AT_ONCE, fetchInTurns, nextTurn } from '../../src/keep-state/fetch-turns.js';

test('the first part starts at once, and alone until it lands', () => {
  expect(nextTurn(0, { running: 0 })).toEqual({ start: true });
  expect(nextTurn(5000, { running: 1, lastStart: 0 })).toEqual({ wait: 'a fetch' });
});

test('the next part starts once the one before it has had half as long as the last part took', () => {
  expect(nextTurn(1000, { running: 0, lastStart: 0, lastTook: 800 })).toEqual({ start: true });
  expect(nextTurn(1100, { running: 1, lastStart: 1000, lastTook: 800 })).toEqual({ wait: 300 });
  expect(nextTurn(1400, { running: 1, lastStart: 1000, lastTook: 800 })).toEqual({ start: true });
});

test(`never more than ${FETCHES_AT_ONCE} at a time, however long ago the last one started`, () => {
  expect(nextTurn(1e6, { running: FETCHES_AT_ONCE, lastStart: 0, lastTook: 10 })).toEqual({ wait: 'a fetch' });
});

/**
 * Fetches on a link that carries one part in 100 ms, shared evenly by the downloads on it, each fetch
 * also taking 20 ms off the link (the lookup, @actions/cache's own archive), on a clock the test moves
 * 1 ms at a time: when each part landed, and for how many milliseconds the link carried something.
 */
async function onOneLink(parts: number): Promise<{ landed: number[]; busy: number; took: number }> {
  const PART = 100;
  const OFF_LINK = 20;
  let now = 0;
  const fetches: { left: number; landsAt?: number; land: () => void }[] = [];
  const sleepers: { until: number; wake: () => void }[] = [];
  const clock = {
    now: () => now,
    sleep: (ms: number, signal: AbortSignal) =>
      new Promise<void>((wake) => {
        sleepers.push({ until: now + ms, wake });
        signal.addEventListener('abort', () => wake());
      }),
  };
  const landed: number[] = [];
  let busy = 0;
  let finished = false;
  const run = fetchInTurns(
    Array.from({ length: parts }, (_, i) => i),
    (i) => new Promise<void>((land) => fetches.push({ left: PART, land: () => ((landed[i] = now), land()) })),
    clock,
  ).then(() => (finished = true));
  while (!finished) {
    // The schedule and the fetches react to the last millisecond before the clock moves on.
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    const downloading = fetches.filter((f) => f.left > 0);
    if (downloading.length > 0) busy++;
    for (const f of downloading) {
      f.left -= 1 / downloading.length;
      if (f.left <= 1e-9) f.landsAt = now + OFF_LINK;
    }
    now++;
    for (const f of fetches.filter((g) => g.landsAt === now)) f.land();
    for (const s of sleepers.filter((t) => t.until <= now)) s.wake();
  }
  await run;
  return { landed, busy, took: now };
}

test('on one shared link, parts land one after another, in order, a part apart, the link kept busy', async () => {
  const { landed, busy, took } = await onOneLink(8);
  // The first lands at the link's full rate; each later one about a part's download after the one before.
  expect(landed[0]).toBeLessThanOrEqual(125);
  for (let i = 1; i < landed.length; i++) expect(landed[i] - landed[i - 1]).toBeGreaterThanOrEqual(60);
  // Only the first part's time off the link leaves it idle (and the last's, after the download).
  expect(busy).toBe(800);
  expect(took).toBeLessThanOrEqual(800 + 2 * 20 + 10);
}, 30000);

test('after a failure nothing new starts, and the fetches running settle first', async () => {
  const started: number[] = [];
  const landed: number[] = [];
  const run = fetchInTurns([0, 1, 2, 3], async (i) => {
    started.push(i);
    await new Promise((r) => setTimeout(r, [20, 40, 80, 20][i]));
    if (i === 1) throw new Error('part 2 is gone');
    landed.push(i);
  });
  await expect(run).rejects.toThrow('part 2 is gone');
  expect(started).toEqual([0, 1, 2]);
  expect(landed).toEqual([0, 2]);
});
