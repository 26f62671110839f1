/** Shared fixture helpers for the Copier compatibility suite (ported cases of copier-org/copier's tests). */
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { copyTemplate, recopyProject, updateProject, type CopyOptions, type RecopyOptions, type UpdateOptions } from '../../src/template/index.js';
import { commitAll, git, initRepo, tempDir, writeFiles } from '../support/fixtures.js';
import { quiet } from '../support/templates.js';

export const ANSWERS_NICE = { '{{ _copier_conf.answers_file }}.jinja': '{{ _copier_answers|to_nice_yaml }}' };

export const read = (dir: string, rel: string): string => readFileSync(path.join(dir, rel), 'utf8');
export const exists = (dir: string, rel: string): boolean => existsSync(path.join(dir, rel));
export const isSymlink = (dir: string, rel: string): boolean => {
  try {
    return lstatSync(path.join(dir, rel)).isSymbolicLink();
  } catch {
    return false;
  }
};
export const linkTarget = (dir: string, rel: string): string => readlinkSync(path.join(dir, rel));
export const answersOf = (dir: string, file = '.copier-answers.yml'): Record<string, unknown> => parse(read(dir, file)) as Record<string, unknown>;

/** A folder with files; `symlinks` maps a link path to its target. */
export function folder(files: Record<string, string | null>, symlinks: Record<string, string> = {}, dir = tempDir('paved-compat-')): string {
  writeFiles(dir, files);
  for (const [link, target] of Object.entries(symlinks)) {
    mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
    symlinkSync(target, path.join(dir, link));
  }
  return dir;
}

/** Copier's `git_save`: init if needed, add everything, commit, optionally tag. */
export function gitSave(dir: string, tag?: string, message = 'save'): void {
  if (!existsSync(path.join(dir, '.git'))) initRepo(dir);
  commitAll(dir, message);
  if (tag) git(dir, 'tag', tag);
}

/** A template repo with one commit (tagged when `tag` is given). */
export function templateRepo(files: Record<string, string | null>, tag?: string, symlinks: Record<string, string> = {}): string {
  const dir = folder(files, symlinks);
  gitSave(dir, tag, tag ?? 'init');
  return dir;
}

export const newDst = (): string => path.join(tempDir('paved-compat-dst-'), 'dst');

export const copy = (src: string, dst: string, options: Partial<CopyOptions> = {}) => copyTemplate({ ...quiet, defaults: true, src, dst, ...options });
export const update = (dst: string, options: Partial<UpdateOptions> = {}) => updateProject({ ...quiet, defaults: true, dst, ...options });
export const recopy = (dst: string, options: Partial<RecopyOptions> = {}) => recopyProject({ ...quiet, defaults: true, dst, ...options });
