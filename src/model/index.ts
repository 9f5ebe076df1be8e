export { buildBudget, fig } from './build.js';
export type { PriorFigures } from './build.js';
export * from './budget.js';
export * from './names.js';
export * from './facts.js';
