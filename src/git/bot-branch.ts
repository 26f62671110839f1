/**
 * The branches Paved's bots own: a release pull request's (`paved release pr`) and a template
 * update's (`paved fleet sync`). On every run the bot puts one fresh commit on the default
 * branch's head there and force-pushes it, unless a person pushed to the branch: any commit since
 * the base that the bot did not make is a person's work, and the bot leaves the branch alone and
 * says so on the pull request, once per pushed head.
 */
import type { Forge, RepoRef } from '../forge/types.js';
import { gitRaw } from './git.js';
import type { Signature } from './objects.js';

/** Who a bot is in git: its author and committer, and the trailer each of its commits carries. */
export interface BotIdentity extends Signature {
  trailer: string;
}

/** git's environment for a commit the bot makes with `git commit`: the bot as author and committer. */
export function botEnv(bot: Signature): Record<string, string> {
  return { GIT_AUTHOR_NAME: bot.name, GIT_AUTHOR_EMAIL: bot.email, GIT_COMMITTER_NAME: bot.name, GIT_COMMITTER_EMAIL: bot.email };
}

/**
 * Commits on `tip` but not on `base` that the bot did not make: without its trailer, or committed
 * by someone else (a bot commit a person amended keeps the trailer but not the committer). One `git log`.
 */
export async function personCommits(gitDir: string, bot: BotIdentity, base: string, tip: string): Promise<string[]> {
  const format = `--format=%x01%H%x02%ce%x02%(trailers:key=${bot.trailer},valueonly)`;
  const out = (await gitRaw(['log', '--no-show-signature', format, `${base}..${tip}`], { cwd: gitDir })).stdout.toString('utf8');
  return out
    .split('\x01')
    .filter(Boolean)
    .map((entry) => entry.split('\x02') as [string, string?, string?])
    .filter(([, committer, trailer]) => committer !== bot.email || !trailer?.trim())
    .map(([sha]) => sha.trim());
}

export interface PersonPush {
  /** The branch's head. */
  head: string;
  /** Its short id: the comment on the pull request names the head by it. */
  short: string;
  /** The commits the bot did not make, newest first. */
  commits: string[];
}

/** A person's push to the bot's branch at `tip` since `base`; undefined while the branch is the bot's own. */
export async function personPush(gitDir: string, bot: BotIdentity, base: string, tip: string): Promise<PersonPush | undefined> {
  const commits = await personCommits(gitDir, bot, base, tip);
  return commits.length > 0 ? { head: tip, short: tip.slice(0, 12), commits } : undefined;
}

/**
 * Comments `body` on pull request `number` unless a comment already names the pushed head (by its
 * short id), so a person's push is reported once however often the bot runs. True when it commented.
 */
export async function commentOncePerHead(forge: Pick<Forge, 'listComments' | 'comment'>, repo: RepoRef, number: number, push: PersonPush, body: string): Promise<boolean> {
  if ((await forge.listComments(repo, number)).some((c) => c.body.includes(push.short))) return false;
  await forge.comment(repo, number, body);
  return true;
}
