import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError, NotFoundError } from '../errors.js';
import { openRepoForge } from './repo-forge.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const temp = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paved-repo-forge-'));
  temps.push(dir);
  return dir;
};

describe('the forge a repository command works on', () => {
  it('on a GitHub workspace, asks for the token in the variable paved.yaml names', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'paved.yaml'), 'apiVersion: paved/v1\norganisation: acme\nforge:\n  kind: github\n  tokenEnv: ACME_GH_TOKEN\n');
    const opening = openRepoForge({ workspace: dir, env: { GITHUB_TOKEN: 'not this one' } });
    await expect(opening).rejects.toBeInstanceOf(AuthenticationError);
    await expect(opening).rejects.toThrow(/ACME_GH_TOKEN is not set/);
  });

  it('without a workspace or a token, says both ways forward', async () => {
    const opening = openRepoForge({ cwd: temp(), env: {} });
    await expect(opening).rejects.toBeInstanceOf(NotFoundError);
    await expect(opening).rejects.toThrow(/paved init.*set GITHUB_TOKEN/s);
  });

  it('an explicit workspace that is missing is an error even with a token', async () => {
    await expect(openRepoForge({ workspace: path.join(temp(), 'nowhere'), env: { GITHUB_TOKEN: 't' } })).rejects.toBeInstanceOf(NotFoundError);
  });
});
