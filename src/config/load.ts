import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { InputError, NotFoundError } from '../errors.js';
import { checkInfraReferences } from './infra.js';
import { issueFacts } from './issue.js';
import { PlatformConfigSchema, type PlatformConfig } from './schema.js';

export const CONFIG_FILE = 'paved.yaml';

export interface Workspace {
  /** The folder holding paved.yaml. */
  dir: string;
  configFile: string;
  config: PlatformConfig;
  /** Absolute path of the data folder. */
  dataDir: string;
}

/**
 * The workspace a command works in: `--workspace`, else `$PAVED_HOME`, else the nearest folder
 * upwards from `cwd` that holds paved.yaml.
 */
export function findWorkspaceDir(explicit: string | undefined, cwd = process.cwd()): string {
  const chosen = explicit ?? process.env.PAVED_HOME;
  if (chosen) {
    const dir = path.resolve(cwd, chosen);
    if (!existsSync(path.join(dir, CONFIG_FILE))) {
      throw new NotFoundError(`${dir} holds no ${CONFIG_FILE}; create a workspace there with 'paved init ${chosen}'`, { dir });
    }
    return dir;
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, CONFIG_FILE))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  throw new NotFoundError(`no ${CONFIG_FILE} in ${cwd} or any folder above it; run 'paved init' to create a workspace, or pass --workspace DIR`, { cwd });
}

export function loadWorkspace(explicit: string | undefined, cwd = process.cwd()): Workspace {
  const dir = findWorkspaceDir(explicit, cwd);
  const configFile = path.join(dir, CONFIG_FILE);
  const config = parseConfig(readFileSync(configFile, 'utf8'), configFile);
  return { dir, configFile, config, dataDir: path.resolve(dir, config.data) };
}

/** Parses paved.yaml; every error names the key (`paved.yaml: forge.kind: …`) and what would be valid. */
export function parseConfig(text: string, file = CONFIG_FILE): PlatformConfig {
  const shown = path.basename(file);
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line;
    throw new InputError(`${shown}${line ? `:${line}` : ''}: not valid YAML (${yamlError.message.split('\n')[0]}); fix the syntax`, { file, line });
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = PlatformConfigSchema.safeParse(raw);
  if (!parsed.success) throw configError(parsed.error, raw, shown, file);
  const config = parsed.data;
  checkReferences(config, shown);
  return config;
}

function configError(error: z.ZodError, raw: unknown, shown: string, file: string): InputError {
  const issue = error.issues[0]!;
  const { key, value, got } = issueFacts(issue, raw);
  let message: string;
  if (issue.code === 'unrecognized_keys') {
    message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
  } else if (issue.code === 'invalid_value') {
    message = `expected ${issue.values.map((v) => `'${String(v)}'`).join(' or ')}, got ${got}`;
  } else if (issue.code === 'invalid_union' && 'discriminator' in issue) {
    message = `expected 'local' or 'github', got ${got}`;
  } else if (issue.code === 'invalid_type') {
    message = value === undefined ? `missing; add it (a ${issue.expected})` : `expected ${issue.expected === 'boolean' ? 'true or false' : `a ${issue.expected}`}, got ${got}`;
  } else if (issue.code === 'invalid_format' && issue.format === 'url') {
    message = `expected a URL such as http://127.0.0.1:7070, got ${got}`;
  } else message = `${issue.message}, got ${got}`;
  return new InputError(`${shown}: ${key}: ${message}`, { file, key, issues: error.issues.length });
}

/** Team members must be users; clusters name an environment; names are unique. */
function checkReferences(config: PlatformConfig, shown: string): void {
  unique(config.environments.map((e) => e.name), 'environments', 'name', shown);
  unique(config.clusters.map((c) => c.name), 'clusters', 'name', shown);
  const environments = new Set(config.environments.map((e) => e.name));
  config.clusters.forEach((cluster, i) => {
    if (!environments.has(cluster.environment)) {
      throw new InputError(`${shown}: clusters[${i}].environment: '${cluster.environment}' is not an environment; add it under environments or use one of: ${[...environments].join(', ') || '(none defined)'}`, { key: `clusters[${i}].environment` });
    }
  });
  const logins = new Set<string>();
  config.users.forEach((user, i) => {
    if (logins.has(user.login)) throw new InputError(`${shown}: users[${i}].login: '${user.login}' appears twice; logins must be unique`, { key: `users[${i}].login` });
    logins.add(user.login);
  });
  const teams = new Set<string>();
  config.teams.forEach((team, i) => {
    if (teams.has(team.name)) throw new InputError(`${shown}: teams[${i}].name: '${team.name}' appears twice; team names must be unique`, { key: `teams[${i}].name` });
    teams.add(team.name);
    team.members.forEach((member, j) => {
      if (!logins.has(member)) {
        throw new InputError(`${shown}: teams[${i}].members[${j}]: '${member}' is not a user; add it under users or remove it from the team`, { key: `teams[${i}].members[${j}]` });
      }
    });
  });
  checkInfraReferences(config, shown);
}

function unique(names: string[], list: string, field: string, shown: string): void {
  const seen = new Set<string>();
  names.forEach((value, i) => {
    if (seen.has(value)) throw new InputError(`${shown}: ${list}[${i}].${field}: '${value}' appears twice; ${list} must have unique ${field}s`, { key: `${list}[${i}].${field}` });
    seen.add(value);
  });
}
