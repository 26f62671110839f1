import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { attr, blank, block, comment, expr, hclFile } from './hcl.js';

describe('the HCL writer', () => {
  it('lays files out like terraform fmt: aligned runs of attributes, nested blocks and maps', () => {
    const text = hclFile([
      comment('Why, not what.'),
      block('module', ['network'], [
        attr('source', 'git::https://example/x.git?ref=v1.0.0'),
        attr('providers', { aws: expr('aws.prod') }),
        blank,
        attr('az_count', 3),
        attr('single_nat_gateway', false),
        attr('cluster_names', ['a', 'b']),
        attr('tags', {}),
      ]),
    ]);
    expect(text).toBe(`# Why, not what.
module "network" {
  source = "git::https://example/x.git?ref=v1.0.0"
  providers = {
    aws = aws.prod
  }

  az_count           = 3
  single_nat_gateway = false
  cluster_names      = ["a", "b"]
  tags               = {}
}
`);
  });

  it('quotes keys that are not identifiers and escapes what HCL would read as templates', async () => {
    const text = hclFile([attr('tags', { 'paved.dev/team': 'pay"ments', plain: '${var.x} %{if}\n' })]);
    expect(text).toContain('"paved.dev/team" = "pay\\"ments"');
    expect(text).toContain('plain            = "$${var.x} %%{if}\\n"');
    const json = (await parse('x.tf', text)) as { tags: Record<string, string> };
    // Terraform's JSON syntax reads strings as templates too, so the escapes stay doubled there.
    expect(json.tags).toEqual({ 'paved.dev/team': 'pay"ments', plain: '$${var.x} %%{if}\n' });
  });

  it('writes long lists and lists of maps one item per line, and the result parses', async () => {
    const arns = Array.from({ length: 4 }, (_, i) => `arn:aws:iam::${String(i).repeat(12)}:role/cluster-${i}-argocd-manager`);
    const text = hclFile([block('module', ['m'], [attr('arns', arns), attr('rules', [{ a: 1 }, { b: [true] }])])]);
    expect(text).toContain(`  arns = [\n    "${arns[0]}",\n`);
    expect(text).toContain('  rules = [\n    {\n      a = 1\n    },\n');
    const json = (await parse('x.tf', text)) as { module: { m: Array<{ arns: string[]; rules: unknown[] }> } };
    expect(json.module.m[0]).toEqual({ arns, rules: [{ a: 1 }, { b: [true] }] });
  });
});
