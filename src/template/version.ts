import pep440 from '@renovatebot/pep440';

/**
 * Template versions are git tags ordered by PEP 440, as Copier orders them: `v1.2.0` and
 * `1.2.0` are the same version, tags that are not versions are ignored, and pre-releases are
 * skipped unless asked for.
 */
export function isVersionTag(tag: string): boolean {
  return pep440.valid(tag) !== null;
}

export function compareVersions(a: string, b: string): number {
  return pep440.compare(a, b);
}

export function isPrerelease(version: string): boolean {
  return pep440.explain(version)?.is_prerelease ?? false;
}

/** The newest version tag, or undefined when the template has none. */
export function latestVersionTag(tags: string[], options: { prereleases?: boolean } = {}): string | undefined {
  const candidates = tags.filter((tag) => isVersionTag(tag) && (options.prereleases || !isPrerelease(tag)));
  candidates.sort((a, b) => compareVersions(b, a) || (a < b ? -1 : 1));
  return candidates[0];
}

/**
 * The PEP 440 version of what `git describe --tags --always` printed, as Copier derives it (via
 * dunamai): `v1.2.0` → `1.2.0`, three commits later `v1.2.0-3-gabc1234` → `1.2.0.post3.dev0+gabc1234`
 * (after 1.2.0, before any later release), a bare hash → undefined.
 */
export function versionOfDescribe(described: string): string | undefined {
  const match = /^(.+)-(\d+)-g([0-9a-f]+)$/.exec(described);
  const candidate = match ? `${match[1]}.post${match[2]}.dev0+g${match[3]}` : described;
  return pep440.clean(candidate) ?? undefined;
}

/** The commit a recorded `_commit` names: the hash inside a describe string, else the value itself (a tag or hash). */
export function refOfDescribe(described: string): string {
  const match = /-\d+-g([0-9a-f]+)$/.exec(described);
  return match?.[1] ?? described;
}
