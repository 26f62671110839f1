/**
 * Reading catalog files: multi-document YAML, every document one entity, checked against the
 * descriptor format. Errors name the file, the document when there are several, and the field
 * (`catalog-info.yaml: spec.owner: required`), and list every problem in the file at once, so
 * one fix-and-push cycle repairs it.
 */
import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { issueFacts, type Issue } from '../config/issue.js';
import { InputError } from '../errors.js';
import { entityRef } from './relations.js';
import { ENTITY_KINDS, EnvelopeSchema, SPEC_SCHEMAS, type Entity } from './schema.js';

/** How many problems a message spells out; the rest are counted. */
const SHOWN_PROBLEMS = 5;
const SHAPES: Record<string, string> = { object: 'a mapping', array: 'a list', record: 'a mapping' };

/** Parses one catalog file; `location` names it in errors (a path such as `catalog-info.yaml`). */
export function parseCatalogFile(text: string, location: string): Entity[] {
  const documents = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [];
  const several = list.length > 1;
  const entities: Entity[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  list.forEach((doc, index) => {
    const label = several ? `document ${index + 1}: ` : '';
    const yamlError = doc.errors[0];
    if (yamlError) {
      const line = yamlError.linePos?.[0]?.line;
      problems.push(`${line ? `line ${line}: ` : label}not valid YAML (${yamlError.message.split('\n')[0]}); fix the syntax`);
      return;
    }
    const raw: unknown = doc.toJS();
    if (raw === null || raw === undefined) return;
    const result = validateEntity(raw);
    if (!Array.isArray(result)) {
      const ref = entityRef(result);
      const first = seen.get(ref);
      if (first !== undefined) problems.push(`${label}${ref} is already defined by document ${first + 1}; entity names must be unique`);
      seen.set(ref, index);
      entities.push(result);
      return;
    }
    const what = several ? `document ${index + 1}${describe(raw)}: ` : '';
    for (const problem of result) problems.push(`${what}${problem}`);
  });
  if (problems.length > 0) {
    const more = problems.length > SHOWN_PROBLEMS ? `; and ${problems.length - SHOWN_PROBLEMS} more` : '';
    throw new InputError(`${location}: ${problems.slice(0, SHOWN_PROBLEMS).join('; ')}${more}`, { file: location, problems });
  }
  return entities;
}

/** The entity, or what is wrong with it: one sentence per field, envelope and spec alike. */
export function validateEntity(raw: unknown): Entity | string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ['expected a mapping with apiVersion, kind, metadata and spec'];
  const envelope = EnvelopeSchema.safeParse(raw);
  const written = raw as { kind?: unknown; spec?: unknown };
  const kind = ENTITY_KINDS.find((k) => k === written.kind);
  const specWritten = written.spec ?? {};
  // The spec is checked even when the envelope is wrong, so one pass reports every problem.
  const spec = kind && typeof specWritten === 'object' && !Array.isArray(specWritten) ? SPEC_SCHEMAS[kind].safeParse(specWritten) : undefined;
  const problems = [
    ...(envelope.error?.issues ?? []).map((issue) => explain(issue, raw)),
    ...(spec?.error?.issues ?? []).map((issue) => explain({ ...issue, path: ['spec', ...issue.path] } as Issue, raw)),
  ];
  if (problems.length > 0 || !envelope.success || !spec?.success) return problems;
  const { apiVersion, metadata } = envelope.data;
  return { apiVersion, kind: envelope.data.kind, metadata, spec: spec.data } as Entity;
}

function explain(issue: z.core.$ZodIssue, raw: unknown): string {
  const { key, value, got } = issueFacts(issue, raw);
  if (issue.code === 'unrecognized_keys') {
    return `${key === '(top level)' ? '' : `${key}: `}unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}; an entity has only apiVersion, kind, metadata and spec`;
  }
  if (value === undefined && (issue.code === 'invalid_type' || issue.message === 'required')) return `${key}: required`;
  if (issue.code === 'invalid_value') {
    const expected = key === 'kind' ? `one of ${ENTITY_KINDS.join(', ')}` : issue.values.map((v) => `'${String(v)}'`).join(' or ');
    return `${key}: expected ${expected}, got ${got}`;
  }
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) return `${key}: expected ${SHAPES[issue.expected] ?? `a ${issue.expected}`}, got ${got}`;
  if (issue.code === 'custom') return `${key}: ${issue.message}`;
  return `${key}: ${issue.message}, got ${got}`;
}

/** ` (Component orders-api)`: which document a problem is in, when it says. */
function describe(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return '';
  const { kind, metadata } = raw as { kind?: unknown; metadata?: { name?: unknown } };
  const name = metadata && typeof metadata === 'object' ? metadata.name : undefined;
  return typeof kind === 'string' && typeof name === 'string' ? ` (${kind} ${name})` : '';
}
