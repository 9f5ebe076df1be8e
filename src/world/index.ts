export type { World, NodeWorldOptions } from './world.js';
export { nodeWorld, WorldError, parseSourceDateEpoch } from './world.js';
export { readSources } from './read.js';
export { worldRules } from './rules.js';
