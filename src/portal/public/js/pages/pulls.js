/* global location */
/**
 * Pull requests on the local forge: across the organisation's repositories, one repository's,
 * and one pull request with its diff, comments, merge and close.
 */
import { api, get, post, qs } from '../api.js';
import { badge, entityPath, facts, h, link, table, when } from '../dom.js';
import { prPath } from './entity.js';

const STATES = ['open', 'merged', 'closed', 'all'];

/** @param {any[]} pulls */
const pullRows = (pulls) => pulls.map((p) => [link(`/${p.repo}`, p.repo), link(prPath(p.repo, p.number), `#${p.number} ${p.title}`), badge(p.state), p.author, p.labels.join(', '), when(p.updatedAt)]);

/** @param {string} current @param {(state: string) => void} onChange */
function stateFilter(current, onChange) {
  const el = h('select', { id: 'pr-state', name: 'state' }, STATES.map((s) => h('option', { value: s, selected: s === current }, s)));
  el.addEventListener('change', () => onChange(/** @type {HTMLSelectElement} */ (el).value));
  return h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'pr-state' }, 'State'), el));
}

/** @param {import('../main.js').Ctx} ctx */
export async function pullsPage(ctx) {
  const state = ctx.query.get('state') ?? 'open';
  const org = ctx.session?.organisation ?? (await get('/health')).organisation;
  const pulls = await get(`/pulls/${encodeURIComponent(org)}${qs({ state })}`);
  const node = h('section', null, h('h1', null, 'Pull requests'),
    stateFilter(state, (s) => ctx.navigate(`/pulls${qs({ state: s })}`, true)),
    pulls.length === 0 ? h('p', null, `No ${state === 'all' ? '' : `${state} `}pull requests in ${org}.`) : table(`${pulls.length} pull requests in ${org}`, ['Repository', 'Pull request', 'State', 'Author', 'Labels', 'Updated'], pullRows(pulls), { id: 'pulls' }));
  return { title: 'Pull requests', node };
}

/** @param {import('../main.js').Ctx} ctx */
export async function repoPage(ctx) {
  const [owner, name] = ctx.params;
  const state = ctx.query.get('state') ?? 'open';
  const base = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
  const [repo, pulls, entity] = await Promise.all([get(base), get(`${base}/pulls${qs({ state })}`), get(`/catalog/component/default/${encodeURIComponent(name)}`).catch(() => undefined)]);
  const node = h('section', null, h('p', { class: 'eyebrow' }, 'Repository'), h('h1', null, repo.fullName),
    repo.description ? h('p', { class: 'lead' }, repo.description) : null,
    facts([['Clone', h('code', null, `git clone ${repo.cloneUrl}`)], ['Default branch', repo.defaultBranch], ['Catalog', entity ? link(entityPath(entity.ref), entity.ref) : 'no component of this name']]),
    h('h2', null, 'Pull requests'),
    stateFilter(state, (s) => ctx.navigate(`/${repo.fullName}/pulls${qs({ state: s })}`, true)),
    pulls.length === 0 ? h('p', null, 'None.') : table(`Pull requests of ${repo.fullName}`, ['Repository', 'Pull request', 'State', 'Author', 'Labels', 'Updated'], pullRows(pulls), { id: 'pulls' }));
  return { title: repo.fullName, node };
}

/** A unified diff as lines, each marked added, removed or context (text only, never markup). @param {string} patch */
function renderPatch(patch) {
  const lines = patch.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return h('pre', { class: 'diff', tabindex: '0', 'aria-label': 'Unified diff' }, lines.map((line) => {
    const kind = line.startsWith('diff --git') ? 'file' : line.startsWith('@@') ? 'hunk' : line.startsWith('+++') || line.startsWith('---') ? 'meta' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'ctx';
    return h('span', { class: `d-${kind}` }, `${line}\n`);
  }));
}

