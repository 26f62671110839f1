/** Helpers shared by the benchmarks: git, temp folders, knobs, statistics, the machine, the printed table. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV },
    maxBuffer: 64 * 1024 * 1024,
  }).trim();
}

export function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
}

const temps: string[] = [];

/** A fresh temporary folder, removed by `cleanupTemps` (also on errors and Ctrl-C). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function cleanupTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A writable that drops everything: the engine's task/message output. */
export const noopOutput = { write: () => true } as unknown as NodeJS.WritableStream;

/** Deterministic PRNG (mulberry32), so every run benchmarks the same template. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Stats {
  n: number;
  median: number;
  min: number;
  p90: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  const mid = s.length % 2 === 1 ? (s[(s.length - 1) / 2] ?? NaN) : ((s[s.length / 2 - 1] ?? NaN) + (s[s.length / 2] ?? NaN)) / 2;
  return { n: s.length, median: mid, min: s[0] ?? NaN, p90: at(0.9), max: s[s.length - 1] ?? NaN };
}

export const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : 'n/a');
export const mb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : 'n/a');

/** A plain left-aligned text table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A whole-number knob from the environment (BENCH_RUNS…), or the fallback. */
export function count(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`bench: ${name}=${raw} is not a whole number >= ${min}`);
  return n;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return mb(n);
}

export function loadavg(): string {
  return `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

/** The machine's CPU time counters (user, nice, system, idle, iowait, …) from /proc/stat; empty elsewhere. */
export function cpuTimes(): number[] {
  try {
    return readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  } catch {
    return [];
  }
}

/**
 * Runs a benchmark's main: a failure prints one message (details and, with PAVED_DEBUG, the
 * stack) and exits 1; temp folders go at the end and on Ctrl-C unless BENCH_KEEP is set.
 */
export async function runBench(main: () => Promise<void>, onFailure?: () => void): Promise<void> {
  process.once('SIGINT', () => {
    if (process.stdout.isTTY) process.stdout.write('\n');
    if (!process.env.BENCH_KEEP) cleanupTemps();
    process.exit(130);
  });
  try {
    await main();
  } catch (error) {
    process.exitCode = 1;
    onFailure?.();
    console.error(`\nbench failed: ${error instanceof Error ? error.message : String(error)}`);
    const details = error && typeof error === 'object' && 'details' in error ? (error as { details: unknown }).details : undefined;
    if (details) console.error(`details: ${JSON.stringify(details)}`);
    if (error instanceof Error && process.env.PAVED_DEBUG) console.error(error.stack);
  } finally {
    if (process.env.BENCH_KEEP) console.log('(BENCH_KEEP: temp folders kept)');
    else cleanupTemps();
  }
}
