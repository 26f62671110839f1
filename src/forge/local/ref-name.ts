/**
 * git's rules for a branch name (`git check-ref-format --branch`), checked without a process: the
 * forge validates every branch it is asked to create, hundreds per fleet run.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{|\/\/|^\/|\/$|\.$|^-|(^|\/)\.|\.lock(\/|$)/;

/** Stricter than git in one place: `@` alone (git's shorthand for HEAD) is refused too. */
export function isValidBranchName(name: string): boolean {
  return name.length > 0 && name !== '@' && name !== 'HEAD' && !FORBIDDEN.test(name);
}
