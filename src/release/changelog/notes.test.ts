import { DefaultChangelogNotes } from 'release-please/build/src/changelog-notes/default.js';
import type { BuildNotesOptions } from 'release-please/build/src/changelog-notes.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { message, random } from '../../../test/release/messages.js';
import { parseConventionalCommits } from '../conventional/parse.js';
import { renderNotes } from './notes.js';

const DATE = '2025-03-04';
afterEach(() => vi.useRealTimers());

const SECTIONS = [
  undefined,
  [
    { type: 'feat', section: 'New' },
    { type: 'fix', section: 'Fixed' },
    { type: 'chore', section: 'Chores', hidden: false },
    { type: 'docs', section: 'Docs', hidden: true },
  ],
];
const TARGETS = [
  { owner: 'o', repository: 'r', previousTag: 'v1.0.0' },
  { owner: 'o', repository: 'r' },
  { host: 'http://127.0.0.1:8080', owner: 'team', repository: 'svc', previousTag: 'svc-v0.1.0' },
];

describe('renderNotes', () => {
  it('writes release-please’s DefaultChangelogNotes text for 600 random commit sets', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${DATE}T12:00:00Z`));
    const rnd = random(7);
    const notes = new DefaultChangelogNotes();
    for (let i = 0; i < 600; i++) {
      const messages = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => message(rnd));
      const commits = parseConventionalCommits(messages.map((m, j) => ({ sha: `${j}abcdef0123456789`.repeat(3).slice(0, 40), message: m })));
      const options = { ...TARGETS[i % TARGETS.length]!, changelogSections: SECTIONS[i % 2], version: '1.1.0', currentTag: 'v1.1.0', targetBranch: 'main' } as BuildNotesOptions;
      expect(renderNotes(structuredClone(commits), options, DATE), JSON.stringify(messages)).toBe(await notes.buildNotes(structuredClone(commits), options));
    }
  });

  it('writes short hashes in parentheses and plain issue numbers when there is no forge repository', () => {
    const commits = parseConventionalCommits([{ sha: 'abcdef0123456789abcdef0123456789abcdef01', message: 'fix: crash (#12)\n\nRefs: #13' }]);
    expect(renderNotes(commits, { owner: '', repository: '', version: '1.0.1', previousTag: 'v1.0.0', currentTag: 'v1.0.1', targetBranch: 'main' }, DATE)).toBe(
      `## 1.0.1 (${DATE})\n\n\n### Bug Fixes\n\n* crash (#12) (abcdef0), closes #13`,
    );
  });
});
