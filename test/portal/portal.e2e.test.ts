/**
 * The portal end to end in headless Chromium against a real `paved start` server: sign in, the
 * refusals the API makes shown in the page, a component created through the generated form and
 * found in the catalog, its page, a pull request viewed, commented on and merged, and the fleet's
 * template-update pull request after a template release merged. One browser
 * and one page for the file; each step waits on what the page shows, never on a clock.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, openBrowser, screenshot, servePortal, type PortalWorkspace } from './portal-fixture.js';

let served: PortalWorkspace;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  [served, { browser, page }] = await Promise.all([servePortal(), openBrowser()]);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const alert = () => page.getByRole('alert');

/** Saves the page's screenshot, and holds it to WCAG 2.1 AA as axe-core checks it. */
async function shot(name: string): Promise<void> {
  await screenshot(page, name);
  expect(await accessibilityViolations(page), `${name}: accessibility`).toEqual([]);
}
/** Waits until the page shows it: the bound is generous, a slow machine only makes it slower. */
const until = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 60_000, interval: 50 });

async function signIn(token: string): Promise<void> {
  await page.goto(`${served.url}/signin`);
  await page.getByLabel('Platform token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the portal', () => {
  it('refuses a bad token with the API\'s message, then signs in with a good one', async () => {
    await signIn('pvd_not-a-token');
    await until(() => alert().textContent()).toContain('the token was not accepted');
    await shot('signin-refused');
    await signIn(served.dev);
    await page.getByText('Signed in as Dev Eloper').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('paved.token'))).toBe(served.dev);
    await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
  });

  it('shows the API\'s refusal when the user is not in the chosen team', async () => {
    await page.getByRole('link', { name: 'Create', exact: true }).click();
    await page.getByRole('link', { name: 'typescript-service' }).click();
    await page.getByRole('heading', { name: 'Create from typescript-service' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('billing-api');
    await page.getByLabel('Team').selectOption('payments');
    await page.getByRole('button', { name: 'Create component' }).click();
    await until(() => alert().textContent()).toContain("dev may not create components for team 'payments'");
    expect(await alert().textContent()).toContain('403 permission');
    await shot('create-refused');
  });

  it('creates a component through the generated form: computed defaults, when, validators', async () => {
    await page.getByLabel('Team').selectOption('platform');
    await page.getByLabel('Name', { exact: true }).fill('orders-api');
    // description's default is "{{ component_name }} service", computed from the name by the server.
    await until(() => page.getByLabel('description').inputValue()).toBe('orders-api service');
    await page.getByLabel('port').fill('80');
    const portError = page.locator('#q-port-error');
    await until(() => portError.textContent()).toContain('choose a port between 1024 and 65535');
    await page.getByRole('button', { name: 'Create component' }).click();
    await until(() => alert().textContent()).toContain('to fix before creating');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q-port');
    await page.getByLabel('port').fill('8081');
    await until(() => portError.textContent()).toBe('');
    // `public` is asked only `when: "{{ ingress }}"`.
    expect(await page.locator('[data-question=public]').isVisible()).toBe(true);
    await page.getByLabel('ingress').uncheck();
    await page.locator('[data-question=public]').waitFor({ state: 'hidden' });
    await page.getByLabel('ingress').check();
    await page.getByLabel('lifecycle').selectOption({ label: 'production' });
    // Every state the progress list passes through, as the page draws it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenSteps: string[] }).seenSteps = seen;
      const list = document.getElementById('steps')!;
      new MutationObserver(() => seen.push(list.textContent ?? '')).observe(list, { childList: true, subtree: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Create component' }).click();
    await page.getByRole('heading', { name: 'orders-api is ready' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('#steps').textContent()).toContain('Repository acme/orders-api created');
    // While the request ran, the page followed the server's journal step by step.
    const seen = await page.evaluate(() => (window as unknown as { seenSteps: string[] }).seenSteps);
    expect(seen.some((text) => /running: (Creating the repository orders-api|Writing its deployment|Registering it in the catalog)/.test(text)), seen.join('\n')).toBe(true);
    const creation = (await page.evaluate(async () => (await fetch('/api/creations/orders-api', { headers: { Authorization: `Bearer ${sessionStorage.getItem('paved.token')}` } })).json())) as Record<string, unknown>;
    expect(creation).toMatchObject({ component: 'orders-api', team: 'platform', state: 'done', step: 'catalog', steps: ['template', 'repository', 'gitops', 'catalog'] });
    await shot('create-done');
    const repo = await served.platform.forge.getRepository({ owner: 'acme', name: 'orders-api' });
    expect(repo?.description).toBe('orders-api service');
  });

  it('finds the component in the catalog by search and filter, and opens its page', async () => {
    await page.getByRole('link', { name: 'Catalog', exact: true }).click();
    await page.locator('#catalog-results[data-state=ready]').waitFor({ state: 'attached' });
    await page.getByLabel('Search').fill('orders');
    await page.locator('#catalog-results[data-state=ready][data-query="?q=orders"]').waitFor({ state: 'attached' });
    await page.getByLabel('Lifecycle').selectOption('production');
    await page.locator('#catalog-results[data-state=ready][data-query="?q=orders&lifecycle=production"]').waitFor({ state: 'attached' });
    expect(await page.locator('#catalog-results tbody tr').count()).toBe(1);
    expect(page.url()).toContain('q=orders');
    await shot('catalog');
    await page.locator('#catalog-results').getByRole('link', { name: 'orders-api' }).click();
    await page.getByRole('heading', { name: 'orders-api', level: 1 }).waitFor();
    await page.locator('#relations').getByRole('link', { name: 'group:platform' }).waitFor();
    await page.locator('#repository').getByText(`git clone ${served.url}/acme/orders-api.git`).waitFor();
    await page.locator('#template').getByText('current').waitFor();
    await page.locator('#environments-table').getByRole('cell', { name: 'prod', exact: true }).waitFor();
    await page.locator('#gitops').getByText('argocd/applications/dev-euw1/orders-api.yaml').waitFor();
    await shot('component');
    // A relation is a link to the related entity's page.
    await page.locator('#relations').getByRole('link', { name: 'group:platform' }).click();
    await page.getByRole('heading', { name: 'platform', level: 1 }).waitFor();
  });

  it('shows a pull request with its diff, takes a comment and merges it', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'paved-portal-pr-'));
    try {
      const repo = { owner: 'acme', name: 'orders-api' };
      const git = (...args: string[]) => execFileSync('git', args, { cwd: work, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
      git('clone', '-q', served.platform.forge.repoDir(repo), '.');
      writeFileSync(path.join(work, 'NOTES.md'), '# Notes\n\nHello from the portal test.\n');
      git('add', '-A');
      git('commit', '-q', '-m', 'docs: add notes');
      await served.platform.forge.push(repo, work, [{ src: 'HEAD', dst: 'docs-notes', expected: null }]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    const opened = await fetch(`${served.url}/api/repos/acme/orders-api/pulls`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${served.dev}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ head: 'docs-notes', title: 'docs: add notes', body: 'Adds NOTES.md.' }),
    });
    expect(opened.status).toBe(201);

    await page.getByRole('link', { name: 'Pull requests', exact: true }).click();
    await page.locator('#pulls').getByRole('link', { name: /docs: add notes/ }).click();
    await page.getByRole('heading', { name: 'docs: add notes', level: 1 }).waitFor();
    await page.locator('#files').getByText('NOTES.md').waitFor();
    expect(await page.locator('.diff .d-add').allTextContents()).toContain('+Hello from the portal test.\n');
    await page.getByLabel('Comment', { exact: true }).fill('Looks good.');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await page.locator('#comments').getByText('Looks good.').waitFor();
    await shot('pull-request');
    await page.getByRole('button', { name: 'Merge pull request' }).click();
    await page.locator('article.pull[data-state=merged]').waitFor();
    expect(await page.locator('#pr-state-badge').textContent()).toBe('merged');
    // Merged: the diff is what the merge brought.
    await page.locator('#files').getByText('NOTES.md').waitFor();
    expect((await served.platform.forge.readFile({ owner: 'acme', name: 'orders-api' }, 'NOTES.md'))?.data.toString()).toContain('Hello');
  });

  it('shows the template-update pull request the fleet opens after a template release, and merges it', async () => {
    // The platform team releases typescript-service v1.2.0: one new file in the template.
    const work = mkdtempSync(path.join(os.tmpdir(), 'paved-portal-template-'));
    const template = { owner: 'acme', name: 'typescript-service' };
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: work, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
      git('clone', '-q', served.platform.forge.repoDir(template), '.');
      writeFileSync(path.join(work, 'template', 'SUPPORT.md'), '# Support\n\nAsk the platform team.\n');
      git('add', '-A');
      git('commit', '-q', '-m', 'feat: SUPPORT.md in every service');
      await served.platform.forge.push(template, work, [{ src: 'HEAD', dst: 'main' }, { src: 'HEAD', dst: 'refs/tags/v1.2.0', expected: null }]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    const { platformFleetSync } = await import('../../src/platform/fleet.js');
    const results = await platformFleetSync(served.platform, { repos: [(await served.platform.forge.getRepository({ owner: 'acme', name: 'orders-api' }))!] });
    expect(results.map((r) => r.outcome)).toEqual(['opened']);

    await page.getByRole('link', { name: 'Fleet', exact: true }).click();
    await page.locator('#fleet-components').getByRole('link', { name: 'orders-api' }).waitFor();
    const updateRow = page.locator('#fleet-pulls tbody tr', { hasText: 'acme/orders-api' });
    await updateRow.getByText('orders-api → 1.2.0').waitFor();
    expect(await updateRow.locator('.badge').textContent()).toBe('open');
    await page.getByRole('link', { name: 'Pull requests', exact: true }).click();
    await page.locator('#pulls').getByRole('link', { name: /chore\(template\)/ }).click();
    await page.getByRole('heading', { name: /chore\(template\)/, level: 1 }).waitFor();
    await page.locator('#files').getByText('SUPPORT.md').waitFor();
    expect(await page.locator('.diff .d-add').allTextContents()).toContain('+Ask the platform team.\n');
    await shot('template-update-pull-request');
    await page.getByRole('button', { name: 'Merge pull request' }).click();
    await page.locator('article.pull[data-state=merged]').waitFor();
    expect((await served.platform.forge.readFile({ owner: 'acme', name: 'orders-api' }, 'SUPPORT.md'))?.data.toString()).toContain('Ask the platform team.');
  });

  it('shows the fleet and the teams', async () => {
    await page.getByRole('link', { name: 'Fleet', exact: true }).click();
    await page.locator('#fleet-components').getByRole('link', { name: 'orders-api' }).waitFor();
    // The update merged in the test before stays listed, now as merged.
    expect(await page.locator('#fleet-pulls tbody tr', { hasText: 'acme/orders-api' }).locator('.badge').textContent()).toBe('merged');
    await shot('fleet');
    await page.getByRole('link', { name: 'Teams', exact: true }).click();
    await page.getByRole('heading', { name: 'Teams', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Namespaces of platform' }).waitFor();
    await page.locator('.team').filter({ hasText: 'The platform team' }).getByRole('link', { name: 'orders-api' }).waitFor();
    await shot('teams');
    // The audit sees what it is there for: an unlabelled field and low-contrast text, planted.
    await page.evaluate(() => {
      const planted = document.createElement('div');
      planted.id = 'planted';
      // Styled through the CSSOM: the portal's CSP drops inline style attributes.
      planted.style.cssText = 'position:fixed;top:0;left:0;z-index:9999;background:#fff;padding:1em';
      const faint = document.createElement('p');
      faint.textContent = 'faint text';
      faint.style.cssText = 'color:#bbb;background:#fff;font-size:14px';
      planted.append(document.createElement('input'), faint);
      document.body.append(planted);
    });
    const found = await accessibilityViolations(page);
    expect(found.some((v) => v.startsWith('label ')), found.join('\n')).toBe(true);
    expect(found.some((v) => v.startsWith('color-contrast ')), found.join('\n')).toBe(true);
    await page.evaluate(() => document.getElementById('planted')!.remove());
    expect(problems).toEqual([]);
  });
});
