import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { platformEntities } from './platform-entities.js';
import { entityRef, entityRelations } from './relations.js';
import { validateEntity } from './parse.js';

const config = parseConfig(`apiVersion: paved/v1
organisation: acme
users:
  - { login: jdoe, name: Jane Doe, email: jane@acme.example }
  - { login: rroe }
teams:
  - { name: payments, description: Money in, idpGroup: sso-payments, members: [jdoe, rroe] }
  - { name: search, members: [jdoe] }
`);

describe('platformEntities', () => {
  it('makes the organisation and each team a Group, each user a User with the teams they are in', () => {
    const entities = platformEntities(config);
    expect(entities.map(entityRef)).toEqual(['group:default/acme', 'group:default/payments', 'group:default/search', 'user:default/jdoe', 'user:default/rroe']);
    const payments = entities[1]!;
    expect(payments.metadata).toMatchObject({ description: 'Money in', annotations: { 'paved.dev/idp-group': 'sso-payments', 'backstage.io/managed-by-location': 'file:paved.yaml' } });
    expect(payments.spec).toEqual({ type: 'team', parent: 'acme', children: [], members: ['jdoe', 'rroe'] });
    expect(entities[3]?.spec).toEqual({ profile: { displayName: 'Jane Doe', email: 'jane@acme.example' }, memberOf: ['payments', 'search'] });
    expect(entities[4]?.spec).toEqual({ profile: {}, memberOf: ['payments'] });
  });

  it('produces entities the descriptor format accepts, related both ways', () => {
    const entities = platformEntities(config);
    for (const entity of entities) expect(validateEntity(JSON.parse(JSON.stringify(entity)))).toEqual(entity);
    const relations = entities.flatMap(entityRelations);
    expect(relations).toContainEqual({ source: 'group:default/acme', type: 'parentOf', target: 'group:default/search' });
    expect(relations).toContainEqual({ source: 'group:default/search', type: 'hasMember', target: 'user:default/jdoe' });
    expect(relations).toContainEqual({ source: 'user:default/rroe', type: 'memberOf', target: 'group:default/payments' });
  });

  it('leaves out the organisation group when a team has its name, rather than clash', () => {
    const entities = platformEntities({ ...config, teams: [{ ...config.teams[0]!, name: 'acme' }] });
    expect(entities.filter((e) => e.kind === 'Group').map(entityRef)).toEqual(['group:default/acme']);
    expect(entities[0]?.spec).not.toHaveProperty('parent');
  });
});
