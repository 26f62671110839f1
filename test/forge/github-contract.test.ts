/**
 * The forge contract (contract.ts) against real GitHub. It runs only when given
 * PAVED_TEST_GITHUB_TOKEN and PAVED_TEST_GITHUB_OWNER (an organisation or the token's own
 * account, where it creates scratch repositories named `contract-…` and leaves them behind);
 * PAVED_TEST_GITHUB_API_URL points it at GitHub Enterprise Server. Without them this file
 * reports one skipped test: these machines cannot reach GitHub, and nothing here claims they did.
 */
import { describe, it } from 'vitest';
import { createGitHubForge } from '../../src/forge/github/index.js';
import { forgeContract } from './contract.js';

const token = process.env.PAVED_TEST_GITHUB_TOKEN;
const owner = process.env.PAVED_TEST_GITHUB_OWNER;

if (token && owner) {
  forgeContract('GitHub (real, via PAVED_TEST_GITHUB_TOKEN)', async () => ({ forge: await createGitHubForge({ token, baseUrl: process.env.PAVED_TEST_GITHUB_API_URL }), owner }));
} else {
  describe('forge contract: GitHub (real)', () => {
    it.skip('runs only with PAVED_TEST_GITHUB_TOKEN and PAVED_TEST_GITHUB_OWNER set (no GitHub access here)', () => {});
  });
}
