import { CommanderError } from 'commander';
import { isPavedError, type ErrorCode } from '../errors.js';
import { describeSystemError, isSystemError } from './io-error.js';

/** Exit codes of the CLI contract: 0 success, 1 failure, 2 "needs attention" (conflicts left, update available). */
export const EXIT = { ok: 0, failure: 1, attention: 2 } as const;

/**
 * Every error family's exit code, spelled out so that a new family needs a decision here. All are
 * plain failures: the contract keeps 2 for "needs attention", which no error means.
 */
const EXIT_BY_CODE: Record<ErrorCode, number> = {
  input: EXIT.failure,
  'not-found': EXIT.failure,
  conflict: EXIT.failure,
  unsafe: EXIT.failure,
  template: EXIT.failure,
  external: EXIT.failure,
  permission: EXIT.failure,
  unauthenticated: EXIT.failure,
  git: EXIT.failure,
};

export interface ErrorReport {
  /** A PavedError's code, or the CLI's own: `usage` (bad command line), `io` (file system), `internal` (a bug). */
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/**
 * The one place errors become output: one line on stderr and, with --json, one JSON document on
 * stdout holding the full message. Never a stack trace for a known error.
 */
export function reportError(error: unknown, json: boolean): number {
  const report = toReport(error);
  if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`paved: ${oneLine(report, json)}\n`);
  return isPavedError(error) ? EXIT_BY_CODE[error.code] : EXIT.failure;
}

function toReport(error: unknown): ErrorReport {
  if (isPavedError(error)) return { error: { code: error.code, message: error.message, details: error.details } };
  if (error instanceof CommanderError) return { error: { code: 'usage', message: usageMessage(error) } };
  if (isSystemError(error)) {
    const { code, syscall, path, dest } = error;
    return { error: { code: 'io', message: describeSystemError(error), details: { errno: code, syscall, path, dest } } };
  }
  // An unexpected error is a bug in Paved: show where, so it can be reported.
  const message = error instanceof Error ? (process.env.PAVED_DEBUG ? (error.stack ?? error.message) : error.message) : String(error);
  return { error: { code: 'internal', message } };
}

/** Commander's text without its `error: ` prefix, the suggestion kept, the way out added. */
function usageMessage(error: CommanderError): string {
  if (error.code === 'commander.help') return 'missing command; run with --help to list the commands';
  const [first = '', ...rest] = error.message.replace(/^error: /, '').split('\n');
  const suggestion = rest.join(' ').trim().replace(/^\((.*)\)$/, '$1');
  return `${first}${suggestion ? ` (${suggestion})` : ''}; run with --help for usage`;
}

/** Engine messages can span lines (a Jinja source excerpt, a YAML error); stderr gets the first. */
function oneLine({ error }: ErrorReport, json: boolean): string {
  if (error.code === 'internal') {
    if (process.env.PAVED_DEBUG) return `internal error: ${error.message}`;
    return `internal error: ${firstLine(error.message)}; this is a bug in Paved: set PAVED_DEBUG=1 for the stack trace and report it`;
  }
  const first = firstLine(error.message);
  return first === error.message.trim() || json ? first : `${first} (run with --json for details)`;
}

function firstLine(message: string): string {
  return message.trim().split('\n', 1)[0]!.trimEnd();
}
