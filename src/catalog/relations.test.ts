import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from './parse.js';
import { entityRelations, type Relation } from './relations.js';

const rel = (source: string, type: string, target: string): Relation => ({ source, type, target }) as Relation;

function relationsOf(yaml: string): Relation[] {
  return parseCatalogFile(yaml, 'catalog-info.yaml').flatMap(entityRelations);
}

describe('entityRelations', () => {
  it('declares every Component field from both ends, with the field’s default kind and the entity’s namespace', () => {
    const relations = relationsOf(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: orders-api, namespace: shop }
spec:
  type: service
  lifecycle: production
  owner: payments
  system: orders
  subcomponentOf: storefront
  providesApis: [orders]
  consumesApis: [default/billing]
  dependsOn: [resource:orders-db]
  dependencyOf: [component:checkout]
`);
    const self = 'component:shop/orders-api';
    expect(relations).toEqual([
      rel(self, 'ownedBy', 'group:shop/payments'),
      rel('group:shop/payments', 'ownerOf', self),
      rel(self, 'partOf', 'system:shop/orders'),
      rel('system:shop/orders', 'hasPart', self),
      rel(self, 'subcomponentOf', 'component:shop/storefront'),
      rel('component:shop/storefront', 'hasSubcomponent', self),
      rel(self, 'providesApi', 'api:shop/orders'),
      rel('api:shop/orders', 'apiProvidedBy', self),
      rel(self, 'consumesApi', 'api:default/billing'),
      rel('api:default/billing', 'apiConsumedBy', self),
      rel(self, 'dependsOn', 'resource:shop/orders-db'),
      rel('resource:shop/orders-db', 'dependencyOf', self),
      rel(self, 'dependencyOf', 'component:shop/checkout'),
      rel('component:shop/checkout', 'dependsOn', self),
    ]);
  });

  it('covers groups, users, systems, domains, APIs and resources', () => {
    const relations = relationsOf(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, parent: acme, children: [payments-core], members: [jdoe] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: jdoe }
spec: { memberOf: [payments] }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: orders }
spec: { owner: user:jdoe, domain: commerce }
---
apiVersion: backstage.io/v1alpha1
kind: Domain
metadata: { name: commerce }
spec: { owner: payments }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: orders }
spec: { type: openapi, lifecycle: production, owner: payments, system: orders, definition: openapi }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: orders-db }
spec: { type: database, owner: payments, system: orders, dependsOn: [resource:vpc] }
`);
    expect(relations).toEqual(
      expect.arrayContaining([
        rel('group:default/payments', 'childOf', 'group:default/acme'),
        rel('group:default/acme', 'parentOf', 'group:default/payments'),
        rel('group:default/payments', 'parentOf', 'group:default/payments-core'),
        rel('group:default/payments-core', 'childOf', 'group:default/payments'),
        rel('group:default/payments', 'hasMember', 'user:default/jdoe'),
        rel('user:default/jdoe', 'memberOf', 'group:default/payments'),
        rel('system:default/orders', 'ownedBy', 'user:default/jdoe'),
        rel('system:default/orders', 'partOf', 'domain:default/commerce'),
        rel('domain:default/commerce', 'hasPart', 'system:default/orders'),
        rel('domain:default/commerce', 'ownedBy', 'group:default/payments'),
        rel('system:default/orders', 'hasPart', 'api:default/orders'),
        rel('resource:default/orders-db', 'dependsOn', 'resource:default/vpc'),
        rel('resource:default/vpc', 'dependencyOf', 'resource:default/orders-db'),
      ]),
    );
  });
});
