import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyyamlDump, toNiceYaml } from './pyyaml-dump.js';

interface Golden {
  value: unknown;
  to_yaml: string;
  to_nice_yaml: string;
  nice2: string;
  ascii: string;
}

// Produced by the real PyYAML 6 (fixtures/gen-pyyaml.py).
const golden = JSON.parse(readFileSync(new URL('./fixtures/pyyaml-golden.json', import.meta.url), 'utf8')) as Golden[];

describe('pyyamlDump matches PyYAML byte for byte', () => {
  for (const [i, c] of golden.entries()) {
    const label = `#${i} ${JSON.stringify(c.value)?.slice(0, 40)}`;
    it(`to_yaml ${label}`, () => expect(pyyamlDump(c.value)).toBe(c.to_yaml));
    it(`to_nice_yaml ${label}`, () => expect(toNiceYaml(c.value)).toBe(c.to_nice_yaml));
    it(`indent 2 block ${label}`, () => expect(pyyamlDump(c.value, { defaultFlowStyle: false })).toBe(c.nice2));
    it(`ascii ${label}`, () => expect(pyyamlDump(c.value, { defaultFlowStyle: false, allowUnicode: false })).toBe(c.ascii));
  }
});
