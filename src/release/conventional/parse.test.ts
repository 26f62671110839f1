import { parseConventionalCommits as releasePleaseParse } from 'release-please/build/src/commit.js';
import { describe, expect, it } from 'vitest';
import { message, random } from '../../../test/release/messages.js';
import { silentLogger } from '../silent-logger.js';
import { parseConventionalCommits } from './parse.js';

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('parseConventionalCommits', () => {
  it('gives release-please 17.9’s result for 6,000 random messages (bodies, footers, quirks)', () => {
    const rnd = random(42);
    for (let i = 0; i < 6000; i++) {
      const commits = [{ sha: 'a'.repeat(40), message: message(rnd), files: ['x'] }];
      expect(plain(parseConventionalCommits(commits)), commits[0]!.message).toEqual(plain(releasePleaseParse(commits, silentLogger)));
    }
  });

  it('reads one-line messages as release-please does, on the shapes the fast path takes and the ones it leaves to the grammar', () => {
    const lines = [
      'feat: add', 'feat(api): add', 'feat(api)!: drop v1', 'feat!: drop', 'feat!:', 'feat:', 'fix:\tx', 'fix:   spaced  ', '  feat: padded  \n\n',
      'feat(): empty scope', 'feat(a(b)): nested', 'feat(a: unclosed', 'feat #12', 'feat(x)BREAKING CHANGE: y', 'feat(x)!BREAKING: y', 'weird type: x',
      'FEAT: upper', 'a:b', 'feat: a: b', 'feat:: double', 'feat(*): star', 'émoji(✓): ok', 'feat(x) : gap', 'feat !: gap', 'no colon here', ':',
    ];
    const commits = lines.map((message, i) => ({ sha: String(i).padStart(40, '0'), message, files: ['x'] }));
    for (const commit of commits) expect(plain(parseConventionalCommits([commit])), JSON.stringify(commit.message)).toEqual(plain(releasePleaseParse([commit], silentLogger)));
  });

  it('keeps the original’s quirks: a footer-shaped line becomes a commit, an unclosed scope drops the message', () => {
    const [footer, main] = parseConventionalCommits([{ sha: 's', message: 'feat: a\n\nSigned-off-by: A <a@b>' }]);
    expect([footer!.type, footer!.bareMessage, main!.type]).toEqual(['Signed-off-by', 'A <a@b>', 'feat']);
    expect(parseConventionalCommits([{ sha: 's', message: 'feat: a\n\ncall(x is odd' }])).toEqual([]);
  });

  it('hands CR line ends and nested commits to release-please itself', () => {
    const commits = [{ sha: 's', message: 'feat: a\r\n\r\nBREAKING CHANGE: b' }, { sha: 't', message: 'fix: x\n\nBEGIN_NESTED_COMMIT\nfeat: y\nEND_NESTED_COMMIT' }];
    expect(plain(parseConventionalCommits(commits))).toEqual(plain(releasePleaseParse(commits, silentLogger)));
  });
});
