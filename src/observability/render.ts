/**
 * One component in one environment → its NewRelic dashboard, alert policy and NRQL conditions,
 * as the NerdGraph inputs. Pure and deterministic: the same input gives the same objects, keys
 * in the same order, so the files written from them only change when the input does.
 *
 * Conditions (all static, one value per 60-second window, EVENT_FLOW with a 120-second delay):
 * - `<app>: error rate`   critical above `errorRatePercent`, warning above 80% of it;
 * - `<app>: latency p95`  critical above `latencyP95Ms`, warning above 80% of it;
 * - `<app>: latency p99`  critical above `latencyP99Ms`, warning above 80% of it;
 *   each for 5 minutes in a row (every window in violation);
 * - `<app>: loss of signal`  an incident when no transaction arrives for `lossOfSignalMinutes`
 *   (expiration). It also carries a critical term (fewer than one transaction in every window for
 *   that long) because the Terraform provider wants a critical or warning term on every
 *   condition; with EVENT_FLOW a window without data has no value, so the expiration is what fires.
 */
import { InputError } from '../errors.js';
import { expandQuery, nrql, type Target } from './nrql.js';
import type { Thresholds } from './spec.js';
import type {
  AlertsNrqlConditionSignalInput,
  AlertsNrqlConditionStaticInput,
  AlertsNrqlConditionTermsInput,
  DashboardWidgetInput,
  RenderedObservability,
  TermOperator,
} from './types.js';

export interface RenderInput {
  component: string;
  team: string;
  environment: string;
  /** The APM entity name; `<component>-<environment>` unless given. */
  appName?: string;
  /** Where the component runs; `<team>-<environment>` and the component's name unless given. */
  namespace?: string;
  deployment?: string;
  /** The NewRelic account that holds the data and the dashboard. */
  accountId: number;
  thresholds: Thresholds;
}

export const SIGNAL: Readonly<AlertsNrqlConditionSignalInput> = Object.freeze({ aggregationWindow: 60, aggregationMethod: 'EVENT_FLOW', aggregationDelay: 120 });
/** How long a threshold must be crossed, in seconds (every window of it). */
export const THRESHOLD_DURATION_SECONDS = 300;
/** Incidents still open after a day are closed (and reopen if the problem persists). */
export const VIOLATION_TIME_LIMIT_SECONDS = 86_400;
/** Warnings fire at this fraction of the critical threshold. */
export const WARNING_FRACTION = 0.8;

/** `payments/orders-api (prod)`: the dashboard's and the policy's name. */
export function observabilityTitle(input: Pick<RenderInput, 'component' | 'team' | 'environment'>): string {
  return `${input.team}/${input.component} (${input.environment})`;
}

const NAME = /^[a-z0-9](?:[a-z0-9-]{0,37}[a-z0-9])?$/;

export function renderObservability(input: RenderInput): RenderedObservability {
  for (const what of ['team', 'component', 'environment'] as const) {
    if (!NAME.test(input[what])) {
      throw new InputError(`${what} '${input[what]}' is not a valid name: lowercase letters, digits and '-', at most 39 characters`, { [what]: input[what] });
    }
  }
  if (!Number.isSafeInteger(input.accountId) || input.accountId <= 0) {
    throw new InputError(`NewRelic account id must be a positive whole number, got ${String(input.accountId)}`, { accountId: input.accountId });
  }
  const target: Target = {
    appName: input.appName ?? `${input.component}-${input.environment}`,
    namespace: input.namespace ?? `${input.team}-${input.environment}`,
    deployment: input.deployment ?? input.component,
  };
  const title = observabilityTitle(input);
  return {
    dashboard: {
      name: title,
      description: `Golden signals of ${input.component} in ${input.environment} (team ${input.team}; APM app '${target.appName}'). Rendered by Paved from the component's observability settings: change those, not this dashboard.`,
      permissions: 'PUBLIC_READ_ONLY',
      pages: [{ name: title, description: 'Throughput, latency, errors and saturation.', widgets: widgets(target, input) }],
    },
    policy: { name: title, incidentPreference: 'PER_CONDITION' },
    conditions: conditions(target, input.thresholds),
  };
}

