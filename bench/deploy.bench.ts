/**
 * Deploy rendering benchmark: `npm run bench:deploy`.
 *
 * Renders 1,000 components × 3 environments × 2 clusters, in this process: a platform config with
 * 6 clusters (paved init's default, with a second cluster for dev and staging and more teams) and
 * seeded, varied deploy specs (secrets, public and internal ingresses, autoscaling in prod,
 * per-environment overrides, JSON-patch and merge-patch overlays, team charts). Each run times
 * three phases over all components: parsing the specs (parseDeploySpec, from YAML text), rendering
 * with schema validation (renderComponents: every object is checked), and writing YAML
 * (fileContent). Prints medians and minimums of the runs, objects per second, the time of one
 * component, the YAML size, peak RSS and heap used (a full GC, untimed, runs before every run and
 * before the live heap is measured). Prints figures only; never fails on timing.
 * Nothing is written to disk. Env knobs: BENCH_COMPONENTS (1000), BENCH_RUNS (3), BENCH_SEED (42).
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { stringify } from 'yaml';
import { parseConfig, type PlatformConfig } from '../src/config/index.js';
import { fileContent, renderComponents, type ComponentInput, type GitOpsFile } from '../src/deploy/render.js';
import { parseDeploySpec, type DeploySpec } from '../src/deploy/spec.js';
import { DEFAULT_CONFIG } from '../src/platform/init.js';
import { bytes, count, loadavg, mb, rng, runBench, stats, table } from './util.js';

const COMPONENTS = count('BENCH_COMPONENTS', 1000, 1);
const RUNS = count('BENCH_RUNS', 3, 1);
const SEED = count('BENCH_SEED', 42, 0);
const GITOPS = 'http://127.0.0.1:7070/acme/gitops.git';
const CLUSTERS_PER_ENVIRONMENT = 2;

/**
 * A full garbage collection (untimed): before every run, so each starts from a clean heap, and
 * before the live heap is measured. Exposed at run time because the npm script passes no
 * --expose-gc; undefined (and the figures it gives 'n/a') if the engine refuses.
 */
const gc = exposeGc();

function exposeGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  try {
    v8.setFlagsFromString('--expose-gc');
    const fn: unknown = vm.runInNewContext('gc');
    return typeof fn === 'function' ? (fn as () => void) : undefined;
  } catch {
    return undefined;
  }
}


// --- formatting ----------------------------------------------------------------------------------

const secs = (msTotal: number) => (Number.isFinite(msTotal) ? `${(msTotal / 1000).toFixed(3)} s` : 'n/a');
/** Milliseconds with as many decimals as a sub-millisecond figure needs. */
const fms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 1 ? 3 : n < 100 ? 2 : 1)} ms` : 'n/a');
const rate = (n: number, msTotal: number) => (msTotal > 0 ? Math.round(n / (msTotal / 1000)).toLocaleString('en-US') : 'n/a');
const int = (n: number) => n.toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(0)}%` : 'n/a');



let lastProgress = 0;

/** One self-overwriting progress line on a terminal (at most ~10 updates a second); nothing otherwise. */
function progress(text: string, last = false): void {
  if (!process.stdout.isTTY) return;
  const t = performance.now();
  if (!last && t - lastProgress < 100) return;
  lastProgress = t;
  process.stdout.write(`\r\x1b[K  ${text}${last ? '\n' : ''}`);
}

function clearProgress(): void {
  if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
}

// --- the platform --------------------------------------------------------------------------------

