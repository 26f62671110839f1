import path from 'node:path';
import { afterEach } from 'vitest';
import { createGitHubForge } from '../../src/forge/github/index.js';
import { LocalForge } from '../../src/forge/local/forge.js';
import { initWorkspace } from '../../src/platform/init.js';
import { openPlatform, type Platform } from '../../src/platform/platform.js';
import { tempDir } from '../support/fixtures.js';
import { forgeContract } from './contract.js';

const open: Platform[] = [];
afterEach(async () => {
  for (const platform of open.splice(0)) await platform.close();
});

forgeContract('local forge (bare repositories + SQLite store)', async () => {
  const dir = path.join(tempDir('paved-ws-'), 'ws');
  await initWorkspace(dir);
  const platform = await openPlatform(dir);
  open.push(platform);
  const forge: LocalForge = platform.forge;
  return { forge, owner: platform.workspace.config.organisation };
});

/*
 * The same contract on real GitHub, registered only when PAVED_TEST_GITHUB_TOKEN and
 * PAVED_TEST_GITHUB_OWNER are given (an organisation or the token's own account; scratch
 * repositories named `contract-…` are left behind; PAVED_TEST_GITHUB_API_URL for GitHub
 * Enterprise Server). These machines cannot reach GitHub, so by default nothing is registered
 * and nothing claims to have run there.
 */
const githubToken = process.env.PAVED_TEST_GITHUB_TOKEN;
const githubOwner = process.env.PAVED_TEST_GITHUB_OWNER;
if (githubToken && githubOwner) {
  forgeContract('GitHub (real, via PAVED_TEST_GITHUB_TOKEN)', async () => ({
    forge: await createGitHubForge({ token: githubToken, baseUrl: process.env.PAVED_TEST_GITHUB_API_URL }),
    owner: githubOwner,
  }));
}
