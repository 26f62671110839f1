/**
 * The plan's data from release-please's candidate pull requests: one entry per package released
 * (a merged pull request lists several, told apart by component), its pull request, and the
 * packages with nothing to release.
 */
import type { Commit } from 'release-please/build/src/commit.js';
import type { CandidateReleasePullRequest, ReleaserConfig } from 'release-please/build/src/manifest.js';
import type { Version } from 'release-please/build/src/version.js';
import { tagFor } from './baseline.js';
import type { PlannedRelease, ReleasePlan } from './types.js';

export interface SummaryInput {
  head: string;
  branch: string;
  candidates: CandidateReleasePullRequest[];
  packages: Record<string, ReleaserConfig>;
  components: Record<string, string>;
  versions: Record<string, Version>;
  commitsByPath: Record<string, Commit[]>;
  warnings: string[];
  /** Files of the commit planned from: optional updates (package-lock.json, …) count only when present. */
  existing: Set<string>;
}

export function summarise(input: SummaryInput): ReleasePlan {
  const { packages, components, versions, commitsByPath } = input;
  const pathByComponent = new Map<string, string>();
  for (const [path, component] of Object.entries(components)) pathByComponent.set(component, path);
  const releases: PlannedRelease[] = [];
  const pullRequests: ReleasePlan['pullRequests'] = [];
  for (const candidate of input.candidates) {
    const pr = candidate.pullRequest;
    const data = pr.body.releaseData;
    const paths: string[] = [];
    for (const entry of data) {
      const path = data.length === 1 && candidate.path in packages ? candidate.path : pathByComponent.get(entry.component ?? '');
      if (path === undefined || !entry.version) continue;
      paths.push(path);
      releases.push({
        component: components[path]!,
        path,
        releaseType: packages[path]!.releaseType,
        current: versions[path]?.toString() ?? null,
        next: entry.version.toString(),
        tag: tagFor(entry.version, components[path]!, packages[path]!).toString(),
        changelog: entry.notes,
        commits: commitsByPath[path]?.length ?? 0,
        branch: pr.headRefName,
      });
    }
    pullRequests.push({
      title: pr.title.toString(),
      branch: pr.headRefName,
      labels: pr.labels,
      body: pr.body.toString(),
      draft: pr.draft,
      paths,
      files: [...new Set(pr.updates.filter((u) => u.createIfMissing || input.existing.has(u.path)).map((u) => u.path))],
    });
  }
  const released = new Set(releases.map((r) => r.path));
  const unchanged = Object.keys(packages)
    .filter((path) => !released.has(path))
    .map((path) => ({ path, component: components[path]!, current: versions[path]?.toString() ?? null, commits: commitsByPath[path]?.length ?? 0 }));
  const order = Object.keys(packages);
  releases.sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path));
  return { head: input.head, branch: input.branch, releases, pullRequests, unchanged, warnings: input.warnings };
}
