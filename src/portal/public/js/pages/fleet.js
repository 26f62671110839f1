/** The fleet: template drift across the organisation, by template and by team, with the update pull requests. */
import { get, qs } from '../api.js';
import { badge, entityPath, h, link, table, when } from '../dom.js';
import { prPath } from './entity.js';

/** @param {import('../main.js').Ctx} ctx */
export async function fleetPage(ctx) {
  const team = ctx.query.get('team') ?? '';
  const template = ctx.query.get('template') ?? '';
  const [fleet, pulls] = await Promise.all([get(`/fleet${qs({ team, template })}`), get('/fleet/pulls')]);
  const { summary, components } = fleet;
  /** @type {Map<string, { total: number, behind: number, prs: number }>} */
  const byTeam = new Map();
  for (const c of components) {
    const t = byTeam.get(c.team ?? '?') ?? { total: 0, behind: 0, prs: 0 };
    t.total++;
    if (c.state === 'behind') t.behind++;
    if (c.pullRequest) t.prs++;
    byTeam.set(c.team ?? '?', t);
  }
  const stat = (/** @type {string} */ label, /** @type {number} */ n) => h('div', { class: 'stat' }, h('span', { class: 'stat-n' }, String(n)), h('span', null, label));
  const node = h('section', null, h('h1', null, 'Fleet'),
    h('p', null, 'Which components are behind their template, and the pull requests that bring them up to date.', team || template ? [' Filtered: ', link('/fleet', 'show all')] : null),
    h('div', { class: 'stats', id: 'fleet-summary' }, stat('components', summary.total), stat('current', summary.states.current), stat('behind', summary.states.behind),
      stat('broken', summary.states.broken), stat('update PRs open', summary.pullRequests.open), stat('conflicted', summary.pullRequests.conflicted)),
    table('Drift by template', ['Template', 'Latest', 'Components', 'Behind'], summary.byTemplate.map((/** @type {any} */ t) => [link(`/fleet${qs({ template: t.template })}`, t.template), t.latest ?? '—', t.total, t.behind]), { id: 'by-template' }),
    table('Drift by team', ['Team', 'Components', 'Behind', 'Update PRs'], [...byTeam].sort(([a], [b]) => a.localeCompare(b)).map(([name, t]) => [link(`/fleet${qs({ team: name })}`, name), t.total, t.behind, t.prs]), { id: 'by-team' }),
    table('Components', ['Component', 'Team', 'Template', 'Version', 'Latest', 'State', 'Update pull request'], components.map((/** @type {any} */ c) => [
      link(entityPath(`component:default/${c.component}`), c.component), c.team ?? '—', c.template ?? '—', c.version ?? '—', c.latest ?? '—', badge(c.state),
      c.pullRequest ? h('span', null, link(prPath(c.repo, c.pullRequest.number), `#${c.pullRequest.number}`), ' ', badge(c.pullRequest.conflicted ? 'conflicted' : (c.pullRequest.state ?? 'open'))) : '—']), { id: 'fleet-components' }),
    table('Template-update pull requests', ['Pull request', 'Repository', 'Brings', 'State', 'Updated'], pulls.map((/** @type {any} */ pr) => [
      link(prPath(pr.repo, pr.number), `#${pr.number} ${pr.title}`), pr.repo,
      pr.updates.map((/** @type {any} */ u) => `${u.component} → ${u.to}`).join(', ') || '—',
      badge(pr.state === 'open' && pr.conflicted ? 'conflicted' : pr.state), when(pr.updatedAt)]), { id: 'fleet-pulls', empty: 'No template update has opened a pull request yet.' }),
    h('p', null, link(`/pulls${qs({ state: 'all' })}`, 'All pull requests, merged and closed too')));
  return { title: 'Fleet', node };
}
