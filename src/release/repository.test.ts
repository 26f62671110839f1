import { describe, expect, it } from 'vitest';
import { identityFromRemote } from './repository.js';

describe('identityFromRemote (the repository changelog links point at)', () => {
  it.each([
    ['https://github.com/acme/shop.git', { host: 'https://github.com', owner: 'acme', repo: 'shop' }],
    ['https://github.com/acme/shop/', { host: 'https://github.com', owner: 'acme', repo: 'shop' }],
    ['https://x-access-token:secret@GitHub.com/acme/shop', { host: 'https://github.com', owner: 'acme', repo: 'shop' }],
    ['http://127.0.0.1:7420/acme/shop.git', { host: 'http://127.0.0.1:7420', owner: 'acme', repo: 'shop' }],
    ['https://ghe.example.com/git/acme/shop.git', { host: 'https://ghe.example.com/git', owner: 'acme', repo: 'shop' }],
    ['git@github.com:acme/shop.git', { host: 'https://github.com', owner: 'acme', repo: 'shop' }],
    ['github.com:acme/shop', { host: 'https://github.com', owner: 'acme', repo: 'shop' }],
    ['ssh://git@github.com:2222/acme/shop.git', { host: 'https://github.com', owner: 'acme', repo: 'shop' }],
    ['git://example.com/acme/shop.git', { host: 'https://example.com', owner: 'acme', repo: 'shop' }],
    ['git@[::1]:acme/shop.git', { host: 'https://[::1]', owner: 'acme', repo: 'shop' }],
    ['git@gitlab.com:group/sub/shop.git', { host: 'https://gitlab.com/group', owner: 'sub', repo: 'shop' }],
  ])('%s', (url, identity) => {
    expect(identityFromRemote(url)).toEqual(identity);
  });

  it.each([undefined, '', '/srv/git/acme/shop.git', '../shop', 'file:///srv/git/acme/shop.git', 'https://github.com/shop', 'ftp://example.com/acme/shop'])('none for %s', (url) => {
    expect(identityFromRemote(url)).toBeUndefined();
  });
});
