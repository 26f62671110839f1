/** Real git repositories in temp folders for the release tests: write files, commit, tag. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_CONFIG_NOSYSTEM: '1' };

export class TestRepo {
  readonly dir: string;

  constructor() {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'paved-release-'));
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd: this.dir, env: { ...process.env, ...ENV }, encoding: 'utf8' }).trim();
  }

  write(files: Record<string, string>): this {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
      writeFileSync(path.join(this.dir, file), text);
    }
    return this;
  }

  /** Commits `message`, touching `file` (appending a line) unless `files` are given. */
  commit(message: string, file = 'README.md'): string {
    mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    appendFileSync(path.join(this.dir, file), `${message.length}\n`);
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** Writes the release-please config and manifest, commits them and tags every released package. */
  setup(config: object, versions: Record<string, string>, files: Record<string, string> = {}, tags: string[] = []): this {
    this.write({ 'release-please-config.json': JSON.stringify(config, null, 2), '.release-please-manifest.json': JSON.stringify(versions, null, 2), ...files });
    this.git('add', '-A');
    this.git('commit', '-q', '-m', 'chore: release main');
    for (const tag of tags) this.git('tag', tag);
    return this;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
