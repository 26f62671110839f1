import { describe, expect, it } from 'vitest';
import { compareVersions, latestVersionTag, refOfDescribe, versionOfDescribe } from './version.js';

describe('template versions (PEP 440, as Copier orders tags)', () => {
  it('orders numerically, with or without a v, ignoring tags that are not versions', () => {
    expect(latestVersionTag(['v1.9.0', 'v1.10.0', '1.2.0', 'latest', 'release-x'])).toBe('v1.10.0');
  });

  it('skips pre-releases unless asked', () => {
    expect(latestVersionTag(['v1.0.0', 'v2.0.0rc1', 'v2.0.0a1'])).toBe('v1.0.0');
    expect(latestVersionTag(['v1.0.0', 'v2.0.0rc1', 'v2.0.0a1'], { prereleases: true })).toBe('v2.0.0rc1');
  });

  it('has no latest version without version tags', () => {
    expect(latestVersionTag(['main', 'stable'])).toBeUndefined();
  });

  it('turns a describe string into a dev version after the tag, as Copier does', () => {
    expect(versionOfDescribe('v1.2.0')).toBe('1.2.0');
    expect(versionOfDescribe('v1.2.0-3-gabc1234')).toBe('1.2.0.post3.dev0+gabc1234');
    expect(compareVersions(versionOfDescribe('v1.2.0-3-gabc1234')!, '1.2.0')).toBe(1);
    expect(compareVersions(versionOfDescribe('v1.2.0-3-gabc1234')!, '1.2.1')).toBe(-1);
    expect(versionOfDescribe('abc1234')).toBeUndefined();
    expect(refOfDescribe('v1.2.0-3-gabc1234')).toBe('abc1234');
    expect(refOfDescribe('v1.2.0')).toBe('v1.2.0');
  });
});
