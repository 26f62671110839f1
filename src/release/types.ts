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
