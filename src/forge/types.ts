/**
 * The Forge: where repositories, branches and pull requests live. Engines (scaffolding, fleet
 * sync, releases, deployments) talk only to this interface; `local/` (bare repos on disk + the
 * platform store) and `github/` (Octokit) implement it, and one contract suite
 * (test/forge/contract.ts) holds both to the same behaviour.
 *
 * Conventions every adapter keeps:
 * - Missing things: `get…`/`find…`/`read…` return undefined; mutations on a missing thing throw
 *   NotFoundError.
 * - A change that would lose someone else's work throws ConflictError (details.reason says which:
 *   'exists', 'stale' (expected old commit differs), 'merge-conflict', 'not-open', 'archived').
 * - A refused credential or permission throws PermissionError; an unreachable or failing service
 *   throws ExternalServiceError.
 * - Every call acts as the forge's current user (the token it was built with).
 */

export type ForgeKind = 'local' | 'github';

export interface RepoRef {
  owner: string;
  name: string;
}

export interface Owner {
  login: string;
  kind: 'organization' | 'user';
}

export interface Repository extends RepoRef {
  /** `owner/name`. */
  fullName: string;
  defaultBranch: string;
  description: string;
  archived: boolean;
  private: boolean;
  /** What `git clone` takes (no credentials in it). */
  cloneUrl: string;
  /** Where a person looks at it. */
  webUrl: string;
  createdAt: string;
}

export interface CreateRepositoryInput extends RepoRef {
  /** The branch the first push should create and the forge shows by default (default `main`). */
  defaultBranch?: string;
  description?: string;
  private?: boolean;
}

export interface FileContent {
  path: string;
  data: Buffer;
  /** Git blob id. */
  sha: string;
  mode: string;
}

export interface TreeItem {
  /** Relative to the repository's root (or to `path` when one was given). */
  path: string;
  type: 'blob' | 'tree' | 'commit';
  /** Git mode: 100644, 100755, 120000, 040000, 160000. */
  mode: string;
  sha: string;
}

export interface Branch {
  name: string;
  /** The commit the branch points at. */
  commit: string;
}

export interface Tag {
  name: string;
  /** The commit the tag points at (annotated tags are peeled). */
  commit: string;
}

export type PullRequestState = 'open' | 'closed' | 'merged';

export interface PullRequest {
  number: number;
  repo: string;
  title: string;
  body: string;
  /** Branch the change comes from (same repository). */
  head: string;
  /** The commit `head` pointed at when last seen. */
  headSha: string;
  /** Branch the change goes into. */
  base: string;
  state: PullRequestState;
  labels: string[];
  author: string;
  url: string;
  createdAt: string;
  updatedAt: string;
  mergedAt?: string;
  /** The commit the merge made on `base`. */
  mergeCommit?: string;
}

export interface OpenPullRequestInput {
  head: string;
  base?: string;
  title: string;
  body?: string;
  labels?: string[];
}

export interface UpdatePullRequestInput {
  title?: string;
  body?: string;
  /** Replaces the labels (labels that do not exist yet are created). */
  labels?: string[];
  base?: string;
}

export interface PullRequestFilter {
  state?: PullRequestState | 'all';
  head?: string;
  base?: string;
  label?: string;
  author?: string;
}

export interface MergeInput {
  method?: 'merge' | 'squash';
  /** First line of the commit message; defaults per method as GitHub does. */
  title?: string;
  message?: string;
  /** Refuse (ConflictError 'stale') if the head moved since it was reviewed. */
  expectedHeadSha?: string;
  /** Delete the head branch after merging. */
  deleteBranch?: boolean;
}

export interface Comment {
  id: string;
  author: string;
  body: string;
  createdAt: string;
}

export interface Label {
  name: string;
  /** Six hex digits, no `#`. */
  color: string;
  description: string;
}

export interface Release {
  tag: string;
  name: string;
  body: string;
  prerelease: boolean;
  url: string;
  createdAt: string;
}

export interface CreateReleaseInput {
  tag: string;
  /** Creates the tag at this commit when it does not exist yet. */
  commit?: string;
  name?: string;
  body?: string;
  prerelease?: boolean;
}

