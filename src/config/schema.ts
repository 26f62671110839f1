/**
 * `paved.yaml`, the platform config: who the organisation is, which forge holds its repos,
 * where the platform keeps its data, and its users and teams. Later sections (environments,
 * clusters) are added by the engines that read them. Unknown keys are errors: a typo must not
 * silently fall back to a default.
 */
import { z } from 'zod';

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

export const TeamSchema = z.strictObject({
  name: name('a team'),
  description: z.string().default(''),
  /** The identity provider group whose members make up the team (SSO, Kubernetes RBAC). */
  idpGroup: z.string().optional(),
  members: z.array(login).default([]),
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
});

export type PlatformConfig = z.infer<typeof PlatformConfigSchema>;
export type ForgeConfig = z.infer<typeof ForgeConfigSchema>;
export type UserConfig = z.infer<typeof UserSchema>;
export type TeamConfig = z.infer<typeof TeamSchema>;
