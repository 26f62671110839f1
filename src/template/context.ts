import path from 'node:path';
import type { JinjaContext } from './jinja/types.js';
import type { CommonOptions } from './options.js';

export type Operation = 'copy' | 'update' | 'recopy';

export interface ContextInput {
  operation: Operation;
  src: string;
  dst: string;
  answersFile: string;
  vcsRef?: string;
  commit?: string;
  data: Record<string, unknown>;
  flags: ReturnType<typeof flagsOf>;
}

const OS_NAMES: Record<string, string> = { linux: 'linux', darwin: 'macos', win32: 'windows' };

/**
 * The variables Copier gives every template besides the answers: `_copier_conf` (the run's
 * settings, named as Copier names them), `_folder_name`, `_copier_operation`, `_copier_phase`.
 */
export function baseContext(input: ContextInput): JinjaContext {
  const { flags } = input;
  return {
    _copier_conf: {
      answers_file: input.answersFile,
      src_path: input.src,
      dst_path: path.resolve(input.dst),
      vcs_ref: input.vcsRef ?? null,
      vcs_ref_hash: input.commit ?? null,
      data: input.data,
      defaults: flags.defaults,
      overwrite: flags.overwrite,
      pretend: flags.pretend,
      quiet: false,
      unsafe: flags.trust,
      skip_tasks: flags.skipTasks,
      skip_answered: flags.skipAnswered,
      use_prereleases: flags.prereleases,
      conflict: flags.conflict,
      context_lines: 3,
      exclude: flags.exclude,
      skip_if_exists: flags.skipIfExists,
      cleanup_on_error: true,
      sep: '/',
      os: OS_NAMES[process.platform] ?? process.platform,
    },
    _folder_name: path.basename(path.resolve(input.dst)),
    _copier_operation: input.operation === 'recopy' ? 'copy' : input.operation,
    _copier_phase: 'render',
  };
}

/** The run's settings as `_copier_conf` reports them, defaulted from the operation's options. */
export function flagsOf(o: CommonOptions & { overwrite?: boolean; skipAnswered?: boolean; conflict?: 'inline' | 'rej' }) {
  return {
    defaults: o.defaults ?? false,
    overwrite: o.overwrite ?? false,
    pretend: o.pretend ?? false,
    trust: o.trust ?? false,
    skipTasks: o.skipTasks ?? false,
    skipAnswered: o.skipAnswered ?? false,
    prereleases: o.prereleases ?? false,
    conflict: o.conflict ?? 'inline',
    exclude: o.exclude ?? [],
    skipIfExists: o.skipIfExists ?? [],
  };
}