/** @param {import('../main.js').Ctx} ctx */
export async function pullPage(ctx) {
  const [owner, name, number] = ctx.params;
  const base = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/pulls/${number}`;
  const [pr, diff, comments] = await Promise.all([get(base), get(`${base}/diff`), get(`${base}/comments`)]);
  const reload = () => ctx.navigate(location.pathname, true);

  const commentInput = h('textarea', { id: 'comment-body', name: 'body', rows: 3, required: true });
  const commentForm = h('form', { class: 'card', id: 'comment-form' }, h('label', { for: 'comment-body' }, 'Comment'), commentInput, h('button', { type: 'submit' }, 'Comment'));
  commentForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = /** @type {HTMLTextAreaElement} */ (commentInput).value.trim();
    if (!body) return ctx.alert(new Error('write a comment first'));
    try {
      await post(`${base}/comments`, { body });
      reload();
    } catch (error) {
      ctx.alert(error);
    }
  });

  let actions = null;
  if (pr.state === 'open') {
    const method = h('select', { id: 'merge-method', name: 'method' }, h('option', { value: 'merge' }, 'Merge commit'), h('option', { value: 'squash' }, 'Squash'));
    const del = h('input', { type: 'checkbox', id: 'merge-delete', name: 'deleteBranch', checked: true });
    const mergeForm = h('form', { class: 'card', id: 'merge-form' },
      h('div', { class: 'field' }, h('label', { for: 'merge-method' }, 'Merge method'), method),
      h('div', { class: 'check' }, del, ' ', h('label', { for: 'merge-delete' }, `Delete ${pr.head} after merging`)),
      h('button', { type: 'submit', class: 'primary' }, 'Merge pull request'), ' ',
      h('button', { type: 'button', id: 'close-pr', onclick: async () => {
        try {
          await post(`${base}/close`);
          reload();
        } catch (error) {
          ctx.alert(error);
        }
      } }, 'Close without merging'));
    mergeForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        // What was reviewed here is what gets merged: a newer push makes the API refuse (409).
        await api('POST', `${base}/merge`, { method: /** @type {HTMLSelectElement} */ (method).value, deleteBranch: /** @type {HTMLInputElement} */ (del).checked, expectedHeadSha: pr.headSha });
        reload();
      } catch (error) {
        ctx.alert(error);
      }
    });
    actions = h('section', { 'aria-labelledby': 'merge-h' }, h('h2', { id: 'merge-h' }, 'Merge'), mergeForm);
  }

  const node = h('article', { class: 'pull', 'data-state': pr.state },
    h('p', { class: 'eyebrow' }, link(`/${pr.repo}`, pr.repo), ` · #${pr.number}`),
    h('h1', null, pr.title),
    facts([['State', h('span', { id: 'pr-state-badge' }, badge(pr.state))], ['Author', pr.author], ['Branches', `${pr.head} → ${pr.base}`], ['Labels', pr.labels.join(', ') || null],
      ['Opened', when(pr.createdAt)], ['Merged', pr.mergedAt ? when(pr.mergedAt) : null]].filter(([, v]) => v !== null)),
    pr.body ? h('div', { class: 'body' }, h('h2', null, 'Description'), h('pre', { class: 'prose' }, pr.body)) : null,
    h('section', { 'aria-labelledby': 'files-h' }, h('h2', { id: 'files-h' }, `Files changed (${diff.files.length})`),
      table('Files changed', ['File', 'Change', 'Added', 'Removed'], diff.files.map((/** @type {any} */ f) => [h('code', null, f.previousPath ? `${f.previousPath} → ${f.path}` : f.path), f.status, f.additions ?? 'binary', f.deletions ?? 'binary']), { id: 'files' }),
      diff.truncated ? h('p', { class: 'error' }, 'The diff is too large to show whole; it is cut short.') : null,
      renderPatch(diff.patch)),
    h('section', { 'aria-labelledby': 'comments-h' }, h('h2', { id: 'comments-h' }, `Comments (${comments.length})`),
      h('ol', { class: 'comments', id: 'comments' }, comments.map((/** @type {any} */ c) => h('li', null, h('p', { class: 'help' }, c.author, ' · ', when(c.createdAt)), h('pre', { class: 'prose' }, c.body)))),
      commentForm),
    actions);
  return { title: `${pr.repo}#${pr.number}`, node };
}

