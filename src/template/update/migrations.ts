import type { MigrationSpec } from '../config/types.js';
import type { RunnableTask } from '../tasks.js';
import { compareVersions, isVersionTag, versionOfDescribe } from '../version.js';

export type Stage = 'before' | 'after';

/** Migrations that apply when going from `from` to `to`: from < version <= to (or no version), in file order, as Copier selects them. */
export function applicableMigrations(migrations: MigrationSpec[], from: string | undefined, to: string | undefined): MigrationSpec[] {
  if (!from || !to) return [];
  const low: string = from;
  const high: string = to;
  return migrations.filter((m) => {
    if (m.version === undefined) return true; // Copier 9: a migration without a version runs on every update
    return isVersionTag(m.version) && compareVersions(m.version, low) > 0 && compareVersions(m.version, high) <= 0;
  });
}

/**
 * The migrations of one stage as tasks; Copier 9's form decides the stage with `when` and
 * `_stage`, defaulting to after. Each carries its own version as `VERSION_CURRENT` and
 * `_version_current`, as Copier passes them.
 */
export function migrationTasks(migrations: MigrationSpec[], stage: Stage): RunnableTask[] {
  return migrations
    .filter((m) => (m.stage ? m.stage === stage : true))
    .map((m) => {
      const pep440 = m.version ? (versionOfDescribe(m.version) ?? '') : '';
      const env: Record<string, string> = m.version ? { VERSION_CURRENT: m.version, VERSION_PEP440_CURRENT: pep440 } : {};
      return {
        command: m.command,
        workingDirectory: m.workingDirectory,
        when: m.stage ? m.when : (m.when ?? "{{ _stage == 'after' }}"),
        env,
        context: m.version ? { _version_current: m.version, _version_pep440_current: pep440 } : {},
      };
    });
}
