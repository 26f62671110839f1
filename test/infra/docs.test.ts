/** The paved.yaml example in docs/infra.md is what people copy: it must load and render. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { renderInfra } from '../../src/infra/index.js';

const DOC = path.resolve(import.meta.dirname, '../../docs/infra.md');

describe('docs/infra.md', () => {
  it('its config example loads and renders', () => {
    const example = [...readFileSync(DOC, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((text) => /^infra:/m.test(text));
    expect(example).toBeDefined();
    const config = parseConfig(`apiVersion: paved/v1\norganisation: acme\nenvironments: [{ name: dev }, { name: prod }]\nobservability: { newrelic: { accountId: 1234567 } }\n${example}`);
    const { plan, files } = renderInfra(config);
    expect(plan.roots.map((r) => r.dir)).toEqual(['terraform/nonprod/eu-west-1', 'terraform/prod/eu-west-1', 'terraform/prod/us-east-1']);
    expect(files.map((f) => f.path)).toContain('argocd/clusters/prod-euw1.yaml');
    expect(files.map((f) => f.path)).toContain('terraform/newrelic/main.tf');
  });
});
