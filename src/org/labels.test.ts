import { describe, expect, it } from 'vitest';
import { CONFLICT_LABEL, UPDATE_LABEL } from '../fleet/sync-unit.js';
import { PENDING_LABELS, TAGGED_LABELS } from '../release/labels.js';
import { PLATFORM_LABELS } from './labels.js';

describe('platform labels', () => {
  it('are the labels the fleet and the release engine put on pull requests', () => {
    expect(PLATFORM_LABELS.map((l) => l.name).sort()).toEqual([...PENDING_LABELS, ...TAGGED_LABELS, UPDATE_LABEL, CONFLICT_LABEL].sort());
    for (const label of PLATFORM_LABELS) expect(label.color).toMatch(/^[0-9a-f]{6}$/);
  });
});
