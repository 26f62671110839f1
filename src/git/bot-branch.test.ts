import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Comment, RepoRef } from '../forge/types.js';
import { botEnv, commentOncePerHead, personCommits, personPush, type BotIdentity } from './bot-branch.js';

const BOT: BotIdentity = { name: 'Paved test bot', email: 'bot@paved.local', trailer: 'Paved-Test' };
const PERSON = { name: 'Pat', email: 'pat@example.com' };
const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function repo(): { dir: string; commit(message: string, who?: typeof PERSON, ...extra: string[]): string; git(...args: string[]): string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paved-bot-branch-'));
  temps.push(dir);
  const git = (args: string[], who = PERSON) => execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: dir, env: { ...process.env, ...botEnv(who) }, encoding: 'utf8' }).trim();
  git(['init', '-q', '-b', 'main']);
  let n = 0;
  return {
    dir,
    git: (...args) => git(args),
    commit: (message, who = PERSON, ...extra) => {
      writeFileSync(path.join(dir, 'file.txt'), `${n++}\n`);
      git(['add', '-A'], who);
      git(['commit', '-q', ...extra, '-m', message], who);
      return git(['rev-parse', 'HEAD']);
    },
  };
}

const botMessage = `chore: update\n\n${BOT.trailer}: lib@1.1.0`;

describe("a bot's branch", () => {
  it("is the bot's own while every commit since the base is the bot's, also after the base moved on", async () => {
    const r = repo();
    const base = r.commit('feat: base');
    r.git('checkout', '-q', '-b', 'update');
    const bot = r.commit(botMessage, BOT);
    expect(await personCommits(r.dir, BOT, base, bot)).toEqual([]);
    expect(await personPush(r.dir, BOT, base, bot)).toBeUndefined();
    r.git('checkout', '-q', 'main');
    const moved = r.commit('feat: more on main');
    expect(await personPush(r.dir, BOT, moved, bot)).toBeUndefined();
  });

  it("finds a person's commit anywhere on the branch: on top of the bot's, or under a commit that carries the trailer", async () => {
    const r = repo();
    const base = r.commit('feat: base');
    r.git('checkout', '-q', '-b', 'update');
    r.commit(botMessage, BOT);
    const onTop = r.commit('fix: by hand');
    expect(await personPush(r.dir, BOT, base, onTop)).toEqual({ head: onTop, short: onTop.slice(0, 12), commits: [onTop] });
    // The branch tip alone looks like the bot's; the commit under it is not.
    const tip = r.commit(botMessage, BOT);
    expect(await personCommits(r.dir, BOT, base, tip)).toEqual([onTop]);
  });

  it('counts a bot commit a person amended (trailer kept, committer changed) and a trailer outside the trailer block as a person\'s', async () => {
    const r = repo();
    const base = r.commit('feat: base');
    r.git('checkout', '-q', '-b', 'update');
    r.commit(botMessage, BOT);
    const amended = r.commit(botMessage, PERSON, '--amend');
    expect(r.git('log', '-1', '--format=%an|%cn', amended)).toBe(`${BOT.name}|${PERSON.name}`);
    expect(await personCommits(r.dir, BOT, base, amended)).toEqual([amended]);
    r.git('checkout', '-q', 'main');
    r.git('checkout', '-q', '-b', 'other');
    const buried = r.commit(`chore: update\n\n${BOT.trailer}: lib@1.1.0\n\nmore text after it`, BOT);
    expect(await personCommits(r.dir, BOT, base, buried)).toEqual([buried]);
  });
});

describe('the comment on a pushed head', () => {
  it('is written once per head, however often the bot runs', async () => {
    const comments: Comment[] = [];
    const forge = {
      listComments: async () => comments,
      comment: async (_repo: RepoRef, _number: number, body: string) => {
        const comment = { body } as Comment;
        comments.push(comment);
        return comment;
      },
    };
    const repoRef = { owner: 'acme', name: 'shop' };
    const first = { head: 'a'.repeat(40), short: 'a'.repeat(12), commits: ['a'.repeat(40)] };
    const say = (push: typeof first) => commentOncePerHead(forge, repoRef, 7, push, `someone pushed (${push.short})`);
    expect(await say(first)).toBe(true);
    expect(await say(first)).toBe(false);
    expect(await say({ ...first, head: 'b'.repeat(40), short: 'b'.repeat(12) })).toBe(true);
    expect(comments.map((c) => c.body)).toEqual([`someone pushed (${'a'.repeat(12)})`, `someone pushed (${'b'.repeat(12)})`]);
  });
});
