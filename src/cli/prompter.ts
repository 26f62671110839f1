import type { Prompter } from '../template/questions/index.js';
import { createTerminalPrompter } from '../template/questions/terminal-prompter.js';

/** Interactive questions on the user's terminal (stdin/stderr, so stdout stays clean for output). */
export function terminalPrompter(): Prompter {
  return createTerminalPrompter({ input: process.stdin, output: process.stderr });
}
