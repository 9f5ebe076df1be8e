export { ORIGINS_FILE, ORIGINS_FORMAT, ORIGINS_VERSION, annotateOrigins, originsText, parseOrigins, pathKey, type OriginEntry, type OriginsFile, type Step } from './origins.js';
export { ORIGINS_RULE, ORIGINS_RULES } from './rules.js';
