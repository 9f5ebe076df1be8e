export { validateShape, unvalidatedSource, rowShapes, codeText } from './validate.js';
export { SPAN, spanOf } from './spanned.js';
export type { Leaf, HasSpan, Spanned, SourceData, ValidatedSource } from './spanned.js';
export type { ShapeResult, RowShape } from './validate.js';
export { SourceSchema } from './format.js';
export type { SourceInput } from './format.js';
export { SHAPE_RULES } from './rules.js';
export { suggest, editDistance } from './suggest.js';
export { KEY_ZH } from './labels.js';
