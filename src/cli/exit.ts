import { isPavedError } from '../errors.js';

/** Exit codes of the CLI contract: 0 success, 1 failure, 2 "needs attention" (conflicts left, update available). */
export const EXIT = { ok: 0, failure: 1, attention: 2 } as const;

export interface ErrorReport {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** The one place errors become output: one line on stderr (or a JSON document), never a stack trace for known errors. */
export function reportError(error: unknown, json: boolean): number {
  if (isPavedError(error)) {
    const report: ErrorReport = { error: { code: error.code, message: error.message, details: error.details } };
    if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(`paved: ${error.message}\n`);
    return EXIT.failure;
  }
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('commander.')) {
    return EXIT.failure;
  }
  // An unexpected error is a bug in Paved: show where, so it can be reported.
  const message = error instanceof Error ? (process.env.PAVED_DEBUG ? error.stack : error.message) : String(error);
  if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'internal', message } }, null, 2)}\n`);
  process.stderr.write(`paved: internal error: ${message}\n(set PAVED_DEBUG=1 for the stack trace and report it)\n`);
  return EXIT.failure;
}
