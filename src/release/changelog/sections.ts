import type { ChangelogSection } from 'release-please/build/src/changelog-notes.js';

/** conventional-changelog-conventionalcommits 6's default sections, which release-please uses when `changelog-sections` is not set. */
export const DEFAULT_SECTIONS: readonly ChangelogSection[] = [
  { type: 'feat', section: 'Features' },
  { type: 'feature', section: 'Features' },
  { type: 'fix', section: 'Bug Fixes' },
  { type: 'perf', section: 'Performance Improvements' },
  { type: 'revert', section: 'Reverts' },
  { type: 'docs', section: 'Documentation', hidden: true },
  { type: 'style', section: 'Styles', hidden: true },
  { type: 'chore', section: 'Miscellaneous Chores', hidden: true },
  { type: 'refactor', section: 'Code Refactoring', hidden: true },
  { type: 'test', section: 'Tests', hidden: true },
  { type: 'build', section: 'Build System', hidden: true },
  { type: 'ci', section: 'Continuous Integration', hidden: true },
];

type SectionLike = ChangelogSection & { scope?: string };

/** The section a commit belongs to: its type (lower-cased) and, when the section names one, its scope. */
export function sectionOf(sections: readonly SectionLike[], type: string, scope: string | null): SectionLike | undefined {
  const key = type.toLowerCase();
  return sections.find((entry) => entry.type === key && (!entry.scope || entry.scope === scope));
}
