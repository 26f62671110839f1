/* global document, history, location, window */
/**
 * The portal's shell: the router (history API; links inside the portal never reload the page),
 * the session shown in the header, and the one alert region every refusal is announced in.
 */
import { ApiError, get, token } from './api.js';
import { h, link, replace } from './dom.js';
import { catalogPage } from './pages/catalog.js';
import { createPage, templatesPage } from './pages/create.js';
import { entityPage } from './pages/entity.js';
import { fleetPage } from './pages/fleet.js';
import { pullPage, pullsPage, repoPage } from './pages/pulls.js';
import { signInPage } from './pages/signin.js';
import { teamsPage } from './pages/teams.js';

/**
 * @typedef {{ login: string | null, name: string | null, admin: boolean, teams: string[], organisation: string, anonymousRead: boolean }} Session
 * @typedef {{ params: string[], query: URLSearchParams, session: Session | null, navigate: (href: string, replace?: boolean) => void, alert: (error: unknown) => void, refreshSession: () => Promise<void> }} Ctx
 * @typedef {{ title: string, node: Node }} Page
 */

/** @type {Array<[RegExp, (ctx: Ctx) => Promise<Page>]>} */
const ROUTES = [
  [/^\/$/, catalogPage],
  [/^\/catalog\/?$/, catalogPage],
  [/^\/catalog\/([^/]+)\/([^/]+)\/([^/]+)$/, entityPage],
  [/^\/signin$/, signInPage],
  [/^\/create$/, templatesPage],
  [/^\/create\/([^/]+)$/, createPage],
  [/^\/pulls$/, pullsPage],
  [/^\/fleet$/, fleetPage],
  [/^\/teams$/, teamsPage],
  [/^\/teams\/([^/]+)$/, teamsPage],
  // The forge's own web URLs (a repository, a pull request) open here too.
  [/^\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/, pullPage],
  [/^\/([^/]+)\/([^/]+)\/pulls$/, repoPage],
  [/^\/([^/]+)\/([^/]+)$/, repoPage],
];

const view = /** @type {HTMLElement} */ (document.getElementById('view'));
const alertBox = /** @type {HTMLElement} */ (document.getElementById('alert'));
const main = /** @type {HTMLElement} */ (document.getElementById('main'));
/** @type {Session | null} */
let session = null;
let generation = 0;

/** Shows what the API said (or what failed) in the alert region; nothing clears it. @param {unknown} error */
function showAlert(error) {
  if (error === null) {
    alertBox.hidden = true;
    replace(alertBox);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  const status = error instanceof ApiError && error.status ? `${error.status} ${error.code}: ` : '';
  const hint = error instanceof ApiError && error.status === 401 ? [' ', link('/signin', 'Sign in with a token')] : null;
  alertBox.hidden = false;
  replace(alertBox, h('strong', null, 'Refused. '), h('span', { class: 'alert-message' }, `${status}${message}`), hint);
}

async function refreshSession() {
  const box = /** @type {HTMLElement} */ (document.getElementById('session'));
  try {
    session = await get('/session');
  } catch (error) {
    session = null;
    if (error instanceof ApiError && error.status === 401 && token.get()) showAlert(error);
  }
  const signOut = () => {
    token.clear();
    void refreshSession().then(() => navigate('/signin'));
  };
  replace(box, session?.login
    ? [h('span', { 'data-login': session.login }, `Signed in as ${session.name ?? session.login}${session.admin ? ' (admin)' : ''}`), ' ', h('button', { type: 'button', class: 'link-button', onclick: signOut }, 'Sign out')]
    : link('/signin', 'Sign in'));
}

/** @param {string} href @param {boolean} [replaceEntry] */
function navigate(href, replaceEntry = false) {
  if (replaceEntry) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  void render();
}

async function render() {
  const mine = ++generation;
  const url = new URL(location.href);
  const found = ROUTES.map(([pattern, page]) => /** @type {const} */ ([pattern.exec(url.pathname), page])).find(([m]) => m);
  showAlert(null);
  view.setAttribute('aria-busy', 'true');
  for (const a of document.querySelectorAll('nav a')) {
    const here = a.getAttribute('href') === url.pathname || (a.getAttribute('href') === '/' && url.pathname.startsWith('/catalog'));
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  /** @type {Page} */
  let page;
  try {
    if (!found) throw new Error(`no page at ${url.pathname}`);
    const [match, load] = found;
    page = await load({ params: match.slice(1).map(decodeURIComponent), query: url.searchParams, session, navigate, alert: showAlert, refreshSession });
  } catch (error) {
    if (mine !== generation) return;
    page = { title: 'Not available', node: h('section', null, h('h1', null, 'Not available'), h('p', null, 'This page could not be shown; the message above says why.')) };
    showAlert(error);
  }
  if (mine !== generation) return;
  document.title = `${page.title} · Paved`;
  replace(view, page.node);
  view.removeAttribute('aria-busy');
  view.dataset.page = url.pathname;
  // A new page is announced by moving focus to its heading, as a full page load would.
  const heading = view.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  } else main.focus({ preventScroll: true });
}

document.addEventListener('click', (event) => {
  const a = /** @type {Element} */ (event.target).closest?.('a');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const href = a.getAttribute('href');
  if (!href || !href.startsWith('/') || href.startsWith('//') || href.startsWith('/api/') || a.hasAttribute('download') || a.target) return;
  event.preventDefault();
  navigate(href);
});
window.addEventListener('popstate', () => void render());

await refreshSession();
await render();
