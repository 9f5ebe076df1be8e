export { buildBudget, fig } from './build.js';
export * from './budget.js';
