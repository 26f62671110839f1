import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseRepoFlag } from './repo-flag.js';

describe('--repo', () => {
  it('reads OWNER/NAME only, dropping a .git suffix', () => {
    expect(parseRepoFlag('acme/orders-api.git')).toEqual({ owner: 'acme', name: 'orders-api' });
    expect(parseRepoFlag('acme-inc/shop.web')).toEqual({ owner: 'acme-inc', name: 'shop.web' });
    for (const bad of ['acme', 'acme/x/y', '/x', 'acme/', '-acme/x', 'acme/x y']) expect(() => parseRepoFlag(bad), bad).toThrow(InputError);
  });
});
