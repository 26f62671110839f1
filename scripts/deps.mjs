// Dependencies of a checkout: whether they need installing, and installing them. Shared by
// `npm start` (scripts/ensure-deps.mjs) and `npm test` (scripts/test.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';

/** Written once an install finished, native builds included: a half-finished install is redone. */
const MARKER = 'node_modules/.paved-installed';

export function depsStale() {
  return !existsSync(MARKER) || statSync('package-lock.json').mtimeMs > statSync(MARKER).mtimeMs;
}

/**
 * `npm ci` from the lockfile. With `scripts: false` no install script runs (better-sqlite3
 * compiles SQLite from source there, the longest part of an install); run `npm rebuild` later.
 */
export function installDeps({ scripts = true } = {}) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error', ...(scripts ? [] : ['--ignore-scripts'])], { stdio: 'inherit' });
}

export function markInstalled() {
  writeFileSync(MARKER, `${new Date().toISOString()}\n`);
}