/** paved init's config with two clusters in every environment (6) and four teams, checked by parseConfig. */
function benchConfig(): PlatformConfig {
  const base = parseConfig(DEFAULT_CONFIG);
  const regions = [
    { suffix: 'euw1', region: 'eu-west-1' },
    { suffix: 'use1', region: 'us-east-1' },
  ];
  const accounts: Record<string, string> = { dev: '111111111111', staging: '222222222222', prod: '333333333333' };
  const clusters = base.environments.flatMap((environment) =>
    regions.slice(0, CLUSTERS_PER_ENVIRONMENT).map(({ suffix, region }) => ({
      name: `${environment.name}-${suffix}`,
      environment: environment.name,
      account: accounts[environment.name] ?? '444444444444',
      region,
      apiServer: `https://${environment.name}-${suffix}.k8s.acme.example`,
      ...(suffix === 'use1' && environment.name !== 'prod' ? { ingressClass: 'alb-internal' } : {}),
      baseDomain: environment.name === 'prod' ? 'acme.example' : `${environment.name}.acme.example`,
    })),
  );
  const teams = [
    ...base.teams,
    { name: 'checkout', description: 'Cart and checkout', idpGroup: 'acme-checkout', members: ['admin'] },
    { name: 'search', description: 'Search and recommendations', idpGroup: 'acme-search', members: ['admin'] },
  ];
  // Through the YAML parser and the schema again, as a paved.yaml with these clusters would be.
  const config = parseConfig(stringify({ ...base, teams, clusters }), 'bench-paved.yaml');
  for (const environment of config.environments) {
    const n = config.clusters.filter((c) => c.environment === environment.name).length;
    if (n !== CLUSTERS_PER_ENVIRONMENT) throw new Error(`bench: environment ${environment.name} has ${n} clusters, expected ${CLUSTERS_PER_ENVIRONMENT}`);
  }
  return config;
}

// --- the deploy specs ----------------------------------------------------------------------------

const FEATURES = [
  'component named by the repository',
  'env vars',
  'secrets',
  'ingress (public)',
  'ingress (internal)',
  'custom ingress host',
  'autoscaling in prod',
  'per-environment overrides',
  'IAM role',
  'custom probes',
  'two ports',
  'overlay: JSON patch',
  'overlay: merge patch',
  'team chart (no manifests)',
] as const;
type Feature = (typeof FEATURES)[number];

interface GeneratedSpec {
  component: string;
  text: string;
  version: string;
  /** Set when the spec names no component: the repository's name is passed instead. */
  repoName?: string;
  features: Set<Feature>;
}

const NOUNS = ['orders', 'billing', 'ledger', 'catalog', 'cart', 'search', 'users', 'payments', 'invoices', 'shipping', 'pricing', 'reviews', 'notify', 'auth', 'media', 'reports'];
const KINDS = ['api', 'worker', 'web', 'gateway', 'sync', 'consumer'];
const ENV_VALUES = ['info', 'debug', 'on', 'off', 'yes', 'true', '0755', '1.0', '30s', 'https://api.acme.example/v2', 'eu-west-1', '10', 'postgres://db:5432/app'];
const ENV_KEYS = ['LOG_LEVEL', 'FEATURE_X', 'CACHE_TTL', 'UPSTREAM_URL', 'REGION', 'WORKERS', 'DATABASE_URL', 'TRACING', 'STRICT_MODE', 'UMASK'];
const CPU = ['50m', '100m', '250m', '500m', '1', '2'];
const MEMORY = ['128Mi', '256Mi', '512Mi', '1Gi', '2Gi'];

