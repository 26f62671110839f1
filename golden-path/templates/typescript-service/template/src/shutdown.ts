/**
 * Graceful shutdown on SIGTERM (what Kubernetes sends): stop being ready, stop accepting
 * connections, let requests in flight finish, and close what is left after the timeout.
 */
import type http from 'node:http';
import type { AppState } from './app.js';
import type { Logger } from './logger.js';

export async function shutdown(server: http.Server, state: AppState, logger: Logger, timeoutMs: number): Promise<void> {
  state.ready = false;
  logger.info('shutting down', { timeoutMs });
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([closed.then(() => 'closed' as const), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    logger.warn('shutdown timed out; closing open connections');
    server.closeAllConnections();
    await closed;
  }
  logger.info('stopped');
}
