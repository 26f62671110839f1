export { CONFIG_FILE, findWorkspaceDir, loadWorkspace, parseConfig, type Workspace } from './load.js';
export type { ForgeConfig, PlatformConfig, TeamConfig, UserConfig } from './schema.js';
