/**
 * Reading files and trees at a ref. GraphQL finds the object a path names (and a file's mode,
 * which the REST contents API does not give); the REST git API delivers blobs (binary-safe, up to
 * 100 MB) and trees (recursive, paged through subtrees when GitHub truncates a large one).
 */
import path from 'node:path';
import type { FileContent, RepoRef, TreeItem } from '../types.js';
import type { GitHubClient } from './client.js';
import { gitMode, toTreeItem } from './map.js';
import { fullName, getRepository, params } from './repos.js';

const READ = 'contents: read';

interface Entry {
  name: string;
  mode: number;
  oid: string;
  type: string;
}

interface ObjectAt {
  __typename: string;
  oid?: string;
  entries?: Entry[];
  tree?: { oid: string; entries?: Entry[] };
  target?: { __typename: string; tree?: { oid: string; entries?: Entry[] } };
}

const OBJECT_AT = `query PavedObjectAt($owner: String!, $name: String!, $expression: String!, $entries: Boolean!) {
  repository(owner: $owner, name: $name) {
    object(expression: $expression) {
      __typename
      ... on Tree { oid entries @include(if: $entries) { name mode oid type } }
      ... on Commit { tree { oid entries @include(if: $entries) { name mode oid type } } }
      ... on Tag { target { __typename ... on Commit { tree { oid entries @include(if: $entries) { name mode oid type } } } } }
    }
  }
}`;

/** The tree a `ref` (branch, tag, commit) plus optional folder names, or undefined if there is none. */
async function treeAt(client: GitHubClient, repo: RepoRef, ref: string, folder: string, entries: boolean): Promise<{ oid: string; entries: Entry[] } | undefined> {
  // `ref:path` names a tree inside a commit; a bare ref names the commit (or tag) itself.
  const expression = folder ? `${ref}:${folder}` : ref;
  const op = { action: `read ${folder || 'the root'} at ${ref} in ${fullName(repo)}`, permission: READ };
  const data = await client.find(op, (o) => o.graphql<{ repository: { object: ObjectAt | null } | null }>(OBJECT_AT, { owner: repo.owner, name: repo.name, expression, entries }));
  const object = data?.repository?.object;
  if (!object) return undefined;
  const tree = object.__typename === 'Tree' ? { oid: object.oid ?? '', entries: object.entries } : object.__typename === 'Commit' ? object.tree : object.target?.tree;
  return tree?.oid ? { oid: tree.oid, entries: tree.entries ?? [] } : undefined;
}

async function refOrDefault(client: GitHubClient, repo: RepoRef, ref: string | undefined): Promise<string | undefined> {
  return ref ?? (await getRepository(client, repo))?.defaultBranch;
}

function clean(folder: string | undefined): string {
  return (folder ?? '').replace(/^\/+|\/+$/g, '');
}

export async function readFile(client: GitHubClient, repo: RepoRef, file: string, ref?: string): Promise<FileContent | undefined> {
  const rev = await refOrDefault(client, repo, ref);
  const relative = clean(file);
  if (!rev || !relative) return undefined;
  const folder = path.posix.dirname(relative) === '.' ? '' : path.posix.dirname(relative);
  const tree = await treeAt(client, repo, rev, folder, true);
  const entry = tree?.entries.find((e) => e.name === path.posix.basename(relative));
  if (!entry || entry.type !== 'blob') return undefined;
  const blob = await client.call({ action: `read ${relative} at ${rev} in ${fullName(repo)}`, permission: READ }, (o) => o.rest.git.getBlob({ ...params(repo), file_sha: entry.oid }));
  const data = Buffer.from(blob.data.content, blob.data.encoding === 'base64' ? 'base64' : 'utf8');
  return { path: file, data, sha: entry.oid, mode: gitMode(entry.mode) };
}

export async function readTree(client: GitHubClient, repo: RepoRef, ref?: string, under?: string): Promise<TreeItem[]> {
  const rev = await refOrDefault(client, repo, ref);
  if (!rev) return [];
  const tree = await treeAt(client, repo, rev, clean(under), false);
  return tree ? walk(client, repo, tree.oid, '') : [];
}

/**
 * A recursive listing stops at GitHub's limits (100,000 entries, 7 MB) with `truncated`; then
 * this lists the tree's own entries and asks for each subtree recursively instead.
 */
async function walk(client: GitHubClient, repo: RepoRef, sha: string, prefix: string): Promise<TreeItem[]> {
  const op = { action: `read tree ${sha} of ${fullName(repo)}`, permission: READ };
  const full = await client.call(op, (o) => o.rest.git.getTree({ ...params(repo), tree_sha: sha, recursive: '1' }));
  if (!full.data.truncated) return full.data.tree.flatMap((e) => toTreeItem(e, prefix) ?? []);
  const top = await client.call(op, (o) => o.rest.git.getTree({ ...params(repo), tree_sha: sha }));
  const items: TreeItem[] = [];
  for (const entry of top.data.tree) {
    const item = toTreeItem(entry, prefix);
    if (!item) continue;
    items.push(item);
    if (item.type === 'tree') items.push(...(await walk(client, repo, item.sha, `${item.path}/`)));
  }
  return items;
}
