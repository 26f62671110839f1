/* global document, Node */
/**
 * A tiny element builder: every page builds its DOM with `h`, never with innerHTML, so text from
 * the API (names, descriptions, diffs) can never become markup.
 */

/**
 * @param {string} tag
 * @param {Record<string, unknown> | null} [attrs] `class`, `for`, `on<event>` handlers, booleans, strings
 * @param {...unknown} children strings, nodes, arrays of them; null/undefined/false are skipped
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else if (key === 'value' && 'value' in el) /** @type {HTMLInputElement} */ (el).value = String(value);
    else if (key === 'checked' || key === 'selected') /** @type {any} */ (el)[key] = Boolean(value);
    else el.setAttribute(key === 'className' ? 'class' : key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** @param {Node} parent @param {unknown[]} children */
function append(parent, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** @param {Element} el @param {...unknown} children */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** A link inside the portal (the router takes the click). @param {string} href @param {...unknown} children */
export const link = (href, ...children) => h('a', { href }, ...children);

/** "component:default/orders-api" → "/catalog/component/default/orders-api" @param {string} ref */
export function entityPath(ref) {
  const m = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  return m ? `/catalog/${encodeURIComponent(m[1].toLowerCase())}/${encodeURIComponent(m[2])}/${encodeURIComponent(m[3])}` : '/';
}

/** @param {string | undefined} ref */
export const entityLink = (ref) => (ref ? link(entityPath(ref), shortRef(ref)) : '—');

/** "group:default/payments" → "group:payments"; the default namespace is noise. @param {string} ref */
export const shortRef = (ref) => ref.replace(/:default\//, ':');

/**
 * A table with a caption; rows of cells (strings or nodes).
 * @param {string} caption @param {string[]} head @param {unknown[][]} rows @param {Record<string, unknown>} [attrs]
 */
export function table(caption, head, rows, attrs = {}) {
  const { empty, ...rest } = /** @type {Record<string, unknown>} */ (attrs);
  const body = rows.length === 0 && typeof empty === 'string' ? [h('tr', null, h('td', { colspan: String(head.length) }, empty))] : rows.map((r) => h('tr', null, r.map((c) => h('td', null, c ?? '—'))));
  return h('table', rest,
    h('caption', null, caption),
    h('thead', null, h('tr', null, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, body));
}

/** A labelled definition list. @param {unknown[][]} pairs [label, value] */
export const facts = (pairs) => h('dl', { class: 'facts' }, pairs.map(([k, v]) => [h('dt', null, String(k)), h('dd', null, v ?? '—')]));

/** @param {string} state */
export const badge = (state) => h('span', { class: `badge badge-${state.replace(/[^a-z-]/g, '')}` }, state);

/** @param {string} iso */
export const when = (iso) => (iso ? h('time', { datetime: iso }, new Date(iso).toLocaleString()) : '—');
