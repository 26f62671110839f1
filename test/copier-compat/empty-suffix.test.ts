/** Cases ported from copier-org/copier tests/test_empty_suffix.py. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copy, exists, folder, newDst, read } from './helpers.js';

describe('copier test_empty_suffix', () => {
  it('renders every file and name when _templates_suffix is empty, excluding copier.yaml', async () => {
    const src = folder({
      'copier.yaml': '_templates_suffix: ""\nname:\n    type: str\n    default: pingu\n',
      render_me: 'Hello {{name}}!',
      '{{name}}.txt': 'Hello {{name}}!',
      '{{name}}/render_me.txt': 'Hello {{name}}!',
    });
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    expect(exists(dst, 'copier.yaml')).toBe(false);
    expect(read(dst, 'render_me')).toBe('Hello pingu!');
    expect(read(dst, 'pingu.txt')).toBe('Hello pingu!');
    expect(read(dst, 'pingu/render_me.txt')).toBe('Hello pingu!');
  });

  it('copies a binary file unrendered when every file is a template', async () => {
    const src = folder({ 'copier.yaml': '_templates_suffix: ""\nname:\n    type: str\n    default: pingu\n' });
    const bytes = Buffer.concat([Buffer.from([0x89]), Buffer.from('PNG\r\n\x1a\n\x00\rIHDR\x00', 'latin1'), Buffer.from([0xec]), Buffer.from('\n{{name}}\n\x00', 'latin1'), Buffer.from([0xec])]);
    writeFileSync(path.join(src, 'logo.png'), bytes);
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    const out = readFileSync(path.join(dst, 'logo.png'));
    expect(out.includes('{{name}}')).toBe(true);
    expect(out.includes('pingu')).toBe(false);
  });
});
