/**
 * GitHub's JSON → the Forge's types. The input shapes list only the fields read, so REST responses,
 * list items (which omit some fields) and webhook payloads all fit.
 */
import type { Comment, Label, PullRequest, Release, Repository, TreeItem } from '../types.js';

export interface GhRepo {
  name: string;
  full_name: string;
  owner: { login: string };
  default_branch?: string;
  description: string | null;
  archived?: boolean;
  private: boolean;
  clone_url?: string;
  html_url: string;
  created_at?: string | null;
}

export function toRepository(repo: GhRepo): Repository {
  return {
    owner: repo.owner.login,
    name: repo.name,
    fullName: repo.full_name,
    defaultBranch: repo.default_branch ?? 'main',
    description: repo.description ?? '',
    archived: repo.archived ?? false,
    private: repo.private,
    cloneUrl: repo.clone_url ?? `${repo.html_url}.git`,
    webUrl: repo.html_url,
    createdAt: repo.created_at ?? '',
  };
}

export interface GhPull {
  number: number;
  title: string;
  body: string | null;
  state: string;
  head: { ref: string; sha: string };
  base: { ref: string };
  labels: Array<{ name?: string }>;
  user: { login: string } | null;
  html_url: string;
  created_at: string;
  updated_at: string;
  merged_at: string | null;
  merge_commit_sha: string | null;
}

export function toPullRequest(pr: GhPull, repo: string): PullRequest {
  const merged = pr.merged_at !== null;
  return {
    number: pr.number,
    repo,
    title: pr.title,
    body: pr.body ?? '',
    head: pr.head.ref,
    headSha: pr.head.sha,
    base: pr.base.ref,
    state: merged ? 'merged' : pr.state === 'open' ? 'open' : 'closed',
    labels: labelNames(pr.labels),
    author: pr.user?.login ?? 'ghost',
    url: pr.html_url,
    createdAt: pr.created_at,
    updatedAt: pr.updated_at,
    ...(merged ? { mergedAt: pr.merged_at as string } : {}),
    // GitHub fills merge_commit_sha for open pull requests too (a test merge); only a merge's counts.
    ...(merged && pr.merge_commit_sha ? { mergeCommit: pr.merge_commit_sha } : {}),
  };
}

export function labelNames(labels: Array<{ name?: string }>): string[] {
  return labels.map((l) => l.name ?? '').filter(Boolean).sort();
}

export function toLabel(label: { name: string; color: string; description: string | null }): Label {
  return { name: label.name, color: label.color.toLowerCase(), description: label.description ?? '' };
}

export function toComment(comment: { id: number; user: { login: string } | null; body?: string; created_at: string }): Comment {
  return { id: String(comment.id), author: comment.user?.login ?? 'ghost', body: comment.body ?? '', createdAt: comment.created_at };
}

export function toRelease(release: { tag_name: string; name: string | null; body?: string | null; prerelease: boolean; html_url: string; created_at: string }): Release {
  return { tag: release.tag_name, name: release.name ?? release.tag_name, body: release.body ?? '', prerelease: release.prerelease, url: release.html_url, createdAt: release.created_at };
}

/** GitHub's REST trees give modes as text (sometimes `40000`), GraphQL as numbers; git writes six octal digits. */
export function gitMode(mode: string | number): string {
  const text = typeof mode === 'number' ? mode.toString(8) : mode;
  return text.padStart(6, '0');
}

export function toTreeItem(entry: { path?: string; type?: string; mode?: string; sha?: string }, prefix: string): TreeItem | undefined {
  if (!entry.path || !entry.sha || !entry.mode) return undefined;
  if (entry.type !== 'blob' && entry.type !== 'tree' && entry.type !== 'commit') return undefined;
  return { path: `${prefix}${entry.path}`, type: entry.type, mode: gitMode(entry.mode), sha: entry.sha };
}
