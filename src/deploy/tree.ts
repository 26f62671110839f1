/**
 * Writing a rendered GitOps tree into a folder (a GitOps repo's checkout, or `--out DIR`): only
 * what changed is written, files Paved rendered before and no longer renders are removed, and
 * nothing a person wrote is ever touched (Paved only deletes files that carry its header).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withSignalsDeferred } from '../template/project/signals.js';

export const RENDERED_HEADER = '# Rendered by Paved:';

export interface TreeFile {
  path: string;
  content: string;
}

export interface TreePlan {
  create: string[];
  update: string[];
  delete: string[];
  unchanged: string[];
}

/** Folders whose Paved-rendered files `deploy render` prunes when no longer rendered (`*`: any one folder). */
export const DEPLOY_ROOTS = ['clusters/*/apps', 'argocd/applications', 'argocd/bootstrap'];

/** The folders a root names, `*` segments expanded against what exists. */
function expandRoot(dir: string, root: string): string[] {
  let paths = [''];
  for (const segment of root.split('/')) {
    const next: string[] = [];
    for (const base of paths) {
      if (segment !== '*') next.push(path.posix.join(base, segment));
      else if (existsSync(path.join(dir, base))) {
        for (const entry of readdirSync(path.join(dir, base), { withFileTypes: true })) if (entry.isDirectory()) next.push(path.posix.join(base, entry.name));
      }
    }
    paths = next;
  }
  return paths;
}

function renderedFilesUnder(dir: string, root: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    if (!existsSync(abs)) return;
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name) && readFileSync(path.join(dir, child), 'utf8').startsWith(RENDERED_HEADER)) found.push(child);
    }
  };
  walk(root);
  return found;
}

/** What writing `files` into `dir` would do; rendered files under `roots` that are not in `files` are deleted. */
export function planTree(dir: string, files: TreeFile[], roots: string[]): TreePlan {
  const plan: TreePlan = { create: [], update: [], delete: [], unchanged: [] };
  const wanted = new Set(files.map((f) => f.path));
  for (const file of files) {
    const abs = path.join(dir, file.path);
    if (!existsSync(abs)) plan.create.push(file.path);
    else if (readFileSync(abs, 'utf8') !== file.content) plan.update.push(file.path);
    else plan.unchanged.push(file.path);
  }
  for (const root of roots.flatMap((r) => expandRoot(dir, r))) for (const rel of renderedFilesUnder(dir, root)) if (!wanted.has(rel)) plan.delete.push(rel);
  plan.delete.sort();
  return plan;
}

/** Applies a plan; each file is replaced whole (written aside, renamed in), interrupts wait for the end. */
export async function writeTree(dir: string, files: TreeFile[], plan: TreePlan): Promise<void> {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  await withSignalsDeferred(async () => {
    for (const rel of [...plan.create, ...plan.update]) {
      const abs = path.join(dir, rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      const tmp = `${abs}.paved-tmp`;
      writeFileSync(tmp, byPath.get(rel)!);
      renameSync(tmp, abs);
    }
    for (const rel of plan.delete) {
      rmSync(path.join(dir, rel), { force: true });
      // Leave no empty folders behind.
      for (let folder = path.dirname(path.join(dir, rel)); folder.startsWith(dir) && folder !== dir && readdirSync(folder).length === 0; folder = path.dirname(folder)) rmSync(folder, { recursive: true });
    }
  });
}
