export { importWorkbook, type ImportInput, type ImportResult } from './import.js';
export { IMPORT_RULES } from './rules.js';
export { SECTION_FILES, valuesOf } from './emit.js';
