/**
 * The entities the platform config declares: a Group for the organisation, a Group per team
 * (its identity provider group as an annotation), a User per user with the teams they are in.
 * No Domain or System is made up here: which systems exist is the product teams' call, written
 * in their catalog-info.yaml, and an invented one would be an owner-less placeholder.
 */
import type { PlatformConfig } from '../config/index.js';
import { LOCATION_ANNOTATION } from './rows.js';
import type { Entity, GroupEntity, UserEntity } from './schema.js';

/** The catalog source platform entities are stored under. */
export const PLATFORM_SOURCE = 'platform';
export const IDP_GROUP_ANNOTATION = 'paved.dev/idp-group';

const API_VERSION = 'backstage.io/v1alpha1';

export function platformEntities(config: Pick<PlatformConfig, 'organisation' | 'teams' | 'users'>, file = 'paved.yaml'): Entity[] {
  const annotations = { [LOCATION_ANNOTATION]: `file:${file}` };
  // A team named like the organisation would take its ref; the teams then stand on their own.
  const organisation = config.teams.some((t) => t.name === config.organisation) ? undefined : config.organisation;
  const groups: GroupEntity[] = config.teams.map((team) => ({
    apiVersion: API_VERSION,
    kind: 'Group',
    metadata: {
      name: team.name,
      namespace: 'default',
      ...(team.description ? { description: team.description } : {}),
      annotations: { ...annotations, ...(team.idpGroup ? { [IDP_GROUP_ANNOTATION]: team.idpGroup } : {}) },
    },
    spec: { type: 'team', ...(organisation ? { parent: organisation } : {}), children: [], members: [...team.members] },
  }));
  if (organisation) {
    groups.unshift({
      apiVersion: API_VERSION,
      kind: 'Group',
      metadata: { name: organisation, namespace: 'default', annotations },
      spec: { type: 'organization', children: config.teams.map((t) => t.name) },
    });
  }
  const users: UserEntity[] = config.users.map((user) => ({
    apiVersion: API_VERSION,
    kind: 'User',
    metadata: { name: user.login, namespace: 'default', annotations },
    spec: {
      profile: { ...(user.name ? { displayName: user.name } : {}), ...(user.email ? { email: user.email } : {}) },
      memberOf: config.teams.filter((t) => t.members.includes(user.login)).map((t) => t.name),
    },
  }));
  return [...groups, ...users];
}
