/**
 * The Backstage descriptor format (catalog-info.yaml), kind by kind, as Backstage documents it in
 * "Descriptor Format of Catalog Entities". The envelope is strict (Backstage refuses foreign root
 * fields); metadata and spec keep unknown keys, because plugins put their own fields there and a
 * Backstage-compatible catalog must hand them back untouched.
 */
import { z } from 'zod';
import { tryParseEntityRef } from './ref.js';

export const API_VERSIONS = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'] as const;
export const ENTITY_KINDS = ['Component', 'API', 'System', 'Domain', 'Resource', 'Group', 'User', 'Location'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export type EntityKind = (typeof ENTITY_KINDS)[number];

// Backstage's field formats (FieldFormatEntityPolicy with the Kubernetes-style validators).
const NAME = /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/;
const NAMESPACE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TAG = /^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$/;
const DNS_SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;

const text = (what: string) => z.string({ error: (i) => (i.input === undefined ? 'required' : `expected ${what}`) });
const nonEmpty = (what: string) => text(what).min(1, `expected ${what}, got an empty string`);

const objectName = nonEmpty('a name')
  .max(63, 'at most 63 characters')
  .regex(NAME, "expected letters and digits, in runs joined by '-', '_' or '.'");

/** A label or annotation key: `[prefix/]name`, the prefix a DNS subdomain. */
function keyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return `'${key}': the prefix before '/' must be a DNS name such as example.com`;
  if (name.length > 63 || !NAME.test(name)) return `'${key}' is not a valid key: letters and digits joined by '-', '_' or '.', at most 63 characters, after an optional 'example.com/' prefix`;
  return undefined;
}

function keyedMap(value: z.ZodType<string>) {
  return z.record(z.string(), value).superRefine((map, ctx) => {
    for (const key of Object.keys(map)) {
      const problem = keyProblem(key);
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
    }
  });
}

export const MetadataSchema = z.looseObject({
  name: objectName,
  namespace: nonEmpty('a namespace').max(63, 'at most 63 characters').regex(NAMESPACE, "expected lowercase letters and digits joined by '-'").default('default'),
  title: text('a string').optional(),
  description: text('a string').optional(),
  labels: keyedMap(text('a string').max(63, 'at most 63 characters').regex(/^(?:[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*)?$/, "expected letters and digits joined by '-', '_' or '.'")).optional(),
  annotations: keyedMap(text('a string')).optional(),
  tags: z.array(nonEmpty('a tag').max(63, 'at most 63 characters').regex(TAG, "expected lowercase letters, digits, ':', '+' or '#', in runs joined by '-'")).optional(),
  links: z.array(z.looseObject({ url: nonEmpty('a URL'), title: text('a string').optional(), icon: text('a string').optional(), type: text('a string').optional() })).optional(),
});

/** An entity ref in a spec field; without a default kind the ref must name its kind. */
const ref = (defaultKind?: string) =>
  nonEmpty('an entity ref').superRefine((value, ctx) => {
    const parsed = tryParseEntityRef(value, { defaultKind });
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  });
const refs = (defaultKind?: string) => z.array(ref(defaultKind));

const owner = ref('Group');
const system = ref('System').optional();

export const SPEC_SCHEMAS = {
  Component: z.looseObject({
    type: nonEmpty('a type such as service, website or library'),
    lifecycle: nonEmpty('a lifecycle such as experimental, production or deprecated'),
    owner,
    system,
    subcomponentOf: ref('Component').optional(),
    providesApis: refs('API').optional(),
    consumesApis: refs('API').optional(),
    dependsOn: refs().optional(),
    dependencyOf: refs().optional(),
  }),
  API: z.looseObject({
    type: nonEmpty('a type such as openapi, asyncapi, graphql or grpc'),
    lifecycle: nonEmpty('a lifecycle such as experimental, production or deprecated'),
    owner,
    system,
    // Backstage resolves `$text`/`$json`/`$yaml` placeholders before validating; kept as written here.
    definition: z.union([nonEmpty('the API definition'), z.strictObject({ $text: z.string() }), z.strictObject({ $json: z.string() }), z.strictObject({ $yaml: z.string() })], {
      error: (i) => (i.input === undefined ? 'required' : 'expected the API definition as a string, or a $text placeholder'),
    }),
  }),
  System: z.looseObject({ owner, domain: ref('Domain').optional(), type: text('a string').optional() }),
  Domain: z.looseObject({ owner, subdomainOf: ref('Domain').optional(), type: text('a string').optional() }),
  Resource: z.looseObject({
    type: nonEmpty('a type such as database or s3-bucket'),
    owner,
    system,
    dependsOn: refs().optional(),
    dependencyOf: refs().optional(),
  }),
  Group: z.looseObject({
    type: nonEmpty('a type such as team or business-unit'),
    profile: z.looseObject({ displayName: text('a string').optional(), email: text('a string').optional(), picture: text('a string').optional() }).optional(),
    parent: ref('Group').optional(),
    children: refs('Group'),
    members: refs('User').optional(),
  }),
  User: z.looseObject({
    profile: z.looseObject({ displayName: text('a string').optional(), email: text('a string').optional(), picture: text('a string').optional() }).optional(),
    memberOf: refs('Group').default([]),
  }),
  Location: z.looseObject({
    type: text('a string').optional(),
    target: nonEmpty('a path or URL').optional(),
    targets: z.array(nonEmpty('a path or URL')).optional(),
    presence: z.enum(['required', 'optional']).optional(),
  }),
} satisfies Record<EntityKind, z.ZodType>;

export const EnvelopeSchema = z.strictObject({
  apiVersion: z.enum(API_VERSIONS),
  kind: z.enum(ENTITY_KINDS),
  metadata: MetadataSchema,
  spec: z.record(z.string(), z.unknown()).default({}),
  // Computed by the catalog: what a file says here is dropped.
  relations: z.unknown().optional(),
  status: z.unknown().optional(),
});

export type EntityMetadata = z.output<typeof MetadataSchema>;
export type EntitySpec<K extends EntityKind> = z.output<(typeof SPEC_SCHEMAS)[K]>;

export type Entity = {
  [K in EntityKind]: { apiVersion: ApiVersion; kind: K; metadata: EntityMetadata; spec: EntitySpec<K> };
}[EntityKind];

export type EntityOf<K extends EntityKind> = Extract<Entity, { kind: K }>;
export type ComponentEntity = EntityOf<'Component'>;
export type ApiEntity = EntityOf<'API'>;
export type GroupEntity = EntityOf<'Group'>;
export type UserEntity = EntityOf<'User'>;
export type LocationEntity = EntityOf<'Location'>;
