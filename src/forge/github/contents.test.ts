import { describe, expect, it } from 'vitest';
import { fakeOptions, gh, useFakeGitHub, type FakeRequest } from './fake-github-server.js';
import { createGitHubForge } from './index.js';

const repo = { owner: 'acme', name: 'web' };

function objectAt(expression: string, object: unknown) {
  return (r: FakeRequest) => ({ body: { data: { repository: { object: r.variables.expression === expression ? object : null } } } });
}

function tree(entries: Array<[string, 'blob' | 'tree', string, string]>, truncated = false) {
  return { sha: 't', truncated, tree: entries.map(([path, type, mode, sha]) => ({ path, type, mode, sha, url: '' })) };
}

describe('files and trees against a fake GitHub', () => {
  const fake = useFakeGitHub();

  it('reads a file with its mode, binary-safe, from a folder at a ref', async () => {
    const data = Buffer.from([0, 1, 2, 255, 10]);
    fake()
      .onGraphql('PavedObjectAt', objectAt('v1.0.0:scripts', { __typename: 'Tree', oid: 'd1', entries: [{ name: 'run.sh', mode: 0o100755, oid: 'b1', type: 'blob' }] }))
      .on('GET /repos/acme/web/git/blobs/b1', { body: { sha: 'b1', size: data.length, encoding: 'base64', content: `${data.toString('base64')}\n` } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    const file = await forge.readFile(repo, 'scripts/run.sh', 'v1.0.0');
    expect(file).toEqual({ path: 'scripts/run.sh', data, sha: 'b1', mode: '100755' });
  });

  it('reads a root file at the default branch, and answers undefined for missing files and folders', async () => {
    const root = { __typename: 'Commit', tree: { oid: 'r', entries: [{ name: 'README.md', mode: 0o100644, oid: 'b2', type: 'blob' }, { name: 'src', mode: 0o40000, oid: 's', type: 'tree' }] } };
    fake()
      .on('GET /repos/acme/web', { body: gh.repo('acme/web', { default_branch: 'trunk' }) }, { times: 3 })
      .onGraphql('PavedObjectAt', objectAt('trunk', root), { times: 3 })
      .on('GET /repos/acme/web/git/blobs/b2', { body: { sha: 'b2', encoding: 'base64', content: Buffer.from('# web\n').toString('base64') } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect((await forge.readFile(repo, 'README.md'))?.data.toString()).toBe('# web\n');
    expect(await forge.readFile(repo, 'nope.txt')).toBeUndefined();
    expect(await forge.readFile(repo, 'src')).toBeUndefined();
  });

  it('lists a whole tree, walking subtrees when GitHub truncates the recursive listing', async () => {
    fake()
      .onGraphql('PavedObjectAt', objectAt('v1', { __typename: 'Tag', target: { __typename: 'Commit', tree: { oid: 'T' } } }))
      .on('GET /repos/acme/web/git/trees/T?recursive=1', { body: tree([['README.md', 'blob', '100644', 'b1']], true) })
      .on('GET /repos/acme/web/git/trees/T', { body: tree([['README.md', 'blob', '100644', 'b1'], ['src', 'tree', '040000', 'S']]) })
      .on('GET /repos/acme/web/git/trees/S?recursive=1', { body: tree([['a.ts', 'blob', '100644', 'b2'], ['lib', 'tree', '040000', 'L'], ['lib/b.ts', 'blob', '100755', 'b3']]) });
    const forge = await createGitHubForge(fakeOptions(fake()));
    const items = await forge.readTree(repo, 'v1');
    expect(items.map((i) => [i.path, i.type, i.mode])).toEqual([
      ['README.md', 'blob', '100644'],
      ['src', 'tree', '040000'],
      ['src/a.ts', 'blob', '100644'],
      ['src/lib', 'tree', '040000'],
      ['src/lib/b.ts', 'blob', '100755'],
    ]);
  });

  it('lists a folder relative to itself, and nothing for an empty repository', async () => {
    fake()
      .onGraphql('PavedObjectAt', objectAt('main:src/lib', { __typename: 'Tree', oid: 'L' }))
      .on('GET /repos/acme/web/git/trees/L?recursive=1', { body: tree([['b.ts', 'blob', '100644', 'b3']]) })
      .onGraphql('PavedObjectAt', objectAt('main', null));
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect((await forge.readTree(repo, 'main', '/src/lib/')).map((i) => i.path)).toEqual(['b.ts']);
    expect(await forge.readTree(repo, 'main')).toEqual([]);
  });
});
