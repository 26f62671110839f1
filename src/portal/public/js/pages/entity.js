/* global TextDecoder, atob */
/**
 * One catalog entity with its relations; for a component made on the platform also what the
 * platform knows around it: repository, template drift, pull requests, releases, what runs where,
 * and its ArgoCD objects, dashboards and alerts in the GitOps repository.
 */
import { get, qs } from '../api.js';
import { badge, entityLink, facts, h, link, replace, shortRef, table, when } from '../dom.js';

/** @param {import('../main.js').Ctx} ctx */
export async function entityPage(ctx) {
  const [kind, namespace, name] = ctx.params;
  const entity = await get(`/catalog/${encodeURIComponent(kind)}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`);
  const spec = entity.entity.spec ?? {};
  const title = entity.title ?? entity.name;
  const node = h('article', { class: 'entity' },
    h('p', { class: 'eyebrow' }, `${entity.kind}${entity.type ? ` · ${entity.type}` : ''}`),
    h('h1', null, title),
    entity.description ? h('p', { class: 'lead' }, entity.description) : null,
    facts([
      ['Ref', h('code', null, entity.ref)],
      ['Owner', entityLink(entity.owner)],
      ['System', entityLink(entity.system)],
      ['Lifecycle', entity.lifecycle],
      ['Tags', entity.tags.length ? entity.tags.join(', ') : null],
      ['Source', entity.source],
      ['Members', Array.isArray(spec.members) ? spec.members.join(', ') : null],
    ].filter(([, v]) => v !== undefined && v !== null)),
    h('section', { 'aria-labelledby': 'relations-h' },
      h('h2', { id: 'relations-h' }, 'Relations'),
      entity.relations.length === 0
        ? h('p', null, 'None.')
        : table('Relations of this entity', ['Relation', 'Entity'], entity.relations.map((/** @type {{type: string, targetRef: string}} */ r) => [r.type, entityLink(r.targetRef)]), { id: 'relations' })));
  if (entity.kind === 'Component' && /^[^/]+\/[^/]+$/.test(entity.source)) node.append(...componentSections(ctx, entity));
  return { title, node };
}

