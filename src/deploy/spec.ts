/**
 * The deploy spec: `deploy.yaml` in a component's repository, versioned with its code. It says
 * what the platform's workload renderer needs (image, ports, env, secrets by reference, resources,
 * scaling, probes, ingress) with per-environment overrides and an escape hatch (JSON patches or
 * merge patches on the rendered objects). Its JSON schema is published as
 * docs/deploy-spec.schema.json (written from this file by `npm run schemas`).
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { issueFacts } from '../config/issue.js';
import { QuantitySchema } from '../config/schema.js';
import { InputError } from '../errors.js';

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const int = () => z.int({ error: 'expected an integer' });

const Resources = z.strictObject({
  requests: z.strictObject({ cpu: QuantitySchema.optional(), memory: QuantitySchema.optional() }).optional(),
  limits: z.strictObject({ cpu: QuantitySchema.optional(), memory: QuantitySchema.optional() }).optional(),
});

const Probe = z.strictObject({
  path: z.string().startsWith('/', 'expected a path starting with /'),
  port: z.string().optional().describe('a port name from ports (default: the first port)'),
  initialDelaySeconds: int().min(0).optional(),
  periodSeconds: int().min(1).optional(),
  failureThreshold: int().min(1).optional(),
});

const Secret = z.strictObject({
  env: z.string().regex(ENV_NAME, 'expected an environment variable name'),
  /** The key in the secret store (AWS Secrets Manager name, Vault path…): a reference, never a value. */
  key: z.string().min(1),
  /** One property of a JSON secret. */
  property: z.string().optional(),
});

const Autoscaling = z
  .strictObject({
    minReplicas: int().min(1),
    maxReplicas: int().min(1).max(1000),
    targetCPUUtilization: int().min(1).max(100).default(70),
  })
  .refine((a) => a.maxReplicas >= a.minReplicas, { message: 'maxReplicas must be at least minReplicas', path: ['maxReplicas'] });

const Ingress = z.strictObject({
  enabled: z.boolean().default(true),
  /** Default: `<component>.<cluster baseDomain>`. */
  host: z.string().regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'expected a DNS name').optional(),
  path: z.string().startsWith('/').default('/'),
  /** Internet-facing load balancer instead of an internal one. */
  public: z.boolean().default(false),
});

/** What may change per environment: everything about running, nothing about identity. */
const Overridable = {
  image: z.strictObject({ repository: z.string().min(1).optional(), tag: z.string().min(1).optional() }).optional(),
  env: z.record(z.string().regex(ENV_NAME, 'expected an environment variable name'), z.string()).optional(),
  secrets: z.array(Secret).optional(),
  resources: Resources.optional(),
  replicas: int().min(0).max(1000).optional(),
  autoscaling: Autoscaling.optional(),
  ingress: Ingress.optional(),
  observability: z.record(z.string(), z.unknown()).optional(),
};

const JsonPatchOp = z.strictObject({
  op: z.enum(['add', 'remove', 'replace', 'move', 'copy', 'test']),
  path: z.string().startsWith('/'),
  value: z.unknown().optional(),
  from: z.string().optional(),
});

const Overlay = z.strictObject({
  /** Which rendered objects the overlay applies to. */
  target: z.strictObject({ kind: z.string().min(1), name: z.string().optional() }),
  /** RFC 6902 JSON patch operations. */
  patch: z.array(JsonPatchOp).optional(),
  /** RFC 7386 merge patch: maps merge, lists and scalars replace, null deletes. */
  merge: z.record(z.string(), z.unknown()).optional(),
  /** Only in these environments (default: all). */
  environments: z.array(z.string()).optional(),
});

const Chart = z.strictObject({
  repoURL: z.string().min(1),
  chart: z.string().min(1).optional(),
  /** A path in a git repository instead of a chart from a Helm repository. */
  path: z.string().optional(),
  version: z.string().min(1),
  values: z.record(z.string(), z.unknown()).optional(),
});

export const DeploySpecSchema = z.strictObject({
  apiVersion: z.literal('paved/v1'),
  kind: z.literal('Deploy'),
  /** Default: the repository's name. */
  component: z.string().regex(DNS_LABEL, 'expected a DNS label: lowercase letters, digits and -, at most 63 characters').optional(),
  team: z.string().regex(DNS_LABEL, 'expected a team name'),
  image: z.strictObject({ repository: z.string().min(1), tag: z.string().min(1).optional() }),
  ports: z
    .array(z.strictObject({ name: z.string().regex(/^[a-z0-9-]{1,15}$/, 'expected a port name (at most 15 lowercase letters, digits, -)'), port: int().min(1).max(65535), protocol: z.enum(['TCP', 'UDP']).default('TCP') }))
    .min(1)
    .default([{ name: 'http', port: 8080, protocol: 'TCP' }]),
  env: Overridable.env,
  secrets: Overridable.secrets,
  resources: Overridable.resources,
  replicas: Overridable.replicas,
  autoscaling: Overridable.autoscaling,
  probes: z.strictObject({ liveness: Probe.optional(), readiness: Probe.optional() }).optional(),
  ingress: Overridable.ingress,
  serviceAccount: z.strictObject({ iamRole: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'expected an IAM role ARN').optional() }).optional(),
  observability: Overridable.observability,
  environments: z.record(z.string(), z.strictObject(Overridable)).optional(),
  overlays: z.array(Overlay).optional(),
  /** Deploy a team-owned Helm chart through ArgoCD instead of the platform's rendered manifests. */
  chart: Chart.optional(),
});

export type DeploySpec = z.infer<typeof DeploySpecSchema>;
export type Overrides = z.infer<z.ZodObject<typeof Overridable>>;
export type DeployOverlay = z.infer<typeof Overlay>;

/** Parses deploy.yaml; errors point at the field: `deploy.yaml: environments.prod.replicas: expected integer, got '3x'`. */
export function parseDeploySpec(text: string, file = 'deploy.yaml'): DeploySpec {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line;
    throw new InputError(`${file}${line ? `:${line}` : ''}: not valid YAML (${yamlError.message.split('\n')[0]}); fix the syntax`, { file, line });
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = DeploySpecSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const { key: field, value, got } = issueFacts(issue, raw);
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}; remove or check the spelling`
        : issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')
          ? value === undefined
            ? `missing; add it (${issue.expected})`
            : `expected ${issue.expected}, got ${got}`
          : issue.code === 'invalid_value'
            ? `expected ${issue.values.map((v) => `'${String(v)}'`).join(' or ')}, got ${got}`
            : `${issue.message}, got ${got}`;
    throw new InputError(`${file}: ${field}: ${message}`, { file, field, issues: parsed.error.issues.length });
  }
  return parsed.data;
}

/** The JSON schema of deploy.yaml, for editors and for docs/. */
export function deploySpecJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://paved.dev/schemas/deploy-spec.schema.json',
    title: 'Paved deploy spec (deploy.yaml)',
    ...(z.toJSONSchema(DeploySpecSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>),
  };
}
