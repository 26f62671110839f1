import { describe, expect, it } from 'vitest';
import { compareVersions } from '../template/version.js';
import { body, carried, changelogBetween, marker, title, type UnitUpdate } from './pr-body.js';

const CHANGELOG = `# Changelog

All notable changes.

## [Unreleased]

- Not out yet.

## [2.0.0] - 2024-03-01

### Breaking

- Node 22.

## v1.2.0

- Adds .editorconfig.

## 1.1.0 (2024-01-15)

### Changed

- README says v2 text.

## [1.0.0]

- First release.
`;

/** The sections in (from, to], as sync-unit asks for them. */
const between = (text: string | undefined, from: string, to: string) =>
  changelogBetween(text, (v) => compareVersions(v, from) > 0, (v) => compareVersions(v, to) <= 0);

const update = (overrides: Partial<UnitUpdate> = {}): UnitUpdate => ({
  component: 'orders-api',
  path: '',
  template: 'typescript-service',
  from: '1.0.0',
  to: '1.2.0',
  files: [
    { path: 'README.md', action: 'update' },
    { path: 'docs/guide.md', action: 'create' },
    { path: 'package.json', action: 'identical' },
    { path: 'Dockerfile', action: 'skip' },
  ],
  conflicts: [],
  changelog: '### 1.2.0\n\n- Adds .editorconfig.',
  ...overrides,
});

describe('changelogBetween', () => {
  it('keeps the sections after from up to and including to, whatever their heading style', () => {
    const text = between(CHANGELOG, '1.0.0', '1.2.0');
    expect(text).toContain('- Adds .editorconfig.');
    expect(text).toContain('- README says v2 text.');
    expect(text).not.toContain('First release.');
    expect(text).not.toContain('Node 22.');
    expect(text).not.toContain('Not out yet.');
    expect(text).not.toContain('All notable changes.');
    expect(between(CHANGELOG, '1.1.0', '2.0.0').match(/^### \S+/gm)).toEqual(['### [2.0.0]', '### v1.2.0']);
  });

  it('moves every heading one level down, to sit under the pull request’s own', () => {
    expect(between(CHANGELOG, '1.2.0', '2.0.0')).toBe('### [2.0.0] - 2024-03-01\n\n#### Breaking\n\n- Node 22.');
  });

  it('is empty without a changelog, or with no section in the range', () => {
    expect(between(undefined, '1.0.0', '2.0.0')).toBe('');
    expect(between('', '1.0.0', '2.0.0')).toBe('');
    expect(between(CHANGELOG, '2.0.0', '2.0.0')).toBe('');
    expect(between('# Changelog\n\nJust prose.\n', '1.0.0', '2.0.0')).toBe('');
  });
});

describe('the pull request marker', () => {
  it('round-trips through the body: carried() returns what each update brought', () => {
    const updates = [update(), update({ component: 'orders-web', path: 'services/web', to: '1.3.0' })];
    expect(carried(body(updates))).toEqual([
      { component: 'orders-api', to: '1.2.0' },
      { component: 'orders-web', to: '1.3.0' },
    ]);
    expect(carried(`Edited by a person above.\n\n${marker([update()])}\n\nand below.`)).toEqual([{ component: 'orders-api', to: '1.2.0' }]);
  });

  it('reads nothing from a body without a marker or with a damaged one', () => {
    expect(carried('')).toEqual([]);
    expect(carried('A pull request a person wrote.')).toEqual([]);
    expect(carried('<!-- paved-fleet [{"component": -->')).toEqual([]);
  });

  it('keeps the marker out of sight: an HTML comment on one line', () => {
    expect(marker([update()])).toMatch(/^<!-- paved-fleet \[.*\] -->$/);
  });
});

describe('title and body', () => {
  it('names the component and version, or counts the components, and says when there are conflicts', () => {
    expect(title([update()])).toBe('chore(template): update orders-api to typescript-service 1.2.0');
    expect(title([update({ conflicts: ['README.md'] })])).toBe('chore(template): update orders-api to typescript-service 1.2.0 (conflicts)');
    expect(title([update(), update({ component: 'orders-web' })])).toBe("chore(template): update 2 components to their templates' newest versions");
  });

  it('shows from → to, the changelog, the files that change and the conflicts to resolve', () => {
    const text = body([update({ path: 'services/api', conflicts: ['README.md'] })]);
    expect(text).toContain('## orders-api (`services/api`): typescript-service 1.0.0 → 1.2.0');
    expect(text).toContain('### What changed in the template\n\n### 1.2.0\n\n- Adds .editorconfig.');
    expect(text).toContain('### Files (2)\n\n- `README.md` update\n- `docs/guide.md` create\n');
    expect(text).not.toContain('package.json');
    expect(text).toMatch(/### Conflicts \(1\)\n\n.*conflict markers.*\n\n- `README\.md`/);
  });

  it('says so when the template has no changelog entries and no file but the answers file changes', () => {
    const text = body([update({ changelog: '', files: [{ path: 'package.json', action: 'identical' }] })]);
    expect(text).toContain('_The template has no CHANGELOG.md entries between 1.0.0 and 1.2.0._');
    expect(text).toContain('### Files (0)\n\n_None besides the answers file._');
    expect(text).not.toContain('### Conflicts');
  });
});
