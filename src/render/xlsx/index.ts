export { renderXlsx } from './render.js';
