/** The organisation as code: desired state from paved.yaml and the catalog, the plan against the forge, and its apply. */
export { applyOrgPlan, type OrgApplyResult, type OrgChangeResult } from './apply.js';
export { CI_WORKFLOW, checksFromWorkflow, nodeCiJobName } from './checks.js';
export { desiredOrg, platformTeamOf, type DesiredOrg, type DesiredRepository, type DesiredTeam, type OrgComponent, type RepositoryFacts } from './desired.js';
export { PLATFORM_LABELS, type LabelSpec } from './labels.js';
export { describeChange, planOrg, protectionDifferences, type OrgChange, type OrgChangeKind, type OrgPlan } from './plan.js';
export { organisationForge, readActualOrg, readRepositoryFacts, type ActualOrg, type ActualRepository, type ActualTeam } from './read.js';
