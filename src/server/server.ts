/**
 * `paved start` and `paved forge serve`: one HTTP server on loopback for the local forge's git
 * endpoint, the API and the portal, the catalog kept current by following pushes while it runs, and the
 * release pull requests and tags of repositories with a release-please config (src/platform/releases.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleGit, isGitRequest } from '../forge/local/git-http.js';
import { followPushes } from '../platform/catalog.js';
import { dataPaths, type Platform } from '../platform/platform.js';
import { followReleases } from '../platform/releases.js';
import { allowsAnonymousRead, handleApi } from './api.js';
import { sendError, sendJson } from './http.js';
import { createPortal } from './portal.js';

export interface ServeOptions {
  port: number;
  host?: string;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startServer(platform: Platform, options: ServeOptions): Promise<RunningServer> {
  const anonymousRead = allowsAnonymousRead(platform.workspace.config);
  const reposDir = dataPaths(platform.workspace.dataDir).repos;
  // Pushes made while no server ran (or cut short) are caught up before serving.
  for (const row of await platform.store.db.selectFrom('repositories').selectAll().execute()) await platform.forge.syncRefs(row, row.owner);
  // Clone URLs and links name the port the server actually listens on.
  let forge = platform.forge;
  const portal = createPortal();
  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    const work = isGitRequest(pathname)
      ? handleGit(req, res, { store: platform.store, forge, reposDir, anonymousRead })
      : pathname.startsWith('/api/')
        ? handleApi(req, res, { platform, forge })
        : Promise.resolve(portal?.handle(req, res) || sendJson(res, 404, { error: { code: 'not-found', message: `nothing at ${pathname}; the API is under /api/, repositories at /<owner>/<repo>.git, the portal at /` } }));
    work.catch((error: unknown) => {
      if (!res.headersSent) sendError(res, error);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}`;
  forge = platform.forge.at(url);
  const following = follow({ ...platform, forge });
  return {
    server,
    url,
    close: async () => {
      following.stop();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      // A refresh under way finishes first: the store must not close beneath it.
      await following.done;
    },
  };
}

/** The catalog and the release automation follow events until stopped; a failure ends the following, never the server. */
function follow(platform: Platform): { stop(): void; done: Promise<void> } {
  const controller = new AbortController();
  const catalog = followPushes(platform, controller.signal).catch((error: unknown) => {
    process.stderr.write(`paved: the catalog stopped following pushes: ${(error as Error).message}; restart paved start to resume\n`);
  });
  const releases = followReleases(platform, controller.signal).catch((error: unknown) => {
    process.stderr.write(`paved: the release automation stopped: ${(error as Error).message}; restart paved start to resume\n`);
  });
  return { stop: () => controller.abort(), done: Promise.all([catalog, releases]).then(() => undefined) };
}
