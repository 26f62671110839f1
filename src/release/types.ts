/** What `paved release plan` returns: serialisable data, the contract of `--json`. */

export interface PlannedRelease {
  /** The component name in tags and pull requests ('' when the package tags without one). */
  component: string;
  /** The package path from release-please-config.json ('.' for the root). */
  path: string;
  releaseType: string;
  /** The version in the manifest; null before the first release. */
  current: string | null;
  next: string;
  /** The tag the release will get. */
  tag: string;
  /** The CHANGELOG.md entry, heading included. */
  changelog: string;
  /** Commits since the last release that touch the package. */
  commits: number;
  /** The release pull request branch that carries it. */
  branch: string;
}

export interface PlannedPullRequest {
  title: string;
  branch: string;
  labels: string[];
  body: string;
  draft: boolean;
  /** Package paths released by it. */
  paths: string[];
  /** Files it changes. */
  files: string[];
}

export interface UnchangedPackage {
  path: string;
  component: string;
  current: string | null;
  commits: number;
}

export interface ReleasePlan {
  /** The commit planned from. */
  head: string;
  /** The branch release pull requests target. */
  branch: string;
  releases: PlannedRelease[];
  pullRequests: PlannedPullRequest[];
  /** Packages with nothing user-facing to release. */
  unchanged: UnchangedPackage[];
  warnings: string[];
}

/** A file of a release pull request with its new text. */
export interface FileChange {
  path: string;
  content: string;
}

/** A plan plus what each release pull request (by branch) writes: the input of `paved release pr`. */
export interface ReleaseDraft {
  plan: ReleasePlan;
  changes: Record<string, FileChange[]>;
}

/** What `paved release pr` did to one release pull request. */
export type PullRequestOutcome = 'created' | 'updated' | 'unchanged' | 'skipped';

export interface ReleasePullRequestReport {
  branch: string;
  title: string;
  outcome: PullRequestOutcome;
  number?: number;
  url?: string;
  /** The release commit on the branch. */
  commit?: string;
  releases: Array<{ component: string; path: string; version: string; tag: string }>;
  files: string[];
  /** Why it was skipped. */
  reason?: string;
}

/** `paved release pr --json`. */
export interface ReleasePrReport {
  repo: string;
  /** The default branch, and the commit the release pull requests were built from. */
  base: string;
  head: string;
  dryRun: boolean;
  pullRequests: ReleasePullRequestReport[];
  unchanged: UnchangedPackage[];
  warnings: string[];
}

export type ExistingOrCreated = 'created' | 'existing';

export interface TaggedRelease {
  /** The merged release pull request. */
  pullRequest: number;
  component: string;
  path: string;
  version: string;
  tag: string;
  /** The merge commit tagged. */
  commit: string;
  tagOutcome: ExistingOrCreated;
  release: { name: string; url: string; outcome: ExistingOrCreated };
}

/** `paved release tag --json`. */
export interface ReleaseTagReport {
  repo: string;
  /** Tags this run created (an earlier run's are in `releases` only). */
  tags: string[];
  releases: TaggedRelease[];
  /** The release pull requests whose label went from pending to tagged. */
  pullRequests: Array<{ number: number; url: string; labels: string[] }>;
}
