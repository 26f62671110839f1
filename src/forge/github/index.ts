/**
 * The GitHub forge: the Forge interface over GitHub's REST and GraphQL APIs (github.com or GitHub
 * Enterprise Server). Each area lives in its own module; this class holds what spans them: who
 * it acts as, the credentials git uses, and default branches still waiting for their first push.
 */
import { NotFoundError, PermissionError } from '../../errors.js';
import { authHeaderEnv, basicAuth, pushWithGit } from '../push.js';
import type {
  Branch,
  BranchProtection,
  Team,
  TeamMember,
  TeamPermission,
  TeamRepository,
  Comment,
  CreateReleaseInput,
  CreateRepositoryInput,
  EventSubscription,
  FileContent,
  Forge,
  ForgeEvent,
  GitRemote,
  Label,
  MergeInput,
  OpenPullRequestInput,
  Owner,
  PullRequest,
  PullRequestFilter,
  PushRefspec,
  Release,
  RepoRef,
  Repository,
  Tag,
  TreeItem,
  UpdatePullRequestInput,
} from '../types.js';
import { repoRefOf } from '../types.js';
import { GitHubClient, type GitHubForgeOptions } from './client.js';
import * as contents from './contents.js';
import * as labels from './labels.js';
import * as org from './org.js';
import { eventCursor, pollEvents } from './poll.js';
import * as pulls from './pulls.js';
import * as refs from './refs.js';
import * as releases from './releases.js';
import * as repos from './repos.js';

export type { GitHubAppCredentials, GitHubForgeOptions, RateLimitWait } from './client.js';
export { eventsFromWebhook } from './events.js';

/**
 * Builds the forge. Asks GitHub who the credentials belong to unless `actor` is given, and for a
 * GitHub App fetches the first installation token, so `actor` and `gitRemote` can answer at once.
 */
export async function createGitHubForge(options: GitHubForgeOptions): Promise<GitHubForge> {
  const client = new GitHubClient(options);
  const actor = options.actor ?? (await client.whoAmI());
  if (options.app) await client.refreshGitToken();
  return new GitHubForge(client, actor);
}

export class GitHubForge implements Forge {
  readonly kind = 'github' as const;
  readonly actor: string;
  private readonly client: GitHubClient;
  /**
   * GitHub cannot set the default branch of an empty repository: the first push sets it to the
   * first branch pushed. The branch asked for at creation is kept here (per forge instance) and
   * made the default by the push that brings it. Another process pushing first will not know.
   */
  private readonly pendingDefaultBranch = new Map<string, string>();

  constructor(client: GitHubClient, actor: string) {
    this.client = client;
    this.actor = actor;
  }

  getOwner(login: string): Promise<Owner | undefined> {
    return repos.getOwner(this.client, login);
  }

  async createRepository(input: CreateRepositoryInput): Promise<Repository> {
    const created = await repos.createRepository(this.client, this.actor, input);
    const defaultBranch = input.defaultBranch ?? 'main';
    this.pendingDefaultBranch.set(created.fullName.toLowerCase(), defaultBranch);
    return { ...created, defaultBranch };
  }

  async getRepository(repo: RepoRef): Promise<Repository | undefined> {
    const found = await repos.getRepository(this.client, repo);
    const pending = found && this.pendingDefaultBranch.get(found.fullName.toLowerCase());
    return found && pending ? { ...found, defaultBranch: pending } : found;
  }

  listRepositories(owner: string, options: { includeArchived?: boolean } = {}): Promise<Repository[]> {
    return repos.listRepositories(this.client, this.actor, owner, options.includeArchived ?? false);
  }

  archiveRepository(repo: RepoRef): Promise<void> {
    return repos.archiveRepository(this.client, repo);
  }

  async readFile(repo: RepoRef, path: string, ref?: string): Promise<FileContent | undefined> {
    return contents.readFile(this.client, repo, path, ref ?? this.pendingDefaultBranch.get(repos.fullName(repo).toLowerCase()));
  }

  async readTree(repo: RepoRef, ref?: string, path?: string): Promise<TreeItem[]> {
    return contents.readTree(this.client, repo, ref ?? this.pendingDefaultBranch.get(repos.fullName(repo).toLowerCase()), path);
  }

  getBranch(repo: RepoRef, name: string): Promise<Branch | undefined> {
    return refs.getBranch(this.client, repo, name);
  }

  listBranches(repo: RepoRef): Promise<Branch[]> {
    return refs.listBranches(this.client, repo);
  }

  createBranch(repo: RepoRef, name: string, commit: string): Promise<Branch> {
    return refs.createBranch(this.client, repo, name, commit);
  }

  updateBranch(repo: RepoRef, name: string, commit: string, expected: string): Promise<Branch> {
    return refs.updateBranch(this.client, repo, name, commit, expected);
  }

  deleteBranch(repo: RepoRef, name: string, expected?: string): Promise<void> {
    return refs.deleteBranch(this.client, repo, name, expected);
  }

  /**
   * Git authenticates with the token as a Basic password (user `x-access-token`, which GitHub
   * accepts for every token kind). An app's installation token lasts an hour: every API call and
   * every push renews the copy used here.
   */
  gitRemote(repo: RepoRef): GitRemote {
    const token = this.client.cachedGitToken();
    if (token === undefined) {
      throw new PermissionError(`the GitHub App installation token for ${repos.fullName(repo)} has expired; make any forge call (or push through the forge) to renew it`, { repo: repos.fullName(repo) });
    }
    return { url: `${this.client.webUrl}/${repo.owner}/${repo.name}.git`, env: authHeaderEnv(basicAuth('x-access-token', token)) };
  }