function widgets(target: Target, input: RenderInput): DashboardWidgetInput[] {
  const widget = (title: string, visualization: string, query: string, column: number, row: number, width = 6, height = 3): DashboardWidgetInput => {
    const charted = ['viz.line', 'viz.area', 'viz.bar'].includes(visualization);
    return {
      title,
      visualization: { id: visualization },
      layout: { column, row, width, height },
      rawConfiguration: {
        nrqlQueries: [{ accountIds: [input.accountId], query }],
        ...(charted ? { legend: { enabled: true }, yAxisLeft: { zero: true } } : {}),
        platformOptions: { ignoreTimeRange: false },
      },
    };
  };
  const standard = [
    widget('Throughput (requests per minute)', 'viz.line', nrql.throughput(target), 1, 1),
    widget('Error rate (% of transactions)', 'viz.line', nrql.errorRate(target), 7, 1),
    widget('Latency p50 / p95 / p99 (ms)', 'viz.line', nrql.latency(target), 1, 4),
    widget('Saturation: CPU and memory (% of limit)', 'viz.line', nrql.saturation(target), 7, 4),
    widget('Errors by class', 'viz.line', nrql.errorsByClass(target), 1, 7, 12),
  ];
  const extra = input.thresholds.widgets.map((w, i) => widget(w.title, w.visualization, expandQuery(w.query, target), i % 2 === 0 ? 1 : 7, 10 + 3 * Math.floor(i / 2)));
  return [...standard, ...extra];
}

function conditions(target: Target, t: Thresholds): AlertsNrqlConditionStaticInput[] {
  const condition = (name: string, description: string, query: string, terms: AlertsNrqlConditionTermsInput[]): AlertsNrqlConditionStaticInput => ({
    name: `${target.appName}: ${name}`,
    description,
    enabled: t.enabled,
    nrql: { query },
    signal: { ...SIGNAL },
    terms,
    violationTimeLimitSeconds: VIOLATION_TIME_LIMIT_SECONDS,
  });
  const lossSeconds = t.lossOfSignalMinutes * 60;
  return [
    condition('error rate', `More than ${t.errorRatePercent}% of transactions failed for ${THRESHOLD_DURATION_SECONDS / 60} minutes.`, nrql.alertErrorRate(target), aboveTerms(t.errorRatePercent)),
    condition('latency p95', `95th percentile latency above ${t.latencyP95Ms} ms for ${THRESHOLD_DURATION_SECONDS / 60} minutes.`, nrql.alertLatency(target, 95), aboveTerms(t.latencyP95Ms)),
    condition('latency p99', `99th percentile latency above ${t.latencyP99Ms} ms for ${THRESHOLD_DURATION_SECONDS / 60} minutes.`, nrql.alertLatency(target, 99), aboveTerms(t.latencyP99Ms)),
    {
      ...condition('loss of signal', `No transaction for ${t.lossOfSignalMinutes} minutes: the service or its APM agent is down.`, nrql.alertThroughput(target), [term('BELOW', 1, 'CRITICAL', lossSeconds)]),
      expiration: { expirationDuration: lossSeconds, openViolationOnExpiration: true, closeViolationsOnExpiration: false },
    },
  ];
}

function term(operator: TermOperator, threshold: number, priority: AlertsNrqlConditionTermsInput['priority'], thresholdDuration = THRESHOLD_DURATION_SECONDS): AlertsNrqlConditionTermsInput {
  return { threshold, thresholdDuration, thresholdOccurrences: 'ALL', operator, priority };
}

/** A critical term at the threshold and a warning one below it (none when the threshold is 0). */
function aboveTerms(critical: number): AlertsNrqlConditionTermsInput[] {
  const warning = Math.round(critical * WARNING_FRACTION * 1000) / 1000;
  return warning < critical ? [term('ABOVE', critical, 'CRITICAL'), term('ABOVE', warning, 'WARNING')] : [term('ABOVE', critical, 'CRITICAL')];
}
