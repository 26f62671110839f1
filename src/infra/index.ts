export { argocdHubRoleName, argocdManagerRoleName, moduleSource, shippedModuleVersions, TERRAFORM_MODULES, TERRAFORM_ROOT, type ModuleVersions, type TerraformModule } from './modules.js';
export { planInfra, type ClusterPlan, type InfraPlan, type RootPlan } from './plan.js';
export { renderClusterSecret, registrationPath } from './registration.js';
export { renderInfra, type InfraRender } from './render.js';
export { INFRA_HEADER, PROVIDERS, ROOT_TERRAFORM_VERSION, type RenderedFile } from './root-module.js';
export { planInfraWrite, writeInfra } from './write.js';
