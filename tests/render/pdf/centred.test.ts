/**
 * A cell centred in its row is drawn inside its row when the keep-together rule moved its table
 * (or a heading before it) to the next page. pdfmake's own loop (one layout per break) kept a row's
 * page-break bookkeeping from the first layout (TableProcessor sets a cell's `_bottomY` only when
 * unset), and drew the centred cells of such a row where that first layout had put them: a
 * generated department's 合成项目 0001 landed in the paragraph above its table. The breaks are now
 * decided before the one layout (breaks.ts); this reads the pages back.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultFonts, renderPdf } from '../../../src/render/pdf/index.js';
import { nodeWorld } from '../../../src/world/index.js';
import { horizontalRules, words } from './poppler.js';
import { goalsDoc } from './sample-doc.js';

const dir = mkdtempSync(join(tmpdir(), 'budget-pdf-centred-'));

/** (24 lines and 8 goals start the second row at the foot of a page with its lines on the next:
 * pdfmake's unbalanced vertical-alignment q/Q there is another defect, rowsplit.test.ts.) */
const doc = goalsDoc;

describe('centred cells after a moved heading', () => {
  // With pdfmake's own loop (renderPdf's `settle: false`), the 30-line documents draw 示例项目甲
  // below the foot of its grid: the table moved (its header and first lines would not fit under
  // the lead-in), and the row was centred by the first layout's bookkeeping.
  it('are drawn inside their row, between the grid’s rules on their page', async () => {
    let checked = 0;
    let moved = 0;
    for (const lines of [26, 28, 30]) {
      for (const goals of [2, 4, 8]) {
        const file = join(dir, `c-${lines}-${goals}.pdf`);
        writeFileSync(file, await renderPdf(doc(lines, goals), defaultFonts(), nodeWorld()));
        const all = words(file);
        const header = all.find((x) => x.text === '项目名称')!;
        if (all.filter((x) => x.page === header.page).every((x) => x.box[1] >= header.box[1])) moved++;
        for (const name of ['示例项目甲', '示例项目乙']) {
          const w = all.find((x) => x.text === name);
          expect(w, `${lines}/${goals}: ${name} printed`).toBeDefined();
          const rules = horizontalRules(file, w!.page).map((r) => r.y);
          const label = `${lines} lines, ${goals} goals: ${name} on page ${w!.page}`;
          expect(w!.box[1], `${label}: below the grid's top`).toBeGreaterThan(Math.min(...rules));
          expect(w!.box[3], `${label}: above the grid's foot`).toBeLessThan(Math.max(...rules));
          checked++;
        }
      }
    }
    expect(checked).toBe(18);
    // the case in point: the rule moved the table to the head of the next page
    expect(moved).toBeGreaterThan(0);
  }, 180_000);
});
