/**
 * Writing a render into a folder: only what changed is written, and files an earlier render wrote
 * but this one does not are deleted — only those carrying Paved's header, so state, lock files
 * and anything a person added stay.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { planTree, RENDERED_HEADER, writeTree, type TreePlan } from '../deploy/tree.js';
import type { RenderedFile } from './root-module.js';

/** The folders a render owns; its YAML registrations are pruned by planTree, its .tf files here. */
const PRUNED_YAML = ['argocd/clusters'];
const TERRAFORM_DIR = 'terraform';

function staleTerraform(dir: string, wanted: Set<string>): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    if (!existsSync(abs)) return;
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      // .terraform/ holds downloaded modules with their own .tf files: never Paved's to prune.
      if (entry.isDirectory() && !entry.name.startsWith('.')) walk(child);
      else if (entry.isFile() && entry.name.endsWith('.tf') && !wanted.has(child) && readFileSync(path.join(dir, child), 'utf8').startsWith(RENDERED_HEADER)) found.push(child);
    }
  };
  walk(TERRAFORM_DIR);
  return found;
}

export function planInfraWrite(dir: string, files: RenderedFile[]): TreePlan {
  const plan = planTree(dir, files, PRUNED_YAML);
  plan.delete = [...plan.delete, ...staleTerraform(dir, new Set(files.map((f) => f.path)))].sort();
  return plan;
}

export async function writeInfra(dir: string, files: RenderedFile[], plan: TreePlan): Promise<void> {
  await writeTree(dir, files, plan);
}
