/** The reference year's Document, through the real check and document stages. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDir } from '../../../src/compile.js';
import { budgetToDocument } from '../../../src/document/index.js';
import type { Document } from '../../../src/document/model.js';
import { nodeWorld } from '../../../src/world/index.js';

const root = join(fileURLToPath(import.meta.url), '../../../..');

export function referenceDoc(): Document {
  const world = nodeWorld({ env: {} });
  const checked = checkDir(join(root, 'data/2023'), world, { strict: false, profiles: join(root, 'profiles') });
  if (!checked.budget) throw new Error('data/2023 does not check');
  const built = budgetToDocument(checked.budget, checked.profile!, checked.templates, {});
  if (!built.doc) throw new Error('data/2023 builds no document');
  return built.doc;
}
