import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createApp, type AppState } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { shutdown } from './shutdown.js';

const lines: string[] = [];
const logger = createLogger('debug', { service: 'test' }, (line) => lines.push(line));

describe('http endpoints', () => {
  const state: AppState = { ready: true };
  const server = createApp({ service: 'svc', version: '1.2.3', logger, state });
  let base = '';
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('health answers ok', async () => {
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  test('readiness follows the state', async () => {
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    state.ready = false;
    assert.equal((await fetch(`${base}/readyz`)).status, 503);
    state.ready = true;
  });

  test('the root names the service and version, and the request is logged as JSON', async () => {
    const res = await fetch(`${base}/`, { headers: { 'x-request-id': 'abc' } });
    assert.deepEqual(await res.json(), { service: 'svc', version: '1.2.3' });
    assert.equal(res.headers.get('x-request-id'), 'abc');
    const entry = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.requestId === 'abc');
    assert.equal(entry?.msg, 'request');
    assert.equal(entry?.status, 200);
    assert.equal(entry?.service, 'test');
  });

  test('unknown paths and methods get JSON errors', async () => {
    assert.equal((await fetch(`${base}/nope`)).status, 404);
    assert.equal((await fetch(`${base}/`, { method: 'POST' })).status, 405);
  });
});

describe('config', () => {
  test('defaults apply and bad values name the variable', () => {
    assert.equal(loadConfig({}, { service: 's', version: '1', port: 8080 }).port, 8080);
    assert.throws(() => loadConfig({ PORT: 'eighty' }, { service: 's', version: '1', port: 8080 }), ConfigError);
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }, { service: 's', version: '1', port: 8080 }), /LOG_LEVEL/);
  });
});

describe('graceful shutdown', () => {
  test('becomes unready, lets a request in flight finish, then stops', async () => {
    const state: AppState = { ready: true };
    const server = createApp({ service: 'svc', version: '1', logger, state });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const inFlight = fetch(`http://127.0.0.1:${port}/`);
    // Wait until the server has the request, so the shutdown really has one in flight.
    await new Promise<void>((resolve) => server.once('request', () => resolve()));
    await shutdown(server, state, logger, 5_000);
    assert.equal(state.ready, false);
    assert.equal((await inFlight).status, 200);
    assert.equal(server.listening, false);
  });
});
