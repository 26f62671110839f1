import { TagName } from 'release-please/build/src/util/tag-name.js';
import { Version } from 'release-please/build/src/version.js';
import { describe, expect, it } from 'vitest';
import { initialReleaseTags } from './initial-tags.js';

const files = (config: unknown, manifest: unknown) => (file: string) =>
  ({ 'release-please-config.json': JSON.stringify(config), '.release-please-manifest.json': JSON.stringify(manifest) })[file];

describe('the tags of a new repository first commit', () => {
  it("names them as release-please's TagName does, for a single package and for components", () => {
    const config = {
      'tag-separator': '-',
      packages: {
        '.': { 'release-type': 'node', component: 'api', 'include-component-in-tag': false },
        'services/web': { component: 'web' },
        'charts/app': { component: 'app-chart', 'tag-separator': '/', 'include-v-in-tag': false },
      },
    };
    const manifest = { '.': '0.1.0', 'services/web': '1.2.3', 'charts/app': '0.4.0' };
    expect(initialReleaseTags(files(config, manifest))).toEqual([
      new TagName(Version.parse('0.1.0'), undefined, '-', true).toString(),
      new TagName(Version.parse('1.2.3'), 'web', '-', true).toString(),
      new TagName(Version.parse('0.4.0'), 'app-chart', '/', false).toString(),
    ]);
    expect(initialReleaseTags(files(config, manifest))).toEqual(['v0.1.0', 'web-v1.2.3', 'app-chart/0.4.0']);
  });

  it('tags nothing it cannot name for sure: no manifest, broken JSON, a component only the package files know', () => {
    expect(initialReleaseTags(() => undefined)).toEqual([]);
    expect(initialReleaseTags((f) => (f.endsWith('.json') ? '{' : undefined))).toEqual([]);
    expect(initialReleaseTags(files({ packages: { 'pkg/a': {} } }, { 'pkg/a': '0.1.0' }))).toEqual([]);
  });
});
