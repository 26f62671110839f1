/** Cases ported from copier-org/copier tests/test_normal_jinja2.py. */
import { describe, expect, it } from 'vitest';
import { copy, folder, newDst, read } from './helpers.js';

describe('copier test_normal_jinja2', () => {
  it('honours explicit standard envops with trim_blocks and lstrip_blocks', async () => {
    const src = folder({
      'copier.yml':
        '_templates_suffix: .jinja\n_envops:\n    autoescape: false\n    variable_start_string: "{{"\n    variable_end_string: "}}"\n    block_start_string: "{%"\n    block_end_string: "%}"\n    comment_start_string: "{#"\n    comment_end_string: "#}"\n    lstrip_blocks: true\n    trim_blocks: true\nname: Guybrush\ntodo: Become a pirate\n',
      'TODO.txt.jinja': "[[ {{ name }} TODO LIST]]\n{# Let's put an ugly not-comment below #}\n[# GROG #]\n    {% if name == 'Guybrush' %}\n    - {{ todo }}\n    {% endif %}\n",
    });
    const dst = newDst();
    const result = await copy(src, dst, { overwrite: true });
    expect(read(dst, 'TODO.txt')).toBe('[[ Guybrush TODO LIST]]\n[# GROG #]\n    - Become a pirate\n');
    expect(result.warnings).toEqual([]);
  });

  it('drops the trailing newline with keep_trailing_newline: false', async () => {
    const src = folder({ 'copier.yml': '_templates_suffix: .jinja\n_envops:\n    keep_trailing_newline: false\ndata: foo\n', 'data.txt.jinja': 'This is {{ data }}.\n' });
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    expect(read(dst, 'data.txt')).toBe('This is foo.');
  });
});
