/**
 * `paved observability apply`: makes NewRelic hold what the GitOps repo's observability files
 * say, through NerdGraph, for each component and environment:
 *
 * 1. the dashboard: found by name (`entitySearch`), then `dashboardUpdate`, else `dashboardCreate`;
 * 2. the alert policy: found by name (`policiesSearch`), else `alertsPolicyCreate` (once);
 * 3. each condition: found by name in the policy (`nrqlConditionsSearch`), then
 *    `alertsNrqlConditionStaticUpdate`, else `alertsNrqlConditionStaticCreate`.
 *
 * Running it twice changes nothing the second time but the dashboard's update. Without an API
 * key it refuses before anything is sent. A failure in one component is that component's
 * outcome and the others still run.
 */
import { ConflictError, ExternalServiceError, InputError, isPavedError, type PavedError } from '../errors.js';
import type { GitOpsFile, ObservabilityUnit } from './files.js';
import { readObservabilityUnits } from './files.js';
import { checkEndpoint, createNerdGraphClient, NERDGRAPH_ENDPOINTS, type NerdGraph } from './nerdgraph-client.js';

export { NERDGRAPH_ENDPOINTS } from './nerdgraph-client.js';

export interface ApplyOptions {
  /** A NewRelic User key (NRAK-…). Without one nothing is called. */
  apiKey?: string;
  accountId: number;
  /** US by default; EU accounts use NERDGRAPH_ENDPOINTS.eu. */
  endpoint?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ApplyUnitResult {
  team: string;
  component: string;
  environment: string;
  outcome: 'applied' | 'failed';
  dashboard?: { guid: string; action: 'created' | 'updated' };
  policy?: { id: string; action: 'created' | 'existing' };
  conditions: Array<{ name: string; id: string; action: 'created' | 'updated' }>;
  error?: PavedError;
}

export interface ApplyResult {
  endpoint: string;
  results: ApplyUnitResult[];
}

export const DOCUMENTS = {
  findDashboard: `query PavedFindDashboard($query: String!, $cursor: String) {
  actor { entitySearch(query: $query) { results(cursor: $cursor) { nextCursor entities { guid name ... on DashboardEntityOutline { dashboardParentGuid } } } } }
}`,
  createDashboard: `mutation PavedCreateDashboard($accountId: Int!, $dashboard: DashboardInput!) {
  dashboardCreate(accountId: $accountId, dashboard: $dashboard) { entityResult { guid name } errors { description type } }
}`,
  updateDashboard: `mutation PavedUpdateDashboard($guid: EntityGuid!, $dashboard: DashboardInput!) {
  dashboardUpdate(guid: $guid, dashboard: $dashboard) { entityResult { guid name } errors { description type } }
}`,
  findPolicy: `query PavedFindPolicy($accountId: Int!, $searchCriteria: AlertsPoliciesSearchCriteriaInput, $cursor: String) {
  actor { account(id: $accountId) { alerts { policiesSearch(searchCriteria: $searchCriteria, cursor: $cursor) { nextCursor policies { id name } } } } }
}`,
  createPolicy: `mutation PavedCreatePolicy($accountId: Int!, $policy: AlertsPolicyInput!) {
  alertsPolicyCreate(accountId: $accountId, policy: $policy) { id name }
}`,
  listConditions: `query PavedListConditions($accountId: Int!, $searchCriteria: AlertsNrqlConditionsSearchCriteriaInput, $cursor: String) {
  actor { account(id: $accountId) { alerts { nrqlConditionsSearch(searchCriteria: $searchCriteria, cursor: $cursor) { nextCursor nrqlConditions { id name type } } } } }
}`,
  createCondition: `mutation PavedCreateCondition($accountId: Int!, $policyId: ID!, $condition: AlertsNrqlConditionStaticInput!) {
  alertsNrqlConditionStaticCreate(accountId: $accountId, policyId: $policyId, condition: $condition) { id name }
}`,
  updateCondition: `mutation PavedUpdateCondition($accountId: Int!, $id: ID!, $condition: AlertsNrqlConditionUpdateStaticInput!) {
  alertsNrqlConditionStaticUpdate(accountId: $accountId, id: $id, condition: $condition) { id name }
}`,
} as const;

/** Pages of a search followed at most this far: a name matches a handful of objects, not thousands. */
const MAX_PAGES = 50;

export async function applyObservability(files: GitOpsFile[], options: ApplyOptions): Promise<ApplyResult> {
  const apiKey = options.apiKey?.trim();
  if (!apiKey) {
    throw new InputError('no NewRelic API key given, so nothing was sent to NerdGraph; pass a User key (NRAK-…) to apply, or commit the rendered files and let Terraform apply main.tf', { reason: 'no-api-key' });
  }
  if (!Number.isSafeInteger(options.accountId) || options.accountId <= 0) {
    throw new InputError(`NewRelic account id must be a positive whole number, got ${String(options.accountId)}`, { accountId: options.accountId });
  }
  const endpoint = checkEndpoint(options.endpoint ?? NERDGRAPH_ENDPOINTS.us).href;
  const units = readObservabilityUnits(files);
  const call = createNerdGraphClient({ apiKey, endpoint, fetch: options.fetch ?? globalThis.fetch, timeoutMs: options.timeoutMs ?? 30_000 });
  const results: ApplyUnitResult[] = [];
  for (const unit of units) {
    const result: ApplyUnitResult = { team: unit.team, component: unit.component, environment: unit.environment, outcome: 'applied', conditions: [] };
    try {
      await applyUnit(call, options.accountId, unit, result);
    } catch (error) {
      if (!isPavedError(error)) throw error;
      result.outcome = 'failed';
      result.error = error;
    }
    results.push(result);
  }
  return { endpoint, results };
}

async function applyUnit(call: NerdGraph, accountId: number, unit: ObservabilityUnit, result: ApplyUnitResult): Promise<void> {
  const dashboardName = unit.dashboard.name;
  const existing = await findDashboard(call, accountId, dashboardName);
  if (existing) {
    const data = await call<{ dashboardUpdate: DashboardPayload }>(`updating dashboard '${dashboardName}'`, DOCUMENTS.updateDashboard, { guid: existing, dashboard: unit.dashboard });
    result.dashboard = { guid: dashboardGuid(data.dashboardUpdate, `updating dashboard '${dashboardName}'`), action: 'updated' };
  } else {
    const data = await call<{ dashboardCreate: DashboardPayload }>(`creating dashboard '${dashboardName}'`, DOCUMENTS.createDashboard, { accountId, dashboard: unit.dashboard });
    result.dashboard = { guid: dashboardGuid(data.dashboardCreate, `creating dashboard '${dashboardName}'`), action: 'created' };
  }

  const policyName = unit.policy.name;
  let policyId = await findPolicy(call, accountId, policyName);
  if (policyId) result.policy = { id: policyId, action: 'existing' };
  else {
    const data = await call<{ alertsPolicyCreate: { id: string } }>(`creating alert policy '${policyName}'`, DOCUMENTS.createPolicy, { accountId, policy: unit.policy });
    policyId = String(data.alertsPolicyCreate.id);
    result.policy = { id: policyId, action: 'created' };
  }

  const current = await listConditions(call, accountId, policyId, policyName);
  for (const condition of unit.conditions) {
    const found = current.get(condition.name);
    if (found && found.type !== 'STATIC') {
      throw new ConflictError(`alert condition '${condition.name}' in policy '${policyName}' is a ${found.type} condition; delete it in NewRelic so Paved can create it as a static one`, { condition: condition.name, type: found.type });
    }
    if (found) {
      const data = await call<{ alertsNrqlConditionStaticUpdate: { id: string } }>(`updating alert condition '${condition.name}'`, DOCUMENTS.updateCondition, { accountId, id: found.id, condition });
      result.conditions.push({ name: condition.name, id: String(data.alertsNrqlConditionStaticUpdate.id), action: 'updated' });
    } else {
      const data = await call<{ alertsNrqlConditionStaticCreate: { id: string } }>(`creating alert condition '${condition.name}'`, DOCUMENTS.createCondition, { accountId, policyId, condition });
      result.conditions.push({ name: condition.name, id: String(data.alertsNrqlConditionStaticCreate.id), action: 'created' });
    }
  }
}

interface DashboardPayload {
  entityResult: { guid: string } | null;
  errors: Array<{ description: string; type: string }> | null;
}

/** Dashboard mutations report expected failures in their payload's `errors`, not GraphQL's. */
function dashboardGuid(payload: DashboardPayload, what: string): string {
  if (payload.errors?.length || !payload.entityResult) {
    const reasons = (payload.errors ?? []).map((e) => `${e.type}: ${e.description}`);
    throw new ExternalServiceError(`NerdGraph failed ${what}: ${reasons.length ? reasons.join('; ') : 'no dashboard in the answer'}`, { errors: reasons });
  }
  return payload.entityResult.guid;
}

function quoted(value: string, what: string): string {
  if (/['\\]/.test(value)) throw new InputError(`${what} '${value}' has a quote or backslash; NewRelic's entity search cannot look it up`, { name: value });
  return `'${value}'`;
}

/** The dashboard's GUID, or undefined. Pages of a dashboard are entities too: only the dashboard itself counts. */
async function findDashboard(call: NerdGraph, accountId: number, name: string): Promise<string | undefined> {
  const query = `accountId = ${accountId} AND type = 'DASHBOARD' AND name = ${quoted(name, 'dashboard name')}`;
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    type Entity = { guid: string; name: string; dashboardParentGuid?: string | null };
    const data: { actor: { entitySearch: { results: { nextCursor: string | null; entities: Entity[] } } } } = await call(`looking up dashboard '${name}'`, DOCUMENTS.findDashboard, { query, cursor });
    const { nextCursor, entities } = data.actor.entitySearch.results;
    const match = entities.find((e) => e.name === name && !e.dashboardParentGuid);
    if (match) return match.guid;
    if (!nextCursor) return undefined;
    cursor = nextCursor;
  }
  return undefined;
}

/** The policy's id, or undefined. NerdGraph matches names without regard to case, and so does Paved. */
async function findPolicy(call: NerdGraph, accountId: number, name: string): Promise<string | undefined> {
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    type Search = { nextCursor: string | null; policies: Array<{ id: string; name: string }> };
    const data: { actor: { account: { alerts: { policiesSearch: Search } } } } = await call(`looking up alert policy '${name}'`, DOCUMENTS.findPolicy, { accountId, searchCriteria: { name }, cursor });
    const { nextCursor, policies } = data.actor.account.alerts.policiesSearch;
    const match = policies.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (match) return String(match.id);
    if (!nextCursor) return undefined;
    cursor = nextCursor;
  }
  return undefined;
}

async function listConditions(call: NerdGraph, accountId: number, policyId: string, policyName: string): Promise<Map<string, { id: string; type: string }>> {
  const byName = new Map<string, { id: string; type: string }>();
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    type Search = { nextCursor: string | null; nrqlConditions: Array<{ id: string; name: string; type: string }> };
    const data: { actor: { account: { alerts: { nrqlConditionsSearch: Search } } } } = await call(`listing the alert conditions of policy '${policyName}'`, DOCUMENTS.listConditions, { accountId, searchCriteria: { policyId }, cursor });
    const { nextCursor, nrqlConditions } = data.actor.account.alerts.nrqlConditionsSearch;
    for (const c of nrqlConditions) if (!byName.has(c.name)) byName.set(c.name, { id: String(c.id), type: c.type });
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return byName;
}
