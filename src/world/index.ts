export type { World, NodeWorldOptions, DirEntry, Thread, StartedThread } from './world.js';
export { packageDir } from './package.js';
export { nodeWorld, nodeCommitFs, WorldError, parseSourceDateEpoch } from './world.js';
export { readSources } from './read.js';
export { commitOutputs, recoverOutputs, CommitError, type CommitFs, type OutputFile } from './commit.js';
export { worldRules, OUTSIDE_OUT_RULE, WRITE_FAILED_RULE, TEMPLATES_DIR_RULE, SOURCE_DATE_EPOCH_RULE } from './rules.js';
export { findProjectRoot, shown, CONFIG_FILE, type ProjectRoot } from './root.js';
