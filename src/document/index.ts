export { budgetToDocument, type DocumentOptions } from './build.js';
export { validateTemplates, TEMPLATE_RULES, type TemplateFile } from './narrative/engine.js';
export type * from './model.js';
export { layoutFeeds, type FeedsOf } from './feeds.js';
