export { ARGOCD_NAMESPACE, PLATFORM_OWNED_KINDS, renderAppProject, type AppProjectOptions } from './app-project.js';
export { RESERVED_NAMESPACES, namespaceNameProblem } from './names.js';
export { INGRESS_NAMESPACE_LABEL } from './network-policies.js';
export { FALLBACK_CONTAINER_RESOURCES, containerDefaults, effectiveQuota } from './quota.js';
export { namespaceFilePath, projectFilePath, renderTeamNamespace, renderTeamNamespaces, type GitopsFile, type TeamNamespace, type TeamNamespaceFiles } from './render.js';
