/**
 * Request input through zod schemas: bodies and query strings. A refusal is one InputError whose
 * message names every field at fault the way a client wrote it (`data.port`), so a 400 says what
 * to change without reading the OpenAPI document.
 */
import { z } from 'zod';
import { issueFacts, type Issue } from '../config/issue.js';
import { InputError } from '../errors.js';

export interface InputOptions {
  /** Where the value sits in the request, prefixed to field names (`data`). */
  prefix?: string;
  /** What an unexpected key is called: a body has keys, a query string has parameters. */
  keyNoun?: string;
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, options: InputOptions = {}): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => describe(issue, raw, schema, options));
  throw new InputError(problems.map((p) => p.message).join('; '), { field: problems[0]!.field, issues: problems });
}

function describe(issue: Issue, raw: unknown, schema: z.ZodType, options: InputOptions): { field: string; message: string } {
  const { key, value, got } = issueFacts(issue, raw, options.prefix);
  const field = key === '(top level)' ? '' : key;
  if (issue.code === 'unrecognized_keys') {
    const allowed = issue.path.length === 0 && schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
    const names = issue.keys.map((k) => `'${k}'`).join(', ');
    const hint = allowed.length > 0 ? ` (expected: ${allowed.join(', ')})` : '';
    return { field, message: `${field ? `${field}: ` : ''}unknown ${options.keyNoun ?? 'key'}${issue.keys.length > 1 ? 's' : ''} ${names}${hint}` };
  }
  if (issue.code === 'invalid_type' && value === undefined) return { field, message: `'${field}' is required` };
  if (!field) return { field, message: `the request body must be a JSON object, got ${got}` };
  return { field, message: `${field}: ${expectation(issue)}, got ${got}` };
}

const TYPE_WORDS: Record<string, string> = { record: 'an object', object: 'an object', array: 'a list', boolean: 'true or false', string: 'a string', number: 'a number', int: 'a whole number' };

/** What the field should have been, in words rather than zod's ("Too small: expected number to be >=1"). */
function expectation(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string' ? `expected at least ${issue.minimum} characters` : `expected at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' ? `expected at most ${issue.maximum} characters` : `expected at most ${issue.maximum}`;
    default:
      return issue.message;
  }
}
