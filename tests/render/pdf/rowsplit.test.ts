/**
 * A row that starts at the foot of a page but whose first line goes to the next one is printed
 * whole. pdfmake 0.3 opens a middle-aligned cell's graphics state (q + translate) on the page the
 * cell starts on and closes it (Q) on the page its text ends on; when the text moved to the next
 * page, the Q there popped PDFKit's page transform and the cells drawn after it left the page: only
 * the row's first cell was printed, and poppler said "Restoring state when no valid states to pop".
 * The document definition avoids it (table.ts `markStart`); should pdfmake change how it decides a
 * cell is on one page, this fails again.
 * Read back with poppler, in content-stream order (`-raw`), so a cell's lines stay together.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { nodeWorld } from '../../../src/world/index.js';
import { squash } from './poppler.js';
import { GOAL, goalsDoc } from './sample-doc.js';

const dir = mkdtempSync(join(tmpdir(), 'budget-pdf-rowsplit-'));

const doc = goalsDoc;

describe('a row whose first line goes to the next page', () => {
  it('prints every cell, and its graphics states balance', async () => {
    // 24 lines / 8 goals is the case found (row 乙 starts at the foot of the page); the others
    // move that foot around it
    for (const [lines, goals] of [[24, 8], [23, 8], [25, 8], [24, 7], [10, 10]] as const) {
      const file = join(dir, `r-${lines}-${goals}.pdf`);
      writeFileSync(file, await renderPdf(doc(lines, goals), defaultFonts(), nodeWorld()));
      const out = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      const label = `${lines} lines, ${goals} goals`;
      expect(out.status, label).toBe(0);
      expect(out.stderr, `${label}: poppler's warnings`).not.toMatch(/Restoring state|Syntax Error/);
      // the page numbers and the repeated header come between the parts of a row split by a page
      const text = squash(out.stdout).replace(/-\d+-/g, '').replace(/项目名称预算数（万元）绩效目标/g, '');
      for (const cell of ['示例项目甲', '1,234', GOAL.repeat(goals), '示例项目乙', '70', GOAL]) {
        expect(text, `${label}: ${cell.slice(0, 12)}`).toContain(cell);
      }
      expect(text.endsWith(`示例项目乙70${GOAL}`), `${label}: row 乙 whole, at the end`).toBe(true);
    }
  }, 120_000);
});
