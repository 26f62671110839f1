/**
 * The same dashboard, policy and conditions as Terraform for the NewRelic provider
 * (`newrelic/newrelic`): `newrelic_one_dashboard_json` holding the dashboard's NerdGraph JSON in a
 * heredoc, `newrelic_alert_policy`, and one `newrelic_nrql_alert_condition` per condition with
 * `critical`/`warning` blocks. Written from the NerdGraph inputs, so both forms always agree.
 * The provider's credentials and region come from its environment variables
 * (NEW_RELIC_API_KEY, NEW_RELIC_ACCOUNT_ID, NEW_RELIC_REGION), never from this file.
 */
import type { AlertsNrqlConditionStaticInput, AlertsNrqlConditionTermsInput, RenderedObservability } from './types.js';
import { attr, blank, block, comment, expr, hclFile, hclString, type BodyItem } from '../infra/hcl.js';

/** A Terraform resource name from any text: lowercase letters, digits and `_`, starting with a letter. */
export function resourceName(...parts: string[]): string {
  const name = parts
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  return /^[a-z]/.test(name) ? name : `r_${name}`;
}

export { hclString };

/** `${` and `%{` doubled so a heredoc holds them literally (a function replacer: `$$` in a replacement string is one `$`). */
function noTemplates(text: string): string {
  return text.replace(/([$%])\{/g, (_m, sigil: string) => `${sigil}${sigil}{`);
}

/** A heredoc for a top-level resource's attribute: its lines indented past the attribute, the delimiter under it. */
function heredoc(text: string): string {
  const lines = noTemplates(text).split('\n');
  let delimiter = 'EOT';
  while (lines.some((l) => l.trim() === delimiter)) delimiter += '_';
  return `<<-${delimiter}\n${lines.map((l) => `    ${l}`).join('\n')}\n  ${delimiter}`;
}

function termBody(term: AlertsNrqlConditionTermsInput): BodyItem[] {
  return [
    attr('operator', term.operator.toLowerCase()),
    attr('threshold', term.threshold),
    attr('threshold_duration', term.thresholdDuration),
    attr('threshold_occurrences', term.thresholdOccurrences.toLowerCase()),
  ];
}

function conditionBody(condition: AlertsNrqlConditionStaticInput, accountId: number, policy: string): BodyItem[] {
  const body: BodyItem[] = [
    attr('account_id', accountId),
    attr('policy_id', expr(`newrelic_alert_policy.${policy}.id`)),
    attr('type', 'static'),
    attr('name', condition.name),
    attr('description', condition.description),
    attr('enabled', condition.enabled),
    attr('violation_time_limit_seconds', condition.violationTimeLimitSeconds),
    attr('aggregation_window', condition.signal.aggregationWindow),
    attr('aggregation_method', condition.signal.aggregationMethod.toLowerCase()),
    attr('aggregation_delay', condition.signal.aggregationDelay),
  ];
  if (condition.expiration) {
    body.push(
      attr('expiration_duration', condition.expiration.expirationDuration),
      attr('open_violation_on_expiration', condition.expiration.openViolationOnExpiration),
      attr('close_violations_on_expiration', condition.expiration.closeViolationsOnExpiration),
    );
  }
  body.push(blank, block('nrql', [], [attr('query', condition.nrql.query)]));
  for (const priority of ['CRITICAL', 'WARNING'] as const) {
    const term = condition.terms.find((t) => t.priority === priority);
    if (term) body.push(blank, block(priority.toLowerCase(), [], termBody(term)));
  }
  return body;
}

/** main.tf for one component in one environment; `name` is the base of every resource name. */
export function renderTerraform(rendered: RenderedObservability, options: { accountId: number; name: string }): string {
  const base = resourceName(options.name);
  // `orders-api-prod: latency p95` → `<base>_latency_p95`.
  const conditionNames = rendered.conditions.map((c) => resourceName(base, c.name.slice(c.name.lastIndexOf(': ') + 2)));
  const resources: BodyItem[] = [
    block('terraform', [], [block('required_providers', [], [attr('newrelic', { source: 'newrelic/newrelic' })])]),
    block('resource', ['newrelic_one_dashboard_json', base], [attr('json', expr(heredoc(JSON.stringify(rendered.dashboard, null, 2))))]),
    block('resource', ['newrelic_alert_policy', base], [attr('account_id', options.accountId), attr('name', rendered.policy.name), attr('incident_preference', rendered.policy.incidentPreference)]),
    ...rendered.conditions.map((c, i) => block('resource', ['newrelic_nrql_alert_condition', conditionNames[i]!], conditionBody(c, options.accountId, base))),
  ];
  return hclFile([comment(`${rendered.policy.name}: rendered by Paved from the component's observability settings. Do not edit.`), blank, ...resources.flatMap((r, i) => (i === 0 ? [r] : [blank, r]))]);
}
