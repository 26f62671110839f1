import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from './parse.js';
import { entityRef } from './relations.js';

const component = (extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders-api
  description: Takes orders
  tags: [java, payments]
spec:
  type: service
  lifecycle: production
  owner: payments
${extra}`;

function errorOf(text: string, file = 'catalog-info.yaml'): { message: string; code?: string } {
  try {
    parseCatalogFile(text, file);
  } catch (error) {
    return error as { message: string; code?: string };
  }
  throw new Error('expected the file to be refused');
}

describe('parseCatalogFile', () => {
  it('reads every document of a multi-document file, defaulting the namespace', () => {
    const entities = parseCatalogFile(
      `${component()}---
apiVersion: backstage.io/v1beta1
kind: API
metadata: { name: orders, namespace: shop }
spec: { type: openapi, lifecycle: production, owner: payments, definition: { $text: ./openapi.yaml } }
---
`,
      'catalog-info.yaml',
    );
    expect(entities.map(entityRef)).toEqual(['component:default/orders-api', 'api:shop/orders']);
    expect(entities[0]).toMatchObject({ metadata: { namespace: 'default', tags: ['java', 'payments'] }, spec: { owner: 'payments' } });
    expect(entities[1]?.spec).toMatchObject({ definition: { $text: './openapi.yaml' } });
  });

  it('keeps the fields plugins add to metadata and spec, and drops relations a file claims', () => {
    const [entity] = parseCatalogFile(`${component('  custom: 1\n')}relations: [{ type: ownedBy, targetRef: group:default/x }]\n`, 'c.yaml');
    expect(entity?.spec).toMatchObject({ custom: 1 });
    expect(entity).not.toHaveProperty('relations');
  });

  it('names the file and the field of each problem, as an InputError', () => {
    const error = errorOf(component().replace('  owner: payments\n', ''));
    expect(error.code).toBe('input');
    expect(error.message).toBe('catalog-info.yaml: spec.owner: required');
  });

  it('lists every problem of the file at once, naming the document when there are several', () => {
    const text = `${component().replace('  lifecycle: production\n', '')}---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: orders_db!, tags: [Has Space] }
spec: { type: database, owner: payments, dependsOn: [orders-cache] }
`;
    const error = errorOf(text, 'services/orders/catalog-info.yaml');
    expect(error.message).toContain('services/orders/catalog-info.yaml: document 1 (Component orders-api): spec.lifecycle: required');
    expect(error.message).toContain("document 2 (Resource orders_db!): metadata.name: expected letters and digits, in runs joined by '-', '_' or '.', got 'orders_db!'");
    expect(error.message).toContain('metadata.tags[0]: expected lowercase letters');
  });

  it('refuses a kind-less ref where the field implies no kind, an unknown kind, a foreign root key, bad YAML', () => {
    expect(errorOf(component('  dependsOn: [orders-db]\n')).message).toBe(
      "catalog-info.yaml: spec.dependsOn[0]: 'orders-db' names no kind; write it as kind:name, such as component:orders-db or resource:orders-db",
    );
    expect(errorOf(component().replace('kind: Component', 'kind: Template')).message).toBe(
      "catalog-info.yaml: kind: expected one of Component, API, System, Domain, Resource, Group, User, Location, got 'Template'",
    );
    expect(errorOf(component().replace('apiVersion: backstage.io/v1alpha1', 'apiVersion: v1')).message).toBe(
      "catalog-info.yaml: apiVersion: expected 'backstage.io/v1alpha1' or 'backstage.io/v1beta1', got 'v1'",
    );
    expect(errorOf(`${component()}extra: true\n`).message).toBe("catalog-info.yaml: unknown key 'extra'; an entity has only apiVersion, kind, metadata and spec");
    expect(errorOf('kind: [Component\n').message).toMatch(/^catalog-info\.yaml: line \d+: not valid YAML/);
    expect(errorOf('- a\n').message).toBe('catalog-info.yaml: expected a mapping with apiVersion, kind, metadata and spec');
  });

  it('refuses an annotation key that is not prefix/name and a group without children', () => {
    const bad = component().replace('  description: Takes orders\n', '  annotations: { "no spaces/x y": "1" }\n');
    expect(errorOf(bad).message).toContain("metadata.annotations.no spaces/x y: 'no spaces/x y': the prefix before '/' must be a DNS name");
    expect(errorOf('apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: payments }\nspec: { type: team }\n').message).toBe('catalog-info.yaml: spec.children: required');
  });

  it('refuses the same entity twice in a file, whatever the case of its name', () => {
    expect(errorOf(`${component()}---\n${component().replace('name: orders-api', 'name: Orders-API')}`).message).toBe(
      'catalog-info.yaml: document 2: component:default/orders-api is already defined by document 1; entity names must be unique',
    );
  });

  it('reads an empty file as no entities', () => {
    expect(parseCatalogFile('', 'catalog-info.yaml')).toEqual([]);
    expect(parseCatalogFile('# nothing yet\n', 'catalog-info.yaml')).toEqual([]);
  });
});
