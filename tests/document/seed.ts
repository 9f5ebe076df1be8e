import { readFileSync } from 'node:fs';

/**
 * An independent reader of the seed (text extracted from the published PDF): its narrative lines,
 * and its tables split into pages, header lines and body rows. It knows nothing of the budget
 * model or of data/2023; it only knows how pdftotext flattened the published layout.
 */

export const SEED = readFileSync('seeds/000_6f41c63c8f66b8fd.txt', 'utf8');

/** The comparison normal form: compatibility forms folded (⒉ → 2., ， → ,), all whitespace removed. */
export const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

const lines = SEED.split('\n').map((l) => l.trim());
const tablesStart = lines.findIndex((l) => l === '二、表格部分');

/** The nine part headings as the seed prints them (Part 5's wraps onto a second line there). */
export const SEED_PARTS = [
  '第一部分 部门概况',
  '第二部分 部门预算收支总体情况',
  '第三部分 部门预算支出具体情况',
  '第四部分 政府采购预算情况',
  '第五部分 一般公共预算“三公”经费预算情况',
  '第六部分 部门预算绩效管理情况',
  '第七部分 重点项目预算绩效情况说明',
  '第八部分 其他需要说明情况',
  '第九部分 名词解释',
];

/**
 * Seed lines the generated document deliberately does not reproduce. Part 7's "系统巡检验收合
 * 格率 00%" is a misprint for 100% (Table 12's 系统巡检达标率 is 100%): the data says 100%.
 */
export const KNOWN_SEED_ERRORS = [
  '格率 00%；6、安全设备正常',
  // Typographic slips of the published text the build sets right (issue 13 point 8): straight
  // quotes (“织网工程”) and an amount without its thousands separator (4,164 万元).
  '提供技术支撑。负责全区公共支撑平台、通用应用系统(含"织网',
  '工程"系统)的建设、管理、应用。',
  '部门预算绩效管理，涉及预算资金 4164 万元，设置并编报 2 个',
];

/** The non-empty lines of the narrative (一、文字部分 up to 二、表格部分). */
export const narrativeLines: string[] = lines.slice(0, tablesStart).filter((l) => l !== '');

const CAPTION = /^表\s*(\d+|十二)(：.*)?$/;

export interface SeedTable {
  readonly caption: string; // "表1" … "表十二"
  readonly title: string;
  /** Body rows: label fragments joined with the figures line that ends them, whitespace kept. */
  readonly rows: string[];
  /** Body lines as printed (for the form-like Table 12). */
  readonly lines: string[];
  readonly notes: string[];
}

const endsWithFigure = (l: string) => /(^|\s)-?[\d,]+(\.\d+)?$/.test(l);
const isNote = (l: string) => l.startsWith('注：') || l.startsWith('本套报表');

/** Tables in print order; a table printed over several pages is one entry (its header lines repeated per page are dropped). */
export function seedTables(deptName: string): SeedTable[] {
  const body = lines.slice(tablesStart + 1).filter((l) => l !== '');
  const pages: { caption: string; title: string; lines: string[] }[] = [];
  for (let i = 0; i < body.length; i++) {
    const m = CAPTION.exec(body[i]);
    if (m) {
      const caption = `表${m[1]}`;
      const inline = m[2]?.slice(1);
      const title = inline ?? body[++i];
      pages.push({ caption, title, lines: [] });
      continue;
    }
    pages.at(-1)?.lines.push(body[i]);
  }
  const out: SeedTable[] = [];
  const headerOf = new Map<string, Set<string>>();
  for (const p of pages) {
    let ls = p.lines;
    let header = headerOf.get(p.caption);
    if (!header) {
      // First page: the header is everything between the 部门名称 line and the first body row.
      const start = ls.findIndex((l) => l.startsWith('部门名称') || /年度\s*单位/.test(l)) + 1;
      const first = p.caption === '表十二' ? start : ls.findIndex((l, i) => i >= start && (l.startsWith(deptName) || endsWithFigure(l)));
      header = new Set(ls.slice(0, first));
      headerOf.set(p.caption, header);
    }
    ls = ls.filter((l) => !header!.has(l));
    const notes = ls.filter(isNote);
    const rest = ls.filter((l) => !isNote(l));
    const rows: string[] = [];
    let pending: string[] = [];
    for (const l of rest) {
      pending.push(l);
      if (endsWithFigure(l)) {
        rows.push(pending.join(' '));
        pending = [];
      }
    }
    const prev = out.at(-1);
    if (prev && prev.caption === p.caption) {
      prev.rows.push(...rows);
      prev.lines.push(...rest);
      prev.notes.push(...notes);
    } else out.push({ caption: p.caption, title: p.title, rows, lines: rest, notes });
  }
  return out;
}