/** What automations react to. `id` is an opaque, increasing cursor to resume from. */
export type ForgeEvent =
  | ({ type: 'push'; ref: string; before: string | null; after: string | null; pusher: string } & EventBase)
  | ({ type: 'pull_request.opened' | 'pull_request.updated' | 'pull_request.merged' | 'pull_request.closed'; number: number; head: string; base: string; actor: string } & EventBase)
  | ({ type: 'tag.created'; tag: string; commit: string; actor: string } & EventBase);

export interface EventBase {
  id: string;
  /** `owner/name`. */
  repo: string;
  at: string;
}

export interface EventSubscription {
  /** Resume after this event id (exclusive); default: only events from now on. */
  since?: string;
  signal?: AbortSignal;
}

/** How git reaches the forge: a URL plus the environment that authenticates it (never in the URL or argv). */
export interface GitRemote {
  url: string;
  env: Record<string, string>;
}

export interface PushRefspec {
  /** A commit id or any name git resolves in the local repository (`HEAD`, a branch). */
  src: string;
  /** Branch name or full ref (`refs/tags/v1.0.0`). */
  dst: string;
  /**
   * The commit the remote ref must hold for the push to happen (compare-and-swap); `null` means
   * it must not exist yet. Omitted: a fast-forward is required, as plain `git push` does.
   */
  expected?: string | null;
}

/** A repository permission a team can hold, weakest first (GitHub's names). */
export type TeamPermission = 'pull' | 'triage' | 'push' | 'maintain' | 'admin';
export const TEAM_PERMISSIONS: readonly TeamPermission[] = ['pull', 'triage', 'push', 'maintain', 'admin'];

export interface Team {
  /** The team's URL name; Paved creates teams whose slug is their paved.yaml name. */
  slug: string;
  name: string;
  description: string;
}

export interface TeamMember {
  login: string;
  role: 'member' | 'maintainer';
  /** Invited (GitHub: not yet accepted); counts as a member, since inviting again changes nothing. */
  pending?: boolean;
}

export interface TeamRepository {
  /** `owner/name`. */
  repo: string;
  permission: TeamPermission;
}

/**
 * The rules a branch is held to, as GitHub's branch protection has them. With `requiredReviews`
 * set, changes reach the branch only through pull requests; admins may bypass that unless
 * `enforceAdmins`. Force-pushes and deletion are refused to everyone unless allowed.
 */
export interface BranchProtection {
  branch: string;
  /**
   * Approving reviews a pull request needs before it may merge (recorded, not counted, on the local
   * forge: see docs/org.md); null: pull requests are not required and direct pushes are allowed.
   */
  requiredReviews: number | null;
  /** Status checks (check-run names) that must pass before a merge, in the order given. */
  requiredChecks: string[];
  /** Hold admins to the rules too (otherwise they may push directly, never force-push or delete). */
  enforceAdmins: boolean;
  allowForcePushes: boolean;
  allowDeletions: boolean;
}

/**
 * The organisation as code (`paved org`): teams, their members, their repository permissions and
 * branch protection. Optional on Forge: an adapter that cannot manage an organisation leaves them
 * out, and `paved org` says so (see `supportsOrganisation`). Both shipped adapters implement all.
 */
export interface OrganisationForge {
  listTeams(org: string): Promise<Team[]>;
  /** ConflictError 'exists' when the slug is taken. */
  createTeam(org: string, input: { name: string; description?: string }): Promise<Team>;
  updateTeam(org: string, slug: string, input: { description: string }): Promise<Team>;
  listTeamMembers(org: string, slug: string): Promise<TeamMember[]>;
  /** Adds or changes a member (on GitHub an organisation outsider gets an invitation). */
  setTeamMember(org: string, slug: string, login: string, role?: TeamMember['role']): Promise<void>;
  removeTeamMember(org: string, slug: string, login: string): Promise<void>;
  listTeamRepositories(org: string, slug: string): Promise<TeamRepository[]>;
  setTeamPermission(org: string, slug: string, repo: RepoRef, permission: TeamPermission): Promise<void>;
  removeTeamPermission(org: string, slug: string, repo: RepoRef): Promise<void>;
  getBranchProtection(repo: RepoRef, branch: string): Promise<BranchProtection | undefined>;
  /** Replaces the branch's protection with exactly this (the branch must exist). */
  setBranchProtection(repo: RepoRef, protection: BranchProtection): Promise<BranchProtection>;
  removeBranchProtection(repo: RepoRef, branch: string): Promise<void>;
}

