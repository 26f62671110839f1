/** Cases ported from copier-org/copier tests/test_tasks.py. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copy, exists, folder, newDst } from './helpers.js';

const BRACKETS = '{"block_start_string": "[%", "block_end_string": "%]", "variable_start_string": "[[", "variable_end_string": "]]", "comment_start_string": "[#", "comment_end_string": "#]"}';

// Copier's fixture also runs `[_copier_python, -c, ...]`; that list item is Python-only and left out.
const demoTasks = () =>
  folder({
    'copier.yaml':
      `_templates_suffix: .tmpl\n_envops: ${BRACKETS}\n\nother_file: bye\ncondition: true\n\n_tasks:\n` +
      '    -   mkdir hello\n    -   command: touch world\n        working_directory: ./hello\n    -   touch [[ other_file ]]\n' +
      '    -   command: touch true\n        when: "[[ condition ]]"\n    -   command: touch false\n        when: "[[ not condition ]]"\n',
  });

describe('copier test_tasks', () => {
  it('renders task commands with the answers', async () => {
    const dst = newDst();
    await copy(demoTasks(), dst, { data: { other_file: 'custom', condition: 'true' }, trust: true });
    expect(exists(dst, 'custom')).toBe(true);
  });

  it('runs tasks in order in the destination, honouring working_directory and when', async () => {
    const dst = newDst();
    await copy(demoTasks(), dst, { overwrite: true, trust: true });
    expect(statSync(path.join(dst, 'hello')).isDirectory()).toBe(true);
    expect(exists(dst, 'hello/world')).toBe(true);
    expect(exists(dst, 'bye')).toBe(true);
    expect(exists(dst, 'true')).toBe(true);
    expect(exists(dst, 'false')).toBe(false);
  });

  it('skipTasks runs none of them', async () => {
    const dst = newDst();
    await copy(demoTasks(), dst, { overwrite: true, skipTasks: true });
    expect(exists(dst, 'hello')).toBe(false);
    expect(exists(dst, 'bye')).toBe(false);
  });

  it.each([false, true])('a task runs unless skipped (skipTasks=%s)', async (skipTasks) => {
    const src = folder({ 'copier.yaml': '_tasks:\n- touch task.txt\n' });
    const dst = newDst();
    await copy(src, dst, { trust: true, skipTasks });
    expect(exists(dst, 'task.txt')).toBe(!skipTasks);
  });

  it('pretend runs no task', async () => {
    const src = folder({ 'copier.yml': '_tasks:\n    - touch created-by-task.txt\n' });
    const dst = newDst();
    await copy(src, dst, { pretend: true, trust: true });
    expect(exists(dst, 'created-by-task.txt')).toBe(false);
  });

  it('_copier_conf.os is "linux" on Linux', async () => {
    const src = folder({
      'copier.yml':
        "_tasks:\n-   >-\n    {% if _copier_conf.os == 'linux' %}\n    touch linux.txt\n    {% elif _copier_conf.os == 'macos' %}\n    touch macos.txt\n    {% elif _copier_conf.os == 'windows' %}\n    touch windows.txt\n    {% elif _copier_conf.os is none %}\n    touch unsupported.txt\n    {% else %}\n    touch never.txt\n    {% endif %}\n",
    });
    const dst = newDst();
    await copy(src, dst, { trust: true });
    expect(exists(dst, process.platform === 'darwin' ? 'macos.txt' : 'linux.txt')).toBe(true);
  });

  it('_copier_phase is "tasks" in tasks', async () => {
    const src = folder({ 'copier.yml': '_tasks:\n    - touch {{ _copier_phase }}\n' });
    const dst = newDst();
    await copy(src, dst, { trust: true });
    expect(exists(dst, 'tasks')).toBe(true);
  });
});
