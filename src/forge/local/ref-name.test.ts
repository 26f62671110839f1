import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isValidBranchName } from './ref-name.js';

const NAMES = [
  'main', 'paved/template-update/services-api', 'release-please--branches--main', 'feature/x.y', 'a@b', 'v1.2.3', 'ünïcode',
  '', '@', '-dash', 'a..b', 'a b', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[b', 'a\\b', 'a@{1}', 'a//b', '/a', 'a/', 'a.', '.a', 'a/.b',
  'a.lock', 'a.lock/b', 'a/b.lock', 'a\tb', 'a\u007fb', 'x/.lock', '.lock', 'a.locked', 'foo./bar', 'HEAD', 'refs/heads/x',
];

describe('branch names', () => {
  it.each(NAMES)('agrees with git check-ref-format --branch on %j', (name) => {
    const git = spawnSync('git', ['check-ref-format', '--branch', name], { encoding: 'utf8' });
    // `@` is the one name refused on purpose where git accepts it (it means HEAD to git).
    expect(isValidBranchName(name)).toBe(git.status === 0 && !name.startsWith('-') && name !== '@');
  });
});