  async push(repo: RepoRef, dir: string, refspecs: PushRefspec[]): Promise<void> {
    await this.client.refreshGitToken();
    await pushWithGit(this.gitRemote(repo), dir, refspecs);
    await this.settleDefaultBranch(repo, refspecs);
  }

  private async settleDefaultBranch(repo: RepoRef, refspecs: PushRefspec[]): Promise<void> {
    const key = repos.fullName(repo).toLowerCase();
    const wanted = this.pendingDefaultBranch.get(key);
    if (!wanted || !refspecs.some((spec) => spec.dst === wanted || spec.dst === `refs/heads/${wanted}`)) return;
    await repos.ensureDefaultBranch(this.client, repo, wanted);
    this.pendingDefaultBranch.delete(key);
  }

  openPullRequest(repo: RepoRef, input: OpenPullRequestInput): Promise<PullRequest> {
    return pulls.openPullRequest(this.client, repo, input);
  }

  getPullRequest(repo: RepoRef, number: number): Promise<PullRequest | undefined> {
    return pulls.getPullRequest(this.client, repo, number);
  }

  findOpenPullRequest(repo: RepoRef, head: string): Promise<PullRequest | undefined> {
    return pulls.findOpenPullRequest(this.client, repo, head);
  }

  listPullRequests(repo: RepoRef, filter?: PullRequestFilter): Promise<PullRequest[]> {
    return pulls.listPullRequests(this.client, repo, filter);
  }

  updatePullRequest(repo: RepoRef, number: number, input: UpdatePullRequestInput): Promise<PullRequest> {
    return pulls.updatePullRequest(this.client, repo, number, input);
  }

  comment(repo: RepoRef, number: number, body: string): Promise<Comment> {
    return pulls.comment(this.client, repo, number, body);
  }

  listComments(repo: RepoRef, number: number): Promise<Comment[]> {
    return pulls.listComments(this.client, repo, number);
  }

  mergePullRequest(repo: RepoRef, number: number, input?: MergeInput): Promise<PullRequest> {
    return pulls.mergePullRequest(this.client, repo, number, input);
  }

  closePullRequest(repo: RepoRef, number: number): Promise<PullRequest> {
    return pulls.closePullRequest(this.client, repo, number);
  }

  ensureLabel(repo: RepoRef, label: { name: string; color?: string; description?: string }): Promise<Label> {
    return labels.ensureLabel(this.client, repo, label);
  }

  listLabels(repo: RepoRef): Promise<Label[]> {
    return labels.listLabels(this.client, repo);
  }

  createTag(repo: RepoRef, input: { name: string; commit: string; message?: string }): Promise<Tag> {
    return refs.createTag(this.client, repo, input);
  }

  listTags(repo: RepoRef): Promise<Tag[]> {
    return refs.listTags(this.client, repo);
  }

  createRelease(repo: RepoRef, input: CreateReleaseInput): Promise<Release> {
    return releases.createRelease(this.client, repo, input);
  }

  getRelease(repo: RepoRef, tag: string): Promise<Release | undefined> {
    return releases.getRelease(this.client, repo, tag);
  }

  listReleases(repo: RepoRef): Promise<Release[]> {
    return releases.listReleases(this.client, repo);
  }

  listTeams(owner: string): Promise<Team[]> {
    return org.listTeams(this.client, owner);
  }

  createTeam(owner: string, input: { name: string; description?: string }): Promise<Team> {
    return org.createTeam(this.client, owner, input);
  }

  updateTeam(owner: string, slug: string, input: { description: string }): Promise<Team> {
    return org.updateTeam(this.client, owner, slug, input);
  }

  listTeamMembers(owner: string, slug: string): Promise<TeamMember[]> {
    return org.listTeamMembers(this.client, owner, slug);
  }

  setTeamMember(owner: string, slug: string, login: string, role?: TeamMember['role']): Promise<void> {
    return org.setTeamMember(this.client, owner, slug, login, role);
  }

  removeTeamMember(owner: string, slug: string, login: string): Promise<void> {
    return org.removeTeamMember(this.client, owner, slug, login);
  }

  listTeamRepositories(owner: string, slug: string): Promise<TeamRepository[]> {
    return org.listTeamRepositories(this.client, owner, slug);
  }

  setTeamPermission(owner: string, slug: string, repo: RepoRef, permission: TeamPermission): Promise<void> {
    return org.setTeamPermission(this.client, owner, slug, repo, permission);
  }

  removeTeamPermission(owner: string, slug: string, repo: RepoRef): Promise<void> {
    return org.removeTeamPermission(this.client, owner, slug, repo);
  }

  getBranchProtection(repo: RepoRef, branch: string): Promise<BranchProtection | undefined> {
    return org.getBranchProtection(this.client, repo, branch);
  }

  setBranchProtection(repo: RepoRef, protection: BranchProtection): Promise<BranchProtection> {
    return org.setBranchProtection(this.client, repo, protection);
  }

  removeBranchProtection(repo: RepoRef, branch: string): Promise<void> {
    return org.removeBranchProtection(this.client, repo, branch);
  }

  eventCursor(owner: string): Promise<string> {
    return eventCursor(this.client, owner);
  }

  events(owner: string, options?: EventSubscription): AsyncIterable<ForgeEvent> {
    return pollEvents(
      this.client,
      owner,
      {
        tagCommit: (repo, tag) => refs.tagCommit(this.client, repoRefOf(repo), tag),
        merged: async (repo, number) => {
          const pr = await pulls.getPullRequest(this.client, repoRefOf(repo), number);
          if (!pr) throw new NotFoundError(`pull request #${number} of ${repo} is gone`, { repo, number });
          return pr.state === 'merged';
        },
      },
      options,
    );
  }
}
