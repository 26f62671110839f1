/** The template engine's public surface: what the CLI, the server and the fleet engine call. */
export { copyTemplate, type CopyOptions } from './copy.js';
export { updateProject, type UpdateOptions } from './update/index.js';
export { recopyProject, type RecopyOptions } from './recopy.js';
export { checkProject, type CheckOptions, type CheckResult } from './check.js';
export type { CommonOptions, FileChange, OperationResult } from './options.js';
export { clearRendererPool } from './prepare.js';
export { openTemplate, type TemplateRepo, type TemplateSnapshot } from './source/index.js';
