import type { ProjectKind } from '../model/budget.js';

export const PROJECT_KINDS_LIST: readonly ProjectKind[] = ['performance', 'special', 'investment'];
