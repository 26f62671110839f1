/**
 * Catalog benchmark: `npx tsx bench/catalog.bench.ts`.
 *
 * Ingests BENCH_SOURCES repositories' catalog-info.yaml (BENCH_PER_SOURCE entities each: two
 * components, an API, a resource, a system…; 10,000 entities by default) into a fresh SQLite store,
 * each parsed from YAML text and stored with replaceSource (one transaction per source, with
 * enrichment), then replaces every source once more (the steady state of a refresh). Then runs
 * BENCH_QUERIES queries split over four kinds: kind+owner filters, substring search, paging
 * through a listing with the cursor, and get(ref) with relations. Prints ingestion time and
 * entities per second, and median / p99 / max per query kind. Prints figures only; never fails on
 * timing. Env knobs: BENCH_SOURCES (2000), BENCH_PER_SOURCE (5), BENCH_QUERIES (1000),
 * BENCH_SEED (42), BENCH_KEEP=1 (keep the temp folder).
 */
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Catalog, entityRef, parseCatalogFile, type Enrichment, type Entity, type ListQuery } from '../src/catalog/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { bytes, count, loadavg, mb, rng, runBench, table, tempDir } from './util.js';

const SOURCES = count('BENCH_SOURCES', 2000, 1);
const PER_SOURCE = count('BENCH_PER_SOURCE', 5, 1);
const QUERIES = count('BENCH_QUERIES', 1000, 4);
const SEED = count('BENCH_SEED', 42, 0);
const TEAMS = Array.from({ length: 25 }, (_, i) => `team-${String(i).padStart(2, '0')}`);
const SYSTEMS = Array.from({ length: 80 }, (_, i) => `system-${String(i).padStart(2, '0')}`);
const WORDS = ['orders', 'billing', 'ledger', 'cart', 'search', 'users', 'payments', 'invoices', 'shipping', 'pricing', 'reviews', 'notify', 'auth', 'media', 'reports', 'fraud'];
const TEMPLATES = ['node-service', 'python-service', 'java-service', 'react-app', 'python-lib'];
const PAGE = 50;

interface Source {
  name: string;
  text: string;
  enrichment: Record<string, Enrichment>;
}

/** One repository's catalog-info.yaml: PER_SOURCE documents cycling through the kinds a service repo declares. */
function generateSources(random: () => number): Source[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: SOURCES }, (_, s) => {
    const base = `${pick(WORDS)}-${String(s).padStart(5, '0')}`;
    const team = pick(TEAMS);
    const system = pick(SYSTEMS);
    const docs: string[] = [];
    const enrichment: Record<string, Enrichment> = {};
    for (let e = 0; e < PER_SOURCE; e++) {
      const slot = e % 5;
      const name = `${base}-${e}`;
      const meta = `metadata:\n  name: ${name}\n  title: ${pick(WORDS)} ${pick(WORDS)} ${e}\n  description: Handles ${pick(WORDS)} for the ${pick(WORDS)} flow\n  tags: [${pick(WORDS)}, ${pick(['java', 'node', 'python', 'go'])}]\n`;
      const lifecycle = pick(['production', 'production', 'experimental', 'deprecated']);
      if (slot === 0 || slot === 1) {
        docs.push(`kind: Component\n${meta}spec:\n  type: ${slot === 0 ? 'service' : pick(['website', 'library'])}\n  lifecycle: ${lifecycle}\n  owner: ${team}\n  system: ${system}\n  providesApis: [${base}-2]\n  dependsOn: [resource:${base}-3]\n`);
        enrichment[`component:default/${name}`.toLowerCase()] = {
          template: { name: pick(TEMPLATES), src: 'gh:acme/templates', commit: 'v1.2.0', version: 'v1.2.0', answersFile: '.copier-answers.yml' },
          environments: { dev: '1.3.0', prod: '1.2.0' },
        };
      } else if (slot === 2) docs.push(`kind: API\n${meta}spec:\n  type: openapi\n  lifecycle: ${lifecycle}\n  owner: ${team}\n  system: ${system}\n  definition: 'openapi: 3.0.0'\n`);
      else if (slot === 3) docs.push(`kind: Resource\n${meta}spec:\n  type: database\n  owner: ${team}\n  system: ${system}\n`);
      else docs.push(`kind: System\n${meta}spec:\n  owner: ${team}\n`);
    }
    return { name: `acme/${base}`, text: docs.map((d) => `apiVersion: backstage.io/v1alpha1\n${d}`).join('---\n'), enrichment };
  });
}

