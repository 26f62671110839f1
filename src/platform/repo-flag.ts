import { InputError } from '../errors.js';

/** `--repo OWNER/NAME` (a `.git` suffix is dropped), for every command that takes it. */
export function parseRepoFlag(value: string): { owner: string; name: string } {
  const match = /^([A-Za-z0-9][\w.-]*)\/([\w.-]+)$/.exec(value);
  if (!match) throw new InputError(`--repo '${value}' is not OWNER/NAME`, { repo: value });
  return { owner: match[1]!, name: match[2]!.replace(/\.git$/, '') };
}
