import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { Run } from '../run.js';

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port must be a number from 0 to 65535, not '${value}'`, { port: value });
  return port;
}

interface ServeFlags {
  port?: string;
  host: string;
}

/** Serves the workspace until SIGINT/SIGTERM; prints the URLs first (one JSON line with --json). */
async function serve(workspaceDir: string | undefined, flags: ServeFlags, json: boolean, what: string) {
  const { openPlatform } = await import('../../platform/platform.js');
  const { startServer } = await import('../../server/server.js');
  const platform = await openPlatform(workspaceDir);
  const configured = Number(new URL(platform.workspace.config.forge.url).port || 80);
  const port = parsePort(flags.port, configured);
  const server = await startServer(platform, { port, host: flags.host }).catch(async (error: unknown) => {
    await platform.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new InputError(`port ${port} on ${flags.host} is taken (another paved start?); stop it, or pass --port N (0 picks a free one)`, { port });
    }
    throw error;
  });
  const { writeServerRecord, clearServerRecord } = await import('../../platform/server-record.js');
  const { tokenFile, cliActor } = await import('../../platform/platform.js');
  writeServerRecord(platform.workspace.dataDir, server.url);
  const adminToken = tokenFile(platform.workspace.dataDir, cliActor(platform.workspace));
  const ready = { url: server.url, api: `${server.url}/api/`, openapi: `${server.url}/api/openapi.json`, git: `${server.url}/<owner>/<repo>.git`, workspace: platform.workspace.dir, adminToken };
  process.stdout.write(
    json
      ? `${JSON.stringify(ready)}\n`
      : `${what} serving ${server.url}  (workspace ${ready.workspace})\n  git: ${ready.git}\n  api: ${ready.api}  (health: ${ready.api}health, OpenAPI: ${ready.openapi})\n` +
          `  admin token: ${adminToken}  (send it as "Authorization: Bearer <token>")\n` +
          `  try: git clone ${server.url}/${platform.workspace.config.organisation}/gitops.git\nCtrl-C to stop.\n`,
  );
  // Everything it may load later, now (see preloadReleaseEngines); a failure shows at first use.
  void import('../../platform/releases.js').then((m) => m.preloadReleaseEngines()).catch(() => undefined);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearServerRecord(platform.workspace.dataDir);
  await server.close();
  await platform.close();
  return { data: { stopped: true }, human: 'stopped' };
}

/** `paved forge serve` and `paved start`: the local forge's git endpoint and API on loopback, until interrupted. */
export function registerForgeCommands(program: Command, run: Run): void {
  const forge = program.command('forge').description('the local forge: git over HTTP, pull requests, events');
  forge
    .command('serve')
    .description("serve the local forge's git endpoint and API (default port: the one in paved.yaml forge.url)")
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(run(async (flags: ServeFlags, json: boolean) => serve(forge.optsWithGlobals().workspace as string | undefined, flags, json, 'Local forge')));
  program
    .command('start')
    .description('run the platform on loopback: the API and the local forge (the portal comes later); prints the URLs')
    .option('-p, --port <port>', 'port to listen on (default: the one in paved.yaml forge.url; 0 picks a free one)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(run(async (flags: ServeFlags, json: boolean) => serve(program.opts().workspace as string | undefined, flags, json, 'Paved')));
}
