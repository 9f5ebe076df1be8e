export { fixSources, type FixFile, type FixEdit, type FixResult, type FixOptions } from './fix.js';
export { unifiedDiff } from './diff.js';
