/**
 * The NRQL Paved writes, in one place. The golden signals of a component come from APM events
 * of its app (`appName` is `<component>-<environment>` unless the component names another):
 *
 * - throughput: `rate(count(*), 1 minute)` over `Transaction`;
 * - latency: `percentile(duration * 1000, …)` over `Transaction` (duration is in seconds; the
 *   charts and the thresholds are in milliseconds);
 * - error rate: `percentage(count(*), WHERE error IS true)` over `Transaction`, and the errors
 *   themselves by class from `TransactionError`;
 * - saturation: CPU and memory of the component's containers from `K8sContainerSample` (the
 *   NewRelic Kubernetes integration), as a percentage of their limits (`cpuCoresUtilization`,
 *   `memoryUtilization`), selected by namespace and Deployment name. Paved workloads run on
 *   Kubernetes, so the container's limits are the capacity that saturates, not the node's
 *   (`SystemSample` would measure a node shared with other teams). These two attributes exist
 *   only for containers that have limits; Paved's rendered workloads set them.
 */
import { InputError } from '../errors.js';

/** Which data belongs to one component in one environment. */
export interface Target {
  /** The APM entity name (`appName` in Transaction events). */
  appName: string;
  /** The Kubernetes namespace and Deployment the component runs as. */
  namespace: string;
  deployment: string;
}

/**
 * A NRQL string literal. Names with a quote or a backslash are refused rather than escaped: they
 * cannot be a Kubernetes name, and an APM app name with one is a mistake worth hearing about.
 */
export function literal(value: string, what: string): string {
  if (!value || /['\\\n\r]/.test(value)) {
    throw new InputError(`${what} '${value}' cannot be used in NRQL: it must be non-empty, without quotes, backslashes or line breaks`, { [what]: value });
  }
  return `'${value}'`;
}

const app = (t: Target) => `FROM Transaction WHERE appName = ${literal(t.appName, 'appName')}`;
const containers = (t: Target) => `FROM K8sContainerSample WHERE namespaceName = ${literal(t.namespace, 'namespace')} AND deploymentName = ${literal(t.deployment, 'deployment')}`;

export const nrql = {
  throughput: (t: Target) => `SELECT rate(count(*), 1 minute) AS 'Requests per minute' ${app(t)} TIMESERIES`,
  latency: (t: Target) => `SELECT percentile(duration * 1000, 50, 95, 99) ${app(t)} TIMESERIES`,
  errorRate: (t: Target) => `SELECT percentage(count(*), WHERE error IS true) AS 'Error rate (%)' ${app(t)} TIMESERIES`,
  errorsByClass: (t: Target) => `SELECT count(*) FROM TransactionError WHERE appName = ${literal(t.appName, 'appName')} FACET error.class TIMESERIES`,
  saturation: (t: Target) => `SELECT average(cpuCoresUtilization) AS 'CPU (% of limit)', average(memoryUtilization) AS 'Memory (% of limit)' ${containers(t)} TIMESERIES`,

  /** Alert signals: one value per aggregation window, so no TIMESERIES. */
  alertErrorRate: (t: Target) => `SELECT percentage(count(*), WHERE error IS true) ${app(t)}`,
  alertLatency: (t: Target, percentile: 95 | 99) => `SELECT percentile(duration * 1000, ${percentile}) ${app(t)}`,
  alertThroughput: (t: Target) => `SELECT count(*) ${app(t)}`,
};

/** An extra widget's query with `{{appName}}` replaced by the app's quoted name. */
export function expandQuery(query: string, target: Target): string {
  return query.replaceAll('{{appName}}', literal(target.appName, 'appName'));
}
