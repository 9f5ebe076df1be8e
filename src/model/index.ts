export { buildBudget, fig } from './build.js';
export type { PriorFigures } from './build.js';
export { loadBudget, type Loaded, type PriorStep } from './load.js';
export * from './budget.js';
export {
  GENERAL_KIND_NAMES,
  GOVERNMENT_NAME,
  SOURCE_NAMES,
  THREE_PUBLIC_KEYS,
  THREE_PUBLIC_NAMES,
  UNIT_FUNDS_NAME,
  sourceHeading,
  threePublicHeading,
  type ThreePublicKey,
} from '../schema/vocabulary.js';
export * from './facts.js';
