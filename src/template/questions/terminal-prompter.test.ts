import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadTemplateConfig } from '../config/load.ts';
import { memoryFiles } from '../config/memory-files.ts';
import { resolveAnswers } from './resolve.ts';
import { createTerminalPrompter } from './terminal-prompter.ts';
import { createTestRenderer } from './test-renderer.ts';

async function session(copierYml: string, lines: string[]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const prompter = createTerminalPrompter({ input, output });
  // Feed one line each time a prompt is printed, like a user would.
  const queue = [...lines];
  output.on('data', (chunk: Buffer) => {
    if (/> $/.test(chunk.toString()) || /\| $/.test(chunk.toString())) {
      const next = queue.shift();
      setImmediate(() => (next === undefined ? input.end() : input.write(`${next}\n`)));
    }
  });
  try {
    const result = await resolveAnswers({
      config: loadTemplateConfig(memoryFiles({ 'copier.yml': copierYml })),
      renderer: createTestRenderer(),
      baseContext: {},
      data: {},
      last: {},
      defaults: false,
      skipAnswered: false,
      prompter,
    });
    return { result, printed };
  } finally {
    prompter.close();
  }
}

describe('terminal prompter', () => {
  it('shows help, the default, and accepts the default on an empty line', async () => {
    const { result, printed } = await session('name:\n  type: str\n  help: Your name?\n  default: ana\n', ['']);
    expect(result.values.name).toBe('ana');
    expect(printed).toContain('🎤 Your name?');
    expect(printed).toContain('[ana] > ');
  });

  it('re-asks until the answer casts and validates', async () => {
    const yml = 'age:\n  type: int\n  validator: "{% if age <= 0 %}Must be positive{% endif %}"\n';
    const { result, printed } = await session(yml, ['x', '-1', '4']);
    expect(result.values.age).toBe(4);
    expect(printed).toContain("! 'x' is not an integer");
    expect(printed).toContain('! -1 is invalid: Must be positive');
  });

  it('numbers choices and maps numbers to values', async () => {
    const yml = 'lic:\n  choices: {MIT: mit, Apache: apache}\n  default: mit\ntags:\n  type: str\n  multiselect: true\n  choices: [a, b, c]\n';
    const { result, printed } = await session(yml, ['2', '3, 1']);
    expect(result.values).toEqual({ lic: 'apache', tags: ['a', 'c'] });
    expect(printed).toContain('  1) MIT (default)\n  2) Apache\n');
  });

  it('reads y/n for bools', async () => {
    const { result } = await session('ok:\n  type: bool\n  default: true\nno_default:\n  type: bool\n', ['n', '']);
    expect(result.values).toEqual({ ok: false, no_default: false });
  });

  it('does not echo secret answers', async () => {
    const { result, printed } = await session('pw:\n  type: str\n  secret: true\n  default: x\n', ['hunter2']);
    expect(result.values.pw).toBe('hunter2');
    expect(printed).not.toContain('hunter2');
  });

  it('reads multiline answers until an empty line', async () => {
    const { result } = await session('cfg:\n  type: yaml\n  multiline: true\n', ['a: 1', 'b: [2]', '']);
    expect(result.values.cfg).toEqual({ a: 1, b: [2] });
  });

  it('fails with a hint when input ends', async () => {
    await expect(session('name:\n  type: int\n', [])).rejects.toThrow(/use --defaults and\/or --data/);
  });
});
