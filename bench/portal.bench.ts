/**
 * Portal benchmark: `npm run bench:portal`.
 *
 * Serves a fresh workspace whose catalog holds BENCH_ENTITIES entities (10,000 by default, in
 * sources of five as bench/catalog.bench.ts makes them), signs in through the page in Debian's
 * headless Chromium, then measures in the browser: time to first render of the catalog page (from
 * navigation start to the first page of rows in the DOM; cold = first visit with an empty cache,
 * warm = later visits revalidating with ETags) and time to render a search (from the keystroke to
 * its rows, including the 200 ms the page waits for typing to pause). Prints the JavaScript the
 * portal ships, gzip-compressed, against its budget. Figures only; never fails on timing.
 * Env knobs: BENCH_ENTITIES (10000), BENCH_RUNS (7), PAVED_CHROMIUM (/usr/bin/chromium).
 */
import { gzipSync } from 'node:zlib';
import { Catalog, parseCatalogFile } from '../src/catalog/index.js';
import { listCatalog } from '../src/platform/catalog.js';
import { createPortal } from '../src/server/portal.js';
import { openBrowser, servePortal } from '../test/portal/portal-fixture.js';
import { bytes, count, loadavg, rng, runBench, stats, table } from './util.js';

const ENTITIES = count('BENCH_ENTITIES', 10_000, 5);
const RUNS = count('BENCH_RUNS', 7, 1);
const TARGET_MS = 1000;
const TARGET_JS = 300 * 1024;
const WORDS = ['orders', 'billing', 'ledger', 'cart', 'search', 'users', 'payments', 'invoices', 'shipping', 'pricing', 'reviews', 'notify', 'auth', 'media', 'reports', 'fraud'];
const TEAMS = ['platform', 'payments'];

/** Five entities per source: two components, an API, a resource and a system. */
function catalogFile(s: number, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const base = `${pick(WORDS)}-${String(s).padStart(5, '0')}`;
  const team = pick(TEAMS);
  const docs = Array.from({ length: 5 }, (_, e) => {
    const meta = `metadata:\n  name: ${base}-${e}\n  description: Handles ${pick(WORDS)} for the ${pick(WORDS)} flow\n  tags: [${pick(WORDS)}]\n`;
    const lifecycle = pick(['production', 'experimental', 'deprecated']);
    if (e < 2) return `kind: Component\n${meta}spec:\n  type: service\n  lifecycle: ${lifecycle}\n  owner: ${team}\n  system: ${base}-4\n  providesApis: [${base}-2]\n`;
    if (e === 2) return `kind: API\n${meta}spec:\n  type: openapi\n  lifecycle: ${lifecycle}\n  owner: ${team}\n  definition: 'openapi: 3.0.0'\n`;
    if (e === 3) return `kind: Resource\n${meta}spec:\n  type: database\n  owner: ${team}\n`;
    return `kind: System\n${meta}spec:\n  owner: ${team}\n`;
  });
  return docs.map((d) => `apiVersion: backstage.io/v1alpha1\n${d}`).join('---\n');
}

const fms = (n: number) => `${n.toFixed(0)} ms`;
const verdict = (value: number, target: number) => (value <= target ? 'within target' : 'OVER TARGET');

async function main(): Promise<void> {
  console.log(`portal bench: ${ENTITIES.toLocaleString('en-US')} catalog entities, ${RUNS} runs; load ${loadavg()}\n`);
  const served = await servePortal();
  const { browser, page } = await openBrowser();
  try {
    // The first listing reads the platform's own sources; ingested after it, the bench's stay.
    await listCatalog(served.platform, { limit: 1 });
    const catalog = new Catalog(served.platform.store);
    const random = rng(42);
    for (let s = 0; s < Math.ceil(ENTITIES / 5); s++) await catalog.replaceSource(`bench/source-${s}`, parseCatalogFile(catalogFile(s, random), 'catalog-info.yaml'));
    const total = (await catalog.list({ limit: 1 })).total;
    console.log(`  catalog: ${total.toLocaleString('en-US')} entities\n`);

    await page.goto(`${served.url}/signin`);
    await page.getByLabel('Platform token').fill(served.admin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as').waitFor();

    // Navigation start → first page of rows in the DOM, read in the page.
    const firstRender = async () => {
      await page.goto(`${served.url}/catalog`);
      const handle = await page.waitForFunction(() => document.querySelector('#catalog-results[data-state=ready] tbody tr') && performance.now(), undefined, { polling: 'raf' });
      return (await handle.jsonValue()) as number;
    };
    const cold = await firstRender();
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await firstRender());

    const searches: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const word = WORDS[i % WORDS.length]!;
      const ms = await page.evaluate(async (q) => {
        const input = document.querySelector<HTMLInputElement>('#f-q')!;
        const results = document.querySelector<HTMLElement>('#catalog-results')!;
        const start = performance.now();
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const want = `?q=${encodeURIComponent(q)}`;
        // No named helper here: tsx would wrap it in a __name() the page does not have.
        while (!(results.dataset.state === 'ready' && results.dataset.query === want)) await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - start;
      }, word);
      searches.push(ms);
    }
    const rows = await page.locator('#catalog-results tbody tr').count();
    const countText = await page.locator('#catalog-count').textContent();

    const portal = createPortal()!;
    const js = [...portal.assets].filter(([p]) => p.endsWith('.js'));
    const raw = js.reduce((n, [, a]) => n + a.body.length, 0);
    const gz = js.reduce((n, [, a]) => n + gzipSync(a.body, { level: 9 }).length, 0);
    const all = [...portal.assets.values()].reduce((n, a) => n + gzipSync(a.body, { level: 9 }).length, 0);

    const w = stats(warm);
    const s = stats(searches);
    console.log(table(['measure', 'n', 'median', 'max', 'target', ''], [
      ['catalog first render, cold', '1', fms(cold), fms(cold), fms(TARGET_MS), verdict(cold, TARGET_MS)],
      ['catalog first render, warm', String(warm.length), fms(w.median), fms(w.max), fms(TARGET_MS), verdict(w.max, TARGET_MS)],
      ['search render (incl. 200 ms typing pause)', String(searches.length), fms(s.median), fms(s.max), fms(TARGET_MS), verdict(s.max, TARGET_MS)],
    ]));
    console.log(`\n  last search: ${rows} rows shown; "${countText}"`);
    console.log(`  JavaScript shipped: ${js.length} files, ${bytes(raw)} raw, ${bytes(gz)} gzip (target under ${bytes(TARGET_JS)}: ${verdict(gz, TARGET_JS)}); everything (HTML, CSS, JS, icon) ${bytes(all)} gzip\n`);
  } finally {
    await browser.close();
    await served.close();
  }
}

await runBench(main);
