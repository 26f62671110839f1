export { CONFIG_FILE, findWorkspaceDir, loadWorkspace, parseConfig, type Workspace } from './load.js';
export type { ClusterConfig, EnvironmentConfig, ForgeConfig, PlatformConfig, Quota, Resources, SyncPolicy, TeamConfig, UserConfig } from './schema.js';
export type { InfraAccount, InfraCluster, InfraConfig, InfraRegion, NewRelicDestination } from './infra.js';
export { OrgSchema, orgSettings, type OrgConfig } from './org.js';
