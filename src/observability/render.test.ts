import { describe, expect, it } from 'vitest';
import { renderObservability, type RenderInput } from './render.js';
import { resolveThresholds } from './spec.js';

const input = (over: Partial<RenderInput> = {}): RenderInput => ({
  component: 'orders-api',
  team: 'payments',
  environment: 'prod',
  accountId: 1234567,
  thresholds: resolveThresholds(),
  ...over,
});

const queries = (rendered: ReturnType<typeof renderObservability>) =>
  Object.fromEntries(rendered.dashboard.pages.flatMap((p) => p.widgets).map((w) => [w.title, w.rawConfiguration.nrqlQueries.map((q) => q.query).join(' | ')]));

describe('renderObservability', () => {
  it('gives the dashboard widgets for throughput, p50/p95/p99 latency, error rate and saturation of the app', () => {
    const rendered = renderObservability(input());
    const byTitle = queries(rendered);
    const find = (pattern: RegExp) => Object.entries(byTitle).find(([title]) => pattern.test(title))?.[1];
    expect(find(/throughput/i)).toBe("SELECT rate(count(*), 1 minute) AS 'Requests per minute' FROM Transaction WHERE appName = 'orders-api-prod' TIMESERIES");
    expect(find(/latency/i)).toBe("SELECT percentile(duration * 1000, 50, 95, 99) FROM Transaction WHERE appName = 'orders-api-prod' TIMESERIES");
    expect(find(/error rate/i)).toBe("SELECT percentage(count(*), WHERE error IS true) AS 'Error rate (%)' FROM Transaction WHERE appName = 'orders-api-prod' TIMESERIES");
    expect(find(/saturation/i)).toMatch(/^SELECT average\(cpuCoresUtilization\) .*average\(memoryUtilization\) .*FROM K8sContainerSample WHERE namespaceName = 'payments-prod' AND deploymentName = 'orders-api' TIMESERIES$/);
    expect(find(/errors by class/i)).toBe("SELECT count(*) FROM TransactionError WHERE appName = 'orders-api-prod' FACET error.class TIMESERIES");
    for (const widget of rendered.dashboard.pages[0]!.widgets) {
      expect(widget.rawConfiguration.nrqlQueries).toEqual([{ accountIds: [1234567], query: expect.any(String) }]);
      expect(widget.visualization.id).toMatch(/^viz\./);
      const { column, row, width, height } = widget.layout;
      expect(column).toBeGreaterThanOrEqual(1);
      expect(column + width - 1).toBeLessThanOrEqual(12);
      expect(row).toBeGreaterThanOrEqual(1);
      expect(height).toBeLessThanOrEqual(32);
    }
  });

  it('names the dashboard and the policy after the team, component and environment', () => {
    const { dashboard, policy } = renderObservability(input());
    expect(dashboard).toMatchObject({ name: 'payments/orders-api (prod)', permissions: 'PUBLIC_READ_ONLY', pages: [{ name: 'payments/orders-api (prod)' }] });
    expect(policy).toEqual({ name: 'payments/orders-api (prod)', incidentPreference: 'PER_CONDITION' });
  });

  it('alerts on error rate, p95 and p99 latency and loss of signal, with the resolved thresholds', () => {
    const thresholds = resolveThresholds({ component: { errorRatePercent: 2.5, latencyP95Ms: 300, latencyP99Ms: 900, lossOfSignalMinutes: 15 } });
    const { conditions } = renderObservability(input({ thresholds }));
    expect(conditions.map((c) => c.name)).toEqual(['orders-api-prod: error rate', 'orders-api-prod: latency p95', 'orders-api-prod: latency p99', 'orders-api-prod: loss of signal']);
    const [errorRate, p95, p99, loss] = conditions;
    expect(errorRate!.nrql.query).toBe("SELECT percentage(count(*), WHERE error IS true) FROM Transaction WHERE appName = 'orders-api-prod'");
    expect(errorRate!.terms).toEqual([
      { threshold: 2.5, thresholdDuration: 300, thresholdOccurrences: 'ALL', operator: 'ABOVE', priority: 'CRITICAL' },
      { threshold: 2, thresholdDuration: 300, thresholdOccurrences: 'ALL', operator: 'ABOVE', priority: 'WARNING' },
    ]);
    expect(p95!.nrql.query).toBe("SELECT percentile(duration * 1000, 95) FROM Transaction WHERE appName = 'orders-api-prod'");
    expect(p95!.terms.map((t) => [t.priority, t.threshold])).toEqual([['CRITICAL', 300], ['WARNING', 240]]);
    expect(p99!.terms.map((t) => [t.priority, t.threshold])).toEqual([['CRITICAL', 900], ['WARNING', 720]]);
    expect(loss!.expiration).toEqual({ expirationDuration: 900, openViolationOnExpiration: true, closeViolationsOnExpiration: false });
    expect(loss!.terms).toEqual([{ threshold: 1, thresholdDuration: 900, thresholdOccurrences: 'ALL', operator: 'BELOW', priority: 'CRITICAL' }]);
    for (const c of conditions) {
      expect(c.enabled).toBe(true);
      expect(c.signal).toEqual({ aggregationWindow: 60, aggregationMethod: 'EVENT_FLOW', aggregationDelay: 120 });
      expect(c.violationTimeLimitSeconds).toBe(86400);
      for (const t of c.terms) expect(t.thresholdDuration % c.signal.aggregationWindow).toBe(0);
    }
    expect(conditions.slice(0, 3).every((c) => c.expiration === undefined)).toBe(true);
  });

  it('drops the warning term when the threshold is 0, and disables every condition when alerts are off', () => {
    const { conditions } = renderObservability(input({ thresholds: resolveThresholds({ environment: { enabled: false }, component: { errorRatePercent: 0 } }) }));
    expect(conditions[0]!.terms).toEqual([expect.objectContaining({ threshold: 0, priority: 'CRITICAL' })]);
    expect(conditions.map((c) => c.enabled)).toEqual([false, false, false, false]);
  });

  it('uses the app, namespace and Deployment it is given', () => {
    const rendered = renderObservability(input({ appName: 'Orders API (prod)', namespace: 'payments', deployment: 'orders' }));
    expect(rendered.conditions[0]!.nrql.query).toContain("WHERE appName = 'Orders API (prod)'");
    expect(queries(rendered)['Saturation: CPU and memory (% of limit)']).toContain("namespaceName = 'payments' AND deploymentName = 'orders'");
  });

  it('places extra widgets below the standard ones, two a row, with {{appName}} filled in', () => {
    const thresholds = resolveThresholds({
      component: {
        widgets: [
          { title: 'Checkouts', query: "SELECT count(*) FROM Transaction WHERE appName = {{appName}} AND name LIKE '%checkout%' TIMESERIES" },
          { title: 'Slowest', query: 'SELECT max(duration) FROM Transaction WHERE appName = {{appName}} FACET name', visualization: 'viz.table' },
          { title: 'Hosts', query: 'SELECT uniqueCount(host) FROM Transaction WHERE appName = {{appName}}', visualization: 'viz.billboard' },
        ],
      },
    });
    const widgets = renderObservability(input({ thresholds })).dashboard.pages[0]!.widgets.slice(5);
    expect(widgets.map((w) => [w.title, w.visualization.id, w.layout.column, w.layout.row])).toEqual([
      ['Checkouts', 'viz.line', 1, 10],
      ['Slowest', 'viz.table', 7, 10],
      ['Hosts', 'viz.billboard', 1, 13],
    ]);
    expect(widgets[0]!.rawConfiguration.nrqlQueries[0]!.query).toBe("SELECT count(*) FROM Transaction WHERE appName = 'orders-api-prod' AND name LIKE '%checkout%' TIMESERIES");
    expect(widgets[1]!.rawConfiguration).toEqual({ nrqlQueries: [{ accountIds: [1234567], query: "SELECT max(duration) FROM Transaction WHERE appName = 'orders-api-prod' FACET name" }], platformOptions: { ignoreTimeRange: false } });
  });

  it('gives the same output, to the byte, for the same input', () => {
    expect(JSON.stringify(renderObservability(input()))).toBe(JSON.stringify(renderObservability(input())));
  });

  it('refuses names that cannot go into NRQL or a path, and a bad account id', () => {
    expect(() => renderObservability(input({ appName: "orders' OR true" }))).toThrow(/appName 'orders' OR true' cannot be used in NRQL/);
    expect(() => renderObservability(input({ component: '../etc' }))).toThrow(/component '..\/etc' is not a valid name/);
    expect(() => renderObservability(input({ accountId: 0 }))).toThrow(/account id must be a positive whole number/);
  });
});
