import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { TEST_GIT_IDENTITY } from './exec.js';

const made: string[] = [];

/** A fresh temporary folder, removed after the test. */
export function tempDir(prefix = 'paved-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function run(cwd: string, command: string, ...args: string[]): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...TEST_GIT_IDENTITY },
  });
}

export function git(cwd: string, ...args: string[]): string {
  return run(cwd, 'git', ...args).trim();
}

/** Writes files (path → content; `null` deletes; a leading `#!x` mode marker is not used: use `executable`). */
export function writeFiles(root: string, files: Record<string, string | null>, executable: string[] = []): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    if (content === null) {
      rmSync(abs, { force: true });
      // Git keeps no empty folders; neither do fixtures, so a folder can become a file.
      for (let dir = path.dirname(abs); dir !== root && readdirSync(dir).length === 0; dir = path.dirname(dir)) rmSync(dir, { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    if (executable.includes(rel)) chmodSync(abs, 0o755);
  }
}

export function initRepo(dir: string): string {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

export function commitAll(dir: string, message = 'change'): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
}

/** A template repo under test: write files, commit and tag a version in one call. */
export class TemplateRepo {
  readonly dir: string;

  constructor(dir = path.join(tempDir('paved-tpl-'), 'template')) {
    this.dir = initRepo(dir);
  }

  version(tag: string, files: Record<string, string | null>, executable: string[] = []): this {
    writeFiles(this.dir, files, executable);
    commitAll(this.dir, tag);
    git(this.dir, 'tag', tag);
    return this;
  }
}

/** Turns a folder into a committed git repo, as a user does after `copy`. */
export function commitProject(dir: string, message = 'init'): void {
  if (!existsGit(dir)) git(dir, 'init', '-q', '-b', 'main');
  commitAll(dir, message);
}

function existsGit(dir: string): boolean {
  try {
    git(dir, 'rev-parse', '--git-dir');
    return path.resolve(dir, git(dir, 'rev-parse', '--show-toplevel')) === path.resolve(dir);
  } catch {
    return false;
  }
}