/** A seeded mix of deploy specs as their authors would write them (YAML text). */
function generateSpecs(n: number, teams: string[], seed: number): GeneratedSpec[] {
  const random = rng(seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const specs: GeneratedSpec[] = [];
  for (let i = 0; i < n; i++) {
    const features = new Set<Feature>();
    const component = `${pick(NOUNS)}-${pick(KINDS)}-${String(i).padStart(4, '0')}`;
    const team = pick(teams);
    const spec: Record<string, unknown> = { apiVersion: 'paved/v1', kind: 'Deploy' };
    const named = !chance(0.2);
    if (named) spec.component = component;
    else features.add('component named by the repository');
    spec.team = team;
    spec.image = { repository: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/${team}/${component}`, ...(chance(0.1) ? { tag: `sha-${(i * 2654435761).toString(16).slice(0, 7)}` } : {}) };
    if (chance(0.25)) {
      features.add('two ports');
      spec.ports = [
        { name: 'http', port: 8080 },
        { name: 'metrics', port: 9090 },
      ];
    } else if (chance(0.3)) spec.ports = [{ name: pick(['http', 'web', 'grpc']), port: pick([80, 3000, 8000, 8080, 50051]) }];
    if (chance(0.8)) {
      features.add('env vars');
      spec.env = Object.fromEntries(Array.from({ length: between(1, 6) }, () => [pick(ENV_KEYS), pick(ENV_VALUES)]));
    }
    if (chance(0.4)) {
      features.add('secrets');
      spec.secrets = Array.from({ length: between(1, 3) }, (_, k) => ({
        env: ['DB_PASSWORD', 'API_KEY', 'SIGNING_KEY'][k]!,
        key: `${team}/${component}/${['db', 'api', 'signing'][k]!}`,
        ...(chance(0.5) ? { property: ['password', 'key', 'secret'][k]! } : {}),
      }));
    }
    if (chance(0.6)) spec.resources = { requests: { cpu: pick(CPU), memory: pick(MEMORY) }, ...(chance(0.5) ? { limits: { memory: pick(['512Mi', '1Gi', '2Gi', '4Gi']) } } : {}) };
    if (chance(0.3)) spec.replicas = between(1, 4);
    if (chance(0.3)) {
      features.add('custom probes');
      spec.probes = { liveness: { path: '/health/live', initialDelaySeconds: between(0, 20) }, readiness: { path: '/health/ready', periodSeconds: between(5, 15), failureThreshold: between(2, 5) } };
    }
    const ingress = random();
    if (ingress < 0.2) {
      features.add('ingress (public)');
      spec.ingress = { public: true };
    } else if (ingress < 0.5) {
      features.add('ingress (internal)');
      spec.ingress = chance(0.3) ? { path: '/api' } : {};
    }
    if (spec.ingress && chance(0.2)) {
      features.add('custom ingress host');
      (spec.ingress as Record<string, unknown>).host = `${component}.${team}.acme.example`;
    }
    if (chance(0.25)) {
      features.add('IAM role');
      spec.serviceAccount = { iamRole: `arn:aws:iam::333333333333:role/${component}` };
    }
    if (chance(0.2)) spec.observability = { errorRate: pick([1, 2, 5]), latencyP95Ms: pick([200, 500, 1000]) };

    const environments: Record<string, Record<string, unknown>> = {};
    if (chance(0.35)) {
      features.add('autoscaling in prod');
      const minReplicas = between(2, 4);
      environments.prod = { autoscaling: { minReplicas, maxReplicas: minReplicas + between(2, 16), targetCPUUtilization: pick([50, 60, 70, 80]) } };
    }
    if (chance(0.5)) {
      features.add('per-environment overrides');
      if (chance(0.6)) environments.dev = { env: { LOG_LEVEL: 'debug' }, ...(chance(0.5) ? { replicas: 1 } : {}) };
      if (chance(0.4)) environments.staging = { image: { tag: `rc-${between(1, 9)}` }, replicas: 2 };
      environments.prod = {
        ...environments.prod,
        env: { LOG_LEVEL: 'warn' },
        resources: { requests: { cpu: pick(['500m', '1', '2']) }, limits: { memory: pick(['1Gi', '2Gi', '4Gi']) } },
        ...(spec.secrets && chance(0.5) ? { secrets: [{ env: 'PROD_ONLY_TOKEN', key: `${team}/${component}/prod-token` }] } : {}),
        ...(spec.ingress && chance(0.3) ? { ingress: { public: true, host: `${component}.acme.example` } } : {}),
      };
    }
    if (Object.keys(environments).length > 0) spec.environments = environments;

    const chart = chance(0.05);
    if (chart) {
      features.add('team chart (no manifests)');
      spec.chart = chance(0.5)
        ? { repoURL: 'https://charts.acme.example', chart: component.replace(/-\d+$/, ''), version: `${between(0, 3)}.${between(0, 9)}.${between(0, 9)}`, values: { replicaCount: between(1, 3), image: { tag: 'stable' } } }
        : { repoURL: `https://git.acme.example/${team}/charts.git`, path: `charts/${component}`, version: 'main' };
    } else {
      const overlays: Array<Record<string, unknown>> = [];
      if (chance(0.08)) {
        features.add('overlay: JSON patch');
        overlays.push({
          target: { kind: 'Deployment' },
          ...(chance(0.5) ? { environments: ['prod'] } : {}),
          patch: [
            { op: 'add', path: '/spec/template/spec/priorityClassName', value: 'high-priority' },
            { op: 'add', path: '/spec/template/spec/tolerations', value: [{ key: 'dedicated', operator: 'Equal', value: team, effect: 'NoSchedule' }] },
            { op: 'replace', path: '/spec/revisionHistoryLimit', value: 10 },
          ],
        });
      }
      if (chance(0.08)) {
        features.add('overlay: merge patch');
        overlays.push({ target: { kind: 'Service', name: component }, merge: { metadata: { annotations: { 'team.acme.example/owner': team } } } });
        if (chance(0.5)) {
          overlays.push({
            target: { kind: 'Deployment' },
            environments: ['staging', 'prod'],
            merge: { spec: { template: { metadata: { annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' } } } } },
          });
        }
      }
      if (overlays.length > 0) spec.overlays = overlays;
    }

    const text = `# deploy.yaml of ${team}/${component}: read by paved deploy render.\n${stringify(spec)}`;
    specs.push({ component, text, version: `1.${i % 20}.${i % 7}`, ...(named ? {} : { repoName: component }), features });
  }
  return specs;
}

// --- the benchmark -------------------------------------------------------------------------------

interface Run {
  parseMs: number;
  renderMs: number;
  serialiseMs: number;
  totalMs: number;
  files: number;
  objects: number;
  yamlBytes: number;
  /** sha256 of all YAML, in file order: every run must write the same bytes. */
  digest: string;
  rendered: GitOpsFile[];
  /** Right after the YAML is written, garbage included. */
  heapUsedAfter: number;
  /** After a full GC with the tree and the YAML still held: what they occupy, plus the baseline. */
  heapLiveAfter: number;
  maxRssAfter: number;
}

function input(g: GeneratedSpec, spec: DeploySpec): ComponentInput {
  return { spec, version: g.version, file: `${g.component}/deploy.yaml`, ...(g.repoName ? { component: g.repoName } : {}) };
}

function runOnce(config: PlatformConfig, specs: GeneratedSpec[], label: string): Run {
  const started = performance.now();

  const parsed: DeploySpec[] = new Array(specs.length);
  for (let i = 0; i < specs.length; i++) {
    const g = specs[i]!;
    parsed[i] = parseDeploySpec(g.text, `${g.component}/deploy.yaml`);
    progress(`${label}: parsing ${i + 1}/${specs.length}`);
  }
  const parsedAt = performance.now();

  lastProgress = 0; // always show this one: the call runs for a while without updates
  progress(`${label}: rendering ${specs.length} components (one renderComponents call)`);
  const inputs = specs.map((g, i) => input(g, parsed[i]!));
  const rendered = renderComponents(config, inputs, { gitopsRepoUrl: GITOPS });
  const renderedAt = performance.now();

  const texts: string[] = new Array(rendered.length);
  for (let i = 0; i < rendered.length; i++) {
    texts[i] = fileContent(rendered[i]!);
    progress(`${label}: writing YAML ${i + 1}/${rendered.length}`);
  }
  const done = performance.now();
  clearProgress();

  const heapUsedAfter = process.memoryUsage().heapUsed;
  gc?.();
  const heapLiveAfter = gc ? process.memoryUsage().heapUsed : NaN;

  const hash = createHash('sha256');
  let yamlBytes = 0;
  for (const text of texts) {
    hash.update(text);
    yamlBytes += Buffer.byteLength(text);
  }
  return {
    parseMs: parsedAt - started,
    renderMs: renderedAt - parsedAt,
    serialiseMs: done - renderedAt,
    totalMs: done - started,
    files: rendered.length,
    objects: rendered.reduce((sum, f) => sum + f.objects.length, 0),
    yamlBytes,
    digest: hash.digest('hex'),
    rendered,
    heapUsedAfter,
    heapLiveAfter,
    maxRssAfter: process.resourceUsage().maxRSS * 1024,
  };
}

/** Every component on its own (parse, renderComponents of one, fileContent), timing each step. */
function perComponent(config: PlatformConfig, specs: GeneratedSpec[]) {
  const parse: number[] = [];
  const render: number[] = [];
  const serialise: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < specs.length; i++) {
    const g = specs[i]!;
    const t0 = performance.now();
    const spec = parseDeploySpec(g.text, `${g.component}/deploy.yaml`);
    const t1 = performance.now();
    const files = renderComponents(config, [input(g, spec)], { gitopsRepoUrl: GITOPS });
    const t2 = performance.now();
    for (const file of files) fileContent(file);
    const t3 = performance.now();
    parse.push(t1 - t0);
    render.push(t2 - t1);
    serialise.push(t3 - t2);
    total.push(t3 - t0);
    progress(`one component at a time: ${i + 1}/${specs.length}`);
  }
  clearProgress();
  return { parse: stats(parse), render: stats(render), serialise: stats(serialise), total: stats(total) };
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log('Paved deploy rendering benchmark');
  console.log(`  node ${process.version} (${process.platform}/${process.arch}), ${cpus.length} CPU(s): ${cpus[0]?.model.trim() ?? 'unknown'}, ${mb(os.totalmem())} RAM`);
  console.log(`  components ${int(COMPONENTS)}, runs ${RUNS}, seed ${SEED}; ${loadavg()}`);

  let started = performance.now();
  const config = benchConfig();
  const environments = config.environments.map((e) => `${e.name} (${config.clusters.filter((c) => c.environment === e.name).map((c) => c.name).join(', ')})`);
  console.log(`  platform: ${config.environments.length} environments × ${CLUSTERS_PER_ENVIRONMENT} clusters: ${environments.join('; ')}`);
  console.log(`  teams: ${config.teams.map((t) => t.name).join(', ')}`);
  const specs = generateSpecs(COMPONENTS, config.teams.map((t) => t.name), SEED);
  const specBytes = specs.reduce((sum, g) => sum + Buffer.byteLength(g.text), 0);
  console.log(`  ${int(specs.length)} deploy specs generated in ${fms(performance.now() - started)} (${bytes(specBytes)} of YAML, ${bytes(Math.round(specBytes / specs.length))} each on average)`);

  console.log('\nInput mix (components with each feature; a component has several)');
  console.log(
    table(
      ['feature', 'components', 'share'],
      FEATURES.map((feature) => {
        const n = specs.filter((g) => g.features.has(feature)).length;
        return [feature, int(n), pct(n, specs.length)];
      }),
    ),
  );

  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  const runs: Run[] = [];
  for (let r = 0; r < RUNS; r++) {
    // Drop the previous run's output first, so runs do not hold each other's trees.
    if (runs.length > 0) runs[runs.length - 1]!.rendered = [];
    gc?.();
    started = performance.now();
    const run = runOnce(config, specs, `run ${r + 1}/${RUNS}`);
    runs.push(run);
    console.log(`  run ${r + 1}/${RUNS}: ${secs(run.totalMs)} (parse ${secs(run.parseMs)}, render ${secs(run.renderMs)}, YAML ${secs(run.serialiseMs)}); ${loadavg()}`);
  }
  const last = runs[runs.length - 1]!;
  const first = runs[0]!;
  const peakRss = process.resourceUsage().maxRSS * 1024;

  // What was rendered (the last run's tree).
  const kinds = new Map<string, number>();
  for (const file of last.rendered) for (const object of file.objects) kinds.set(object.kind, (kinds.get(object.kind) ?? 0) + 1);
  const manifests = last.rendered.filter((f) => f.path.endsWith('/manifests.yaml')).length;
  const applications = last.rendered.length - manifests;
  last.rendered = [];

  const one = perComponent(config, specs);

  // --- report ------------------------------------------------------------------------------------
  const phases = [
    { name: 'parse specs (parseDeploySpec)', pick: (r: Run) => r.parseMs },
    { name: 'render + validate (renderComponents)', pick: (r: Run) => r.renderMs },
    { name: 'write YAML (fileContent)', pick: (r: Run) => r.serialiseMs },
    { name: 'total', pick: (r: Run) => r.totalMs },
  ];
  const totalMedian = stats(runs.map((r) => r.totalMs)).median;
  console.log(`\nPhases (${RUNS} run(s), all ${int(COMPONENTS)} components each; the first run also loads the schema modules and warms up the JIT)`);
  console.log(
    table(
      ['phase', 'median', 'min', 'max', 'first run', 'share', 'per component', 'objects/s'],
      phases.map((p) => {
        const s = stats(runs.map(p.pick));
        return [p.name, secs(s.median), secs(s.min), secs(s.max), secs(p.pick(first)), pct(s.median, totalMedian), fms(s.median / COMPONENTS), rate(last.objects, s.median)];
      }),
    ),
  );
  const best = stats(runs.map((r) => r.totalMs)).min;
  console.log(`  throughput: ${rate(last.objects, totalMedian)} objects/s (median run; best ${rate(last.objects, best)}), ${rate(COMPONENTS, totalMedian)} components/s, ${rate(last.files, totalMedian)} files/s`);
  console.log('  (objects/s of a phase: all objects rendered divided by that phase\'s median time)');

  console.log(`\nOne component at a time (each spec parsed, rendered with renderComponents([one]) and written alone; ${int(COMPONENTS)} components, one pass after the runs)`);
  console.log(
    table(
      ['step', 'median', 'p90', 'max'],
      [
        ['parse', one.parse],
        ['render + validate', one.render],
        ['write YAML', one.serialise],
        ['whole component', one.total],
      ].map(([name, s]) => {
        const t = s as ReturnType<typeof stats>;
        return [name as string, fms(t.median), fms(t.p90), fms(t.max)];
      }),
    ),
  );

  console.log(`\nOutput (every run): ${int(COMPONENTS)} components, ${int(last.files)} files (${int(manifests)} manifests.yaml + ${int(applications)} Applications), ${int(last.objects)} objects`);
  console.log(`  YAML: ${bytes(last.yamlBytes)} in all, ${bytes(Math.round(last.yamlBytes / last.files))} per file and ${bytes(Math.round(last.yamlBytes / COMPONENTS))} per component on average`);
  const digests = new Set(runs.map((r) => r.digest));
  const sameShape = runs.every((r) => r.files === last.files && r.objects === last.objects && r.yamlBytes === last.yamlBytes);
  console.log(digests.size === 1 && sameShape ? `  every run wrote the same bytes (sha256 ${last.digest.slice(0, 16)}…)` : `  NOTE: the runs wrote different YAML (${digests.size} different digests); rendering should be deterministic`);
  console.log(
    table(
      ['kind', 'objects'],
      [...kinds].sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => [kind, int(n)]),
    ),
  );

  console.log('\nMemory (this process: includes the harness, tsx and the generated specs)');
  console.log(
    table(
      ['measurement', 'value'],
      [
        ['peak RSS (process.resourceUsage().maxRSS)', mb(peakRss)],
        ['peak RSS before the first run (modules loaded, specs generated)', mb(rssBefore)],
        ['peak RSS after the first run', mb(first.maxRssAfter)],
        [`heap used before the runs${gc ? ' (after a full GC)' : ''}`, mb(heapBefore)],
        ['heap used right after the last run (garbage included)', mb(last.heapUsedAfter)],
        ['heap used after the last run and a full GC (its tree and YAML still held)', gc ? mb(last.heapLiveAfter) : 'n/a (no GC exposed)'],
      ],
    ),
  );
  console.log(`\nMachine ${loadavg()} at the end (other work on the machine inflates the figures).`);
  console.log('Figures only (a benchmark, not a test).');
}

await runBench(main, clearProgress);
