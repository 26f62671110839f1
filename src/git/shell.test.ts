import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/fixtures.js';
import { gitRaw, gitScript } from './git.js';
import { runInShell, shellFolder, shellQuote } from './shell.js';

describe('the shared git shell', () => {
  const saved = process.env.PAVED_SHELL_TEST;
  afterEach(() => {
    if (saved === undefined) delete process.env.PAVED_SHELL_TEST;
    else process.env.PAVED_SHELL_TEST = saved;
  });

  it('passes arguments with quotes, spaces, newlines and dollar signs through unchanged', async () => {
    const dir = tempDir();
    const words = [`it's`, 'two words', 'line\nbreak', '$HOME `x` $(y)', '-n', ''];
    const result = await runInShell({ cwd: dir, line: `printf '%s\\0' ${words.map(shellQuote).join(' ')}` });
    expect(result.stdout.toString('utf8').split('\0').slice(0, -1)).toEqual(words);
  });

  it('keeps binary output and input byte for byte, and reports exit codes', async () => {
    const dir = tempDir();
    const bytes = Buffer.from([0, 255, 10, 13, 0, 1, 2]);
    const echoed = await runInShell({ cwd: dir, line: 'cat; exit 3', input: bytes });
    expect(echoed.stdout.equals(bytes)).toBe(true);
    expect(echoed.code).toBe(3);
  });

  it('answers concurrent commands each with its own output, in any order of awaiting', async () => {
    const dir = tempDir();
    const runs = Array.from({ length: 20 }, (_, i) => runInShell({ cwd: dir, line: `echo ${i}; echo err${i} >&2` }));
    const results = await Promise.all(runs.reverse());
    expect(results.map((r) => r.stdout.toString().trim())).toEqual(Array.from({ length: 20 }, (_, i) => String(19 - i)));
    expect(results.map((r) => r.stderr.trim())).toEqual(Array.from({ length: 20 }, (_, i) => `err${19 - i}`));
  });

  it('does not hold a short command behind a slow one', async () => {
    const dir = tempDir();
    const order: string[] = [];
    const slow = runInShell({ cwd: dir, line: 'sleep 1; echo slow' }).then(() => order.push('slow'));
    const fast = runInShell({ cwd: dir, line: 'echo fast' }).then(() => order.push('fast'));
    await Promise.all([slow, fast]);
    expect(order).toEqual(['fast', 'slow']);
  });

  it('runs each command in its own folder without a cd or export leaking into the next', async () => {
    const a = tempDir();
    const b = tempDir();
    await runInShell({ cwd: a, line: `cd ${shellQuote(b)}; export LEAK=yes` });
    const next = await runInShell({ cwd: a, line: 'pwd; echo "${LEAK:-none}"' });
    expect(next.stdout.toString().trim().split('\n')).toEqual([a, 'none']);
  });

  it('sees a change to process.env made after it started', async () => {
    const dir = tempDir();
    process.env.PAVED_SHELL_TEST = 'one';
    expect((await runInShell({ cwd: dir, line: 'echo "$PAVED_SHELL_TEST"' })).stdout.toString()).toBe('one\n');
    process.env.PAVED_SHELL_TEST = 'two';
    expect((await runInShell({ cwd: dir, line: 'echo "$PAVED_SHELL_TEST"' })).stdout.toString()).toBe('two\n');
  });

  it('leaves no command files behind', async () => {
    const dir = tempDir();
    await Promise.all([
      runInShell({ cwd: dir, line: 'cat', input: 'x' }),
      runInShell({ cwd: dir, line: 'echo out; echo err >&2; exit 1' }),
      runInShell({ cwd: dir, line: 'echo gone', discardStdout: true }),
    ]);
    expect(readdirSync(shellFolder() as string)).toEqual([]);
  });
});

describe('git through the shared shell', () => {
  it('names the missing folder instead of failing obscurely', async () => {
    const missing = path.join(tempDir(), 'nope');
    await expect(gitRaw(['status'], { cwd: missing })).rejects.toThrow(`could not run git in ${missing}: the folder does not exist`);
  });

  it("fails with git's own message and accepts the exit codes a caller expects", async () => {
    const dir = tempDir();
    await expect(gitRaw(['rev-parse', 'HEAD'], { cwd: dir })).rejects.toThrow(/git rev-parse failed in .*not a git repository/);
    const answer = await gitRaw(['rev-parse', '--show-toplevel'], { cwd: dir, okCodes: [128] });
    expect(answer.code).toBe(128);
  });

  it('feeds input to git and fails a script whose command fails', async () => {
    const dir = tempDir();
    await gitRaw(['init', '-q'], { cwd: dir });
    const oid = (await gitRaw(['hash-object', '--stdin'], { cwd: dir, input: 'hello\n' })).stdout.toString().trim();
    expect(oid).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    await expect(gitScript('git rev-parse --verify nothing-here', dir)).rejects.toThrow(/git commands failed in/);
  });
});
