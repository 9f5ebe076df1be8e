export type { Profile, TableDecl, TableKind, HeaderDecl, NoteDecl } from './schema.js';
export { ProfileSchema, WORDING_VARS, LAYOUT_CHECKS, DEFAULT_LAYOUT_CHECKS, type LayoutCheck } from './schema.js';
export { parseProfile } from './parse.js';
export { DEFAULT_PROFILE, profileFile, profileName, templatesDirOf } from './resolve.js';
export { PROFILE_RULES, PROFILE_INVALID_RULE, PROFILE_UNKNOWN_RULE } from './rules.js';
export { templateNames } from './templates.js';
export { readProfile, profileNames, type LoadedProfile } from './load.js';
