import { chmodSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestRepo } from '../../test/release/git-repo.js';
import { blobs, commitChanges, personCommits, releaseMessage } from './bot-commit.js';

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.remove()));

describe('the release commit', () => {
  it("writes the changes over the parent's tree, keeping each file's mode, without touching the index", async () => {
    const r = new TestRepo();
    repos.push(r);
    r.write({ 'bin/run': '#!/bin/sh\necho 1.0.0\n', 'keep.txt': 'same\n' });
    chmodSync(path.join(r.dir, 'bin/run'), 0o755);
    const parent = r.commit('chore: start', 'keep.txt');
    const commit = await commitChanges(r.dir, parent, [{ path: 'bin/run', content: '#!/bin/sh\necho 1.1.0\n' }, { path: 'docs/CHANGELOG.md', content: '# Changelog\n' }], releaseMessage('chore: release 1.1.0', 'release-please--branches--main'));
    expect(r.git('rev-parse', `${commit}^`)).toBe(parent);
    expect(r.git('show', `${commit}:bin/run`)).toBe('#!/bin/sh\necho 1.1.0');
    expect(r.git('show', `${commit}:keep.txt`)).toBe(r.git('show', `${parent}:keep.txt`));
    const modes = await blobs(r.dir, commit, ['bin/run', 'docs/CHANGELOG.md', 'missing']);
    expect([...modes].map(([p, b]) => [p, b.mode])).toEqual([['bin/run', '100755'], ['docs/CHANGELOG.md', '100644']]);
    expect(r.git('log', '-1', '--format=%an <%ae>%n%B', commit)).toBe('Paved release <release@paved.local>\nchore: release 1.1.0\n\nPaved-Release: release-please--branches--main');
    expect(r.git('status', '--porcelain')).toBe('');
  });

  it('signs off in the same trailer block when the config asks for it', () => {
    expect(releaseMessage('chore: release 2.0.0', 'b', 'Bot <bot@example.com>')).toBe('chore: release 2.0.0\n\nSigned-off-by: Bot <bot@example.com>\nPaved-Release: b\n');
  });

  it("finds a person's commits on the bot's branch, and none on the bot's own", async () => {
    const r = new TestRepo();
    repos.push(r);
    const base = r.commit('feat: base');
    const bot = await commitChanges(r.dir, base, [{ path: 'CHANGELOG.md', content: 'x\n' }], releaseMessage('chore: release 1.0.0', 'b'));
    expect(await personCommits(r.dir, base, bot)).toEqual([]);
    r.git('checkout', '-q', bot);
    const person = r.commit('fix: by hand');
    expect(await personCommits(r.dir, base, person)).toEqual([person]);
  });
});
