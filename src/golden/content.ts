/**
 * The content the platform ships under `golden-path/`: Copier templates, the workflows
 * repository and the Terraform modules (each seeded as `terraform-<module>`, the source
 * `paved infra render` writes). Each folder becomes a repository of the organisation, versioned like everything
 * releasable: its `.release-please-manifest.json` holds the current version and its
 * `CHANGELOG.md` one section per released version.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TemplateError } from '../errors.js';
import { compareVersions } from '../template/version.js';

export type GoldenKind = 'template' | 'workflows' | 'terraform-module';

export interface GoldenRelease {
  version: string;
  /** YYYY-MM-DD, from the CHANGELOG heading. */
  date: string;
  /** The CHANGELOG section's body, without its heading. */
  notes: string;
}

export interface GoldenRepo {
  /** The repository's name in the organisation. */
  name: string;
  kind: GoldenKind;
  dir: string;
  description: string;
  /** Newest first; the first is the version the folder holds now. */
  releases: GoldenRelease[];
}

export const GOLDEN_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../golden-path');

const HEADING = /^## \[?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\]?(?:\([^)]*\))?\s+\((\d{4}-\d{2}-\d{2})\)\s*$/gm;

/** The releases a release-please CHANGELOG.md records, newest first. */
export function parseChangelog(text: string, file: string): GoldenRelease[] {
  const headings = [...text.matchAll(HEADING)];
  if (headings.length === 0) throw new TemplateError(`${file}: no release headings ('## 1.2.3 (YYYY-MM-DD)'); add one per released version`, { file });
  const releases = headings.map((m, i) => ({
    version: m[1]!,
    date: m[2]!,
    notes: text.slice(m.index! + m[0].length, headings[i + 1]?.index ?? text.length).trim(),
  }));
  for (let i = 1; i < releases.length; i++) {
    if (compareVersions(releases[i - 1]!.version, releases[i]!.version) <= 0) {
      throw new TemplateError(`${file}: ${releases[i - 1]!.version} is listed above ${releases[i]!.version}; keep the newest release first`, { file });
    }
  }
  return releases;
}

function readRepo(dir: string, kind: GoldenKind): GoldenRepo {
  const name = kind === 'terraform-module' ? `terraform-${path.basename(dir)}` : path.basename(dir);
  const manifestFile = path.join(dir, '.release-please-manifest.json');
  const changelogFile = path.join(dir, 'CHANGELOG.md');
  const releases = parseChangelog(readFileSync(changelogFile, 'utf8'), changelogFile);
  let current: unknown;
  try {
    current = (JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>)['.'];
  } catch (error) {
    throw new TemplateError(`${manifestFile}: not readable JSON (${(error as Error).message}); it must be {".": "<version>"}`, { file: manifestFile }, { cause: error });
  }
  if (current !== releases[0]!.version) {
    throw new TemplateError(`${manifestFile}: version ${current} but CHANGELOG.md's newest release is ${releases[0]!.version}; they must agree`, { file: manifestFile });
  }
  const readme = existsSync(path.join(dir, 'README.md')) ? readFileSync(path.join(dir, 'README.md'), 'utf8') : '';
  const description = readme.split('\n\n')[1]?.replace(/\s+/g, ' ').split(/[.:] /)[0]?.replace(/[.:]$/, '') ?? name;
  return { name, kind, dir, description, releases };
}

/** Every golden repository: each versioned template under templates/, workflows/, and each module under terraform/. */
export function goldenRepos(root = GOLDEN_ROOT): GoldenRepo[] {
  const templates = path.join(root, 'templates');
  const repos = readdirSync(templates, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(templates, e.name, 'CHANGELOG.md')))
    .map((e) => readRepo(path.join(templates, e.name), 'template'))
    .sort((a, b) => a.name.localeCompare(b.name));
  const workflows = path.join(root, 'workflows');
  if (existsSync(path.join(workflows, 'CHANGELOG.md'))) repos.push(readRepo(workflows, 'workflows'));
  const terraform = path.join(root, 'terraform');
  if (existsSync(terraform)) {
    const modules = readdirSync(terraform, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(path.join(terraform, e.name, 'CHANGELOG.md')));
    repos.push(...modules.map((e) => readRepo(path.join(terraform, e.name), 'terraform-module')).sort((a, b) => a.name.localeCompare(b.name)));
  }
  return repos;
}
