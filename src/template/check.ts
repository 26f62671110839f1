import path from 'node:path';
import { readAnswersFile, requireSource } from './project/answers-file.js';
import { openTemplate } from './source/index.js';
import { compareVersions, latestVersionTag, versionOfDescribe } from './version.js';

export interface CheckOptions {
  dst: string;
  answersFile?: string;
  prereleases?: boolean;
  cwd?: string;
}

/** Field names follow Copier's `check-update --output-format json`, so existing scripts keep working. */
export interface CheckResult {
  update_available: boolean;
  current_version: string | null;
  latest_version: string | null;
  /** `_commit` as recorded, and the tag of the latest version. */
  current_commit: string | null;
  latest_tag: string | null;
  src_path: string;
}

/** `paved template check`: is a newer template version than the project's available? Fleet runs call this per component. */
export async function checkProject(options: CheckOptions): Promise<CheckResult> {
  const dst = path.resolve(options.cwd ?? process.cwd(), options.dst);
  const recorded = await readAnswersFile(dst, options.answersFile);
  const srcPath = requireSource(recorded);
  const repo = await openTemplate(srcPath, dst);
  const latestTag = latestVersionTag(await repo.tags(), { prereleases: options.prereleases });
  const latest = latestTag ? (versionOfDescribe(latestTag) ?? null) : null;
  const current = recorded.commit ? (versionOfDescribe(recorded.commit) ?? null) : null;
  return {
    update_available: latest !== null && (current === null || compareVersions(latest, current) > 0),
    current_version: current,
    latest_version: latest,
    current_commit: recorded.commit ?? null,
    latest_tag: latestTag ?? null,
    src_path: srcPath,
  };
}
