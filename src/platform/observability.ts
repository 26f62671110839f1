/**
 * `paved observability apply`: sends the dashboards and alerts `deploy render` wrote to the
 * GitOps repo (or a folder) to NewRelic's NerdGraph. It calls NewRelic only with an API key
 * (NEW_RELIC_API_KEY); without one it refuses before any request.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../errors.js';
import { gitRaw } from '../git/git.js';
import { applyObservability, NERDGRAPH_ENDPOINTS, OBSERVABILITY_DIR, type ApplyResult, type GitOpsFile } from '../observability/index.js';
import { gitopsRepository } from './gitops.js';
import type { Platform } from './platform.js';

function readTreeFiles(root: string): GitOpsFile[] {
  const files: GitOpsFile[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files.push({ path: child, content: readFileSync(path.join(root, child), 'utf8') });
    }
  };
  if (existsSync(path.join(root, OBSERVABILITY_DIR))) walk(OBSERVABILITY_DIR);
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

export async function applyObservabilityFromGitOps(platform: Platform, options: { from?: string; apiKey?: string; fetch?: typeof fetch }): Promise<ApplyResult> {
  const newrelic = platform.workspace.config.observability.newrelic;
  if (!newrelic) throw new InputError(`${platform.workspace.configFile}: observability.newrelic: missing; set accountId (and region) to use NewRelic`, { key: 'observability.newrelic' });
  if (!options.apiKey?.trim()) throw new InputError('no NewRelic API key: set NEW_RELIC_API_KEY to a User key (NRAK-…); nothing was sent', {});
  let root = options.from ? path.resolve(options.from) : undefined;
  let scratch: string | undefined;
  try {
    if (!root) {
      scratch = mkdtempSync(path.join(os.tmpdir(), 'paved-observability-'));
      await gitRaw(['clone', '--quiet', '--depth=1', '--', `file://${platform.forge.repoDir(await gitopsRepository(platform))}`, scratch], { cwd: os.tmpdir() });
      root = scratch;
    }
    const files = readTreeFiles(root);
    if (files.length === 0) throw new InputError(`no ${OBSERVABILITY_DIR}/ files in ${options.from ?? 'the GitOps repo'}; run 'paved deploy render' first`, {});
    return await applyObservability(files, { apiKey: options.apiKey, accountId: newrelic.accountId, endpoint: NERDGRAPH_ENDPOINTS[newrelic.region], fetch: options.fetch });
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
