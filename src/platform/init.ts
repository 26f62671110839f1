/**
 * `paved init [dir]`: creates a platform workspace, or completes one, and changes nothing that is
 * already right. Every step checks before it acts, so an interrupted init is finished by the next.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONFIG_FILE, parseConfig, type PlatformConfig } from '../config/index.js';
import { gitRaw } from '../git/git.js';
import { goldenRepos } from '../golden/content.js';
import { seedGoldenRepo, type SeedResult } from '../golden/seed.js';
import { LocalForge } from '../forge/local/forge.js';
import { issueToken, upsertUser } from '../forge/local/users.js';
import { now, openSqliteStore, type Store } from '../store/index.js';
import { dataPaths, tokenFile } from './platform.js';

export const DEFAULT_CONFIG = `# The platform config: read by every Paved command and by \`paved start\`.
apiVersion: paved/v1
organisation: acme
forge:
  kind: local                  # local (embedded) or github
  url: http://127.0.0.1:7070   # where \`paved start\` serves repositories and the API
  anonymousRead: true          # clone and fetch without a token (the server listens on loopback)
data: .paved                   # store, repositories and secrets; keep it out of git
users:
  - login: admin
    name: Platform Admin
    email: admin@acme.example
    admin: true
teams:
  - name: payments
    description: Payments and billing
    idpGroup: acme-payments
    members: [admin]
  - name: platform
    description: The platform team
    idpGroup: acme-platform
    members: [admin]
    quota: { cpu: "40", memory: 80Gi, pods: 400 }
# In promotion order. Defaults apply to every component unless its deploy.yaml says otherwise.
environments:
  - name: dev
    defaults: { replicas: 1, resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { memory: 256Mi } } }
    quota: { cpu: "8", memory: 16Gi, pods: 100 }
  - name: staging
    defaults: { replicas: 2 }
    quota: { cpu: "8", memory: 16Gi, pods: 100 }
  - name: prod
    defaults: { replicas: 3, syncPolicy: { automated: true, prune: false, selfHeal: true } }
    quota: { cpu: "20", memory: 40Gi, pods: 200 }
# Dashboards and alerts for every component (rendered by \`paved deploy render\`, applied with
# \`paved observability apply\` and NEW_RELIC_API_KEY): set your NewRelic account to turn them on.
# observability:
#   newrelic: { accountId: 1234567, region: us }
clusters:
  - { name: dev-euw1, environment: dev, account: "111111111111", region: eu-west-1, apiServer: "https://dev-euw1.k8s.acme.example", baseDomain: dev.acme.example }
  - { name: staging-euw1, environment: staging, account: "222222222222", region: eu-west-1, apiServer: "https://staging-euw1.k8s.acme.example", baseDomain: staging.acme.example }
  - { name: prod-euw1, environment: prod, account: "333333333333", region: eu-west-1, apiServer: "https://prod-euw1.k8s.acme.example", baseDomain: acme.example }
  - { name: prod-use1, environment: prod, account: "333333333333", region: us-east-1, apiServer: "https://prod-use1.k8s.acme.example", baseDomain: acme.example }
`;

/** The repositories the platform fills itself, created empty but for a README. The golden-path repositories are seeded with their content. */
export const PLATFORM_REPOSITORIES = [
  { name: 'gitops', description: 'Desired state of every cluster: namespaces, ArgoCD objects, rendered manifests' },
];

export interface InitReport {
  dir: string;
  configFile: string;
  organisation: string;
  created: string[];
  unchanged: string[];
  tokens: Array<{ login: string; file: string }>;
  forgeUrl: string;
  /** The golden-path repositories (templates, workflows) and what seeding did to each. */
  golden: SeedResult[];
}

