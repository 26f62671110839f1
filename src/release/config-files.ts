/** Where release-please's configuration lives, apart so code that loads no engine can name the files. */
export const CONFIG_FILE = 'release-please-config.json';
export const MANIFEST_FILE = '.release-please-manifest.json';
