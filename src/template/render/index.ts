import { TemplateError } from '../../errors.js';
import type { TreeEntry } from '../../git/tree.js';
import type { TemplateSettings } from '../config/types.js';
import type { JinjaContext, JinjaRenderer } from '../jinja/types.js';
import { resolveInside, resolveThroughLinks, safeRelativePath } from '../paths.js';
import { decodeUtf8 } from '../text.js';
import { pathMatcher } from './matcher.js';
import { templateFilesUnder } from './tree.js';

export type FileMode = '100644' | '100755' | '120000';

export interface PlannedFile {
  /** Destination path, relative to the project root. */
  path: string;
  mode: FileMode;
  /** Content; for a symlink, its target. */
  data: Buffer;
  /** The template path it came from (for messages). */
  origin: string;
  /** Exact permission bits to give the file, when the template knows them (plain folders, as Copier copies them). */
  permissions?: number;
}

export interface RenderedProject {
  files: Map<string, PlannedFile>;
  /** Folders the template creates even when empty (plain-folder templates can hold empty folders). */
  folders: Set<string>;
}

export interface RenderInput {
  files: TreeEntry[];
  settings: TemplateSettings;
  renderer: JinjaRenderer;
  context: JinjaContext;
  /** Extra exclusions on top of the template's (e.g. the CLI's --exclude). */
  exclude?: string[];
}

