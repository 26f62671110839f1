/**
 * What the portal's browser tests share: a served workspace that outlives one test (beforeAll;
 * test/server/serve.ts closes its servers after each test), Debian's Chromium driven by
 * playwright-core (never a downloaded browser), and the folder screenshots are saved in.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { issueToken } from '../../src/forge/local/users.js';
import { DEFAULT_CONFIG, initWorkspace } from '../../src/platform/init.js';
import { openPlatform, tokenFile, type Platform } from '../../src/platform/platform.js';
import { startServer, type RunningServer } from '../../src/server/server.js';

export const CHROMIUM = process.env.PAVED_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/portal');

/** As test/server/serve.ts makes it (which imports vitest, and the benchmark runs without it): a second user, `dev`, in team platform only. */
export const CONFIG_WITH_DEV = DEFAULT_CONFIG.replace('    admin: true\n', '    admin: true\n  - login: dev\n    name: Dev Eloper\n    email: dev@acme.example\n').replace(
  '    idpGroup: acme-platform\n    members: [admin]',
  '    idpGroup: acme-platform\n    members: [admin, dev]',
);

export interface PortalWorkspace {
  platform: Platform;
  server: RunningServer;
  url: string;
  admin: string;
  dev: string;
  close(): Promise<void>;
}

/** A workspace with `admin` and `dev` (a member of team platform only), served on a free port. */
export async function servePortal(prepare?: (dir: string) => void): Promise<PortalWorkspace> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'paved-portal-'));
  const dir = path.join(root, 'ws');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'paved.yaml'), CONFIG_WITH_DEV);
  prepare?.(dir);
  await initWorkspace(dir);
  const platform = await openPlatform(dir);
  const server = await startServer(platform, { port: 0 });
  const admin = readFileSync(tokenFile(platform.workspace.dataDir, 'admin'), 'utf8').trim();
  const dev = await issueToken(platform.store, 'dev', 'portal tests');
  return {
    platform, server, url: server.url, admin, dev,
    close: async () => {
      await server.close();
      await platform.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  return { browser, page };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.1 A and AA rules (labels, names, roles, contrast, landmarks…) run on the page
 * as it stands; each violation comes back as one readable line naming the elements.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
