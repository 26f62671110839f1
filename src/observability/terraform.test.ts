import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { renderObservability, type RenderInput } from './render.js';
import { resolveThresholds } from './spec.js';
import { hclString, renderTerraform, resourceName } from './terraform.js';

const input = (over: Partial<RenderInput> = {}): RenderInput => ({
  component: 'orders-api',
  team: 'payments',
  environment: 'prod',
  accountId: 1234567,
  thresholds: resolveThresholds(),
  ...over,
});

type Block = Record<string, unknown>;
interface ParsedTf {
  terraform: Array<{ required_providers: Array<Record<string, { source: string }>> }>;
  resource: Record<string, Record<string, Block[]>>;
}

/** hcl2json leaves template escapes as written; undo them to compare with the rendered text. */
const untemplate = (text: string) => text.replaceAll('$${', '${').replaceAll('%%{', '%{');

async function renderAndParse(over: Partial<RenderInput> = {}) {
  const rendered = renderObservability(input(over));
  const hcl = renderTerraform(rendered, { accountId: 1234567, name: 'payments_orders-api_prod' });
  return { rendered, hcl, tf: (await parse('main.tf', hcl)) as ParsedTf };
}

describe('renderTerraform', () => {
  it('writes HCL that parses, with the NewRelic provider and one resource per object', async () => {
    const { tf } = await renderAndParse();
    expect(tf.terraform[0]!.required_providers[0]!.newrelic).toEqual({ source: 'newrelic/newrelic' });
    expect(Object.keys(tf.resource).sort()).toEqual(['newrelic_alert_policy', 'newrelic_nrql_alert_condition', 'newrelic_one_dashboard_json']);
    expect(Object.keys(tf.resource.newrelic_one_dashboard_json!)).toEqual(['payments_orders_api_prod']);
    expect(Object.keys(tf.resource.newrelic_alert_policy!)).toEqual(['payments_orders_api_prod']);
    expect(Object.keys(tf.resource.newrelic_nrql_alert_condition!)).toEqual([
      'payments_orders_api_prod_error_rate',
      'payments_orders_api_prod_latency_p95',
      'payments_orders_api_prod_latency_p99',
      'payments_orders_api_prod_loss_of_signal',
    ]);
  });

  it('holds the dashboard JSON exactly as sent to NerdGraph', async () => {
    const { rendered, tf } = await renderAndParse();
    const json = tf.resource.newrelic_one_dashboard_json!.payments_orders_api_prod![0]!.json as string;
    expect(JSON.parse(untemplate(json))).toEqual(rendered.dashboard);
  });

  it('says the same as the NerdGraph policy and conditions', async () => {
    const { rendered, tf } = await renderAndParse();
    expect(tf.resource.newrelic_alert_policy!.payments_orders_api_prod).toEqual([{ account_id: 1234567, name: 'payments/orders-api (prod)', incident_preference: 'PER_CONDITION' }]);
    const conditions = Object.values(tf.resource.newrelic_nrql_alert_condition!).map((blocks) => blocks[0]!);
    expect(conditions).toHaveLength(rendered.conditions.length);
    rendered.conditions.forEach((c, i) => {
      const tfc = conditions[i]!;
      const term = (priority: string) => {
        const t = c.terms.find((x) => x.priority === priority);
        return t && [{ operator: t.operator.toLowerCase(), threshold: t.threshold, threshold_duration: t.thresholdDuration, threshold_occurrences: t.thresholdOccurrences.toLowerCase() }];
      };
      expect(tfc).toEqual({
        account_id: 1234567,
        policy_id: '${newrelic_alert_policy.payments_orders_api_prod.id}',
        type: 'static',
        name: c.name,
        description: c.description,
        enabled: true,
        violation_time_limit_seconds: 86400,
        aggregation_window: 60,
        aggregation_method: 'event_flow',
        aggregation_delay: 120,
        ...(c.expiration
          ? { expiration_duration: c.expiration.expirationDuration, open_violation_on_expiration: true, close_violations_on_expiration: false }
          : {}),
        nrql: [{ query: c.nrql.query }],
        critical: term('CRITICAL'),
        ...(term('WARNING') ? { warning: term('WARNING') } : {}),
      });
    });
    expect(conditions[3]).toMatchObject({ expiration_duration: 600, open_violation_on_expiration: true });
  });

  it('keeps text with quotes, backslashes and template markers literal', async () => {
    const query = 'SELECT count(*) FROM Transaction WHERE appName = {{appName}} AND request.uri = \'/a\\\\b\' AND name = "x ${y} %{z}"';
    const { rendered, tf, hcl } = await renderAndParse({ thresholds: resolveThresholds({ component: { widgets: [{ title: 'Odd "title" ${x}', query }] } }) });
    // In the dashboard's heredoc too, every template marker is doubled: none is left for Terraform to evaluate.
    expect(hcl).toContain('$${x}');
    expect(hcl.replaceAll('$${', '').replaceAll('%%{', '')).not.toMatch(/[$%]\{/);
    const json = JSON.parse(untemplate(tf.resource.newrelic_one_dashboard_json!.payments_orders_api_prod![0]!.json as string));
    expect(json).toEqual(rendered.dashboard);
    expect(untemplate(hclString('a ${b} %{c} "d" \\ \n'))).toBe('"a ${b} %{c} \\"d\\" \\\\ \\n"');
    // Doubled in the file itself: HCL reads `$${` as a literal `${`, a single `${` as an interpolation.
    expect(hclString('a ${b} %{c}')).toBe('"a $${b} %%{c}"');
    const parsed = (await parse('x.tf', `x = ${hclString('a ${b} %{c} "d" \\ \n\u0001')}\n`)) as { x: string };
    expect(untemplate(parsed.x)).toBe('a ${b} %{c} "d" \\ \n\u0001');
  });

  it('makes valid resource names from anything', () => {
    expect(resourceName('payments', 'orders-api', 'prod')).toBe('payments_orders_api_prod');
    expect(resourceName('9lives', 'Big Cat!')).toBe('r_9lives_big_cat');
    expect(resourceName('__a..b__')).toBe('a_b');
  });

  it('fails the parse of broken HCL, so the checks above mean something', async () => {
    await expect(parse('main.tf', 'resource "a" "b" {\n  x = "unterminated\n}\n')).rejects.toThrow();
  });
});