/** Renders every file and file name of a template version in memory; nothing touches the disk. */
export function renderProject(input: RenderInput): RenderedProject {
  const files = renderFiles(input);
  for (;;) {
    const step = files.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, one file at a time: a caller can start writing a file (into a private staging folder)
 * while the next ones render. Returns the whole project at the end.
 */
export function* renderFiles(input: RenderInput): Generator<PlannedFile, RenderedProject> {
  const { renderer, context, settings } = input;
  const root = renderSubdirectory(settings.subdirectory, renderer, context);
  const sources = templateFilesUnder(input.files, root, settings.preserveSymlinks);
  const suffix = settings.templatesSuffix;
  const present = new Set(sources.map((file) => file.path));
  const excluded = pathMatcher([...settings.exclude, ...(input.exclude ?? [])].map((p) => renderer.render(p, context, 'copier.yml: _exclude')));
  const files = new Map<string, PlannedFile>();
  const folders = new Set<string>();
  const dirCache = new Map<string, Array<{ path: string; extra: JinjaContext }>>();
  const addFolders = (folder: string) => {
    for (let i = folder.indexOf('/'); i >= 0; i = folder.indexOf('/', i + 1)) folders.add(folder.slice(0, i));
    folders.add(folder);
  };

  // Folders render once each; a `{% yield %}` in a folder name fans out to everything below it.
  const renderDir = (dir: string): Array<{ path: string; extra: JinjaContext }> => {
    if (dir === '') return [{ path: '', extra: {} }];
    const cached = dirCache.get(dir);
    if (cached) return cached;
    const slash = dir.lastIndexOf('/');
    const out: Array<{ path: string; extra: JinjaContext }> = [];
    for (const parent of renderDir(slash < 0 ? '' : dir.slice(0, slash))) {
      for (const item of renderName(dir.slice(slash + 1), dir, withExtra(context, parent.extra), parent)) out.push(item);
    }
    dirCache.set(dir, out);
    return out;
  };

  const renderName = (name: string, origin: string, ctx: JinjaContext, parent: { path: string; extra: JinjaContext }) => {
    const results: Array<{ path: string; extra: JinjaContext }> = [];
    for (const rendered of renderer.renderPath(name, ctx, origin)) {
      const joined = parent.path ? `${parent.path}/${rendered.path}` : rendered.path;
      const safe = safeRelativePath(joined, origin);
      if (safe !== undefined) results.push({ path: safe, extra: { ...parent.extra, ...rendered.extra } });
    }
    return results;
  };

  for (const source of sources) {
    if (source.mode === '040000') {
      for (const folder of renderDir(source.path)) if (!excluded(folder.path)) addFolders(folder.path);
      continue;
    }
    let name = source.path.slice(source.path.lastIndexOf('/') + 1);
    const dir = source.path.includes('/') ? source.path.slice(0, source.path.lastIndexOf('/')) : '';
    const isTemplate = name.endsWith(suffix);
    // A plain file with a templated sibling (`README.md` next to `README.md.jinja`) is shadowed, as in Copier.
    if (suffix && !name.endsWith(suffix) && present.has(`${source.path}${suffix}`)) continue;
    if (suffix && isTemplate) name = name.slice(0, -suffix.length);
    const origin = root ? `${root}/${source.path}` : source.path;
    for (const parent of renderDir(dir)) {
      // Copier creates every folder it walks, even when all files in it render to nothing.
      if (parent.path && !excluded(parent.path)) addFolders(parent.path);
      for (const target of renderName(name, origin, withExtra(context, parent.extra), parent)) {
        if (excluded(target.path)) continue;
        const planned = renderFile(source, target, isTemplate, origin, renderer, withExtra(context, target.extra));
        const clash = files.get(target.path);
        if (clash) {
          throw new TemplateError(`template files '${clash.origin}' and '${origin}' both render to '${target.path}'; make their names differ`, { path: target.path });
        }
        files.set(target.path, planned);
        yield planned;
      }
    }
  }
  refuseEscapingLinks(files);
  return { files, folders };
}

/** Preserved symlinks, followed through one another, must all land inside the project. */
function refuseEscapingLinks(files: Map<string, PlannedFile>): void {
  const links = new Map([...files.values()].filter((f) => f.mode === '120000').map((f) => [f.path, f.data.toString('utf8')]));
  for (const [link, target] of links) {
    const parent = link.includes('/') ? link.slice(0, link.lastIndexOf('/')) : '';
    if (resolveThroughLinks(parent ? `${parent}/${target}` : target, links) === undefined) {
      throw new TemplateError(`template symlink '${link}' -> '${target}' leads outside the project through other links; refusing to create it`, { path: link });
    }
  }
}

/** The same context object when nothing is added: the renderer converts each distinct context once. */
function withExtra(context: JinjaContext, extra: JinjaContext): JinjaContext {
  return Object.keys(extra).length === 0 ? context : { ...context, ...extra };
}

function renderFile(source: TreeEntry, target: { path: string }, isTemplate: boolean, origin: string, renderer: JinjaRenderer, ctx: JinjaContext): PlannedFile {
  if (source.mode === '120000') {
    const raw = source.data.toString('utf8');
    const linkTarget = isTemplate ? renderer.render(raw, ctx, origin) : raw;
    if (resolveInside(target.path, linkTarget) === undefined) {
      throw new TemplateError(`template symlink '${origin}' would point outside the project ('${linkTarget}'); refusing to create it`, { path: target.path });
    }
    return { path: target.path, mode: '120000', data: Buffer.from(linkTarget), origin };
  }
  const mode: FileMode = source.mode === '100755' ? '100755' : '100644';
  const permissions = source.permissions;
  if (!isTemplate) return { path: target.path, mode, data: source.data, origin, permissions };
  const text = decodeUtf8(source.data);
  // Binary files under an empty suffix are copied as they are rather than failing the whole copy.
  if (text === undefined) return { path: target.path, mode, data: source.data, origin, permissions };
  return { path: target.path, mode, data: Buffer.from(renderer.render(text, ctx, origin), 'utf8'), origin, permissions };
}

function renderSubdirectory(subdirectory: string, renderer: JinjaRenderer, context: JinjaContext): string {
  if (!subdirectory) return '';
  const rendered = renderer.render(subdirectory, context, 'copier.yml: _subdirectory').trim().replace(/\/+$/, '');
  if (!rendered || rendered === '.') return '';
  const safe = safeRelativePath(rendered, '_subdirectory');
  if (safe === undefined) throw new TemplateError(`copier.yml: _subdirectory rendered to '${rendered}', which is not a folder path`, {});
  return safe;
}
