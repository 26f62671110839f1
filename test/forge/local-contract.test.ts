import path from 'node:path';
import { afterEach } from 'vitest';
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
