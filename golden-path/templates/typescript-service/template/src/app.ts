/**
 * The HTTP surface. `/healthz` answers as long as the process can serve (Kubernetes restarts it
 * otherwise); `/readyz` answers only while it should get traffic, so a shutting-down pod leaves
 * the load balancer before it stops listening.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Logger } from './logger.js';

export interface AppState {
  ready: boolean;
}

export interface AppOptions {
  service: string;
  version: string;
  logger: Logger;
  state: AppState;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export function createApp(options: AppOptions): http.Server {
  const { logger, state } = options;
  const routes: Record<string, Route> = {
    '/healthz': (_req, res) => send(res, 200, { status: 'ok' }),
    '/readyz': (_req, res) => send(res, state.ready ? 200 : 503, { status: state.ready ? 'ready' : 'not ready' }),
    '/': (_req, res) => send(res, 200, { service: options.service, version: options.version }),
  };
  return http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    res.on('finish', () => {
      // Probes every few seconds would drown the useful lines.
      if (req.url === '/healthz' || req.url === '/readyz') return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info('request', { requestId, method: req.method, path: req.url, status: res.statusCode, durationMs: Math.round(ms * 100) / 100 });
    });
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes[path];
    if (!route) return send(res, 404, { error: `no route ${path}` });
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: `${req.method} is not allowed on ${path}` });
    try {
      route(req, res);
    } catch (error) {
      logger.error('request failed', { requestId, error });
      if (!res.headersSent) send(res, 500, { error: 'internal error', requestId });
    }
  });
}
