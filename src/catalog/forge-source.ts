/**
 * Reading one repository's catalog from a forge: `catalog-info.yaml` at the root, the files its
 * Location entities point at inside the repository (relative paths and `*`/`**` globs, as a
 * monorepo lists its components), and the Copier answers files anywhere in the tree. Every file
 * that cannot be read or parsed becomes a problem naming it; nothing here writes.
 */
import path from 'node:path/posix';
import { isPavedError } from '../errors.js';
import type { Forge, Repository } from '../forge/types.js';
import { isAnswersFile } from './enrichment.js';
import { parseCatalogFile } from './parse.js';
import { LOCATION_ANNOTATION, ORIGIN_LOCATION_ANNOTATION } from './rows.js';
import type { Entity } from './schema.js';

export const ROOT_CATALOG_FILE = 'catalog-info.yaml';
/** Guards against a Location that lists the whole tree, or Locations that point at each other. */
const MAX_FILES = 500;

export interface FileProblem {
  location: string;
  message: string;
}

export interface SourcedEntity {
  entity: Entity;
  /** The catalog file it was read from, relative to the repository. */
  file: string;
}

export interface RepositoryCatalog {
  entities: SourcedEntity[];
  /** Answers files in the repository, relative to it. */
  answersFiles: string[];
  problems: FileProblem[];
}

export async function readRepositoryCatalog(forge: Forge, repo: Repository): Promise<RepositoryCatalog> {
  const result: RepositoryCatalog = { entities: [], answersFiles: [], problems: [] };
  const root = await forge.readFile(repo, ROOT_CATALOG_FILE);
  if (!root) return result;
  const blobs = (await forge.readTree(repo)).filter((item) => item.type === 'blob').map((item) => item.path);
  result.answersFiles = blobs.filter(isAnswersFile);
  const urlOf = (file: string) => `url:${repo.webUrl}/blob/${repo.defaultBranch}/${file}`;
  const queue: { file: string; from?: string; optional?: boolean }[] = [{ file: ROOT_CATALOG_FILE }];
  const visited = new Set<string>();
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { file } = next;
    if (visited.has(file)) continue;
    visited.add(file);
    if (visited.size > MAX_FILES) {
      result.problems.push({ location: file, message: `${file}: more than ${MAX_FILES} catalog files are reachable from ${ROOT_CATALOG_FILE}; list fewer in its Locations` });
      break;
    }
    const content = file === ROOT_CATALOG_FILE ? root : await forge.readFile(repo, file);
    if (!content) {
      if (!next.optional) result.problems.push({ location: file, message: `${file}: not found, but the Location in ${next.from} points at it; add the file, fix the target, or mark it presence: optional` });
      continue;
    }
    let entities: Entity[];
    try {
      entities = parseCatalogFile(content.data.toString('utf8'), file);
    } catch (error) {
      if (!isPavedError(error)) throw error;
      result.problems.push({ location: file, message: error.message });
      continue;
    }
    for (const entity of entities) {
      entity.metadata.annotations = { [LOCATION_ANNOTATION]: urlOf(file), [ORIGIN_LOCATION_ANNOTATION]: urlOf(ROOT_CATALOG_FILE), ...entity.metadata.annotations };
      result.entities.push({ entity, file });
      if (entity.kind !== 'Location') continue;
      const targets = [entity.spec.target, ...(entity.spec.targets ?? [])].filter((t): t is string => t !== undefined);
      const optional = entity.spec.presence === 'optional';
      for (const target of targets) {
        const resolved = resolveTarget(target, file, blobs);
        if (typeof resolved === 'string') result.problems.push({ location: file, message: `${file}: Location ${entity.metadata.name}: ${resolved}` });
        else queue.push(...resolved.map((f) => ({ file: f, from: file, optional: optional || /[*?]/.test(target) })));
      }
    }
  }
  return result;
}

/**
 * The repository files a Location target names, or why it cannot be followed. URLs are left to
 * the catalog that owns them: only paths inside this repository are read.
 */
function resolveTarget(target: string, from: string, blobs: readonly string[]): string[] | string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return [];
  const joined = path.normalize(path.join(path.dirname(from), target));
  if (target.startsWith('/') || joined === '..' || joined.startsWith('../')) return `target '${target}' points outside the repository; use a path inside it`;
  if (!/[*?]/.test(joined)) return [joined];
  const pattern = globToRegExp(joined);
  return blobs.filter((file) => pattern.test(file));
}

/** `**` spans any number of folders; `*` and `?` stay within one. */
function globToRegExp(glob: string): RegExp {
  const parts = glob.split('/');
  const body = parts
    .map((part, i) => {
      const last = i === parts.length - 1;
      if (part === '**') return last ? '.*' : '(?:[^/]+/)*';
      const segment = part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
      return last ? segment : `${segment}/`;
    })
    .join('');
  return new RegExp(`^${body}$`);
}
