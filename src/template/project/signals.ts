const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs a short burst of writes that must not stop half-way: Ctrl-C, SIGTERM and SIGHUP received
 * meanwhile are held and re-raised once the writes are done, so an interrupted update leaves the
 * project either untouched or fully written.
 */
export async function withSignalsDeferred<T>(work: () => Promise<T>): Promise<T> {
  const release = holdSignals();
  try {
    return await work();
  } finally {
    release();
  }
}

/** Starts holding signals; the returned function stops and re-raises the first one held. */
export function holdSignals(): () => void {
  const received: NodeJS.Signals[] = [];
  const hold = (signal: NodeJS.Signals) => received.push(signal);
  for (const signal of SIGNALS) process.on(signal, hold);
  return () => {
    for (const signal of SIGNALS) process.off(signal, hold);
    const first = received[0];
    if (first) process.kill(process.pid, first);
  };
}
