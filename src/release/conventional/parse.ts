/**
 * `parseConventionalCommits` with release-please 17.9's exact output, fast: messages the ported
 * grammar covers (nearly all) are parsed here; the rest (CR line ends, exotic whitespace, nested
 * commits, messages long enough to overflow the original's recursion) go to release-please's own
 * parser, so the result is the same either way.
 */
import { parseConventionalCommits as releasePleaseParse, type Commit, type ConventionalCommit } from 'release-please/build/src/commit.js';
import { parseCommits } from './commit-format.js';
import { fits } from './grammar.js';
import { silentLogger } from '../silent-logger.js';

// The original recurses once per body line; past a few thousand lines it overflows and drops
// the commit. Leaving such messages to it keeps even that behaviour identical.
const MAX_PORTED_LINES = 1000;

// release-please's splitMessages: several conventional commits in one message, separated by a blank line.
const NEXT_COMMIT = /\r?\n\r?\n(?=(?:feat|fix|docs|style|refactor|perf|test|build|ci|chore|revert)(?:\(.*?\))?: )/;

function portable(message: string): boolean {
  if (!fits(message) || message.includes('BEGIN_NESTED_COMMIT')) return false;
  let lines = 0;
  for (let at = message.indexOf('\n'); at !== -1; at = message.indexOf('\n', at + 1)) if (++lines > MAX_PORTED_LINES) return false;
  return true;
}

/** Commits (newest first) into conventional commits, in release-please's order and shape. */
export function parseConventionalCommits(commits: Commit[]): ConventionalCommit[] {
  const out: ConventionalCommit[] = [];
  for (const commit of commits) {
    // A pull request's BEGIN_COMMIT_OVERRIDE needs the forge; local history has none.
    if (commit.pullRequest || !portable(commit.message)) {
      out.push(...releasePleaseParse([commit], silentLogger));
      continue;
    }
    for (const message of commit.message.split(NEXT_COMMIT).filter(Boolean)) {
      let parsed;
      try {
        parsed = parseCommits(message);
      } catch {
        continue; // Not conventional: release-please skips it too.
      }
      for (const p of parsed) {
        out.push({
          sha: commit.sha,
          message: p.header,
          files: commit.files,
          pullRequest: commit.pullRequest,
          type: p.type,
          scope: p.scope,
          bareMessage: p.subject,
          notes: p.notes,
          references: p.references,
          breaking: p.notes.some((note) => note.title === 'BREAKING CHANGE'),
        } as ConventionalCommit);
      }
    }
  }
  return out;
}
