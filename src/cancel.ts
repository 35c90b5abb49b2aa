/**
 * Cancellation. A cancelled job sends SIGINT, then SIGTERM; the command line gets Ctrl-C. Whatever
 * step is running registers how to leave the engine clean, and the signal runs that before exiting,
 * so a builder half-made by main, or a half-saved state in post, is never left behind.
 */
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

export function handleSignals(report: (line: string) => void): void {
  let handling = false;
  for (const signal of Object.keys(SIGNAL_NUMBERS) as NodeJS.Signals[]) {
    process.on(signal, () => {
      // The runner sends SIGINT and then SIGTERM: one cleanup is enough.
      if (handling) return;
      handling = true;
      report(`received ${signal}: cleaning up`);
      const cleanup = current ?? (async () => {});
      cleanup(signal)
        .catch((err) => report(`cleanup after ${signal} failed: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => process.exit(128 + SIGNAL_NUMBERS[signal]!));
    });
  }
}
