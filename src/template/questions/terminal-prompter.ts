/**
 * Asks questions on a terminal with `node:readline/promises`: help, choices as a numbered list,
 * the default in brackets, re-asking until the answer casts and validates, no echo for secrets.
 */
import { createInterface, type Interface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { InputError } from '../../errors.ts';
import type { Choice, Prompter, RenderedQuestion } from './types.ts';

export interface TerminalPrompterOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

export interface TerminalPrompter extends Prompter {
  close(): void;
}

/** Forwards to the real output unless muted, so secret answers are not echoed. */
class MutableOutput extends Writable {
  muted = false;
  constructor(private readonly target: NodeJS.WritableStream) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    if (!this.muted) this.target.write(chunk);
    done();
  }
}

function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return JSON.stringify(value) ?? String(value);
}

export function createTerminalPrompter(options: TerminalPrompterOptions = {}): TerminalPrompter {
  const target = options.output ?? process.stdout;
  const output = new MutableOutput(target);
  const input = options.input ?? process.stdin;
  const rl: Interface = createInterface({ input, output, terminal: (input as { isTTY?: boolean }).isTTY === true });
  let closed = false;
  const closedPromise = new Promise<never>((_, reject) => {
    rl.once('close', () => {
      closed = true;
      reject(new InputError('input ended before every question was answered; use --defaults and/or --data name=value'));
    });
  });
  closedPromise.catch(() => undefined);
  const write = (text: string) => target.write(text);

  async function readLine(prompt: string, secret: boolean): Promise<string> {
    if (closed) await closedPromise;
    write(prompt);
    output.muted = secret;
    try {
      return await Promise.race([rl.question(''), closedPromise]);
    } finally {
      if (secret) write('\n');
      output.muted = false;
    }
  }

  async function readMultiline(): Promise<string> {
    write('  (finish with an empty line)\n');
    const lines: string[] = [];
    for (;;) {
      const line = await readLine('  | ', false);
      if (line === '') return lines.join('\n');
      lines.push(line);
    }
  }

  function describe(q: RenderedQuestion): void {
    const mark = q.qmark ?? (q.secret ? '🕵️' : '🎤');
    write(`\n${mark} ${q.message}\n`);
    if (q.help !== undefined) write(`  (${q.name}${q.type === 'str' ? '' : `, ${q.type}`})\n`);
    q.choices?.forEach((c, i) => {
      const isDefault = q.multiselect ? Array.isArray(q.default) && q.default.some((d) => showValue(d) === showValue(c.value)) : q.default !== undefined && showValue(q.default) === showValue(c.value);
      write(`  ${i + 1}) ${c.label}${isDefault ? ' (default)' : ''}${c.disabled ? ` — unavailable: ${c.disabled}` : ''}\n`);
    });
  }

  function promptText(q: RenderedQuestion): string {
    if (q.choices) return q.multiselect ? '  numbers, comma-separated > ' : '  number > ';
    if (q.type === 'bool') return q.default === undefined ? '  (y/n) > ' : `  (y/n) [${q.default === true ? 'Y/n' : 'y/N'}] > `;
    if (q.default !== undefined && !q.secret) return `  [${showValue(q.default)}] > `;
    if (q.placeholder) return `  (e.g. ${q.placeholder}) > `;
    return '  > ';
  }

  /** Maps "2" or "1, 3" (or a choice's value or label) to choice values. */
  function fromChoices(text: string, choices: Choice[], multiselect: boolean): unknown {
    const pick = (token: string): unknown => {
      const index = Number(token);
      if (Number.isInteger(index) && index >= 1 && index <= choices.length) return choices[index - 1]!.value;
      const found = choices.find((c) => c.label === token || showValue(c.value) === token);
      return found ? found.value : token;
    };
    if (!multiselect) return pick(text.trim());
    return text.split(',').map((t) => t.trim()).filter((t) => t !== '').map(pick);
  }

  async function ask(q: RenderedQuestion): Promise<unknown> {
    describe(q);
    for (;;) {
      const text = q.multiline && !q.choices ? await readMultiline() : await readLine(promptText(q), q.secret);
      let answer: unknown;
      if (text.trim() === '' && q.default !== undefined) return q.default;
      if (text.trim() === '' && q.type === 'bool') return false;
      else if (q.choices) answer = fromChoices(text, q.choices, q.multiselect);
      else answer = text;
      const result = q.check(answer);
      if (result.ok) return answer;
      write(`  ! ${result.error.replace(`question '${q.name}': `, '')}\n`);
    }
  }

  return { ask, close: () => rl.close() };
}
