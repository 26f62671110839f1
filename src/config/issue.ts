/**
 * What a zod issue is about, in the words Paved's messages use: the key as a user writes it
 * (`environments[0].defaults.replicas`), the value found there, and that value shown (`'3x'`,
 * `nothing`). Every file Paved validates (paved.yaml, deploy.yaml, observability) words its
 * message from these.
 */
import type { z } from 'zod';

export type Issue = z.ZodError['issues'][number];

export interface IssueFacts {
  key: string;
  value: unknown;
  got: string;
}

export function issueFacts(issue: Issue, raw: unknown, prefix = ''): IssueFacts {
  const key = [prefix, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('').replace(/^\./, '') || '(top level)';
  let value: unknown = raw;
  for (const part of issue.path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  const got = value === undefined ? 'nothing' : typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return { key, value, got };
}
