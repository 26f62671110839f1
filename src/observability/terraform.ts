/**
 * The same dashboard, policy and conditions as Terraform for the NewRelic provider
 * (`newrelic/newrelic`): `newrelic_one_dashboard_json` holding the dashboard's NerdGraph JSON in a
 * heredoc, `newrelic_alert_policy`, and one `newrelic_nrql_alert_condition` per condition with
 * `critical`/`warning` blocks. Written from the NerdGraph inputs, so both forms always agree.
 * The provider's credentials and region come from its environment variables
 * (NEW_RELIC_API_KEY, NEW_RELIC_ACCOUNT_ID, NEW_RELIC_REGION), never from this file.
 */
import type { AlertsNrqlConditionStaticInput, AlertsNrqlConditionTermsInput, RenderedObservability } from './types.js';
import { hclString } from '../infra/hcl.js';

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

type Value = string | number | boolean | { expression: string };
type Body = Array<[string, Value] | [string, Body, 'block'] | ['', '']>;

function renderBody(body: Body, indent: string): string {
  const width = Math.max(0, ...body.filter((e) => e.length === 2 && e[0] !== '').map((e) => e[0].length));
  return body
    .map((entry) => {
      if (entry[0] === '') return '';
      if (entry.length === 3) return `${indent}${entry[0]} {\n${renderBody(entry[1], `${indent}  `)}\n${indent}}`;
      const [key, value] = entry;
      const text = typeof value === 'string' ? hclString(value) : typeof value === 'object' ? value.expression : String(value);
      return `${indent}${key.padEnd(width)} = ${text}`;
    })
    .join('\n');
}

function resource(type: string, name: string, body: Body): string {
  return `resource "${type}" "${name}" {\n${renderBody(body, '  ')}\n}\n`;
}

function heredoc(text: string): string {
  const lines = noTemplates(text).split('\n');
  let delimiter = 'EOT';
  while (lines.some((l) => l.trim() === delimiter)) delimiter += '_';
  return `<<-${delimiter}\n${lines.map((l) => `    ${l}`).join('\n')}\n  ${delimiter}`;
}

function termBody(term: AlertsNrqlConditionTermsInput): Body {
  return [
    ['operator', term.operator.toLowerCase()],
    ['threshold', term.threshold],
    ['threshold_duration', term.thresholdDuration],
    ['threshold_occurrences', term.thresholdOccurrences.toLowerCase()],
  ];
}

function conditionBody(condition: AlertsNrqlConditionStaticInput, accountId: number, policy: string): Body {
  const body: Body = [
    ['account_id', accountId],
    ['policy_id', { expression: `newrelic_alert_policy.${policy}.id` }],
    ['type', 'static'],
    ['name', condition.name],
    ['description', condition.description],
    ['enabled', condition.enabled],
    ['violation_time_limit_seconds', condition.violationTimeLimitSeconds],
    ['aggregation_window', condition.signal.aggregationWindow],
    ['aggregation_method', condition.signal.aggregationMethod.toLowerCase()],
    ['aggregation_delay', condition.signal.aggregationDelay],
  ];
  if (condition.expiration) {
    body.push(
      ['expiration_duration', condition.expiration.expirationDuration],
      ['open_violation_on_expiration', condition.expiration.openViolationOnExpiration],
      ['close_violations_on_expiration', condition.expiration.closeViolationsOnExpiration],
    );
  }
  body.push(['', ''], ['nrql', [['query', condition.nrql.query]], 'block']);
  for (const priority of ['CRITICAL', 'WARNING'] as const) {
    const term = condition.terms.find((t) => t.priority === priority);
    if (term) body.push(['', ''], [priority.toLowerCase(), termBody(term), 'block']);
  }
  return body;
}

/** main.tf for one component in one environment; `name` is the base of every resource name. */
export function renderTerraform(rendered: RenderedObservability, options: { accountId: number; name: string }): string {
  const base = resourceName(options.name);
  // `orders-api-prod: latency p95` → `<base>_latency_p95`.
  const conditionNames = rendered.conditions.map((c) => resourceName(base, c.name.slice(c.name.lastIndexOf(': ') + 2)));
  const parts = [
    `# ${rendered.policy.name}: rendered by Paved from the component's observability settings. Do not edit.`,
    '',
    'terraform {\n  required_providers {\n    newrelic = {\n      source = "newrelic/newrelic"\n    }\n  }\n}\n',
    `resource "newrelic_one_dashboard_json" "${base}" {\n  json = ${heredoc(JSON.stringify(rendered.dashboard, null, 2))}\n}\n`,
    resource('newrelic_alert_policy', base, [
      ['account_id', options.accountId],
      ['name', rendered.policy.name],
      ['incident_preference', rendered.policy.incidentPreference],
    ]),
    ...rendered.conditions.map((c, i) => resource('newrelic_nrql_alert_condition', conditionNames[i]!, conditionBody(c, options.accountId, base))),
  ];
  return parts.join('\n');
}
