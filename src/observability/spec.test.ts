import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { PLATFORM_DEFAULTS, parseObservabilityOverrides, resolveThresholds } from './spec.js';

describe('observability thresholds', () => {
  it('are the platform defaults when nobody overrides anything', () => {
    expect(resolveThresholds()).toEqual({ enabled: true, latencyP95Ms: 500, latencyP99Ms: 1000, errorRatePercent: 5, lossOfSignalMinutes: 10, widgets: [] });
    expect(resolveThresholds()).toEqual(PLATFORM_DEFAULTS);
  });

  it('take the environment over the platform and the component over both, key by key', () => {
    const resolved = resolveThresholds({
      environment: { enabled: false, errorRatePercent: 10, latencyP95Ms: 800, latencyP99Ms: 2000 },
      component: { errorRatePercent: 1, lossOfSignalMinutes: 30 },
    });
    expect(resolved).toEqual({ enabled: false, latencyP95Ms: 800, latencyP99Ms: 2000, errorRatePercent: 1, lossOfSignalMinutes: 30, widgets: [] });
  });

  it('let a component turn alerts back on where its environment turned them off', () => {
    expect(resolveThresholds({ environment: { enabled: false }, component: { enabled: true } }).enabled).toBe(true);
  });

  it('start from the defaults given instead of the platform ones', () => {
    const defaults = { ...PLATFORM_DEFAULTS, errorRatePercent: 2 };
    expect(resolveThresholds({ defaults, environment: {} }).errorRatePercent).toBe(2);
    expect(resolveThresholds({ defaults, environment: { errorRatePercent: 3 } }).errorRatePercent).toBe(3);
  });

  it('add up extra widgets: the environment first, then the component, with the visualization defaulted', () => {
    const resolved = resolveThresholds({
      environment: { widgets: [{ title: 'Queue depth', query: 'SELECT latest(depth) FROM QueueSample TIMESERIES', visualization: 'viz.area' }] },
      component: { widgets: [{ title: 'Checkouts', query: 'SELECT count(*) FROM Transaction WHERE appName = {{appName}} TIMESERIES' }] },
    });
    expect(resolved.widgets.map((w) => [w.title, w.visualization])).toEqual([
      ['Queue depth', 'viz.area'],
      ['Checkouts', 'viz.line'],
    ]);
  });

  it('name the file and the key of a bad value', () => {
    expect(() => parseObservabilityOverrides({ errorRatePercent: 150 })).toThrow('deploy.yaml: observability.errorRatePercent: expected a number from 0 to 100, got 150');
    expect(() => parseObservabilityOverrides({ errorRatePercent: 'high' })).toThrow('deploy.yaml: observability.errorRatePercent: expected a number from 0 to 100');
    expect(() => parseObservabilityOverrides({ latencyP95Ms: 0 })).toThrow('deploy.yaml: observability.latencyP95Ms: expected a number of milliseconds above 0, got 0');
    expect(() => parseObservabilityOverrides({ lossOfSignalMinutes: 2.5 })).toThrow('deploy.yaml: observability.lossOfSignalMinutes: expected a whole number of minutes from 1 to 1440, got 2.5');
    expect(() => parseObservabilityOverrides({ enabled: 'yes' })).toThrow('deploy.yaml: observability.enabled: expected true or false');
    expect(() => parseObservabilityOverrides({ widgets: [{ title: 'x', query: 'SELECT 1', visualization: 'viz.sparkle' }] })).toThrow(/^deploy\.yaml: observability\.widgets\[0\]\.visualization: expected one of viz\.line, /);
  });

  it('reject unknown keys, so a typo does not fall back to a default', () => {
    const error = (() => {
      try {
        parseObservabilityOverrides({ errorRatePercnt: 2 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^deploy\.yaml: observability: unknown key 'errorRatePercnt'; expected only enabled, latencyP95Ms/);
    expect((error as InputError).details).toEqual({ file: 'deploy.yaml', key: 'observability' });
  });

  it('name the layer a bad value came from', () => {
    expect(() => resolveThresholds({ environment: { errorRatePercent: -1 }, sources: { environment: { file: 'paved.yaml', path: 'environments[1].observability' } } })).toThrow('paved.yaml: environments[1].observability.errorRatePercent: expected a number from 0 to 100, got -1');
  });

  it('refuse a p99 threshold below the p95 one, naming the layer that set it', () => {
    expect(() => resolveThresholds({ component: { latencyP99Ms: 300 } })).toThrow('deploy.yaml: observability.latencyP99Ms: expected at least latencyP95Ms (500), got 300');
    expect(() => resolveThresholds({ environment: { latencyP95Ms: 2000 } })).toThrow(/^paved\.yaml: environments\.observability\.latencyP99Ms: expected at least latencyP95Ms \(2000\), got 1000/);
    expect(resolveThresholds({ environment: { latencyP95Ms: 2000 }, component: { latencyP99Ms: 2000 } }).latencyP99Ms).toBe(2000);
  });
});
