/** Workflows shown in docs/ are copied by platform engineers: they must lint clean against the real actions and workflows. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintCallers } from './workflows-repo.js';

const DOCS = path.resolve(import.meta.dirname, '../../docs');

function workflowExamples(file: string): string[] {
  return [...readFileSync(path.join(DOCS, file), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((text) => /^on:/m.test(text) && /^jobs:/m.test(text));
}

describe('workflow examples in the docs', () => {
  it.each(['fleet.md'])('%s: every workflow example passes actionlint against the shipped workflows and actions', async (file) => {
    const examples = workflowExamples(file);
    expect(examples.length).toBeGreaterThan(0);
    expect(await lintCallers(examples.map((text, i) => ({ path: `${file}#${i + 1}`, text })))).toEqual([]);
  });
});
