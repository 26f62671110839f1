import { execFileSync } from 'node:child_process';
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

  it('knows the fields of every rendered kind as the installed schema packages declare them (npm run schemas)', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const generated = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/write-k8s-fields.ts', '--stdout'], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    expect(generated).toBe(readFileSync(path.join(root, 'src/deploy/k8s-fields.json'), 'utf8'));
  });
});
