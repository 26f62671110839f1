/** Times the whole `paved` CLI process: wall time, exit code and peak RSS (via GNU time, when installed). */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { GIT_ENV } from './util.js';

export const PAVED = fileURLToPath(new URL('../bin/paved', import.meta.url));
const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);

export interface CliRun {
  ms: number;
  code: number;
  /** Peak RSS of the CLI process in KB (GNU time's %M), when measurable. */
  maxRssKb?: number;
  stderr: string;
}

export function runCli(args: string[], scratch: string): Promise<CliRun> {
  const rssFile = path.join(scratch, `rss-${process.hrtime.bigint()}.txt`);
  const [command, argv] = hasGnuTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, PAVED, ...args]] : [PAVED, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { env: { ...process.env, ...GIT_ENV }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      let maxRssKb: number | undefined;
      if (hasGnuTime && existsSync(rssFile)) {
        // GNU time writes "Command exited with non-zero status N" before the figure when the exit code is not 0.
        const last = readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '';
        maxRssKb = Number.parseInt(last, 10) || undefined;
        rmSync(rssFile, { force: true });
      }
      resolve({ ms, code: code ?? -1, maxRssKb, stderr });
    });
  });
}
