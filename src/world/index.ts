export type { World, NodeWorldOptions } from './world.js';
export { nodeWorld, WorldError, parseSourceDateEpoch } from './world.js';
export { readSources } from './read.js';
export { worldRules, WRITE_FAILED_RULE, TEMPLATES_DIR_RULE, SOURCE_DATE_EPOCH_RULE } from './rules.js';