interface Timing {
  n: number;
  median: number;
  p99: number;
  max: number;
}

function timing(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  return { n: s.length, median: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

const fms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 1 ? 3 : n < 100 ? 2 : 1)} ms` : 'n/a');
const rate = (n: number, ms: number) => (ms > 0 ? Math.round(n / (ms / 1000)).toLocaleString('en-US') : 'n/a');

async function ingest(catalog: Catalog, sources: Source[]): Promise<{ parseMs: number; storeMs: number; perSource: number[]; entities: number }> {
  let parseMs = 0;
  let storeMs = 0;
  let entities = 0;
  const perSource: number[] = [];
  for (const source of sources) {
    const t0 = performance.now();
    const parsed: Entity[] = parseCatalogFile(source.text, 'catalog-info.yaml');
    const t1 = performance.now();
    await catalog.replaceSource(source.name, parsed, source.enrichment);
    const t2 = performance.now();
    parseMs += t1 - t0;
    storeMs += t2 - t1;
    perSource.push(t2 - t0);
    entities += parsed.length;
  }
  return { parseMs, storeMs, perSource, entities };
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log('Paved catalog benchmark');
  console.log(`  node ${process.version} (${process.platform}/${process.arch}), ${cpus.length} CPU(s): ${cpus[0]?.model.trim() ?? 'unknown'}, ${mb(os.totalmem())} RAM; ${loadavg()}`);
  console.log(`  ${SOURCES} sources × ${PER_SOURCE} entities, ${QUERIES} queries, seed ${SEED}\n`);
  const random = rng(SEED);
  const sources = generateSources(random);
  const file = path.join(tempDir('paved-catalog-bench-'), 'paved.db');
  const store = await openSqliteStore(file);
  try {
    const catalog = new Catalog(store);
    const rows: string[][] = [];
    for (const phase of ['ingest (fresh store)', 'replace (every source again)']) {
      const started = performance.now();
      const run = await ingest(catalog, sources);
      const wall = performance.now() - started;
      const per = timing(run.perSource);
      rows.push([phase, run.entities.toLocaleString('en-US'), `${(wall / 1000).toFixed(2)} s`, rate(run.entities, wall), `${(run.parseMs / 1000).toFixed(2)} s`, `${(run.storeMs / 1000).toFixed(2)} s`, fms(per.median), fms(per.p99)]);
    }
    console.log(table(['phase', 'entities', 'wall', 'entities/s', 'parse', 'store', 'per source median', 'per source p99'], rows));
    const stored = (await catalog.list({ limit: 1 })).total;
    console.log(`\n  stored: ${stored.toLocaleString('en-US')} entities; store file ${bytes(statSync(file).size)} (+ WAL)\n`);

    const refs = sources.slice(0, 200).flatMap((s) => parseCatalogFile(s.text, 'catalog-info.yaml').map(entityRef));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    let cursor: string | undefined;
    const kinds: Record<string, () => Promise<unknown>> = {
      'kind + owner': () => catalog.list({ kind: pick(['Component', 'API', 'Resource']), owner: pick(TEAMS), limit: PAGE }),
      'q substring': () => catalog.list({ q: pick([pick(WORDS), `${pick(WORDS).slice(1, 4)}`, 'flow', `${pick(WORDS)} ${pick(WORDS)}`]), limit: PAGE }),
      'paging (cursor)': async () => {
        const query: ListQuery = { kind: 'Component', limit: PAGE, cursor };
        cursor = (await catalog.list(query)).nextCursor;
      },
      'get(ref) + relations': () => catalog.get(pick(refs)),
    };
    const samples = new Map(Object.keys(kinds).map((k) => [k, [] as number[]]));
    for (const run of Object.values(kinds)) for (let i = 0; i < 10; i++) await run(); // warm-up, untimed
    cursor = undefined;
    for (let i = 0; i < QUERIES; i++) {
      const name = Object.keys(kinds)[i % 4]!;
      const t = performance.now();
      await kinds[name]!();
      samples.get(name)!.push(performance.now() - t);
    }
    console.log(
      table(
        ['query', 'n', 'median', 'p99', 'max'],
        [...samples].map(([name, s]) => {
          const t = timing(s);
          return [name, String(t.n), fms(t.median), fms(t.p99), fms(t.max)];
        }),
      ),
    );
  } finally {
    await store.close();
  }
}

await runBench(main);
