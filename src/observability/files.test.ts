import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readObservabilityUnits, renderObservabilityFiles } from './files.js';
import type { RenderInput } from './render.js';
import { resolveThresholds } from './spec.js';

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), '__golden__');

/** The golden component: defaults from the platform, one override from prod, one from the component. */
const golden: RenderInput = {
  component: 'orders-api',
  team: 'payments',
  environment: 'prod',
  accountId: 1234567,
  thresholds: resolveThresholds({
    environment: { lossOfSignalMinutes: 5 },
    component: {
      latencyP95Ms: 300,
      widgets: [{ title: 'Checkouts per minute', query: "SELECT rate(count(*), 1 minute) FROM Transaction WHERE appName = {{appName}} AND name LIKE '%checkout%' TIMESERIES" }],
    },
  }),
};

describe('observability files for the GitOps repo', () => {
  it('are observability/<team>/<component>/<environment>/{dashboard.json,alerts.json,main.tf}', () => {
    expect(renderObservabilityFiles(golden).map((f) => f.path)).toEqual([
      'observability/payments/orders-api/prod/dashboard.json',
      'observability/payments/orders-api/prod/alerts.json',
      'observability/payments/orders-api/prod/main.tf',
    ]);
  });

  // Regenerate with PAVED_UPDATE_GOLDEN=1 and read the diff before committing it.
  it('match the golden files of one component', () => {
    const update = process.env.PAVED_UPDATE_GOLDEN === '1';
    for (const file of renderObservabilityFiles(golden)) {
      const goldenFile = path.join(GOLDEN, ...file.path.split('/'));
      if (update) {
        mkdirSync(path.dirname(goldenFile), { recursive: true });
        writeFileSync(goldenFile, file.content);
        continue;
      }
      expect(existsSync(goldenFile), `${goldenFile} is missing; run with PAVED_UPDATE_GOLDEN=1`).toBe(true);
      expect(file.content, file.path).toBe(readFileSync(goldenFile, 'utf8'));
    }
  });

  it('read back into what apply sends, ignoring other files of the repo', () => {
    const files = [
      ...renderObservabilityFiles(golden),
      ...renderObservabilityFiles({ ...golden, environment: 'dev' }),
      { path: 'apps/payments/orders-api/prod/deployment.yaml', content: 'kind: Deployment\n' },
    ];
    const units = readObservabilityUnits(files);
    expect(units.map((u) => `${u.team}/${u.component}/${u.environment}`)).toEqual(['payments/orders-api/dev', 'payments/orders-api/prod']);
    const prod = units[1]!;
    expect(prod.dashboard.name).toBe('payments/orders-api (prod)');
    expect(prod.policy).toEqual({ name: 'payments/orders-api (prod)', incidentPreference: 'PER_CONDITION' });
    expect(prod.conditions.map((c) => c.name)).toEqual(['orders-api-prod: error rate', 'orders-api-prod: latency p95', 'orders-api-prod: latency p99', 'orders-api-prod: loss of signal']);
  });

  it('refuse a folder with a missing or broken file, naming it', () => {
    const [dashboard, alerts] = renderObservabilityFiles(golden);
    expect(() => readObservabilityUnits([dashboard!])).toThrow('observability/payments/orders-api/prod/alerts.json is missing');
    expect(() => readObservabilityUnits([dashboard!, { ...alerts!, content: '{"policy": ' }])).toThrow(/^observability\/payments\/orders-api\/prod\/alerts\.json: not valid JSON/);
    expect(() => readObservabilityUnits([dashboard!, { ...alerts!, content: '{"policy": {}, "conditions": []}' }])).toThrow(/^observability\/payments\/orders-api\/prod\/alerts\.json: policy\.name: /);
  });
});
