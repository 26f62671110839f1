import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploySpecJsonSchema } from './spec.js';

describe('the published deploy spec schema', () => {
  it('is up to date with the spec (npm run schemas rewrites docs/deploy-spec.schema.json)', () => {
    const published = readFileSync(path.resolve(import.meta.dirname, '../../docs/deploy-spec.schema.json'), 'utf8');
    expect(published).toBe(`${JSON.stringify(deploySpecJsonSchema(), null, 2)}\n`);
  });

  it('describes the fields and refuses unknown ones, as deploy.yaml parsing does', () => {
    const schema = deploySpecJsonSchema() as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'team', 'image']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['environments', 'overlays', 'secrets', 'chart', 'observability']));
    expect(schema.additionalProperties).toBe(false);
  });
});
