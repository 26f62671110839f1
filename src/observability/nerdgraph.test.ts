import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConflictError, ExternalServiceError, InputError, PermissionError } from '../errors.js';
import { ng, useFakeNerdGraph } from './fake-nerdgraph.js';
import { readObservabilityUnits, renderObservabilityFiles } from './files.js';
import { applyObservability, DOCUMENTS } from './nerdgraph.js';
import type { RenderInput } from './render.js';
import { resolveThresholds } from './spec.js';

const API_KEY = 'NRAK-TESTKEY0000000000000000000';
const ACCOUNT = 1234567;
const component = (over: Partial<RenderInput> = {}): RenderInput => ({ component: 'orders-api', team: 'payments', environment: 'prod', accountId: ACCOUNT, thresholds: resolveThresholds(), ...over });
const files = renderObservabilityFiles(component());
const [unit] = readObservabilityUnits(files);
const NAME = 'payments/orders-api (prod)';
const CONDITIONS = ['orders-api-prod: error rate', 'orders-api-prod: latency p95', 'orders-api-prod: latency p99', 'orders-api-prod: loss of signal'];

describe('applyObservability without an API key', () => {
  const fake = useFakeNerdGraph();

  it('refuses with an InputError and sends nothing', async () => {
    const calls: unknown[] = [];
    const spy: typeof fetch = async (...args) => {
      calls.push(args);
      throw new Error('must not be called');
    };
    for (const apiKey of [undefined, '', '   ']) {
      const error = await applyObservability(files, { apiKey, accountId: ACCOUNT, endpoint: fake().endpoint, fetch: spy }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(/^no NewRelic API key given, so nothing was sent to NerdGraph/);
    }
    await expect(applyObservability(files, { accountId: ACCOUNT, endpoint: fake().endpoint })).rejects.toBeInstanceOf(InputError);
    expect(calls).toEqual([]);
    expect(fake().requests).toEqual([]);
  });

  it('refuses an endpoint that would send the key in clear, before sending anything', async () => {
    await expect(applyObservability(files, { apiKey: API_KEY, accountId: ACCOUNT, endpoint: 'http://api.newrelic.example/graphql' })).rejects.toThrow(/must use https/);
    await expect(applyObservability(files, { apiKey: API_KEY, accountId: 0, endpoint: fake().endpoint })).rejects.toThrow(/account id/);
    expect(fake().requests).toEqual([]);
  });
});

describe('applyObservability against a fake NerdGraph', () => {
  const fake = useFakeNerdGraph();
  const options = () => ({ apiKey: API_KEY, accountId: ACCOUNT, endpoint: fake().endpoint });

  it('creates the dashboard, the policy and every condition the first time', async () => {
    fake()
      .data('PavedFindDashboard', ng.entities([]))
      .data('PavedCreateDashboard', ng.dashboard('dashboardCreate', 'DASH-1', NAME))
      .data('PavedFindPolicy', ng.policies([]))
      .data('PavedCreatePolicy', ng.policyCreated('42', NAME))
      .data('PavedListConditions', ng.conditions([]));
    CONDITIONS.forEach((name, i) => fake().data('PavedCreateCondition', ng.conditionCreated(String(100 + i), name)));

    const result = await applyObservability(files, options());

    expect(result.results).toEqual([
      {
        team: 'payments',
        component: 'orders-api',
        environment: 'prod',
        outcome: 'applied',
        dashboard: { guid: 'DASH-1', action: 'created' },
        policy: { id: '42', action: 'created' },
        conditions: CONDITIONS.map((name, i) => ({ name, id: String(100 + i), action: 'created' })),
      },
    ]);
    const requests = fake().requests;
    expect(requests.map((r) => r.operation)).toEqual(['PavedFindDashboard', 'PavedCreateDashboard', 'PavedFindPolicy', 'PavedCreatePolicy', 'PavedListConditions', ...CONDITIONS.map(() => 'PavedCreateCondition')]);
    for (const r of requests) {
      expect(r.headers['api-key']).toBe(API_KEY);
      expect(r.headers['content-type']).toBe('application/json');
    }
    expect(requests[0]!.query).toBe(DOCUMENTS.findDashboard);
    expect(requests[0]!.variables).toEqual({ query: `accountId = ${ACCOUNT} AND type = 'DASHBOARD' AND name = '${NAME}'`, cursor: null });
    expect(requests[1]!.query).toBe(DOCUMENTS.createDashboard);
    expect(requests[1]!.variables).toEqual({ accountId: ACCOUNT, dashboard: unit!.dashboard });
    expect(requests[2]!.variables).toEqual({ accountId: ACCOUNT, searchCriteria: { name: NAME }, cursor: null });
    expect(requests[3]!.query).toBe(DOCUMENTS.createPolicy);
    expect(requests[3]!.variables).toEqual({ accountId: ACCOUNT, policy: { name: NAME, incidentPreference: 'PER_CONDITION' } });
    expect(requests[4]!.variables).toEqual({ accountId: ACCOUNT, searchCriteria: { policyId: '42' }, cursor: null });
    unit!.conditions.forEach((condition, i) => {
      expect(requests[5 + i]!.query).toBe(DOCUMENTS.createCondition);
      expect(requests[5 + i]!.variables).toEqual({ accountId: ACCOUNT, policyId: '42', condition });
    });
  });

  it('updates what exists, found by name across pages, and creates only what is missing', async () => {
    fake()
      .data('PavedFindDashboard', ng.entities([{ guid: 'PAGE-1', name: NAME, dashboardParentGuid: 'DASH-9' }, { guid: 'OTHER', name: `${NAME} copy`, dashboardParentGuid: null }], 'c1'))
      .data('PavedFindDashboard', ng.entities([{ guid: 'DASH-9', name: NAME, dashboardParentGuid: null }]))
      .data('PavedUpdateDashboard', ng.dashboard('dashboardUpdate', 'DASH-9', NAME))
      .data('PavedFindPolicy', ng.policies([{ id: '7', name: 'payments/orders-api (dev)' }, { id: '8', name: NAME.toUpperCase() }]))
      .data('PavedListConditions', ng.conditions([{ id: '201', name: CONDITIONS[0]!, type: 'STATIC' }, { id: '202', name: CONDITIONS[1]!, type: 'STATIC' }], 'n1'))
      .data('PavedListConditions', ng.conditions([{ id: '204', name: CONDITIONS[3]!, type: 'STATIC' }, { id: '299', name: 'hand-made', type: 'STATIC' }]))
      .data('PavedUpdateCondition', ng.conditionUpdated('201', CONDITIONS[0]!))
      .data('PavedUpdateCondition', ng.conditionUpdated('202', CONDITIONS[1]!))
      .data('PavedCreateCondition', ng.conditionCreated('203', CONDITIONS[2]!))
      .data('PavedUpdateCondition', ng.conditionUpdated('204', CONDITIONS[3]!));

    const [result] = (await applyObservability(files, options())).results;

    expect(result).toMatchObject({ outcome: 'applied', dashboard: { guid: 'DASH-9', action: 'updated' }, policy: { id: '8', action: 'existing' } });
    expect(result!.conditions.map((c) => [c.id, c.action])).toEqual([['201', 'updated'], ['202', 'updated'], ['203', 'created'], ['204', 'updated']]);
    const requests = fake().requests;
    expect(requests[1]!.variables.cursor).toBe('c1');
    expect(requests[2]!.query).toBe(DOCUMENTS.updateDashboard);
    expect(requests[2]!.variables).toEqual({ guid: 'DASH-9', dashboard: unit!.dashboard });
    expect(requests[5]!.variables).toEqual({ accountId: ACCOUNT, searchCriteria: { policyId: '8' }, cursor: 'n1' });
    expect(requests[6]!.query).toBe(DOCUMENTS.updateCondition);
    expect(requests[6]!.variables).toEqual({ accountId: ACCOUNT, id: '201', condition: unit!.conditions[0] });
    expect(requests[8]!.variables).toEqual({ accountId: ACCOUNT, policyId: '8', condition: unit!.conditions[2] });
    expect(requests.some((r) => r.operation === 'PavedCreatePolicy')).toBe(false);
  });

  it('maps GraphQL errors to an ExternalServiceError naming what failed, and goes on with the next component', async () => {
    const both = [...files, ...renderObservabilityFiles(component({ component: 'web' }))];
    // Units run in path order: orders-api, then web.
    fake()
      .data('PavedFindDashboard', ng.entities([]))
      .on('PavedCreateDashboard', { body: { data: null, errors: [{ message: 'Argument "dashboard" has an invalid value' }] } })
      .data('PavedFindDashboard', ng.entities([]))
      .data('PavedCreateDashboard', ng.dashboard('dashboardCreate', 'DASH-W', 'payments/web (prod)'))
      .data('PavedFindPolicy', ng.policies([]))
      .on('PavedCreatePolicy', { body: { errors: [{ message: 'Access denied' }, { message: 'try again' }] } });

    const { results } = await applyObservability(both, options());

    expect(results.map((r) => [r.component, r.outcome])).toEqual([['orders-api', 'failed'], ['web', 'failed']]);
    expect(results[0]!.error).toBeInstanceOf(ExternalServiceError);
    expect(results[0]!.error!.message).toBe(`NerdGraph failed creating dashboard '${NAME}': Argument "dashboard" has an invalid value`);
    expect(results[0]!.error!.details).toMatchObject({ operation: 'PavedCreateDashboard' });
    expect(results[1]).toMatchObject({ dashboard: { guid: 'DASH-W', action: 'created' } });
    expect(results[1]!.error!.message).toBe("NerdGraph failed creating alert policy 'payments/web (prod)': Access denied; try again");
  });

  it("maps a dashboard mutation's own errors to an ExternalServiceError", async () => {
    fake()
      .data('PavedFindDashboard', ng.entities([]))
      .data('PavedCreateDashboard', { dashboardCreate: { entityResult: null, errors: [{ type: 'INVALID_INPUT', description: 'widget layout out of bounds' }] } });
    const [result] = (await applyObservability(files, options())).results;
    expect(result!.error).toBeInstanceOf(ExternalServiceError);
    expect(result!.error!.message).toBe(`NerdGraph failed creating dashboard '${NAME}': INVALID_INPUT: widget layout out of bounds`);
  });

  it('reports a refused key as a PermissionError without the key in it', async () => {
    fake().on('PavedFindDashboard', { status: 401, body: { errors: [{ message: 'Unauthorized' }] } });
    const [result] = (await applyObservability(files, options())).results;
    expect(result!.error).toBeInstanceOf(PermissionError);
    expect(result!.error!.message).toMatch(new RegExp(`^NerdGraph refused the API key \\(HTTP 401\\) while looking up dashboard '${NAME.replace(/[()]/g, '\\$&')}'`));
    expect(result!.error!.message).not.toContain(API_KEY);
  });

  it('refuses to turn a baseline condition of the same name into a static one', async () => {
    fake()
      .data('PavedFindDashboard', ng.entities([{ guid: 'DASH-9', name: NAME }]))
      .data('PavedUpdateDashboard', ng.dashboard('dashboardUpdate', 'DASH-9', NAME))
      .data('PavedFindPolicy', ng.policies([{ id: '8', name: NAME }]))
      .data('PavedListConditions', ng.conditions([{ id: '201', name: CONDITIONS[0]!, type: 'BASELINE' }]));
    const [result] = (await applyObservability(files, options())).results;
    expect(result!.error).toBeInstanceOf(ConflictError);
    expect(result!.error!.message).toMatch(/'orders-api-prod: error rate' .* is a BASELINE condition; delete it in NewRelic/);
  });
});

describe('applyObservability when NerdGraph cannot be reached', () => {
  it('fails with an ExternalServiceError naming the endpoint', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    await new Promise((resolve) => server.close(resolve));
    const [result] = (await applyObservability(files, { apiKey: API_KEY, accountId: ACCOUNT, endpoint })).results;
    expect(result!.error).toBeInstanceOf(ExternalServiceError);
    expect(result!.error!.message).toContain(`NerdGraph at ${endpoint} could not be reached while looking up dashboard`);
  });
});
