/** Repository labels, and the labels of a pull request (GitHub keeps those on its issue). */
import { ConflictError, InputError } from '../../errors.js';
import type { Label, RepoRef } from '../types.js';
import type { GitHubClient } from './client.js';
import { labelNames, toLabel } from './map.js';
import { fullName, params } from './repos.js';

const DEFAULT_COLOR = 'ededed';

export async function ensureLabel(client: GitHubClient, repo: RepoRef, label: { name: string; color?: string; description?: string }): Promise<Label> {
  if (!label.name.trim()) throw new InputError('a label needs a name', {});
  if (label.color !== undefined && !/^[0-9a-fA-F]{6}$/.test(label.color)) throw new InputError(`label color '${label.color}' is not six hex digits (e.g. 0e8a16)`, { color: label.color });
  const op = { action: `create or update label '${label.name}' in ${fullName(repo)}`, permission: 'issues: write' };
  const existing = await client.find(op, (o) => o.rest.issues.getLabel({ ...params(repo), name: label.name }));
  if (!existing) {
    try {
      const created = await client.call(op, (o) => o.rest.issues.createLabel({ ...params(repo), name: label.name, color: (label.color ?? DEFAULT_COLOR).toLowerCase(), description: label.description ?? '' }));
      return toLabel(created.data);
    } catch (error) {
      // Someone else created it between our read and our write: reconcile with theirs.
      if (!(error instanceof ConflictError && error.details.reason === 'exists')) throw error;
      return ensureLabel(client, repo, label);
    }
  }
  const current = toLabel(existing.data);
  const color = label.color?.toLowerCase();
  const changed = (color !== undefined && color !== current.color) || (label.description !== undefined && label.description !== current.description);
  if (!changed) return current;
  const updated = await client.call(op, (o) => o.rest.issues.updateLabel({ ...params(repo), name: label.name, ...(color ? { color } : {}), ...(label.description !== undefined ? { description: label.description } : {}) }));
  return toLabel(updated.data);
}

export async function listLabels(client: GitHubClient, repo: RepoRef): Promise<Label[]> {
  const labels = await client.find({ action: `list the labels of ${fullName(repo)}`, permission: 'issues: read' }, (o) => o.paginate(o.rest.issues.listLabelsForRepo, { ...params(repo), per_page: 100 }));
  return (labels ?? []).map(toLabel).sort((a, b) => a.name.localeCompare(b.name));
}

/** Replaces a pull request's labels; GitHub creates the ones the repository does not have yet. */
export async function setLabels(client: GitHubClient, repo: RepoRef, number: number, labels: string[]): Promise<string[]> {
  if (labels.some((l) => !l.trim())) throw new InputError('a label needs a name', {});
  const op = { action: `set the labels of pull request #${number} in ${fullName(repo)}`, permission: 'pull_requests: write' };
  const result = await client.call(op, (o) => o.rest.issues.setLabels({ ...params(repo), issue_number: number, labels: [...new Set(labels)] }));
  return labelNames(result.data);
}
