/**
 * Cancellation. A cancelled job sends SIGINT, then SIGTERM; the command line gets Ctrl-C. Whatever
 * step is running registers how to leave the engine clean, and the signal runs that before exiting,
 * so a builder half-made by main, or a half-saved state in post, is never left behind.
 */
import { errorLine } from '../util/errors.js';

type Cleanup = (signal: NodeJS.Signals) => Promise<void>;

let current: Cleanup | undefined;

/** Makes `cleanup` what a signal runs until the returned function is called. */
export function onCancel(cleanup: Cleanup): () => void {
  current = cleanup;
  return () => {
    if (current === cleanup) current = undefined;
  };
}

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGTERM: 15 };

/** Engine calls that create something, in flight. */
const creating = new Set<Promise<unknown>>();
/** How long a signal waits for them before cleaning up. */
const CREATING_GRACE_MS = 5000;

/**
 * Marks an engine call that creates something (a volume, a container). The engine completes it even
 * when the process is signalled meanwhile, so a signal waits for it (briefly) before cleaning up:
 * otherwise the cleanup would run before the thing exists and miss it.
 */
export function creatingCall<T>(call: Promise<T>): Promise<T> {
  creating.add(call);
  const done = () => creating.delete(call);
  call.then(done, done);
  return call;
}

async function creationsSettled(): Promise<void> {
  if (creating.size > 0) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...creating]), new Promise((r) => (timer = setTimeout(r, CREATING_GRACE_MS)))]);
    clearTimeout(timer);
  }
  // Let whoever awaited the call record what it created before the cleanup reads it.
  await new Promise((r) => setImmediate(r));
}

export function handleSignals(report: (line: string) => void): void {
  let handling = false;
  for (const signal of Object.keys(SIGNAL_NUMBERS) as NodeJS.Signals[]) {
    process.on(signal, () => {
      // The runner sends SIGINT and then SIGTERM: one cleanup is enough.
      if (handling) return;
      handling = true;
      report(`received ${signal}: cleaning up`);
      creationsSettled()
        .then(() => (current ?? (async () => {}))(signal))
        .catch((err) => report(`cleanup after ${signal} failed: ${errorLine(err)}`))
        .finally(() => process.exit(128 + SIGNAL_NUMBERS[signal]!));
    });
  }
}