export async function initWorkspace(dirArg: string): Promise<InitReport> {
  const dir = path.resolve(dirArg);
  mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, CONFIG_FILE);
  const report: InitReport = { dir, configFile, organisation: '', created: [], unchanged: [], tokens: [], forgeUrl: '', golden: [] };
  if (existsSync(configFile)) report.unchanged.push(CONFIG_FILE);
  else {
    writeAtomic(configFile, DEFAULT_CONFIG, 0o644);
    report.created.push(CONFIG_FILE);
  }
  const config = parseConfig(readFileSync(configFile, 'utf8'), configFile);
  report.organisation = config.organisation;
  report.forgeUrl = config.forge.url;
  ensureGitignore(dir, config.data, report);
  const dataDir = path.resolve(dir, config.data);
  const paths = dataPaths(dataDir);
  mkdirSync(paths.repos, { recursive: true });
  mkdirSync(paths.secrets, { recursive: true, mode: 0o700 });
  chmodSync(paths.secrets, 0o700);
  const freshStore = !existsSync(paths.store);
  const store = await openSqliteStore(paths.store);
  (freshStore ? report.created : report.unchanged).push(path.relative(dir, paths.store));
  try {
    await syncPeople(store, config);
    for (const user of config.users.filter((u) => u.admin)) {
      const file = tokenFile(dataDir, user.login);
      if (!existsSync(file)) {
        writeAtomic(file, `${await issueToken(store, user.login, 'created by paved init')}\n`, 0o600);
        report.created.push(path.relative(dir, file));
      } else report.unchanged.push(path.relative(dir, file));
      report.tokens.push({ login: user.login, file });
    }
    const admin = config.users.find((u) => u.admin);
    if (config.forge.kind === 'local' && admin) {
      const forge = new LocalForge({ store, reposDir: paths.repos, baseUrl: config.forge.url, actor: admin.login });
      for (const repo of PLATFORM_REPOSITORIES) {
        const made = await ensureRepository(forge, config.organisation, repo.name, repo.description);
        (made ? report.created : report.unchanged).push(`${config.organisation}/${repo.name}`);
      }
      for (const golden of goldenRepos()) {
        const seeded = await seedGoldenRepo(forge, config.organisation, golden);
        report.golden.push(seeded);
        if (seeded.outcome !== 'skipped') (seeded.outcome === 'unchanged' ? report.unchanged : report.created).push(`${seeded.repo} (v${seeded.versions.at(-1)})`);
      }
    }
  } finally {
    await store.close();
  }
  return report;
}

/** Users, the organisation and its members, from paved.yaml into the store (which checks rights). */
async function syncPeople(store: Store, config: PlatformConfig): Promise<void> {
  await store.write(async (tx) => {
    for (const user of config.users) await upsertUser(tx, { login: user.login, name: user.name, email: user.email, admin: user.admin });
    await tx.insertInto('owners').values({ login: config.organisation, kind: 'organization', createdAt: now() }).onConflict((oc) => oc.doNothing()).execute();
    for (const user of config.users) {
      await tx.insertInto('owners').values({ login: user.login, kind: 'user', createdAt: now() }).onConflict((oc) => oc.doNothing()).execute();
    }
    const members = new Set([...config.users.filter((u) => u.admin).map((u) => u.login), ...config.teams.flatMap((t) => t.members)]);
    await tx.deleteFrom('memberships').where('owner', '=', config.organisation).execute();
    for (const login of members) {
      const admin = config.users.find((u) => u.login === login)?.admin;
      await tx.insertInto('memberships').values({ owner: config.organisation, login, role: admin ? 'admin' : 'member' }).execute();
    }
  });
}

async function ensureRepository(forge: LocalForge, owner: string, name: string, description: string): Promise<boolean> {
  const existing = await forge.getRepository({ owner, name });
  const repo = existing ?? (await forge.createRepository({ owner, name, description, defaultBranch: 'main' }));
  if (await forge.getBranch(repo, repo.defaultBranch)) return existing === undefined;
  // A README as the first commit gives the repository its default branch.
  const work = mkdtempSync(path.join(os.tmpdir(), 'paved-init-'));
  try {
    writeFileSync(path.join(work, 'README.md'), `# ${owner}/${name}\n\n${description}.\n`);
    await gitRaw(['init', '--quiet', `--initial-branch=${repo.defaultBranch}`], { cwd: work });
    await gitRaw(['add', 'README.md'], { cwd: work });
    await gitRaw(['-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', `chore: create ${name}`], { cwd: work });
    await forge.push(repo, work, [{ src: 'HEAD', dst: repo.defaultBranch, expected: null }]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return true;
}

/** Keeps the data folder (store, repositories, tokens) out of a workspace kept in git. */
function ensureGitignore(dir: string, data: string, report: InitReport): void {
  const rel = path.relative(dir, path.resolve(dir, data));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return;
  const file = path.join(dir, '.gitignore');
  const line = `/${rel.split(path.sep).join('/')}/`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current.split('\n').some((l) => l.trim() === line)) {
    report.unchanged.push('.gitignore');
    return;
  }
  writeAtomic(file, `${current}${current && !current.endsWith('\n') ? '\n' : ''}${line}\n`, 0o644);
  report.created.push('.gitignore');
}

/** Written aside and renamed in: an interrupted init never leaves half a file, and the mode holds from the first byte. */
function writeAtomic(file: string, text: string, mode: number): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, file);
}
