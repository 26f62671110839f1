/* global history, location */
/**
 * The catalog: a page of entities at a time, filtered and searched by the server (it stays fast
 * with tens of thousands); the filters live in the URL so a filtered view can be shared.
 */
import { get, qs } from '../api.js';
import { entityLink, entityPath, h, link, replace } from '../dom.js';

const KINDS = ['Component', 'API', 'System', 'Domain', 'Resource', 'Group', 'User', 'Location'];
const LIFECYCLES = ['experimental', 'production', 'deprecated'];
const FILTERS = ['q', 'kind', 'owner', 'system', 'lifecycle', 'template'];
const PAGE_SIZE = 50;

/** @param {string} name @param {string} label @param {string[]} values @param {string} current */
function select(name, label, values, current) {
  return h('div', { class: 'field' },
    h('label', { for: `f-${name}` }, label),
    h('select', { id: `f-${name}`, name }, h('option', { value: '' }, 'Any'), values.map((v) => h('option', { value: v, selected: v === current }, v))));
}

/** @param {import('../main.js').Ctx} ctx */
export async function catalogPage(ctx) {
  const state = Object.fromEntries(FILTERS.map((f) => [f, ctx.query.get(f) ?? '']));
  /** Cursors of the pages before this one, for "Previous". @type {string[]} */
  const before = [];
  let cursor = ctx.query.get('cursor') ?? '';
  let seq = 0;

  const form = h('form', { role: 'search', class: 'filters', 'aria-label': 'Catalog filters' },
    h('div', { class: 'field grow' },
      h('label', { for: 'f-q' }, 'Search'),
      h('input', { id: 'f-q', name: 'q', type: 'search', value: state.q, placeholder: 'name, title, description or tag', autocomplete: 'off' })),
    select('kind', 'Kind', KINDS, state.kind),
    select('owner', 'Team', state.owner ? [state.owner] : [], state.owner),
    h('div', { class: 'field' },
      h('label', { for: 'f-system' }, 'System'),
      h('input', { id: 'f-system', name: 'system', value: state.system, size: 12, autocomplete: 'off' })),
    select('lifecycle', 'Lifecycle', LIFECYCLES, state.lifecycle),
    select('template', 'Template', state.template ? [state.template] : [], state.template),
    h('button', { type: 'reset' }, 'Clear'));
  const count = h('p', { id: 'catalog-count', role: 'status' });
  const results = h('div', { id: 'catalog-results', 'data-state': 'loading' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Catalog pages' });

  async function load() {
    const mine = ++seq;
    const shown = qs({ ...state, cursor });
    history.replaceState(null, '', `${location.pathname}${shown}`);
    results.dataset.state = 'loading';
    results.setAttribute('aria-busy', 'true');
    try {
      const page = await get(`/catalog${qs({ ...state, cursor, limit: PAGE_SIZE })}`);
      if (mine !== seq) return;
      renderPage(page);
      results.dataset.query = qs(state);
      results.dataset.state = 'ready';
    } catch (error) {
      if (mine !== seq) return;
      results.dataset.state = 'error';
      ctx.alert(error);
    } finally {
      if (mine === seq) results.removeAttribute('aria-busy');
    }
  }

  /** @param {{ items: any[], total: number, nextCursor?: string }} page */
  function renderPage(page) {
    const from = before.length * PAGE_SIZE + (page.items.length ? 1 : 0);
    count.textContent = page.total === 0 ? 'No entities match.' : `${page.total} ${page.total === 1 ? 'entity' : 'entities'}; showing ${from}–${before.length * PAGE_SIZE + page.items.length}`;
    replace(results, page.items.length === 0 ? null : h('table', { class: 'list' },
      h('caption', { class: 'visually-hidden' }, 'Catalog entities'),
      h('thead', null, h('tr', null, ['Name', 'Kind', 'Owner', 'System', 'Lifecycle', 'Template', 'Description'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, page.items.map((e) => h('tr', null,
        h('td', null, link(entityPath(e.ref), e.title ?? e.name)),
        h('td', null, e.kind),
        h('td', null, entityLink(e.owner)),
        h('td', null, entityLink(e.system)),
        h('td', null, e.lifecycle ?? '—'),
        h('td', null, e.template ?? '—'),
        h('td', { class: 'desc' }, e.description ?? ''))))));
    const prev = h('button', { type: 'button', disabled: before.length === 0 && !cursor, onclick: () => { cursor = before.pop() ?? ''; void load(); } }, 'Previous page');
    const next = h('button', { type: 'button', disabled: !page.nextCursor, onclick: () => { before.push(cursor); cursor = page.nextCursor ?? ''; void load(); } }, 'Next page');
    replace(pager, prev, ' ', next);
  }

  let typing = 0;
  const changed = () => {
    for (const f of FILTERS) state[f] = /** @type {HTMLInputElement} */ (/** @type {HTMLFormElement} */ (form).elements.namedItem(f)).value.trim();
    before.length = 0;
    cursor = '';
    void load();
  };
  form.addEventListener('input', (event) => {
    // Text is searched once typing pauses; a select changes the list at once.
    if (/** @type {HTMLElement} */ (event.target).tagName === 'INPUT') {
      clearTimeout(typing);
      typing = setTimeout(changed, 200);
    } else changed();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    changed();
  });
  form.addEventListener('reset', () => setTimeout(changed));
  const first = load();
  // The list comes first; the choices of two filters follow it (templates are read from the forge, which takes a while).
  /** @param {string} name @param {Promise<Array<{name: string}>>} loading */
  const fill = (name, loading) => loading.then((items) => {
    const el = /** @type {HTMLSelectElement} */ (form.querySelector(`#f-${name}`));
    const current = el.value;
    replace(el, h('option', { value: '' }, 'Any'), items.map((i) => h('option', { value: i.name, selected: i.name === current }, i.name)));
  }, ctx.alert);
  void first.finally(() => {
    void fill('owner', get('/teams'));
    void fill('template', get('/templates'));
  });
  return { title: 'Catalog', node: h('section', null, h('h1', null, 'Catalog'), form, count, results, pager) };
}
