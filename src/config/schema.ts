/**
 * `paved.yaml`, the platform config: who the organisation is, which forge holds its repos,
 * where the platform keeps its data, and its users and teams. Later sections (environments,
 * clusters) are added by the engines that read them. Unknown keys are errors: a typo must not
 * silently fall back to a default.
 */
import { z } from 'zod';
import { InfraSchema } from './infra.js';
import { OrgSchema } from './org.js';

const NAME = /^[a-z0-9](?:[a-z0-9-]{0,37}[a-z0-9])?$/;
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;

const name = (what: string) => z.string().regex(NAME, `expected ${what} name: lowercase letters, digits and '-', at most 39 characters`);
const login = z.string().regex(LOGIN, "expected a login: letters, digits and '-', at most 39 characters");

export const UserSchema = z.strictObject({
  login,
  name: z.string().default(''),
  email: z.string().default(''),
  admin: z.boolean().default(false),
});

/** A Kubernetes quantity: `500m`, `2`, `256Mi`, `1.5Gi`. */
export const QuantitySchema = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .pipe(z.string().regex(/^(?:\d+(?:\.\d+)?|\.\d+)(?:m|k|Ki|Mi|Gi|Ti|Pi|M|G|T|P)?$/, "expected a Kubernetes quantity such as '500m', '2', '256Mi' or '1Gi'"));

export const ResourcesSchema = z.strictObject({
  requests: z.strictObject({ cpu: QuantitySchema.optional(), memory: QuantitySchema.optional() }).optional(),
  limits: z.strictObject({ cpu: QuantitySchema.optional(), memory: QuantitySchema.optional() }).optional(),
});

/** What a team may use in one namespace (one per environment and cluster). */
export const QuotaSchema = z.strictObject({
  cpu: QuantitySchema.optional(),
  memory: QuantitySchema.optional(),
  pods: z.int().positive().optional(),
  services: z.int().nonnegative().optional(),
  persistentVolumeClaims: z.int().nonnegative().optional(),
});

export const SyncPolicySchema = z.strictObject({
  /** ArgoCD syncs on its own when the GitOps repo changes. */
  automated: z.boolean().default(true),
  /** Delete what is no longer rendered. */
  prune: z.boolean().default(true),
  /** Undo changes made by hand in the cluster. */
  selfHeal: z.boolean().default(true),
});

export const EnvironmentSchema = z.strictObject({
  name: name('an environment'),
  description: z.string().default(''),
  /** What every component gets in this environment unless its deploy spec says otherwise. */
  defaults: z
    .strictObject({
      replicas: z.int().min(0).max(1000).optional(),
      resources: ResourcesSchema.optional(),
      syncPolicy: SyncPolicySchema.optional(),
    })
    .default({}),
  /** A team's quota per namespace here, unless the team sets its own. */
  quota: QuotaSchema.optional(),
  /** Alert thresholds for this environment (see docs/gitops.md), over the platform's defaults. */
  observability: z.record(z.string(), z.unknown()).optional(),
});

export const ClusterSchema = z.strictObject({
  name: name('a cluster'),
  environment: name('an environment'),
  /** The cloud account (AWS: 12 digits). */
  account: z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id (quote it in YAML)'),
  region: z.string().regex(/^[a-z]{2}(?:-gov)?-[a-z]+-\d$/, "expected a cloud region such as 'eu-west-1'"),
  /** The Kubernetes API server, as ArgoCD reaches it. */
  apiServer: z.url(),
  ingressClass: z.string().min(1).default('alb'),
  /** Hosts of ingresses are `<component>.<baseDomain>` unless the spec names one. */
  baseDomain: z.string().regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "expected a DNS domain such as 'prod.acme.example'"),
});

export const TeamSchema = z.strictObject({
  name: name('a team'),
  description: z.string().default(''),
  /** The identity provider group whose members make up the team (SSO, Kubernetes RBAC). */
  idpGroup: z.string().optional(),
  members: z.array(login).default([]),
  /** Overrides the environments' quota for this team's namespaces. */
  quota: QuotaSchema.optional(),
});

export const ForgeConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('local'),
    /** Where `paved start` serves the forge; repositories are `<url>/<owner>/<repo>.git`. */
    url: z.url().default('http://127.0.0.1:7070'),
    /** Clone and fetch without a token (the server listens on loopback). */
    anonymousRead: z.boolean().default(true),
  }),
  z.strictObject({
    kind: z.literal('github'),
    /** The API base: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise. */
    url: z.url().default('https://api.github.com'),
    /** The environment variable holding the token (the token itself never goes in this file). */
    tokenEnv: z.string().default('GITHUB_TOKEN'),
  }),
]);

export const PlatformConfigSchema = z.strictObject({
  apiVersion: z.literal('paved/v1'),
  organisation: name('an organisation'),
  forge: ForgeConfigSchema.default({ kind: 'local', url: 'http://127.0.0.1:7070', anonymousRead: true }),
  /** The platform's data folder (store, local forge repositories, secrets), relative to paved.yaml. */
  data: z.string().min(1).default('.paved'),
  users: z.array(UserSchema).default([]),
  teams: z.array(TeamSchema).default([]),
  /** In promotion order: a version goes from the first towards the last. */
  environments: z.array(EnvironmentSchema).default([]),
  clusters: z.array(ClusterSchema).default([]),
  /** Dashboards and alerts for every component; rendered only when an account is set. */
  observability: z
    .strictObject({
      newrelic: z.strictObject({ accountId: z.int({ error: 'expected a NewRelic account id (a number)' }).positive(), region: z.enum(['us', 'eu']).default('us') }).optional(),
    })
    .default({}),
  /** Accounts, regions and cluster settings for `paved infra render` (docs/infra.md). */
  infra: InfraSchema.optional(),
  /** Teams, permissions, branch protection and labels for `paved org plan | apply` (docs/org.md). */
  org: OrgSchema.optional(),
});

export type PlatformConfig = z.infer<typeof PlatformConfigSchema>;
export type ForgeConfig = z.infer<typeof ForgeConfigSchema>;
export type UserConfig = z.infer<typeof UserSchema>;
export type TeamConfig = z.infer<typeof TeamSchema>;
export type EnvironmentConfig = z.infer<typeof EnvironmentSchema>;
export type ClusterConfig = z.infer<typeof ClusterSchema>;
export type Quota = z.infer<typeof QuotaSchema>;
export type Resources = z.infer<typeof ResourcesSchema>;
export type SyncPolicy = z.infer<typeof SyncPolicySchema>;
