export type { Profile, TableDecl, TableKind, HeaderDecl, NoteDecl, LayoutIdentity } from './schema.js';
export { DEFAULT_IDENTITIES, LAYOUT_IDENTITIES, ProfileSchema, WORDING_VARS } from './schema.js';
export { parseProfile } from './parse.js';
export { DEFAULT_PROFILE, profileFile, profileName, templatesDirOf } from './resolve.js';
export { PROFILE_RULES, PROFILE_INVALID_RULE, PROFILE_UNKNOWN_RULE } from './rules.js';
export { templateNames } from './templates.js';
export { readProfile, profileNames, type LoadedProfile } from './load.js';
export { BASIC_BY_SOURCE_COLUMNS, INCOME_BY_SOURCE_COLUMNS, INCOME_LINE_FACTS, PROJECTS_BY_SOURCE_COLUMNS, kindOfColumn, sourceOfColumn, topIncomeLines, type IncomeLineFigure } from './figures.js';
