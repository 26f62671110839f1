/**
 * `observability.yaml` in a component's repository: the component's own dashboard and alert
 * thresholds, kept apart from deploy.yaml so a team tunes its alerts without touching how it
 * runs. `defaults` apply in every environment; `environments.<name>` overrides them in one.
 * At the same level deploy.yaml's own `observability:` keys win; an environment beats a default.
 */
import { parse } from 'yaml';
import { InputError } from '../errors.js';
import { parseObservabilityOverrides, type ParsedOverrides } from './spec.js';

export const OBSERVABILITY_FILE = 'observability.yaml';

export interface ComponentObservability {
  defaults: ParsedOverrides;
  environments: Record<string, ParsedOverrides>;
}

const KEYS = ['apiVersion', 'kind', 'defaults', 'environments'];

export function parseObservabilityFile(text: string, file = OBSERVABILITY_FILE): ComponentObservability {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new InputError(`${file}: not valid YAML (${(error as Error).message.split('\n')[0]}); fix the syntax`, { file });
  }
  if (raw === null || raw === undefined) return { defaults: {}, environments: {} };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(`${file}: expected a mapping with apiVersion, kind, defaults and environments`, { file });
  const doc = raw as Record<string, unknown>;
  const unknown = Object.keys(doc).filter((k) => !KEYS.includes(k));
  if (unknown.length > 0) throw new InputError(`${file}: unknown key ${unknown.map((k) => `'${k}'`).join(', ')}; expected only ${KEYS.join(', ')}`, { file, key: unknown[0] });
  if (doc.apiVersion !== 'paved/v1') throw new InputError(`${file}: apiVersion: expected 'paved/v1', got ${JSON.stringify(doc.apiVersion ?? null)}`, { file, key: 'apiVersion' });
  if (doc.kind !== 'Observability') throw new InputError(`${file}: kind: expected 'Observability', got ${JSON.stringify(doc.kind ?? null)}`, { file, key: 'kind' });
  const environments = doc.environments ?? {};
  if (typeof environments !== 'object' || Array.isArray(environments)) throw new InputError(`${file}: environments: expected a mapping from environment name to overrides`, { file, key: 'environments' });
  return {
    defaults: parseObservabilityOverrides(doc.defaults, { file, path: 'defaults' }),
    environments: Object.fromEntries(
      Object.entries(environments as Record<string, unknown>).map(([name, value]) => [name, parseObservabilityOverrides(value, { file, path: `environments.${name}` })]),
    ),
  };
}
