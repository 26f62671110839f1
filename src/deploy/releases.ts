/**
 * Which version of a component runs in which environment: `releases/<component>.yaml` in the
 * GitOps repo, changed only by promotions (reviewed pull requests). An environment without a
 * pinned version runs the component's newest release.
 */
import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors.js';

const ReleasesSchema = z.strictObject({
  component: z.string().min(1),
  versions: z.record(z.string(), z.string().min(1)).default({}),
});

export type Releases = z.infer<typeof ReleasesSchema>;

export function releasesPath(component: string): string {
  return `releases/${component}.yaml`;
}

export function parseReleases(text: string, file: string): Releases {
  const doc = parseDocument(text);
  if (doc.errors[0]) throw new InputError(`${file}: not valid YAML (${doc.errors[0].message.split('\n')[0]}); fix it in the GitOps repo`, { file });
  const parsed = ReleasesSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}; fix it in the GitOps repo`, { file });
  }
  return parsed.data;
}

export function releasesContent(releases: Releases, environments: string[]): string {
  // Environments in promotion order, so a diff reads top to bottom.
  const ordered = Object.fromEntries(
    Object.entries(releases.versions).sort(([a], [b]) => {
      const ia = environments.indexOf(a);
      const ib = environments.indexOf(b);
      return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || (a < b ? -1 : 1);
    }),
  );
  return `# Versions per environment, changed by 'paved deploy promote' pull requests.\n${stringify({ component: releases.component, versions: ordered }, { version: '1.1' })}`;
}
