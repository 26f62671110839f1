/**
 * Crash points: with `PAVED_CRASH_AT=<name>` in its environment, the process kills itself
 * (SIGKILL: no cleanup, no finally) at the named point. Tests use them to prove that an
 * operation cut short there is completed, not corrupted, by the next attempt. Unset, each point
 * costs one comparison.
 */
export function crashPoint(name: string): void {
  if (process.env.PAVED_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
