/**
 * Enrichment for the components of one repository: the template each was made from (the nearest
 * answers file), its latest release, and what the caller says runs in each environment.
 */
import { isPavedError } from '../errors.js';
import type { Forge, Repository } from '../forge/types.js';
import { latestRelease, nearestAnswersFile, templateFromAnswers, type Enrichment, type TemplateInfo } from './enrichment.js';
import type { FileProblem, RepositoryCatalog } from './forge-source.js';
import { normalizeEntityRef } from './ref.js';
import { entityRef } from './relations.js';

/** Component (a ref, or a bare component name) → environment → version running there. */
export type Deployments = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The annotation a template writes into catalog-info.yaml to name itself. */
export const TEMPLATE_ANNOTATION = 'paved.dev/template';

export interface ComponentEnrichment {
  byRef: Record<string, Enrichment>;
  problems: FileProblem[];
}

export async function enrichComponents(forge: Forge, repo: Repository, read: RepositoryCatalog, deployments: Deployments = {}): Promise<ComponentEnrichment> {
  const components = read.entities.filter((e) => e.entity.kind === 'Component');
  const result: ComponentEnrichment = { byRef: {}, problems: [] };
  if (components.length === 0) return result;
  const releases = await forge.listReleases(repo);
  const running = new Map(Object.entries(deployments).map(([key, envs]) => [normalizeEntityRef(key, { defaultKind: 'Component' }), envs]));
  const templates = new Map<string, TemplateInfo | undefined>();
  for (const { entity, file } of components) {
    const ref = entityRef(entity);
    const answersFile = nearestAnswersFile(file, read.answersFiles);
    let template: TemplateInfo | undefined;
    if (answersFile) {
      if (!templates.has(answersFile)) templates.set(answersFile, await readTemplate(forge, repo, answersFile, result.problems));
      const recorded = templates.get(answersFile);
      const annotated = entity.metadata.annotations?.[TEMPLATE_ANNOTATION];
      template = recorded && { ...recorded, name: annotated || recorded.name };
    }
    const release = latestRelease(releases, entity.metadata.name);
    const environments = running.get(ref);
    const enrichment: Enrichment = { ...(template ? { template } : {}), ...(release ? { latestRelease: release } : {}), ...(environments ? { environments: { ...environments } } : {}) };
    if (Object.keys(enrichment).length > 0) result.byRef[ref] = enrichment;
  }
  return result;
}

async function readTemplate(forge: Forge, repo: Repository, file: string, problems: FileProblem[]): Promise<TemplateInfo | undefined> {
  const content = await forge.readFile(repo, file);
  if (!content) return undefined;
  try {
    return templateFromAnswers(content.data.toString('utf8'), file);
  } catch (error) {
    if (!isPavedError(error)) throw error;
    problems.push({ location: file, message: error.message });
    return undefined;
  }
}
