/** The fleet's words: a component is one answers file in one repository (a monorepo has several). */
import type { RepoRef } from '../forge/types.js';

export interface FleetComponent {
  /** The catalog name next to the answers file, else the subproject folder's or the repository's name. */
  component: string;
  repo: RepoRef & { fullName: string; defaultBranch: string };
  /** The subproject's folder in the repository ('' at the root). */
  path: string;
  /** The answers file, relative to the repository root. */
  answersFile: string;
  /** The owning team (the catalog owner's name), when known. */
  team?: string;
  /** `_src_path` and `_commit` as recorded; absent when the file is broken. */
  src?: string;
  commit?: string;
  /** Why the answers file cannot be used. */
  problem?: string;
}

export type FleetState = 'current' | 'behind' | 'unknown-template' | 'broken';

export interface ComponentStatus {
  component: string;
  repo: string;
  path: string;
  answersFile: string;
  team?: string;
  template?: string;
  src?: string;
  /** The version the component is on (PEP 440), or its recorded commit when it is no version. */
  version?: string;
  /** The template's newest version tag. */
  latest?: string;
  /** How many released versions it is behind. */
  behindBy?: number;
  state: FleetState;
  problem?: string;
  pullRequest?: { number: number; url: string; state: string; conflicted: boolean };
}

export type SyncOutcome = 'opened' | 'updated' | 'unchanged' | 'current' | 'conflicted' | 'skipped' | 'failed';

export interface SyncResult {
  component: string;
  repo: string;
  path: string;
  outcome: SyncOutcome;
  from?: string;
  to?: string;
  pullRequest?: { number: number; url: string };
  conflicts?: string[];
  /** Why it was skipped or failed. */
  error?: string;
}
