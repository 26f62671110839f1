/**
 * What the platform knows about a component beyond its catalog-info.yaml: the template it was
 * made from (its Copier answers file), its latest release, and what runs in each environment.
 * Pure functions over what the forge returned; the ingestion reads, these decide.
 */
import path from 'node:path/posix';
import { parse } from 'yaml';
import { InputError } from '../errors.js';
import type { Release } from '../forge/types.js';
import { versionOfDescribe } from '../template/version.js';

export interface TemplateInfo {
  /** The template's short name (`node-service`): the `paved.dev/template` annotation, else the last part of `src`. */
  name: string;
  /** `_src_path`: where the template lives. */
  src: string;
  /** `_commit` as Copier wrote it (`v1.4.0`, `v1.4.0-3-g1a2b3c4`, or a commit id). */
  commit?: string;
  /** The template's tag the component was last rendered from, when `commit` names one. */
  version?: string;
  /** The answers file, relative to the repository. */
  answersFile: string;
}

export interface ReleaseInfo {
  tag: string;
  name: string;
  url: string;
  createdAt: string;
}

export interface Enrichment {
  template?: TemplateInfo;
  latestRelease?: ReleaseInfo;
  /** Environment name → the version running there, as the deploy side reports it. */
  environments?: Record<string, string>;
}

/** `.copier-answers.yml`, `.copier-answers.docs.yaml`, … in any folder. */
export function isAnswersFile(file: string): boolean {
  return /^\.copier-answers.*\.ya?ml$/.test(path.basename(file));
}

/** The template recorded in an answers file, or undefined when it names none. */
export function templateFromAnswers(text: string, answersFile: string, annotatedName?: string): TemplateInfo | undefined {
  let data: unknown;
  try {
    // Failsafe schema: every scalar stays a string, so `_commit: 0583121` keeps its leading zero.
    data = parse(text, { schema: 'failsafe' });
  } catch (error) {
    throw new InputError(`${answersFile}: not valid YAML (${(error as Error).message.split('\n')[0]}); restore it from git`, { file: answersFile });
  }
  if (data === null || data === undefined) return undefined;
  if (typeof data !== 'object' || Array.isArray(data)) throw new InputError(`${answersFile}: expected a mapping of answers; restore it from git`, { file: answersFile });
  const { _src_path: src, _commit: commit } = data as Record<string, unknown>;
  if (typeof src !== 'string' || src === '') return undefined;
  const recorded = typeof commit === 'string' && commit !== '' ? commit : undefined;
  return { name: annotatedName || templateName(src), src, commit: recorded, version: versionOf(recorded), answersFile };
}

/** `https://forge/acme/node-service.git`, `gh:acme/node-service`, `/templates/node-service/` → `node-service`. */
export function templateName(src: string): string {
  const trimmed = src.replace(/[/\\]+$/, '').replace(/\.git$/, '');
  return trimmed.split(/[/\\:]/).pop() || trimmed;
}

/** Copier records `git describe --tags --always`; its version is read the way Copier reads it (`v1.2.0` → `1.2.0`). */
function versionOf(commit: string | undefined): string | undefined {
  if (!commit || /^[0-9a-f]{7,40}$/.test(commit)) return undefined;
  return versionOfDescribe(commit);
}

/**
 * The answers file that belongs to a catalog file: the nearest one in the catalog file's folder
 * or above it (a monorepo keeps one per component folder; a polyrepo one at the root).
 */
export function nearestAnswersFile(catalogFile: string, answersFiles: readonly string[]): string | undefined {
  for (let dir = path.dirname(catalogFile); ; dir = path.dirname(dir)) {
    const here = answersFiles.filter((file) => path.dirname(file) === dir).sort();
    // `.copier-answers.yml` over any other answers file in the same folder.
    const chosen = here.find((file) => /^\.copier-answers\.ya?ml$/.test(path.basename(file))) ?? here[0];
    if (chosen) return chosen;
    if (dir === '.' || dir === '/' || dir === '') return undefined;
  }
}

/**
 * The newest non-prerelease of a component. In a monorepo, releases are tagged per component
 * (`orders-api-v1.2.0` as release-please does, `orders-api@1.2.0` as changesets does); those win,
 * and otherwise plain version tags (`v1.2.0`) belong to the repository's single component.
 */
export function latestRelease(releases: readonly Release[], component: string): ReleaseInfo | undefined {
  const stable = releases.filter((r) => !r.prerelease);
  const own = stable.filter((r) => r.tag.startsWith(`${component}-v`) || r.tag.startsWith(`${component}@`));
  const candidates = own.length > 0 ? own : stable.filter((r) => /^v?\d/.test(r.tag));
  const newest = [...candidates].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return newest && { tag: newest.tag, name: newest.name, url: newest.url, createdAt: newest.createdAt };
}
