import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { Run } from '../run.js';

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port must be a number from 0 to 65535, not '${value}'`, { port: value });
  return port;
}

/** `paved forge serve`: the local forge's git endpoint and API on loopback, until interrupted. */
export function registerForgeCommands(program: Command, run: Run): void {
  const forge = program.command('forge').description('the local forge: git over HTTP, pull requests, events');
  forge
    .command('serve')
    .description("serve the local forge's git endpoint and API (default port: the one in paved.yaml forge.url)")
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(
      run(async (flags: { port?: string; host: string }, json: boolean) => {
        const { openPlatform } = await import('../../platform/platform.js');
        const { startServer } = await import('../../server/server.js');
        const platform = await openPlatform(forge.optsWithGlobals().workspace as string | undefined);
        const configured = Number(new URL(platform.workspace.config.forge.url).port || 80);
        const server = await startServer(platform, { port: parsePort(flags.port, configured), host: flags.host });
        const ready = { url: server.url, api: `${server.url}/api/`, git: `${server.url}/<owner>/<repo>.git`, workspace: platform.workspace.dir };
        process.stdout.write(json ? `${JSON.stringify(ready)}\n` : `Local forge serving ${server.url}\n  git: ${ready.git}\n  api: ${ready.api}\nCtrl-C to stop.\n`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
        await platform.close();
        return { data: { stopped: true }, human: 'stopped' };
      }),
    );
}
