import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cloneOrigin, ownerAndName, splitRemoteAddress } from './remote-address.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const temp = () => {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'paved-remote-')));
  temps.push(dir);
  return dir;
};

describe('a remote address', () => {
  it.each([
    ['https://github.com/acme/shop.git', { protocol: 'https:', host: 'github.com', segments: ['acme', 'shop.git'] }],
    ['http://localhost:7070/acme/shop', { protocol: 'http:', host: 'localhost:7070', segments: ['acme', 'shop'] }],
    ['https://x-access-token:secret@GitHub.com:443/acme/shop/', { protocol: 'https:', host: 'github.com', segments: ['acme', 'shop'] }],
    ['ssh://git@ghes.example.com:2222/code/acme/shop.git', { protocol: 'ssh:', host: 'ghes.example.com:2222', segments: ['code', 'acme', 'shop.git'] }],
    ['git@github.com:acme/shop.git', { host: 'github.com', segments: ['acme', 'shop.git'] }],
    ['git@[::1]:acme/shop.git', { host: '[::1]', segments: ['acme', 'shop.git'] }],
    ['github.com:acme/shop.git/', { host: 'github.com', segments: ['acme', 'shop.git'] }],
    ['/srv/forge/acme/shop.git', { segments: ['srv', 'forge', 'acme', 'shop.git'], folder: '/srv/forge/acme/shop.git' }],
    ['../acme/shop.git/', { segments: ['..', 'acme', 'shop.git'], folder: '../acme/shop.git/' }],
    ['file:///srv/forge/acme/shop.git', { segments: ['srv', 'forge', 'acme', 'shop.git'], folder: '/srv/forge/acme/shop.git' }],
    ['https://host:99999/acme/shop', { segments: [] }],
  ])('%s splits into host and path segments', (address, expected) => {
    expect(splitRemoteAddress(address)).toEqual(expected);
  });

  it('names owner/name by the last two segments, without a .git suffix', () => {
    expect(ownerAndName(['code', 'acme', 'shop.git'])).toEqual({ owner: 'acme', name: 'shop' });
    expect(ownerAndName(['acme', 'shop'])).toEqual({ owner: 'acme', name: 'shop' });
    expect(ownerAndName(['shop.git'])).toBeUndefined();
    expect(ownerAndName([])).toBeUndefined();
  });
});

describe("a clone's origin", () => {
  it('is read from the top of the work tree, from any folder in it', async () => {
    const dir = temp();
    expect(await cloneOrigin(dir)).toBeUndefined();
    execFileSync('git', ['init', '-q'], { cwd: dir });
    mkdirSync(path.join(dir, 'services/api'), { recursive: true });
    expect(await cloneOrigin(path.join(dir, 'services/api'))).toEqual({ root: dir });
    execFileSync('git', ['remote', 'add', 'origin', 'git@github.com:acme/shop.git'], { cwd: dir });
    expect(await cloneOrigin(path.join(dir, 'services/api'))).toEqual({ root: dir, url: 'git@github.com:acme/shop.git' });
  });
});
