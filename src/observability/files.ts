/**
 * What observability as code writes to the GitOps repo. One folder per component and environment:
 *
 *   observability/<team>/<component>/<environment>/
 *     dashboard.json   the NerdGraph DashboardInput (dashboardCreate / dashboardUpdate)
 *     alerts.json      { policy: AlertsPolicyInput, conditions: AlertsNrqlConditionStaticInput[] }
 *     main.tf          the same as Terraform (newrelic_one_dashboard_json, newrelic_alert_policy,
 *                      newrelic_nrql_alert_condition), for teams that apply with Terraform
 *
 * The JSON files are what `paved observability apply` sends to NerdGraph; main.tf is the
 * alternative for Terraform. Both come from one render, so they never disagree.
 */
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { renderObservability, type RenderInput } from './render.js';
import { renderTerraform } from './terraform.js';
import type { AlertsNrqlConditionStaticInput, AlertsPolicyInput, DashboardInput } from './types.js';

export const OBSERVABILITY_DIR = 'observability';
export const DASHBOARD_FILE = 'dashboard.json';
export const ALERTS_FILE = 'alerts.json';
export const TERRAFORM_FILE = 'main.tf';

/** A file for the GitOps repo, its path relative to the repo's root with `/` separators. */
export interface GitOpsFile {
  path: string;
  content: string;
}

export function observabilityDir(unit: Pick<RenderInput, 'team' | 'component' | 'environment'>): string {
  return [OBSERVABILITY_DIR, unit.team, unit.component, unit.environment].join('/');
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The three files of one component in one environment, in a fixed order. */
export function renderObservabilityFiles(input: RenderInput): GitOpsFile[] {
  const rendered = renderObservability(input);
  const dir = observabilityDir(input);
  return [
    { path: `${dir}/${DASHBOARD_FILE}`, content: json(rendered.dashboard) },
    { path: `${dir}/${ALERTS_FILE}`, content: json({ policy: rendered.policy, conditions: rendered.conditions }) },
    { path: `${dir}/${TERRAFORM_FILE}`, content: renderTerraform(rendered, { accountId: input.accountId, name: `${input.team}_${input.component}_${input.environment}` }) },
  ];
}

/** What one folder of the GitOps repo asks NerdGraph to hold. */
export interface ObservabilityUnit {
  team: string;
  component: string;
  environment: string;
  dashboard: DashboardInput;
  policy: AlertsPolicyInput;
  conditions: AlertsNrqlConditionStaticInput[];
}

// Only what apply relies on is checked; NerdGraph checks the rest.
const DashboardFileSchema = z.looseObject({ name: z.string().min(1), pages: z.array(z.looseObject({})).min(1) });
const AlertsFileSchema = z.strictObject({
  policy: z.looseObject({ name: z.string().min(1) }),
  conditions: z.array(z.looseObject({ name: z.string().min(1) })),
});

/**
 * The units in a set of GitOps files (others are ignored). Each folder needs both JSON files;
 * anything malformed is an InputError naming the file, before anything is sent.
 */
export function readObservabilityUnits(files: GitOpsFile[]): ObservabilityUnit[] {
  const byDir = new Map<string, Map<string, string>>();
  for (const file of files) {
    const parts = path.posix.normalize(file.path).split('/');
    if (parts.length !== 5 || parts[0] !== OBSERVABILITY_DIR) continue;
    const dir = parts.slice(0, 4).join('/');
    if (!byDir.has(dir)) byDir.set(dir, new Map());
    byDir.get(dir)!.set(parts[4]!, file.content);
  }
  const units: ObservabilityUnit[] = [];
  for (const [dir, dirFiles] of [...byDir].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [, team = '', component = '', environment = ''] = dir.split('/');
    const dashboard = readJson(dirFiles, dir, DASHBOARD_FILE, DashboardFileSchema) as unknown as DashboardInput;
    const alerts = readJson(dirFiles, dir, ALERTS_FILE, AlertsFileSchema) as unknown as { policy: AlertsPolicyInput; conditions: AlertsNrqlConditionStaticInput[] };
    units.push({ team, component, environment, dashboard, policy: alerts.policy, conditions: alerts.conditions });
  }
  return units;
}

function readJson(files: Map<string, string>, dir: string, name: string, schema: z.ZodType): unknown {
  const file = `${dir}/${name}`;
  const text = files.get(name);
  if (text === undefined) throw new InputError(`${file} is missing; render the component's observability files again`, { file });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${(error as Error).message}); render it again`, { file });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}; render it again`, { file });
  }
  return parsed.data;
}
