import type { Command } from 'commander';
import { EXIT, reportError } from './exit.js';

export interface CommandOutcome {
  /** The machine-readable result: printed as one JSON document with --json. */
  data: unknown;
  /** The human-readable report. */
  human: string;
  exitCode?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- commander passes positional arguments of any declared shape
type Handler = (...args: any[]) => Promise<CommandOutcome>;
export type Run = (handler: Handler) => (...args: unknown[]) => Promise<void>;

/**
 * Wraps a command's function for commander: the function gets its positional arguments, its
 * options and the global --json flag, returns data, and throws typed errors; printing and the
 * exit code happen here only.
 */
export function runner(): Run {
  return (handler) =>
    async (...args) => {
      const command = args[args.length - 1] as Command;
      const json = Boolean(command.optsWithGlobals().json);
      try {
        const outcome = await handler(...args.slice(0, -1), json);
        process.stdout.write(json ? `${JSON.stringify(outcome.data, null, 2)}\n` : outcome.human ? `${outcome.human}\n` : '');
        process.exitCode = outcome.exitCode ?? EXIT.ok;
      } catch (error) {
        process.exitCode = reportError(error, json);
      }
    };
}
