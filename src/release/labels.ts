/**
 * The labels that carry a release pull request's state, as release-please uses them: `label`
 * (default `autorelease: pending`) from opening until its releases are tagged, then
 * `release-label` (default `autorelease: tagged`). A merged pull request still pending is the
 * one `paved release tag` has yet to tag.
 */
import type { Forge, PullRequest, Repository } from '../forge/types.js';
import type { RepositoryOptions } from './config.js';

export const PENDING_LABELS = ['autorelease: pending'];
export const TAGGED_LABELS = ['autorelease: tagged'];

export interface ReleaseLabels {
  pending: string[];
  tagged: string[];
}

export function releaseLabels(options: RepositoryOptions): ReleaseLabels {
  return { pending: options.labels ?? PENDING_LABELS, tagged: options.releaseLabels ?? TAGGED_LABELS };
}

export function hasAll(labels: string[], wanted: string[]): boolean {
  return wanted.every((label) => labels.includes(label));
}

/** Merged release pull requests into the default branch that still wait for their tags, oldest first. */
export async function mergedPending(forge: Forge, repo: Repository, pending: string[]): Promise<PullRequest[]> {
  const merged = await forge.listPullRequests(repo, { state: 'merged', base: repo.defaultBranch, label: pending[0] });
  return merged.filter((pr) => hasAll(pr.labels, pending)).sort((a, b) => a.number - b.number);
}

/** The command that tags, as a person would type it for this repository. */
export function tagCommand(repo: Repository): string {
  return `paved release tag --repo ${repo.fullName}`;
}
