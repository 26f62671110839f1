/**
 * What a component may say about its own monitoring, and what the platform says when it says
 * nothing. Thresholds resolve in three layers, each overriding the one before:
 *
 *   platform defaults (PLATFORM_DEFAULTS)  <  the environment's overrides  <  the component's overrides
 *
 * A layer overrides a value only where it sets it. Extra widgets add up instead: the
 * environment's come first, then the component's, after the standard ones.
 */
import { z } from 'zod';
import { issueFacts } from '../config/issue.js';
import { InputError } from '../errors.js';

export const VISUALIZATIONS = ['viz.line', 'viz.area', 'viz.bar', 'viz.billboard', 'viz.pie', 'viz.table'] as const;
export type Visualization = (typeof VISUALIZATIONS)[number];

/**
 * One more NRQL chart on the component's dashboard. `{{appName}}` in the query becomes the APM
 * app's name as a NRQL string (`WHERE appName = {{appName}}` → `WHERE appName = 'orders-api-prod'`).
 */
export const ExtraWidgetSchema = z.strictObject({
  title: z.string().min(1, 'expected a title').max(255, 'expected a title of at most 255 characters'),
  query: z.string().min(1, 'expected a NRQL query'),
  visualization: z.enum(VISUALIZATIONS, { error: `expected one of ${VISUALIZATIONS.join(', ')}` }).default('viz.line'),
});

const positiveMs = z.number({ error: 'expected a number of milliseconds above 0' }).positive('expected a number of milliseconds above 0').max(600_000, 'expected at most 600000 milliseconds (10 minutes)');

/** The `observability:` section a component (deploy.yaml) or an environment may write. Every key is optional. */
export const ObservabilityOverridesSchema = z.strictObject({
  /** Whether the alert conditions are on. The dashboard is rendered either way. */
  enabled: z.boolean({ error: 'expected true or false' }).optional(),
  /** Latency (95th percentile of transaction duration) above this is critical. */
  latencyP95Ms: positiveMs.optional(),
  /** Latency (99th percentile) above this is critical; at least `latencyP95Ms`. */
  latencyP99Ms: positiveMs.optional(),
  /** The share of transactions with an error, in percent, above which it is critical. */
  errorRatePercent: z.number({ error: 'expected a number from 0 to 100' }).min(0, 'expected a number from 0 to 100').max(100, 'expected a number from 0 to 100').optional(),
  /** How long without a single transaction before a loss-of-signal incident opens. */
  lossOfSignalMinutes: z.int({ error: 'expected a whole number of minutes from 1 to 1440' }).min(1, 'expected a whole number of minutes from 1 to 1440').max(1440, 'expected a whole number of minutes from 1 to 1440').optional(),
  widgets: z.array(ExtraWidgetSchema, { error: 'expected a list of widgets ({ title, query, visualization })' }).max(20, 'expected at most 20 extra widgets').optional(),
});

/** As written by a user: every key optional. */
export type ObservabilityOverrides = z.input<typeof ObservabilityOverridesSchema>;
/** Checked, with each widget's visualization defaulted. */
export type ParsedOverrides = z.output<typeof ObservabilityOverridesSchema>;
export type ExtraWidget = z.output<typeof ExtraWidgetSchema>;

/** The resolved thresholds: every value set. */
export interface Thresholds {
  enabled: boolean;
  latencyP95Ms: number;
  latencyP99Ms: number;
  errorRatePercent: number;
  lossOfSignalMinutes: number;
  widgets: ExtraWidget[];
}

/**
 * The platform's defaults, for a typical synchronous HTTP service:
 * - alerts on everywhere (an environment such as `dev` may turn them off);
 * - p95 latency above 500 ms, p99 above 1 s;
 * - more than 5% of transactions failing;
 * - 10 minutes without any transaction (the service is down, or its agent is).
 */
export const PLATFORM_DEFAULTS: Readonly<Thresholds> = Object.freeze({
  enabled: true,
  latencyP95Ms: 500,
  latencyP99Ms: 1000,
  errorRatePercent: 5,
  lossOfSignalMinutes: 10,
  widgets: [],
});

export interface ThresholdLayers {
  defaults?: Thresholds;
  environment?: ObservabilityOverrides;
  component?: ObservabilityOverrides;
  /** Where each layer was written, for messages. */
  sources?: { environment?: SpecSource; component?: SpecSource };
}

/** Where a layer came from, for messages: `deploy.yaml` and `observability`. */
export interface SpecSource {
  file: string;
  path?: string;
}

const COMPONENT_SOURCE: SpecSource = { file: 'deploy.yaml', path: 'observability' };
const ENVIRONMENT_SOURCE: SpecSource = { file: 'paved.yaml', path: 'environments.observability' };

/**
 * Checks what a user wrote under `observability:`; every error names the file and the key
 * (`deploy.yaml: observability.errorRatePercent: expected a number from 0 to 100, got 150`).
 */
export function parseObservabilityOverrides(raw: unknown, source: SpecSource = COMPONENT_SOURCE): ParsedOverrides {
  const parsed = ObservabilityOverridesSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const { key, got } = issueFacts(issue, raw, source.path ?? '');
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}; expected only ${Object.keys(ObservabilityOverridesSchema.shape).join(', ')}`
        : `${issue.message}, got ${got}`;
    throw new InputError(`${source.file}: ${key}: ${message}`, { file: source.file, key });
  }
  return parsed.data;
}

/** Defaults < environment < component. Throws when the result contradicts itself (p99 below p95). */
export function resolveThresholds(layers: ThresholdLayers = {}): Thresholds {
  const defaults = layers.defaults ?? PLATFORM_DEFAULTS;
  const environmentSource = layers.sources?.environment ?? ENVIRONMENT_SOURCE;
  const componentSource = layers.sources?.component ?? COMPONENT_SOURCE;
  const environment = parseObservabilityOverrides(layers.environment, environmentSource);
  const component = parseObservabilityOverrides(layers.component, componentSource);
  const pick = <K extends Exclude<keyof Thresholds, 'widgets'>>(key: K): Thresholds[K] =>
    (component[key] ?? environment[key] ?? defaults[key]) as Thresholds[K];
  const resolved: Thresholds = {
    enabled: pick('enabled'),
    latencyP95Ms: pick('latencyP95Ms'),
    latencyP99Ms: pick('latencyP99Ms'),
    errorRatePercent: pick('errorRatePercent'),
    lossOfSignalMinutes: pick('lossOfSignalMinutes'),
    widgets: [...defaults.widgets, ...(environment.widgets ?? []), ...(component.widgets ?? [])],
  };
  if (resolved.latencyP99Ms < resolved.latencyP95Ms) {
    const setsLatency = (o: ParsedOverrides) => o.latencyP95Ms !== undefined || o.latencyP99Ms !== undefined;
    const source = setsLatency(component) ? componentSource : setsLatency(environment) ? environmentSource : { file: 'platform defaults' };
    const key = `${source.path ? `${source.path}.` : ''}latencyP99Ms`;
    throw new InputError(`${source.file}: ${key}: expected at least latencyP95Ms (${resolved.latencyP95Ms}), got ${resolved.latencyP99Ms}; raise latencyP99Ms or lower latencyP95Ms`, { file: source.file, key });
  }
  return resolved;
}
