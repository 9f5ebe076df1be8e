import { describe, expect, test } from 'vitest';
import { InternalError } from '../../../src/diagnostics/index.js';
import { renderXlsx } from '../../../src/render/xlsx/index.js';
import { sampleDoc } from './sample-doc.js';

describe('renderXlsx called against its contract', () => {
  test('a document whose creation time is not a date is a bug upstream: InternalError, not a plain Error', async () => {
    const doc = sampleDoc();
    await expect(renderXlsx({ ...doc, meta: { ...doc.meta, created: 'not a date' } })).rejects.toThrow(InternalError);
    await expect(renderXlsx({ ...doc, meta: { ...doc.meta, created: 'not a date' } })).rejects.toThrow(/created/);
  });
});
