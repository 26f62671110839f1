/**
 * The part of release-please's GitHub client that its strategies and plugins call while
 * planning (file reads and searches), answered from a local commit. Anything that needs the
 * forge (pull requests, releases) throws: planning never calls it.
 */
import { FileNotFoundError } from 'release-please/build/src/errors/index.js';
import type { GitHub } from 'release-please/build/src/github.js';
import type { Repository } from 'release-please/build/src/repository.js';
import { ExternalServiceError } from '../errors.js';
import { globPattern, type CommitFiles } from './files.js';

interface FileContents {
  sha: string;
  content: string;
  parsedContent: string;
  mode: string;
}

/** Paths under `prefix` (release-please normalises it), relative to it, as git-file-utils returns them. */
function under(files: string[], prefix: string | undefined, keep: (path: string) => boolean): string[] {
  const base = prefix ? prefix.replace(/^[/\\]+|[/\\]+$/g, '') : '';
  const scoped = base && base !== '.' ? files.filter((f) => f.startsWith(`${base}/`)) : files;
  const found = scoped.filter(keep);
  return base && base !== '.' ? found.map((f) => f.slice(base.length + 1)) : found;
}

export function localScm(files: CommitFiles, repository: Repository): GitHub {
  const contents = async (path: string): Promise<FileContents> => {
    const text = await files.read(path);
    if (text === undefined) throw new FileNotFoundError(path);
    return { sha: '', content: Buffer.from(text).toString('base64'), parsedContent: text, mode: '100644' };
  };
  const byName = async (filename: string, _ref: string, prefix?: string) => under(await files.list(), prefix, (f) => f.split('/').pop() === filename);
  const byGlob = async (glob: string, _ref: string, prefix?: string) => {
    const pattern = globPattern(glob);
    return under(await files.list(), prefix, (f) => pattern.test(f));
  };
  const byExtension = async (extension: string, _ref: string, prefix?: string) => under(await files.list(), prefix, (f) => f.endsWith(`.${extension}`));
  const scm = {
    repository,
    getFileContents: (path: string) => contents(path),
    getFileContentsOnBranch: (path: string) => contents(path),
    getFileJson: async (path: string) => JSON.parse((await contents(path)).parsedContent) as unknown,
    findFilesByFilename: (filename: string, prefix?: string) => byName(filename, '', prefix),
    findFilesByFilenameAndRef: byName,
    findFilesByGlob: (glob: string, prefix?: string) => byGlob(glob, '', prefix),
    findFilesByGlobAndRef: byGlob,
    findFilesByExtension: (extension: string, prefix?: string) => byExtension(extension, '', prefix),
    findFilesByExtensionAndRef: byExtension,
  };
  return new Proxy(scm, {
    get(target, name) {
      if (name in target) return target[name as keyof typeof target];
      if (typeof name === 'symbol' || name === 'then') return undefined;
      return () => {
        throw new ExternalServiceError(`release planning asked the forge for '${name}', which a local plan cannot answer; this is a bug in Paved`);
      };
    },
  }) as unknown as GitHub;
}
