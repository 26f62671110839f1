import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/fixtures.js';
import { writeProject } from './write.js';

const file = (p: string, text: string) => ({ path: p, mode: '100644' as const, data: Buffer.from(text), origin: p });

describe('writing a project', () => {
  it('builds a new destination beside it and renames it into place, leaving no staging folder', async () => {
    const root = tempDir();
    await writeProject(path.join(root, 'p'), { files: [file('a/b.txt', 'x'), file('c.txt', 'y')], folders: ['empty'] });
    expect(readdirSync(root)).toEqual(['p']);
    expect(readdirSync(path.join(root, 'p')).sort()).toEqual(['a', 'c.txt', 'empty']);
  });

  it('replaces files in an existing folder and removes emptied folders of deleted files', async () => {
    const dst = tempDir();
    await writeProject(dst, { files: [file('old/x.txt', '1'), file('keep.txt', '1')] });
    await writeProject(dst, { files: [file('keep.txt', '2')], deletes: ['old/x.txt'] });
    expect(readdirSync(dst)).toEqual(['keep.txt']);
    expect(readFileSync(path.join(dst, 'keep.txt'), 'utf8')).toBe('2');
  });

  it('finishes its writes when interrupted with SIGINT, then exits', async () => {
    const dst = tempDir();
    const script = `
      import { writeProject } from ${JSON.stringify(path.resolve(import.meta.dirname, 'write.ts'))};
      const files = Array.from({ length: 400 }, (_, i) => ({ path: 'f' + i + '.txt', mode: '100644', data: Buffer.from('x'.repeat(20000)), origin: '' }));
      setTimeout(() => process.kill(process.pid, 'SIGINT'), 5);
      await writeProject(${JSON.stringify(dst)}, { files });
      console.log('not reached: the held signal ends the process after the writes');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const signal = await new Promise((resolve) => child.on('close', (_code, sig) => resolve(sig)));
    expect(signal).toBe('SIGINT');
    expect(stdout).toBe('');
    expect(readdirSync(dst).filter((name) => name.endsWith('.txt'))).toHaveLength(400);
    expect(readdirSync(dst).some((name) => name.includes('paved-tmp'))).toBe(false);
  });
});
