import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './load.js';
import { orgSettings } from './org.js';

const base = 'apiVersion: paved/v1\norganisation: acme\n';

describe('org: in paved.yaml', () => {
  it('defaults every setting, and takes the example from docs/org.md as written', () => {
    expect(orgSettings(parseConfig(base))).toEqual({ requiredReviews: 1, ownerPermission: 'push', enforceAdmins: false, prune: false });
    const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/org.md'), 'utf8');
    const example = /```yaml\n(org:[\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(orgSettings(parseConfig(`${base}teams: [{ name: platform }]\n${example}`))).toMatchObject({ requiredReviews: 1, platformTeam: 'platform' });
  });

  it('names the key of a mistake', () => {
    expect(() => parseConfig(`${base}org: { requiredReviews: 7 }\n`)).toThrow(/org\.requiredReviews/);
    expect(() => parseConfig(`${base}org: { ownerPermission: admin }\n`)).toThrow(/org\.ownerPermission: expected 'push' or 'maintain'/);
    expect(() => parseConfig(`${base}org: { protect: true }\n`)).toThrow(/unknown key 'protect'/);
  });
});
