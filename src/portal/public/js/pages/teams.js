/** Teams: members, components, and the namespace with its quota in every environment. */
import { get, qs } from '../api.js';
import { entityPath, h, link, table } from '../dom.js';

/** @param {Record<string, unknown> | null} quota */
const showQuota = (quota) => (quota ? Object.entries(quota).map(([k, v]) => `${k} ${String(v)}`).join(', ') : 'none');

/** @param {import('../main.js').Ctx} ctx */
export async function teamsPage(ctx) {
  const only = ctx.params[0];
  const teams = only ? [await get(`/teams/${encodeURIComponent(only)}`)] : await get('/teams');
  const components = await Promise.all(teams.map((/** @type {any} */ t) => get(`/catalog${qs({ kind: 'component', owner: t.name, limit: 100 })}`).catch(() => ({ items: [], total: 0 }))));
  const node = h('section', null, h('h1', null, only ? `Team ${only}` : 'Teams'),
    teams.map((/** @type {any} */ team, /** @type {number} */ i) => h('section', { class: 'card team', 'aria-labelledby': `team-${team.name}` },
      h('h2', { id: `team-${team.name}` }, only ? team.name : link(`/teams/${encodeURIComponent(team.name)}`, team.name)),
      team.description ? h('p', null, team.description) : null,
      h('p', null, h('strong', null, 'Members: '), team.members.length ? team.members.join(', ') : 'none', team.idpGroup ? ` · IdP group ${team.idpGroup}` : ''),
      h('p', null, h('strong', null, `Components (${components[i].total}): `), components[i].items.length === 0 ? 'none' : components[i].items.map((/** @type {any} */ c, /** @type {number} */ j) => [j ? ', ' : '', link(entityPath(c.ref), c.name)]),
        components[i].total > components[i].items.length ? [' … ', link(`/catalog${qs({ kind: 'Component', owner: team.name })}`, 'all')] : null),
      table(`Namespaces of ${team.name}`, ['Environment', 'Namespace', 'Clusters', 'Quota', 'Quota from'], team.environments.map((/** @type {any} */ e) => [e.environment, h('code', null, e.namespace), e.clusters.join(', ') || '—', showQuota(e.quota), e.quotaSource ?? '—'])))));
  return { title: only ? `Team ${only}` : 'Teams', node };
}
