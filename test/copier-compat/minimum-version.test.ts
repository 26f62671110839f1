/**
 * Cases ported from copier-org/copier tests/test_minimum_version.py. Copier compares
 * _min_copier_version with its own version; Paved compares it with the Copier version whose
 * template format it implements (COPIER_COMPAT_VERSION).
 */
import { describe, expect, it } from 'vitest';
import { COPIER_COMPAT_VERSION } from '../../src/template/prepare.js';
import { commitProject } from '../support/fixtures.js';
import { copy, folder, newDst } from './helpers.js';

const template = (min: string) => folder({ 'copier.yaml': `_min_copier_version: "${min}"\n`, 'README.md': '' });

describe('copier test_minimum_version', () => {
  it('refuses a template that needs a newer Copier, writing nothing', async () => {
    const dst = newDst();
    await expect(copy(template('99.99.99'), dst)).rejects.toThrow(/_min_copier_version/);
  });

  it('accepts a template needing exactly the implemented version', async () => {
    await expect(copy(template(COPIER_COMPAT_VERSION), newDst())).resolves.toBeDefined();
  });

  it('accepts a template needing an older version', async () => {
    await expect(copy(template('1.0.0'), newDst())).resolves.toBeDefined();
  });

  it('re-copying over an existing project checks the version again', async () => {
    const dst = newDst();
    await copy(template('1.0.0'), dst);
    commitProject(dst);
    await expect(copy(template('99.0.0'), dst)).rejects.toThrow(/_min_copier_version/);
    await expect(copy(template(COPIER_COMPAT_VERSION), dst)).resolves.toBeDefined();
  });
});
