/**
 * git settings passed in the environment (GIT_CONFIG_COUNT, GIT_CONFIG_KEY_n, GIT_CONFIG_VALUE_n):
 * they reach one command and its children only, and never land in a repository's .git/config.
 */

/**
 * The entries that add one setting after those already in `base`, none when `base` already has
 * it. A caller's own entries stay in force: CI containers commonly set `safe.directory` this
 * way, and writing ours at index 0 would silently replace it.
 */
export function gitConfigEnv(key: string, value: string, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const existing = Number(base.GIT_CONFIG_COUNT ?? 0);
  const count = Number.isInteger(existing) && existing > 0 ? existing : 0;
  for (let i = 0; i < count; i++) if (base[`GIT_CONFIG_KEY_${i}`] === key && base[`GIT_CONFIG_VALUE_${i}`] === value) return {};
  return { GIT_CONFIG_COUNT: String(count + 1), [`GIT_CONFIG_KEY_${count}`]: key, [`GIT_CONFIG_VALUE_${count}`]: value };
}