/** `owner/name` as a repository reference. */
export function repoRefOf(fullName: string): RepoRef {
  const slash = fullName.indexOf('/');
  return { owner: fullName.slice(0, slash), name: fullName.slice(slash + 1) };
}

export function supportsOrganisation(forge: Forge): forge is Forge & OrganisationForge {
  const methods: Array<keyof OrganisationForge> = ['listTeams', 'createTeam', 'updateTeam', 'listTeamMembers', 'setTeamMember', 'removeTeamMember', 'listTeamRepositories', 'setTeamPermission', 'removeTeamPermission', 'getBranchProtection', 'setBranchProtection', 'removeBranchProtection'];
  return methods.every((m) => typeof (forge as Partial<OrganisationForge>)[m] === 'function');
}

export interface Forge extends Partial<OrganisationForge> {
  readonly kind: ForgeKind;
  /** Who this forge acts as. */
  readonly actor: string;

  getOwner(login: string): Promise<Owner | undefined>;

  createRepository(input: CreateRepositoryInput): Promise<Repository>;
  getRepository(repo: RepoRef): Promise<Repository | undefined>;
  listRepositories(owner: string, options?: { includeArchived?: boolean }): Promise<Repository[]>;
  archiveRepository(repo: RepoRef): Promise<void>;

  readFile(repo: RepoRef, path: string, ref?: string): Promise<FileContent | undefined>;
  /** The whole tree (recursive) at `ref` (default: the default branch), optionally under `path`. */
  readTree(repo: RepoRef, ref?: string, path?: string): Promise<TreeItem[]>;

  getBranch(repo: RepoRef, name: string): Promise<Branch | undefined>;
  listBranches(repo: RepoRef): Promise<Branch[]>;
  createBranch(repo: RepoRef, name: string, commit: string): Promise<Branch>;
  /** Moves a branch only if it still points at `expected`; otherwise ConflictError 'stale'. */
  updateBranch(repo: RepoRef, name: string, commit: string, expected: string): Promise<Branch>;
  deleteBranch(repo: RepoRef, name: string, expected?: string): Promise<void>;

  /** Where and how git reaches the repository for clone, fetch and push. */
  gitRemote(repo: RepoRef): GitRemote;
  /** Pushes commits made with git in `dir` (see push.ts): atomic over all refspecs. */
  push(repo: RepoRef, dir: string, refspecs: PushRefspec[]): Promise<void>;

  openPullRequest(repo: RepoRef, input: OpenPullRequestInput): Promise<PullRequest>;
  getPullRequest(repo: RepoRef, number: number): Promise<PullRequest | undefined>;
  findOpenPullRequest(repo: RepoRef, head: string): Promise<PullRequest | undefined>;
  listPullRequests(repo: RepoRef, filter?: PullRequestFilter): Promise<PullRequest[]>;
  updatePullRequest(repo: RepoRef, number: number, input: UpdatePullRequestInput): Promise<PullRequest>;
  comment(repo: RepoRef, number: number, body: string): Promise<Comment>;
  listComments(repo: RepoRef, number: number): Promise<Comment[]>;
  mergePullRequest(repo: RepoRef, number: number, input?: MergeInput): Promise<PullRequest>;
  closePullRequest(repo: RepoRef, number: number): Promise<PullRequest>;

  ensureLabel(repo: RepoRef, label: { name: string; color?: string; description?: string }): Promise<Label>;
  listLabels(repo: RepoRef): Promise<Label[]>;

  /** Lightweight when `message` is absent, annotated otherwise. ConflictError 'exists' if taken. */
  createTag(repo: RepoRef, input: { name: string; commit: string; message?: string }): Promise<Tag>;
  listTags(repo: RepoRef): Promise<Tag[]>;
  createRelease(repo: RepoRef, input: CreateReleaseInput): Promise<Release>;
  getRelease(repo: RepoRef, tag: string): Promise<Release | undefined>;
  listReleases(repo: RepoRef): Promise<Release[]>;

  /** The id of the newest event of `owner` now: subscribe with it as `since` to see only what follows. */
  eventCursor(owner: string): Promise<string>;
  /** Events of every repository of `owner`, in order, until the signal aborts. */
  events(owner: string, options?: EventSubscription): AsyncIterable<ForgeEvent>;
}
