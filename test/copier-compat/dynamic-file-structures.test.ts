/** Cases ported from copier-org/copier tests/test_dynamic_file_structures.py. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copy, folder, newDst, read } from './helpers.js';

function allFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

describe('copier test_dynamic_file_structures', () => {
  it('makes one folder per item with yield in a folder name', async () => {
    const src = folder({ 'copier.yml': '', 'folder_loop/{% yield item from strings %}{{ item }}{% endyield %}/{{ item }}.txt.jinja': 'Hello {{ item }}' });
    const dst = newDst();
    await copy(src, dst, { data: { strings: ['a', 'b', 'c'] }, overwrite: true });
    for (const i of ['a', 'b', 'c']) expect(read(dst, `folder_loop/${i}/${i}.txt`)).toBe(`Hello ${i}`);
    expect(allFiles(dst)).toEqual(['folder_loop/a/a.txt', 'folder_loop/b/b.txt', 'folder_loop/c/c.txt']);
  });

  it('nests two yield loops', async () => {
    const src = folder({
      'copier.yml': '',
      'nested_folder_loop/{% yield string_item from strings %}{{ string_item }}{% endyield %}/{% yield integer_item from integers %}{{ integer_item }}{% endyield %}/{{ string_item }}_{{ integer_item }}.txt.jinja':
        'Hello {{ string_item }} {{ integer_item }}',
    });
    const dst = newDst();
    await copy(src, dst, { data: { strings: ['a', 'b'], integers: [1, 2, 3] }, overwrite: true });
    const expected: string[] = [];
    for (const s of ['a', 'b']) {
      for (const i of [1, 2, 3]) {
        expected.push(`nested_folder_loop/${s}/${i}/${s}_${i}.txt`);
        expect(read(dst, `nested_folder_loop/${s}/${i}/${s}_${i}.txt`)).toBe(`Hello ${s} ${i}`);
      }
    }
    expect(allFiles(dst)).toEqual(expected.sort());
  });

  it('makes one file per item with yield in a file name, skipping an empty name', async () => {
    const src = folder({ 'copier.yml': '', 'file_loop/{% yield string_item from strings %}{{ string_item }}{% endyield %}.jinja': 'Hello {{ string_item }}' });
    const dst = newDst();
    await copy(src, dst, { data: { strings: ['a.txt', 'b.txt', 'c.txt', ''] }, overwrite: true });
    for (const i of ['a', 'b', 'c']) expect(read(dst, `file_loop/${i}.txt`)).toBe(`Hello ${i}.txt`);
    expect(allFiles(dst)).toEqual(['file_loop/a.txt', 'file_loop/b.txt', 'file_loop/c.txt']);
  });

  it('yields dict items usable in nested names and contents', async () => {
    const src = folder({
      'copier.yml': '',
      'folder_loop_dict_items/{% yield dict_item from dicts %}{{ dict_item.folder_name }}{% endyield %}/{{ dict_item.file_name }}.txt.jinja': "Hello {{ '-'.join(dict_item.content) }}",
    });
    const dicts = ['a', 'b', 'c'].map((x) => ({ folder_name: `folder_${x}`, file_name: `file_${x}`, content: [`folder_${x}`, `file_${x}`] }));
    const dst = newDst();
    await copy(src, dst, { data: { dicts }, overwrite: true });
    for (const x of ['a', 'b', 'c']) expect(read(dst, `folder_loop_dict_items/folder_${x}/file_${x}.txt`)).toBe(`Hello folder_${x}-file_${x}`);
    expect(allFiles(dst)).toHaveLength(3);
  });

  it('refuses a yield tag inside file contents, naming the file', async () => {
    const src = folder({ 'copier.yml': '', 'file.txt.jinja': '{% yield item from strings %}{{ item }}{% endyield %}' });
    await expect(copy(src, newDst(), { data: { strings: ['a', 'b', 'c'] }, overwrite: true })).rejects.toThrow(/file\.txt\.jinja/);
  });
});
