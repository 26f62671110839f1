/**
 * GitHub asks integrations to space out mutating requests (about one a second) to stay clear of
 * its secondary rate limits; the throttling plugin does that with module-wide Bottleneck groups of
 * fixed spacing. This is a stand-in for such a group with the spacing as a parameter, so each forge
 * chooses its own (tests choose none) without importing Bottleneck, which is not our dependency.
 */
import { setTimeout as sleep } from 'node:timers/promises';

interface Limiter {
  schedule<T>(options: unknown, task: (...args: unknown[]) => T | Promise<T>, ...args: unknown[]): Promise<T>;
}

/** The part of a Bottleneck.Group the throttling plugin uses: `group.key(id).schedule(options, task)`. */
export interface PacedGroup {
  key(id?: string): Limiter;
}

/** Runs tasks one at a time (as Bottleneck's maxConcurrent: 1), each starting at least `intervalMs` after the previous one started. */
export function pacedGroup(intervalMs: number): PacedGroup {
  let nextStart = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const limiter: Limiter = {
    schedule(_options, task, ...args) {
      const run = queue.then(async () => {
        const wait = nextStart - Date.now();
        if (wait > 0) await sleep(wait);
        nextStart = Date.now() + intervalMs;
        return task(...args);
      });
      // The next task waits for this one to end, whether it succeeds or not.
      queue = run.catch(() => undefined);
      return run;
    },
  };
  return { key: () => limiter };
}
