export { fixSources, type FixFile, type FixEdit, type FixResult } from './fix.js';
export { unifiedDiff } from './diff.js';
