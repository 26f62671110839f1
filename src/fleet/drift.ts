/**
 * Drift: where each component stands against its template's newest version tag. Each template is
 * opened once per run, however many components use it.
 */
import { templateName } from '../catalog/enrichment.js';
import { openTemplate, type TemplateRepo, type TemplateSnapshot } from '../template/index.js';
import { compareVersions, isPrerelease, isVersionTag, latestVersionTag, versionOfDescribe } from '../template/version.js';
import type { ComponentStatus, FleetComponent } from './types.js';

export interface TemplateInfo {
  src: string;
  /** Version tags, newest first, without pre-releases. */
  tags: string[];
  repo?: TemplateRepo;
  problem?: string;
}

/** Opens templates by `_src_path`, once each; `sourceFor` maps a recorded source to a faster local copy. */
export class TemplateIndex {
  private readonly opened = new Map<string, Promise<TemplateInfo>>();
  private readonly snapshots = new Map<string, Promise<TemplateSnapshot>>();
  constructor(private readonly sourceFor: (src: string) => string = (s) => s) {}

  get(src: string): Promise<TemplateInfo> {
    let info = this.opened.get(src);
    if (!info) {
      info = (async (): Promise<TemplateInfo> => {
        try {
          const repo = await openTemplate(this.sourceFor(src), process.cwd(), undefined);
          const tags = (await repo.tags()).filter((t) => isVersionTag(t) && !isPrerelease(t)).sort((a, b) => compareVersions(b, a));
          return { src, tags, repo };
        } catch (error) {
          return { src, tags: [], problem: (error as Error).message };
        }
      })();
      this.opened.set(src, info);
    }
    return info;
  }

  /** One version of an opened template, read once per run however many components ask for it. */
  snapshot(info: TemplateInfo & { repo: TemplateRepo }, tag: string): Promise<TemplateSnapshot> {
    const key = `${info.src}\0${tag}`;
    let snapshot = this.snapshots.get(key);
    if (!snapshot) {
      snapshot = info.repo.snapshot(tag);
      this.snapshots.set(key, snapshot);
    }
    return snapshot;
  }

  close(): void {
    for (const info of this.opened.values()) void info.then((i) => i.repo?.close());
  }
}

export async function statusOf(component: FleetComponent, index: TemplateIndex): Promise<ComponentStatus> {
  const base: ComponentStatus = {
    component: component.component,
    repo: component.repo.fullName,
    path: component.path,
    answersFile: component.answersFile,
    ...(component.team ? { team: component.team } : {}),
    ...(component.src ? { src: component.src, template: templateName(component.src) } : {}),
    state: 'broken',
  };
  if (component.problem || !component.src || !component.commit) return { ...base, problem: component.problem ?? 'broken answers file' };
  const version = versionOfDescribe(component.commit) ?? component.commit;
  const info = await index.get(component.src);
  if (info.problem) return { ...base, version, state: 'unknown-template', problem: info.problem };
  const latestTag = latestVersionTag(info.tags);
  if (!latestTag) return { ...base, version, state: 'unknown-template', problem: `template ${component.src} has no version tags` };
  const latest = versionOfDescribe(latestTag)!;
  const current = versionOfDescribe(component.commit);
  // A commit that is no version (a branch build) counts as behind every release.
  const newer = info.tags.filter((t) => !current || compareVersions(versionOfDescribe(t)!, current) > 0);
  return { ...base, version, latest, behindBy: newer.length, state: newer.length > 0 ? 'behind' : 'current' };
}
