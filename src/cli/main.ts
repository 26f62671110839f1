import { Command, CommanderError, type OutputConfiguration } from 'commander';
import { registerDeployCommands } from './commands/deploy.js';
import { registerFleetCommands } from './commands/fleet.js';
import { registerForgeCommands } from './commands/forge.js';
import { registerCatalogCommands } from './commands/catalog.js';
import { registerInfraCommands } from './commands/infra.js';
import { registerInit } from './commands/init.js';
import { registerNew } from './commands/new.js';
import { registerNamespaceCommands } from './commands/namespace.js';
import { registerObservabilityCommands } from './commands/observability.js';
import { registerOrgCommands } from './commands/org.js';
import { registerReleaseCommands } from './commands/release.js';
import { registerTemplateCommands } from './commands/template/index.js';
import { EXIT, reportError } from './exit.js';
import { runner } from './run.js';
import pkg from '../../package.json' with { type: 'json' };


export function buildProgram(output: OutputConfiguration = {}): Command {
  const program = new Command('paved')
    .description('Paved: the paved road from an empty repo to a released, deployed, monitored service')
    .version(pkg.version, '-V, --version')
    .option('--json', 'print one JSON document instead of human-readable output')
    .option('--workspace <dir>', 'platform workspace (default: $PAVED_HOME, else the nearest folder upwards holding paved.yaml)')
    .configureOutput(output)
    .exitOverride();
  const run = runner();
  registerInit(program, run);
  registerTemplateCommands(program, run);
  registerNew(program, run);
  registerCatalogCommands(program, run);
  registerFleetCommands(program, run);
  registerForgeCommands(program, run);
  registerDeployCommands(program, run);
  registerNamespaceCommands(program, run);
  registerObservabilityCommands(program, run);
  registerReleaseCommands(program, run);
  registerInfraCommands(program, run);
  registerOrgCommands(program, run);
  return program;
}

/**
 * Whether the command line asks for JSON. Read from the raw arguments because a usage error can
 * stop commander before it has parsed the options.
 */
function wantsJson(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--json');
}

// A reader that stops early (`paved release plan | head`) closes the pipe. Instead of dying on
// the write with a stack trace, later writes go nowhere and the command finishes its work (its
// clean-ups included) with its own exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stream.write = (() => true) as typeof stream.write;
  });
}

const json = wantsJson(process.argv.slice(2));
// Usage errors are reported by reportError like every other error (one line, or one JSON
// document), so commander prints none itself; with --json, stderr also gets no help text.
const program = buildProgram({ outputError: () => {}, ...(json ? { writeErr: () => {} } : {}) });
try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Help and the version end in a CommanderError with exit code 0; everything else is a failure.
  process.exitCode = error instanceof CommanderError && error.exitCode === 0 ? EXIT.ok : reportError(error, json);
}
