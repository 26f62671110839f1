/**
 * The templates the platform offers: every repository of the organisation with a `copier.yml`
 * (or `copier.yaml`) at its root, at its newest version tag. `paved new` and the API resolve a
 * template name here; anything else that looks like a git URL or a path is used as it is.
 */
import path from 'node:path';
import { NotFoundError } from '../errors.js';
import type { Repository } from '../forge/types.js';
import { loadTemplateConfig } from '../template/config/load.js';
import type { QuestionSpec, TemplateConfig } from '../template/config/types.js';
import { compareVersions, isVersionTag, latestVersionTag } from '../template/version.js';
import type { Platform } from './platform.js';

export interface OfferedTemplate {
  name: string;
  description: string;
  /** Where the template is cloned from: the forge's URL, recorded in every project's answers file. */
  url: string;
  /** Newest first. */
  versions: string[];
  latest?: string;
  questions: QuestionSpec[];
  /** Why the questions could not be read, when they could not. */
  problem?: string;
}

const CONFIG_FILES = ['copier.yml', 'copier.yaml'];

/** A template as offered, with its newest version's parsed copier.yml (absent when it could not be read). */
export interface DescribedTemplate {
  offered: OfferedTemplate;
  config?: TemplateConfig;
}

async function describeWithConfig(platform: Platform, repo: Repository): Promise<DescribedTemplate | undefined> {
  const tags = (await platform.forge.listTags(repo)).map((t) => t.name);
  const latest = latestVersionTag(tags);
  for (const file of CONFIG_FILES) {
    const content = await platform.forge.readFile(repo, file, latest);
    if (!content) continue;
    const versions = tags.filter(isVersionTag).sort((a, b) => compareVersions(b, a));
    const offered: OfferedTemplate = { name: repo.name, description: repo.description, url: repo.cloneUrl, versions, ...(latest ? { latest } : {}), questions: [] };
    try {
      const text = content.data.toString('utf8');
      const config = loadTemplateConfig({ read: (p) => (p === file ? text : undefined), list: () => [file] });
      offered.questions = config.questions;
      return { offered, config };
    } catch (error) {
      offered.problem = (error as Error).message;
      return { offered };
    }
  }
  return undefined;
}

async function describe(platform: Platform, repo: Repository): Promise<OfferedTemplate | undefined> {
  return (await describeWithConfig(platform, repo))?.offered;
}

/** One of the organisation's templates by name, read alone (the create form asks on every change). */
export async function offeredTemplate(platform: Platform, name: string): Promise<DescribedTemplate | undefined> {
  const repo = await platform.forge.getRepository({ owner: platform.workspace.config.organisation, name });
  return repo ? describeWithConfig(platform, repo) : undefined;
}

export async function listTemplates(platform: Platform): Promise<OfferedTemplate[]> {
  const owner = platform.workspace.config.organisation;
  const offered: OfferedTemplate[] = [];
  for (const repo of await platform.forge.listRepositories(owner)) {
    const template = await describe(platform, repo);
    if (template) offered.push(template);
  }
  return offered.sort((a, b) => a.name.localeCompare(b.name));
}

export interface ResolvedTemplate {
  /** The name shown to people and recorded in the catalog. */
  name: string;
  /** What the template engine copies from: the bare repository on this machine when the forge is local. */
  src: string;
  /** What the project's answers file records, so updates come from the forge. */
  url: string;
  offered?: OfferedTemplate;
}

/** One of the organisation's templates by name, resolved; undefined when there is none. */
export async function organisationTemplate(platform: Platform, name: string): Promise<(ResolvedTemplate & { offered: OfferedTemplate }) | undefined> {
  const repo = await platform.forge.getRepository({ owner: platform.workspace.config.organisation, name });
  const offered = repo ? await describe(platform, repo) : undefined;
  return repo && offered ? { name: repo.name, src: platform.forge.repoDir(repo), url: repo.cloneUrl, offered } : undefined;
}

/** The organisation's template names for an error message ('(none yet)' when there are none). */
export async function templateNames(platform: Platform): Promise<string> {
  return (await listTemplates(platform)).map((t) => t.name).join(', ') || '(none yet)';
}

/** A template name from `paved template list`, or any git URL or path (as `paved template copy` takes; a folder here as `./name`). */
export async function resolveTemplate(platform: Platform, ref: string): Promise<ResolvedTemplate> {
  // A bare name is always one of the organisation's templates; a folder is given as ./name.
  if (/^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(ref) && ref !== '.' && ref !== '..') {
    const found = await organisationTemplate(platform, ref);
    if (!found) throw new NotFoundError(`no template '${ref}' in ${platform.workspace.config.organisation}; use one of: ${await templateNames(platform)}, or give a git URL or a path`, { template: ref });
    return found;
  }
  const name = path.basename(ref.replace(/\/+$/, '')).replace(/\.git$/, '');
  // A folder is recorded absolute: updates run from anywhere (the fleet, the daily job).
  const src = /^[a-z][a-z0-9+.-]*:\/\/|^[^/]+@[^/]+:/i.test(ref) ? ref : path.resolve(ref);
  return { name, src, url: src };
}
