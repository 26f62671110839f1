import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/fixtures.js';
import { DEFAULT_CONFIG } from '../platform/init.js';
import { findWorkspaceDir, parseConfig } from './load.js';

const base = 'apiVersion: paved/v1\norganisation: acme\n';

describe('paved.yaml', () => {
  it('reads the shipped default and fills in defaults', () => {
    const config = parseConfig(DEFAULT_CONFIG);
    expect(config).toMatchObject({ organisation: 'acme', data: '.paved', forge: { kind: 'local', url: 'http://127.0.0.1:7070', anonymousRead: true } });
    expect(config.teams.map((t) => t.name)).toEqual(['payments', 'platform']);
    expect(parseConfig(base)).toMatchObject({ users: [], teams: [], forge: { kind: 'local' } });
    expect(parseConfig(`${base}forge:\n  kind: github\n`).forge).toEqual({ kind: 'github', url: 'https://api.github.com', tokenEnv: 'GITHUB_TOKEN' });
  });

  it.each([
    ['organisation: acme\n', 'paved.yaml: apiVersion: expected \'paved/v1\', got nothing'],
    [`${base}forge:\n  kind: gitlab\n`, "paved.yaml: forge.kind: expected 'local' or 'github', got 'gitlab'"],
    ['apiVersion: paved/v1\norganisation: Acme Corp\n', "paved.yaml: organisation: expected an organisation name: lowercase letters, digits and '-', at most 39 characters, got 'Acme Corp'"],
    [`${base}forge:\n  kind: local\n  anonymusRead: true\n`, "paved.yaml: forge: unknown key 'anonymusRead'; remove it or check the spelling"],
    [`${base}teams:\n  - name: payments\n    members: [bob]\n`, "paved.yaml: teams[0].members[0]: 'bob' is not a user; add it under users or remove it from the team"],
    [`${base}users:\n  - login: a\n    admin: yes\n`, "paved.yaml: users[0].admin: expected true or false, got 'yes'"],
    [`${base}users:\n  - login: a\n  - login: a\n`, "paved.yaml: users[1].login: 'a' appears twice; logins must be unique"],
    [`${base}forge:\n  kind: local\n  url: not a url\n`, "paved.yaml: forge.url: expected a URL such as http://127.0.0.1:7070, got 'not a url'"],
    ['apiVersion: paved/v1\norganisation: [acme\n', /^paved\.yaml:3: not valid YAML .*; fix the syntax$/],
    [`${base}organisation: twice\n`, /^paved\.yaml:3: not valid YAML \(Map keys must be unique/],
  ])('names the key and the fix for %j', (text, message) => {
    expect(() => parseConfig(text)).toThrow(message);
    try {
      parseConfig(text);
    } catch (error) {
      expect(error).toMatchObject({ code: 'input' });
    }
  });

  it('finds the workspace: --workspace, then $PAVED_HOME, then the nearest folder upwards', () => {
    const root = tempDir();
    const nested = path.join(root, 'a/b');
    mkdirSync(nested, { recursive: true });
    writeFileSync(path.join(root, 'paved.yaml'), base);
    expect(findWorkspaceDir(undefined, nested)).toBe(root);
    expect(findWorkspaceDir(root, '/')).toBe(root);
    expect(() => findWorkspaceDir(nested, '/')).toThrow(`${nested} holds no paved.yaml; create a workspace there with 'paved init ${nested}'`);
    const saved = process.env.PAVED_HOME;
    try {
      process.env.PAVED_HOME = root;
      expect(findWorkspaceDir(undefined, '/')).toBe(root);
      delete process.env.PAVED_HOME;
      expect(() => findWorkspaceDir(undefined, tempDir())).toThrow(/no paved\.yaml in .* or any folder above it; run 'paved init'/);
    } finally {
      if (saved === undefined) delete process.env.PAVED_HOME;
      else process.env.PAVED_HOME = saved;
    }
  });
});
