export { discover, sortDirs, latestPerDepartment } from './discover.js';
export { parseShard, shardOf, type Shard } from './shard.js';
export { runBatch, BATCH_RULES, INTERNAL_RULE, type BatchItem, type BatchKind } from './run.js';
export { createProgress, progressMode, itemLine, type Progress } from './progress.js';
export { formatSummary } from './summary.js';
