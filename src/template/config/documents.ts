/**
 * Reads `copier.yml` into one raw mapping, as Copier does: every YAML document (and every document
 * of files pulled in by a document-level `!include <glob>`) is merged in order. Later documents
 * replace earlier keys, except the list settings Copier concatenates.
 */
import type { Scalar } from 'yaml';
import { TemplateError } from '../../errors.ts';
import { matchGlob } from './glob.ts';
import type { TemplateFiles } from './types.ts';
import { parseAllDocuments, yaml11Options } from './yaml11.ts';

/** Copier concatenates these settings across documents instead of replacing them. */
export const CONCATENATED_SETTINGS = ['_exclude', '_jinja_extensions', '_secret_questions', '_skip_if_exists'] as const;

class Include {
  constructor(readonly pattern: string) {}
}

const includeTag = {
  tag: '!include',
  resolve: (value: string) => new Include(value),
  identify: (value: unknown) => value instanceof Include,
  stringify: (item: Scalar) => String((item.value as Include).pattern),
};

/** Parses one file into its non-empty documents, expanding `!include` documents recursively. */
function readDocuments(files: TemplateFiles, path: string, stack: string[]): unknown[] {
  if (stack.includes(path)) {
    throw new TemplateError(`${stack[0]}: '!include' cycle: ${[...stack, path].join(' -> ')}`, { file: stack[0] });
  }
  const source = files.read(path);
  if (source === undefined) throw new TemplateError(`${path}: file not found`, { file: path });
  const result: unknown[] = [];
  for (const doc of parseAllDocuments(source, yaml11Options([includeTag]))) {
    const error = doc.errors[0];
    if (error) {
      throw new TemplateError(`${path}: invalid YAML: ${error.message}`, { file: path }, { cause: error });
    }
    const value: unknown = doc.toJS({ maxAliasCount: 10_000 });
    // Copier drops empty documents (`filter(None, ...)`): null, {}, [] and ''.
    if (value === null || value === undefined || value === '' || isEmptyContainer(value)) continue;
    if (value instanceof Include) {
      result.push(...expandInclude(files, value.pattern, path, [...stack, path]));
      continue;
    }
    if (containsInclude(value)) {
      throw new TemplateError(
        `${path}: '!include' must be a whole document ('--- !include ${describeInclude(value)}'), not a value inside one`,
        { file: path },
      );
    }
    result.push(value);
  }
  return result;
}

function expandInclude(files: TemplateFiles, pattern: string, from: string, stack: string[]): unknown[] {
  if (pattern.startsWith('/') || /^[A-Za-z]:[\\/]/.test(pattern)) {
    throw new TemplateError(`${from}: '!include ${pattern}': the path must be relative to the template root`, { file: from });
  }
  // Paths are relative to the template root (where copier.yml lives), not to the including file.
  return matchGlob(pattern, files.list()).flatMap((match) => readDocuments(files, match, stack));
}

function isEmptyContainer(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && value !== null && !(value instanceof Include) && Object.keys(value).length === 0;
}

function containsInclude(value: unknown): boolean {
  if (value instanceof Include) return true;
  if (Array.isArray(value)) return value.some(containsInclude);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsInclude);
  return false;
}

function describeInclude(value: unknown): string {
  if (value instanceof Include) return value.pattern;
  const inner = (Array.isArray(value) ? value : Object.values(value as object)).find(containsInclude);
  return describeInclude(inner);
}

/**
 * Loads and merges all documents of `path`. Key order is the order of first appearance, so a
 * question redefined by a later document keeps its place but takes the later definition.
 */
export function loadMergedDocuments(files: TemplateFiles, path: string): Map<string, unknown> {
  const merged = new Map<string, unknown>();
  const concatenated = new Map<string, unknown[]>();
  const documents = readDocuments(files, path, []);
  documents.forEach((doc, index) => {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      throw new TemplateError(
        `${path}: document ${index + 1} is ${Array.isArray(doc) ? 'a list' : `a ${typeof doc}`}; each document must be a mapping of questions and _settings`,
        { file: path },
      );
    }
    for (const [key, value] of Object.entries(doc)) {
      if ((CONCATENATED_SETTINGS as readonly string[]).includes(key) && Array.isArray(value)) {
        concatenated.set(key, [...(concatenated.get(key) ?? []), ...(value as unknown[])]);
      }
      merged.set(key, value);
    }
  });
  for (const [key, value] of concatenated) merged.set(key, value);
  return merged;
}
