import { Command, CommanderError } from 'commander';
import { registerTemplateCommands } from './commands/template/index.js';
import { EXIT } from './exit.js';
import { runner } from './run.js';
import pkg from '../../package.json' with { type: 'json' };


export function buildProgram(): Command {
  const program = new Command('paved')
    .description('Paved: the paved road from an empty repo to a released, deployed, monitored service')
    .version(pkg.version, '-V, --version')
    .option('--json', 'print one JSON document instead of human-readable output')
    .option('--workspace <dir>', 'platform workspace (default: $PAVED_HOME, else the nearest folder upwards holding paved.yaml)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerTemplateCommands(program, runner());
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  // Commander has already printed usage errors, help and the version; map them to the contract's codes.
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.failure;
  } else throw error;
}
