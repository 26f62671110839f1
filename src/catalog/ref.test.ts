import { describe, expect, it } from 'vitest';
import { normalizeEntityRef, parseEntityRef, stringifyEntityRef, tryParseEntityRef } from './ref.js';

describe('entity refs', () => {
  it('fills in the kind and namespace the field defaults to, as Backstage does', () => {
    expect(normalizeEntityRef('payments', { defaultKind: 'Group' })).toBe('group:default/payments');
    expect(normalizeEntityRef('user:jdoe', { defaultKind: 'Group' })).toBe('user:default/jdoe');
    expect(normalizeEntityRef('orders', { defaultKind: 'System', defaultNamespace: 'shop' })).toBe('system:shop/orders');
    expect(normalizeEntityRef('component:default/orders-api')).toBe('component:default/orders-api');
  });

  it('compares case-insensitively, so the canonical form is lower-case', () => {
    expect(stringifyEntityRef(parseEntityRef('Component:Default/Orders-API'))).toBe('component:default/orders-api');
    expect(parseEntityRef('Component:Orders-API')).toEqual({ kind: 'Component', namespace: 'default', name: 'Orders-API' });
  });

  it('says what is wrong with a ref that names no kind where none is implied, or is malformed', () => {
    expect(tryParseEntityRef('orders-db')).toBe("'orders-db' names no kind; write it as kind:name, such as component:orders-db or resource:orders-db");
    expect(tryParseEntityRef('component:')).toMatch(/is not an entity ref; expected \[kind:\]\[namespace\/\]name/);
    expect(tryParseEntityRef('a/b/c', { defaultKind: 'Group' })).toMatch(/is not an entity ref/);
    expect(() => parseEntityRef(':x')).toThrow(expect.objectContaining({ code: 'input' }));
  });
});
