/**
 * When a restore starts fetching each part. A runner's downloads share its one link to the cache
 * service, evenly: parts started together share the link and land together, so with four at a time
 * the first bundle's unpacking waited for four parts' worth of download (a quarter of a 400 MB
 * restore) and the last four parts were all unpacked after the link went quiet. Fetched one after
 * another instead, the link would idle while each entry is looked up and @actions/cache takes its
 * own archive around the part apart.
 *
 * So parts take turns, in order: the first goes alone (it lands at the link's full rate, and its
 * unpacking starts at once), then each next part starts once the one before it has had half as long
 * as the last part took, and never more than FETCHES_AT_ONCE at a time. Two parts in flight, one
 * about half done, keep the link busy while one of them is between downloads; and staggered parts
 * stay staggered: the older one always lands first and alone, while the younger fills the link, so
 * the unpacking takes a part every part's worth of download. Gaps come from measured durations,
 * never from a rate written down: the link may be anything.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Parts in flight at most: one landing, the next on its way. */
export const FETCHES_AT_ONCE = 2;

/** What the schedule knows of the fetches so far; times in milliseconds of one clock. */
export interface FetchTurns {
  /** Fetches started and not settled. */
  running: number;
  /** When the latest fetch started; undefined before the first. */
  lastStart?: number;
  /** How long the latest fetch that landed took; undefined before the first lands. */
  lastTook?: number;
}

/** Start the next part now, or wait: a number of milliseconds, or until a fetch settles. */
export type NextTurn = { start: true } | { wait: number | 'a fetch' };

export function nextTurn(now: number, turns: FetchTurns): NextTurn {
  if (turns.lastStart === undefined) return { start: true };
  if (turns.running >= FETCHES_AT_ONCE || turns.lastTook === undefined) return { wait: 'a fetch' };
  const left = turns.lastTook / 2 - (now - turns.lastStart);
  return left <= 0 ? { start: true } : { wait: left };
}

/** Time as the schedule reads and waits for it, in milliseconds: the process's, or a test's. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

const processClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined),
};

/**
 * `fetch` for every item in order, started as nextTurn says. After the first failure nothing new
 * starts; it rejects with that failure once the fetches running have settled.
 */
export async function fetchInTurns<T>(items: T[], fetch: (item: T) => Promise<void>, clock: Clock = processClock): Promise<void> {
  const turns: FetchTurns = { running: 0 };
  const inFlight = new Set<Promise<void>>();
  let failure: { err: unknown } | undefined;
  let next = 0;
  while (!failure && next < items.length) {
    const turn = nextTurn(clock.now(), turns);
    if ('start' in turn) {
      const item = items[next++];
      const started = clock.now();
      turns.lastStart = started;
      turns.running++;
      const settled: Promise<void> = fetch(item)
        .then(
          () => void (turns.lastTook = clock.now() - started),
          (err: unknown) => void (failure ??= { err }),
        )
        .finally(() => {
          turns.running--;
          inFlight.delete(settled);
        });
      inFlight.add(settled);
      continue;
    }
    const timer = new AbortController();
    const waits: Promise<unknown>[] = [...inFlight];
    if (turn.wait !== 'a fetch') waits.push(clock.sleep(turn.wait, timer.signal));
    await Promise.race(waits);
    timer.abort();
  }
  await Promise.all(inFlight);
  if (failure) throw failure.err;
}
