import type { Prompter } from './questions/index.js';

/** What every template operation accepts; the CLI flags map onto these one to one. */
export interface CommonOptions {
  /** Answers given up front (`--data`, `--data-file`): they win over prompts, recorded answers and defaults. */
  data?: Record<string, unknown>;
  /** Never prompt: use recorded answers, then defaults (`--defaults`). */
  defaults?: boolean;
  /** Tag, branch or commit of the template to use (`--vcs-ref`); default: the latest version tag. */
  vcsRef?: string;
  /** Allow `_tasks` and `_migrations` to run commands (`--trust`). */
  trust?: boolean;
  skipTasks?: boolean;
  /** Show what would change without writing (`--pretend`). */
  pretend?: boolean;
  /** The project's answers file, relative to it (`--answers-file`); monorepo subprojects each have their own. */
  answersFile?: string;
  prereleases?: boolean;
  exclude?: string[];
  skipIfExists?: string[];
  prompter?: Prompter;
  /** Task and migration output; defaults to stderr. */
  output?: NodeJS.WritableStream;
  /** Base folder for relative template paths. */
  cwd?: string;
}

export type FileAction = 'create' | 'overwrite' | 'identical' | 'skip' | 'update' | 'merge' | 'conflict' | 'delete' | 'rename';

export interface FileChange {
  path: string;
  action: FileAction;
  /** For renames: the old path. For conflicts: why. */
  note?: string;
}

export interface OperationResult {
  operation: 'copy' | 'update' | 'recopy';
  src: string;
  dst: string;
  /** `_commit` written to the answers file. */
  commit?: string;
  version?: string;
  previousCommit?: string;
  pretend: boolean;
  files: FileChange[];
  conflicts: string[];
  answers: Record<string, unknown>;
  warnings: string[];
  messages: string[];
  tasks: string[];
}
