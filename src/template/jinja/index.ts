export { createJinja, DEFAULT_FUEL } from './environment.js';
export { pyyamlDump, toNiceYaml, type PyYamlDumpOptions } from './pyyaml-dump.js';
export { SUPPORTED_EXTENSIONS } from './extensions.js';
export type { JinjaContext, JinjaEnvOptions, JinjaRenderer } from './types.js';