/** Each section loads on its own, so one that fails says so without hiding the others. @param {import('../main.js').Ctx} ctx @param {any} entity */
function componentSections(ctx, entity) {
  const [owner, repo] = entity.source.split('/');
  const base = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  /** @param {string} id @param {string} heading @param {() => Promise<unknown>} fill */
  const section = (id, heading, fill) => {
    const body = h('div', { 'aria-busy': 'true' }, h('p', null, 'Loading…'));
    const el = h('section', { id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, heading), body);
    fill().then((content) => replace(body, content), (error) => {
      replace(body, h('p', { class: 'error' }, `Not available: ${error.message}`));
      ctx.alert(error);
    }).finally(() => body.removeAttribute('aria-busy'));
    return el;
  };
  const template = entity.enrichment?.template;
  return [
    section('repository', 'Repository', async () => {
      const r = await get(base);
      return facts([
        ['Repository', link(`/${r.fullName}`, r.fullName)],
        ['Clone', h('code', { class: 'copy' }, `git clone ${r.cloneUrl}`)],
        ['Default branch', r.defaultBranch],
        ['Archived', r.archived ? 'yes' : null],
      ].filter(([, v]) => v !== null && v !== undefined));
    }),
    section('template', 'Template', async () => {
      if (!template) return h('p', null, 'Not made from a template (no answers file).');
      const fleet = await get(`/fleet${qs({ template: template.name })}`);
      const mine = fleet.components.find((/** @type {any} */ c) => c.component === entity.name);
      return facts([
        ['Template', template.name],
        ['Version', template.version ?? template.commit ?? 'unknown'],
        ['Latest', mine?.latest ?? null],
        ['Drift', mine ? h('span', null, badge(mine.state), mine.behindBy ? ` ${mine.behindBy} version${mine.behindBy === 1 ? '' : 's'} behind` : '') : null],
        ['Update pull request', mine?.pullRequest ? h('span', null, link(prPath(mine.repo, mine.pullRequest.number), `#${mine.pullRequest.number}`), ' ', badge(mine.pullRequest.conflicted ? 'conflicted' : mine.pullRequest.state ?? 'open')) : null],
      ].filter(([, v]) => v !== null && v !== undefined));
    }),
    section('pulls', 'Open pull requests', async () => {
      const pulls = await get(`${base}/pulls`);
      if (pulls.length === 0) return h('p', null, 'None open.');
      return table('Open pull requests', ['#', 'Title', 'Author', 'Labels', 'Updated'], pulls.map((/** @type {any} */ p) => [
        link(prPath(p.repo, p.number), `#${p.number}`), link(prPath(p.repo, p.number), p.title), p.author, p.labels.join(', '), when(p.updatedAt)]));
    }),
    section('release', 'Latest release', async () => {
      const releases = (await get(`${base}/releases`)).filter((/** @type {any} */ r) => !r.prerelease);
      const latest = releases[0];
      if (!latest) return h('p', null, 'Not released yet.');
      return h('div', null, facts([['Release', latest.name || latest.tag], ['Tag', h('code', null, latest.tag)], ['Published', when(latest.createdAt)]]),
        latest.body ? h('details', { open: true }, h('summary', null, 'Changelog'), h('pre', { class: 'changelog' }, latest.body)) : null);
    }),
    section('environments', 'Versions per environment', async () => {
      const envs = entity.enrichment?.environments;
      if (!envs) return h('p', null, 'Not deployed (no deploy.yaml).');
      const team = entity.owner?.startsWith('group:') ? entity.owner.replace(/^group:[^/]+\//, '') : undefined;
      const described = team ? await get(`/teams/${encodeURIComponent(team)}`).catch(() => undefined) : undefined;
      const clusters = Object.fromEntries((described?.environments ?? []).map((/** @type {any} */ e) => [e.environment, e.clusters.join(', ')]));
      return table('Version running in each environment', ['Environment', 'Version', 'Clusters', 'Namespace'], Object.entries(envs).map(([env, version]) => [env, h('code', null, version), clusters[env] ?? '—', described ? team : '—']), { id: 'environments-table' });
    }),
    section('gitops', 'ArgoCD objects, dashboards and alerts', async () => {
      const session = ctx.session;
      const org = session?.organisation ?? owner;
      const tree = await get(`/repos/${encodeURIComponent(org)}/gitops/tree`);
      const own = tree.filter((/** @type {any} */ f) => f.type === 'blob' && (f.path.split('/').includes(entity.name) || f.path.endsWith(`/${entity.name}.yaml`) || f.path.endsWith(`/${entity.name}.json`)));
      if (own.length === 0) return h('p', null, 'Nothing in the GitOps repository yet.');
      const group = (/** @type {string} */ p) => (p.startsWith('argocd/') ? 'ArgoCD' : /dashboard|alert|observability|newrelic/.test(p) ? 'Observability' : 'Manifests');
      return h('ul', { class: 'files' }, own.map((/** @type {any} */ f) => {
        const pre = h('pre', { class: 'yaml' }, 'Loading…');
        const details = h('details', null, h('summary', null, `${group(f.path)}: `, h('code', null, f.path)), pre);
        details.addEventListener('toggle', () => {
          if (!(/** @type {HTMLDetailsElement} */ (details).open) || details.dataset.loaded) return;
          details.dataset.loaded = 'true';
          get(`/repos/${encodeURIComponent(org)}/gitops/file${qs({ path: f.path })}`)
            .then((file) => { pre.textContent = decodeBase64(file.content); }, (error) => { pre.textContent = error.message; ctx.alert(error); });
        });
        return h('li', null, details);
      }));
    }),
    h('p', null, link(`/catalog${qs({ owner: shortRef(entity.owner ?? '').replace(/^group:/, '') })}`, 'More components of this team')),
  ];
}

/** @param {string} fullName @param {number} number */
export const prPath = (fullName, number) => `/${fullName}/pulls/${number}`;

/** UTF-8 text from base64. @param {string} b64 */
export function decodeBase64(b64) {
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}
