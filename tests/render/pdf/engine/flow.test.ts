/**
 * engine/flow.ts: Document → PagePlan. Hand-built documents laid out with model.ts's estimate
 * measurer (CJK 1 em, ascent 1.16 + descent 0.29 em) and naive breaker, and a fake table layout of
 * fixed row heights, so that where everything lands can be worked out by hand here:
 *
 *   portrait text area: x 62 … 533.28 (width 471.28), y 68 … 779.89; landscape: width 717.89, y 68 … 533.28
 *   a body line (16 pt × 1.45 × 1.5) = 34.8; 29 CJK characters fill a line (29 × 16 = 464 ≤ 471.28)
 *   headings (× 1.3): level 1 22 pt → 41.47 (+12 above, 14 below), level 2 18 → 33.93 (+10, 10),
 *   level 3 16 → 30.16 (+6, 4); two body lines (a heading's keep) = 69.6
 *
 * Then the reference year's own Document, with the same stand-ins, against invariants.
 */
import { describe, expect, it } from 'vitest';
import type { Block, Document, Section, Table } from '../../../../src/document/model.js';
import { layoutDocument } from '../../../../src/render/pdf/engine/flow.js';
import {
  estimateMeasurer,
  naiveBreaker,
  type Item,
  type LayoutTable,
  type PagePlan,
  type TableCursor,
  type TableSlice,
  type TextItem,
  type TextKit,
} from '../../../../src/render/pdf/engine/model.js';
import { DEFAULT_FACES } from '../../../../src/render/pdf/style.js';
import { checkDir } from '../../../../src/compile.js';
import { budgetToDocument } from '../../../../src/document/index.js';
import { standsAlone } from '../../../../src/document/model.js';
import { nodeWorld } from '../../../../src/world/index.js';

const m = estimateMeasurer();
const kit: TextKit = { measure: m, breakText: naiveBreaker(m) };

const TOP = 68;
const BOTTOM = 841.89 - 62;
const LINE = 16 * 1.45 * 1.5;
/** Baseline below a line box's top: half the extra height, then the ascent. */
const base = (size: number, lh: number): number => (size * 1.45 * lh - size * 1.45) / 2 + 1.16 * size;

// ── the fake table layout: a header row of 20 pt (when the table has a header), body rows of 25 pt ──

const HH = 20;
const RH = 25;
/** Size of the fake table's texts: tells them from the flow's own. */
const CELL = 9;

interface Placed {
  readonly id: string;
  readonly width: number;
  readonly tail: number;
  readonly breakRows: boolean;
}

function fakeTables(keepRows = 1): { layoutTable: LayoutTable; placed: Placed[] } {
  const placed: Placed[] = [];
  const layoutTable: LayoutTable = (t, _kit, placement, breakRows) => {
    placed.push({ id: t.id, width: placement.width, tail: placement.tail, breakRows });
    const header = t.header.length > 0 ? HH : 0;
    const n = t.rows.length;
    const cell = (text: string, y: number): Item => ({ kind: 'text', x: 3, y, text, style: { face: 'body', size: CELL } });
    const slice = (from: TableCursor | undefined, room: number, pageTop: boolean): TableSlice => {
      const start = from === undefined ? 0 : (from as unknown as { row: number }).row;
      const left = n - start;
      let k = Math.min(left, Math.max(0, Math.floor((room - header + 0.01) / RH)));
      // the notes stay with the last rows
      if (k === left && header + k * RH + placement.tail > room + 0.01) k = left - 1;
      if (k < 1 && left > 0) {
        if (!pageTop) return { items: [], height: 0, rest: from };
        k = 1;
      }
      const items: Item[] = [];
      if (header > 0) items.push(cell(`${t.id}#h`, 15));
      for (let r = 0; r < k; r++) {
        items.push({ kind: 'rule', x1: 0, y1: header + r * RH, x2: placement.width, y2: header + r * RH, width: 0.6 });
        items.push(cell(`${t.id}#${start + r}`, header + r * RH + 17));
      }
      const rest = start + k < n ? ({ row: start + k } as unknown as TableCursor) : undefined;
      return { items, height: header + k * RH, rest };
    };
    return { slice, keepTop: header + Math.min(n, keepRows) * RH };
  };
  return { layoutTable, placed };
}

// ── documents ──

const han = (n: number, ch = '字'): string => ch.repeat(n);
/** A paragraph of `lines` full lines (no indent). */
const para = (lines: number, ch = '字'): Block => ({ kind: 'paragraph', text: han(29 * lines, ch), indent: false });
const h = (level: 1 | 2 | 3, text: string, id = text, toc = true): Block => ({ kind: 'heading', level, text, id, toc });
const sec = (blocks: Block[], newPage = true): Section => ({ blocks, newPage });

function table(id: string, rows: number, o: Partial<Table> = {}): Table {
  return {
    kind: 'table',
    id,
    caption: '',
    title: '',
    shortName: id,
    orientation: 'portrait',
    header: [{ label: '项目' }, { label: '金额' }],
    columns: [
      { kind: 'text', width: 3 },
      { kind: 'number', width: 1 },
    ],
    rows: Array.from({ length: rows }, (_, i) => ({ cells: [{ kind: 'text', text: `行${i}` }, { kind: 'number', value: '1', decimals: 0, text: '1' }] })),
    notes: [],
    toc: true,
    ...o,
  };
}

const captioned = (id: string, caption: string, title: string, rows: number, o: Partial<Table> = {}): Table =>
  table(id, rows, { caption, title, shortName: `${caption} ${title}`, headerLine: { left: '部门名称：示例局', right: '单位：万元' }, ...o });

function doc(sections: Section[], cover = '2031年示例局部门预算'): Document {
  return {
    meta: { title: cover, author: '示例局', subject: '', keywords: [], created: '2031-01-01T00:00:00Z', lang: 'zh-CN' },
    cover: { title: cover, lines: ['示例局', '2031年1月1日'] },
    tocTitle: '目录',
    labels: { narrative: '文字部分', seeTable: '见工作表“{name}”', pageFooter: '第 {page} 页，共 {pages} 页' },
    sections,
  };
}

// ── reading a plan ──

/** A footer: "- n -" in 12 pt below the text area (portrait: 779.89; landscape: 533.28). */
const isFooter = (it: Item): boolean => it.kind === 'text' && it.style.size === 12 && it.y > 533.28 && /^- \d+ -$/.test(it.text);
const textsOf = (plan: PagePlan, page: number): TextItem[] =>
  plan.pages[page].items.filter((it): it is TextItem => it.kind === 'text' && !isFooter(it));
/** Pages from `from` on (default: after the cover and a one-page 目录) holding a text item that reads exactly `text`. */
const pagesOf = (plan: PagePlan, text: string, from = 2): number[] =>
  plan.pages.flatMap((p, i) => (i >= from && p.items.some((it) => it.kind === 'text' && it.text === text) ? [i] : []));
/** The first text item that reads `text`, from page `from` on. */
const itemOf = (plan: PagePlan, text: string, from = 2): TextItem => {
  for (const p of plan.pages.slice(from)) for (const it of p.items) if (it.kind === 'text' && it.text === text) return it;
  throw new Error(`no ${text}`);
};
const destPages = (plan: PagePlan): Map<string, number> => {
  const at = new Map<string, number>();
  plan.pages.forEach((p, i) => p.items.forEach((it) => it.kind === 'dest' && at.set(it.id, i)));
  return at;
};
/** The 目录's page numbers in order (the right-aligned figures on the 目录 pages, 1 and on). */
function tocNumbers(plan: PagePlan, tocPages: number): string[] {
  const out: string[] = [];
  for (let p = 1; p <= tocPages; p++) for (const it of textsOf(plan, p)) if (/^\d+$/.test(it.text)) out.push(it.text);
  return out;
}
/**
 * The 目录's links in order: where each entry goes. Each entry has a link over its text and one
 * over its page number (set once the body is laid out): the numbers' links follow the texts'.
 */
const allTocLinks = (plan: PagePlan, page = 1): string[] => plan.pages[page].items.flatMap((it) => (it.kind === 'link' ? [it.dest] : []));
const tocLinks = (plan: PagePlan, page = 1): string[] => {
  const all = allTocLinks(plan, page);
  const half = all.slice(0, all.length / 2);
  expect(all.slice(all.length / 2), 'a link over each page number, in the same order').toEqual(half);
  return half;
};

describe('layoutDocument: cover, 目录, footers', () => {
  const { layoutTable } = fakeTables();
  const plan = layoutDocument(
    doc([
      sec([h(1, '一、文字部分', 's1'), h(2, '第一部分 概况', 'p1'), para(3)]),
      sec([h(2, '第二部分 情况', 'p2'), para(30)]),
    ]),
    kit,
    layoutTable,
    DEFAULT_FACES,
  );

  it('a cover, one 目录 page and the sections on their own pages', () => {
    // section 1 on page 3 (index 2); section 2's 30 lines: 18 after its heading (68 + 10 + 33.93 + 10 = 121.93;
    // 121.93 + 18 × 34.8 = 748.33), 12 on the next
    expect(plan.pages).toHaveLength(5);
    expect(pagesOf(plan, '一、文字部分')).toEqual([2]);
    expect(pagesOf(plan, '第二部分 情况')).toEqual([3]);
    expect(textsOf(plan, 3).filter((t) => t.text === han(29))).toHaveLength(18);
    expect(textsOf(plan, 4).filter((t) => t.text === han(29))).toHaveLength(12);
    expect(plan.pages.every((p) => p.orientation === 'portrait')).toBe(true);
  });

  it('prints - n - on every page but the cover, 12 pt centred, 22 pt into the bottom margin', () => {
    expect(plan.pages[0].items.filter(isFooter)).toEqual([]);
    for (let i = 1; i < plan.pages.length; i++) {
      const f = plan.pages[i].items.filter(isFooter) as TextItem[];
      expect(f.map((t) => t.text)).toEqual([`- ${i + 1} -`]);
      // "- 3 -": 5 characters × 0.6 em × 12 pt = 36 pt wide, centred on the page
      expect(f[0].x).toBeCloseTo((595.28 - 36) / 2, 6);
      expect(f[0].y).toBeCloseTo(BOTTOM + 22 + base(12, 1.5), 6);
      expect(f[0].style).toEqual({ face: 'body', size: 12 });
    }
  });

  it('the cover: the title 190 pt down in the title role, the lines 120 pt below it, no footer', () => {
    const title = itemOf(plan, '2031年示例局部门预算', 0);
    // 10.4 ems: fits on one line at 28 pt (the largest size)
    expect(title.style.size).toBe(28);
    expect(title.y).toBeCloseTo(TOP + 190 + base(28, 1.4), 6);
    expect(pagesOf(plan, '示例局', 0)).toEqual([0]);
    expect(itemOf(plan, '示例局', 0).y).toBeCloseTo(TOP + 190 + 28 * 1.45 * 1.4 + 120 + base(16, 1.5), 6);
  });

  it('the 目录: an entry per listed heading, linked, dotted to the page its destination is on', () => {
    expect(tocLinks(plan)).toEqual(['s1', 'p1', 'p2']);
    expect(tocNumbers(plan, 1)).toEqual(['3', '3', '4']);
    const dests = destPages(plan);
    expect([...dests.entries()]).toEqual([
      ['s1', 2],
      ['p1', 2],
      ['p2', 3],
    ]);
    // the number right-aligned on the text area's right edge, level 1 in the heading face, others in the body face
    const numbers = textsOf(plan, 1).filter((t) => /^\d+$/.test(t.text));
    for (const n of numbers) expect(n.x + m.width(n.text, n.style)).toBeCloseTo(533.28, 6);
    expect(numbers.map((n) => n.style.face)).toEqual(['heading', 'body', 'body']);
    // leader dots between the text and the number, on the entry's baseline, running up to 3 pt before the number
    const dots = textsOf(plan, 1).filter((t) => /^\.+$/.test(t.text));
    expect(dots).toHaveLength(3);
    dots.forEach((d, i) => {
      expect(d.y).toBe(numbers[i].y);
      expect(d.spacing).toBe(1.6);
      const end = d.x + d.text.length * (0.6 * 14 + 1.6);
      expect(end).toBeCloseTo(numbers[i].x - 3, 6);
    });
    // level 2 indented by 2 em of 14 pt
    expect(itemOf(plan, '第一部分 概况', 1).x).toBeCloseTo(62 + 28, 6);
  });

  it('a 目录 entry longer than its line wraps, with the dots and the number on its last line', () => {
    const long = han(40, '长');
    const p2 = layoutDocument(doc([sec([h(2, long, 'p'), para(1)])]), kit, fakeTables().layoutTable, DEFAULT_FACES);
    // level 2: 471.28 − 28 (indent) − 17 (number) − 12 (padding) = 414.28 for the text: 29 characters of 14 pt, then 11
    const lines = textsOf(p2, 1).filter((t) => t.text.startsWith('长'));
    expect(lines.map((t) => t.text.length)).toEqual([29, 11]);
    const number = textsOf(p2, 1).find((t) => t.text === '3')!;
    const dots = textsOf(p2, 1).find((t) => /^\.+$/.test(t.text))!;
    expect(number.y).toBe(lines[1].y);
    expect(dots.y).toBe(lines[1].y);
    expect(dots.x).toBeGreaterThan(lines[1].x + 11 * 14);
    // the two lines of the entry, and its number
    expect(p2.pages[1].items.filter((it) => it.kind === 'link')).toHaveLength(3);
  });

  it('a 目录 entry that leaves room for fewer than three dots gets none (a lone dot reads as a full stop)', () => {
    // level 2: the text starts at 62 + 28; the dots run from 6 pt after it to 3 pt before the number
    // "3" (533.28 − 8.4 − 3 = 521.88), 10 pt a dot (0.6 em of 14 pt + 1.6)
    const leaders = (chars: number): string[] => {
      const plan = layoutDocument(doc([sec([h(2, han(chars, '长'), 'p'), para(1)])]), kit, fakeTables().layoutTable, DEFAULT_FACES);
      expect(textsOf(plan, 1).map((t) => t.text)).toContain('3');
      return textsOf(plan, 1).flatMap((t) => (/^\.+$/.test(t.text) ? [t.text] : []));
    };
    // 28 characters end at 90 + 392 = 482: 33.88 pt → 3 dots
    expect(leaders(28)).toEqual(['...']);
    // 29 end at 496: 19.88 pt → room for one dot only: none drawn (the Shanghai 目录's entry 8 printed "表 . 24")
    expect(leaders(29)).toEqual([]);
  });

  it('the 目录 title letter-spaced by an em, in the title role', () => {
    const t = itemOf(plan, '目录', 1);
    expect(pagesOf(plan, '目录', 0)).toEqual([1]);
    expect(t.spacing).toBe(22);
    expect(t.x).toBeCloseTo(62 + (471.28 - (44 + 22)) / 2, 6);
    expect(t.style.face).toBe('heading');
  });

  it('the 目录 title as written when the profile spaced it itself', () => {
    const spaced = layoutDocument({ ...doc([sec([h(1, '一、文字部分', 's1'), para(1)])]), tocTitle: '目 录' }, kit, fakeTables().layoutTable, DEFAULT_FACES);
    const t = itemOf(spaced, '目 录', 1);
    expect(t.spacing ?? 0).toBe(0);
    // centred on its own width: two ems and a space of 0.6 em, at 22 pt
    expect(t.x).toBeCloseTo(62 + (471.28 - 2.6 * 22) / 2, 6);
  });

  it('the outline: toc headings in order, level 1 expanded, parents', () => {
    expect(plan.outline).toEqual([
      { title: '一、文字部分', dest: 's1', page: 2, expanded: true },
      { title: '第一部分 概况', dest: 'p1', page: 2, expanded: false, parent: 's1' },
      { title: '第二部分 情况', dest: 'p2', page: 3, expanded: false, parent: 's1' },
    ]);
  });
});

describe('layoutDocument: headings never at the foot of a page', () => {
  const { layoutTable } = fakeTables();
  const lay = (blocks: Block[]): PagePlan => layoutDocument(doc([sec(blocks)]), kit, layoutTable, DEFAULT_FACES);

  it('moves a heading when what follows has less than two lines on its page', () => {
    // 18 lines end at 68 + 18 × 34.8 + 2 = 696.4; the heading to 736.56; 43.33 left: one line
    const plan = lay([para(18), h(3, '一、部门职责', 'x', false), para(3, '文')]);
    expect(pagesOf(plan, '一、部门职责')).toEqual([3]);
    expect(itemOf(plan, '一、部门职责').y).toBeCloseTo(TOP + 6 + base(16, 1.3), 6);
    expect(textsOf(plan, 2).map((t) => t.text)).toEqual(Array(18).fill(han(29)));
    expect(textsOf(plan, 3).map((t) => t.text)).toEqual(['一、部门职责', han(29, '文'), han(29, '文'), han(29, '文')]);
  });

  it('keeps it when two lines of what follows fit below it', () => {
    // 17 lines: the heading ends at 701.76, 78.13 left ≥ 69.6
    const plan = lay([para(17), h(3, '一、部门职责', 'x', false), para(3, '文')]);
    expect(pagesOf(plan, '一、部门职责')).toEqual([2]);
    expect(itemOf(plan, '一、部门职责').y).toBeCloseTo(TOP + 17 * LINE + 2 + 6 + base(16, 1.3), 6);
    // level 3: left-aligned, indented 2 em of 16 pt
    expect(itemOf(plan, '一、部门职责').x).toBeCloseTo(62 + 32, 6);
    expect(textsOf(plan, 2).filter((t) => t.text === han(29, '文'))).toHaveLength(2);
  });

  it('keeps it when what follows fits whole, even in one line', () => {
    const plan = lay([para(18), h(3, '一、部门职责', 'x', false), para(1, '文')]);
    expect(pagesOf(plan, '一、部门职责')).toEqual([2]);
    expect(pagesOf(plan, han(29, '文'))).toEqual([2]);
    expect(plan.pages).toHaveLength(3);
  });

  it('moves consecutive headings together', () => {
    // 16 lines end at 626.8; level 2 to 680.73; level 3 to 720.89: 59 left, one line
    const plan = lay([para(16), h(2, '第二部分'), h(3, '一、部门职责', 'x', false), para(3, '文')]);
    expect(pagesOf(plan, '第二部分')).toEqual([3]);
    expect(pagesOf(plan, '一、部门职责')).toEqual([3]);
    expect(itemOf(plan, '第二部分').y).toBeCloseTo(TOP + 10 + base(18, 1.3), 6);
    // and the destination went with it: the 目录 says page 4
    expect(destPages(plan).get('第二部分')).toBe(3);
    expect(tocNumbers(plan, 1)).toEqual(['4']);
    // centred: 4 CJK × 18 pt = 72
    expect(itemOf(plan, '第二部分').x).toBeCloseTo(62 + (471.28 - 72) / 2, 6);
  });

  it('moves a heading whose in-text table goes to the next page', () => {
    // 19 lines end at 731.2; the heading to 771.36: 8.5 left, no table fits
    const plan = lay([para(18), h(3, '一、表', 'x', false), { ...table('tt', 3), toc: false }]);
    expect(pagesOf(plan, '一、表')).toEqual([3]);
    expect(pagesOf(plan, 'tt#0')).toEqual([3]);
  });

  it('moves a heading whose table goes to the next page even with room for two lines', () => {
    // keepTop 20 + 3 × 25 = 95: 17 lines and the heading end at 701.76; 78.13 left, more than two
    // lines but less than 4 + 95
    const plan = layoutDocument(doc([sec([para(17), h(3, '一、表', 'x', false), { ...table('tt', 3), toc: false }])]), kit, fakeTables(3).layoutTable, DEFAULT_FACES);
    expect(pagesOf(plan, 'tt#0')).toEqual([3]);
    expect(pagesOf(plan, '一、表')).toEqual([3]);
  });
});

describe('layoutDocument: tables', () => {
  it('a captioned table starts a page with the headings before it; a landscape one runs on over landscape pages', () => {
    const { layoutTable, placed } = fakeTables();
    const plan = layoutDocument(
      doc([
        sec([h(1, '一、文字部分', 's1'), h(2, '第一部分', 'p1'), para(2)]),
        sec([h(1, '二、表格部分', 's2'), captioned('t1', '表1', '收支总表', 10, { notes: ['注：一。', '注：二。'] })]),
        sec([captioned('t2', '表2', '收入总表', 40, { orientation: 'landscape' })]),
        sec([{ kind: 'paragraph', text: '其后', indent: true }], false),
      ]),
      kit,
      layoutTable,
      DEFAULT_FACES,
    );
    expect(plan.pages.map((p) => p.orientation)).toEqual(['portrait', 'portrait', 'portrait', 'portrait', 'landscape', 'landscape', 'landscape', 'portrait']);
    // the level-1 heading on the table's page, above the caption
    expect(pagesOf(plan, '二、表格部分')).toEqual([3]);
    expect(pagesOf(plan, '表1')).toEqual([3]);
    expect(itemOf(plan, '表1').y).toBeGreaterThan(itemOf(plan, '二、表格部分').y);
    // 表1's ten rows and both notes on its page, the notes under the grid
    expect(pagesOf(plan, 't1#9')).toEqual([3]);
    expect(itemOf(plan, '注：一。').y).toBeGreaterThan(itemOf(plan, 't1#9').y);
    expect(placed.find((p) => p.id === 't1')).toEqual({ id: 't1', width: 471.28, tail: 6 + 10.5 * 1.45 * 1.3 + 1 + 10.5 * 1.45 * 1.3, breakRows: false });
    // 表2: caption 30.45 + 2, title 2 + 39.15 + 8, header line 18.27 + 4: the grid at 171.87, 361.41 left: 13 rows;
    // then 17 a page (465.28 − 20 = 445.28)
    const rowsOn = (page: number): string[] => textsOf(plan, page).filter((t) => /^t2#\d+$/.test(t.text)).map((t) => t.text);
    expect(rowsOn(4)).toEqual(Array.from({ length: 13 }, (_, i) => `t2#${i}`));
    expect(rowsOn(5)).toEqual(Array.from({ length: 17 }, (_, i) => `t2#${13 + i}`));
    expect(rowsOn(6)).toEqual(Array.from({ length: 10 }, (_, i) => `t2#${30 + i}`));
    expect(itemOf(plan, 't2#0').y).toBeCloseTo(TOP + 30.45 + 2 + 2 + 39.15 + 8 + 18.27 + 4 + HH + 17, 6);
    expect(placed.find((p) => p.id === 't2')?.width).toBeCloseTo(717.89, 6);
    // the header repeated on each continuation, caption and title not
    expect(pagesOf(plan, 't2#h')).toEqual([4, 5, 6]);
    expect(pagesOf(plan, '表2')).toEqual([4]);
    expect(pagesOf(plan, '收入总表')).toEqual([4]);
    // the header line: left text at the left edge, the unit ending at the right edge, on one baseline
    const unit = textsOf(plan, 4).find((t) => t.text === '单位：万元')!;
    const dept = textsOf(plan, 4).find((t) => t.text === '部门名称：示例局')!;
    expect(dept.x).toBeCloseTo(62, 6);
    expect(unit.x + 5 * 10.5).toBeCloseTo(62 + 717.89, 6);
    expect(unit.y).toBe(dept.y);
    // the narrative resumes on a portrait page
    expect(pagesOf(plan, '其后')).toEqual([7]);
    // footers on the landscape pages too, centred on the landscape width
    expect(plan.pages[5].items.filter(isFooter).map((t) => (t as TextItem).x)).toEqual([(841.89 - 36) / 2]);
    // 目录: 一、文字部分 3, 第一部分 3, 二、表格部分 4, 表1 4, 表2 5
    expect(tocLinks(plan)).toEqual(['s1', 'p1', 's2', 't1', 't2']);
    expect(tocNumbers(plan, 1)).toEqual(['3', '3', '4', '4', '5']);
    // a table's entry reads its short name, under its part (level 2 → indented 2 em)
    expect(itemOf(plan, '表1 收支总表', 1).x).toBeCloseTo(62 + 28, 6);
    expect(plan.outline.map((o) => [o.title, o.page, o.parent ?? null])).toEqual([
      ['一、文字部分', 2, null],
      ['第一部分', 2, 's1'],
      ['二、表格部分', 3, null],
      ['表1 收支总表', 3, 's2'],
      ['表2 收入总表', 4, 's2'],
    ]);
  });

  it('sets the headings that go to a landscape table’s page on the landscape width', () => {
    const { layoutTable } = fakeTables();
    const plan = layoutDocument(
      doc([sec([para(1)]), sec([h(2, '第二部分', 'p2'), captioned('t2', '表2', '收入总表', 40, { orientation: 'landscape' })])]),
      kit,
      layoutTable,
      DEFAULT_FACES,
    );
    expect(plan.pages.map((p) => p.orientation)).toEqual(['portrait', 'portrait', 'portrait', 'landscape', 'landscape', 'landscape']);
    expect(pagesOf(plan, '第二部分')).toEqual([3]);
    expect(itemOf(plan, '第二部分').x).toBeCloseTo(62 + (717.89 - 72) / 2, 6);
    // the heading's 53.93 more above the grid: 307.48 left, 11 rows; then 17, 12
    const rowsOn = (page: number): number => textsOf(plan, page).filter((t) => /^t2#\d+$/.test(t.text)).length;
    expect([3, 4, 5].map(rowsOn)).toEqual([11, 17, 12]);
  });

  it('a portrait captioned table is followed on its page by the text after it', () => {
    const { layoutTable } = fakeTables();
    const plan = layoutDocument(doc([sec([captioned('t1', '表1', '收支总表', 2), { kind: 'paragraph', text: '其后', indent: true }])]), kit, layoutTable, DEFAULT_FACES);
    expect(pagesOf(plan, '表1')).toEqual([2]);
    expect(pagesOf(plan, '其后')).toEqual([2]);
  });

  it('an in-text table moves to the next page when less than its keepTop is left', () => {
    const { layoutTable, placed } = fakeTables(3);
    // keepTop 20 + 3 × 25 = 95. 17 lines end at 661.6: 4 above, 114.29 left: stays, 3 rows;
    // 18 lines end at 696.4: 79.49 left: moves (2 rows would fit)
    const stays = layoutDocument(doc([sec([para(17), table('tt', 5, { toc: false })])]), kit, layoutTable, DEFAULT_FACES);
    expect(textsOf(stays, 2).filter((t) => t.style.size === CELL).map((t) => t.text)).toEqual(['tt#h', 'tt#0', 'tt#1', 'tt#2']);
    expect(itemOf(stays, 'tt#0').y).toBeCloseTo(TOP + 17 * LINE + 2 + 4 + HH + 17, 6);
    expect(textsOf(stays, 3).filter((t) => t.style.size === CELL).map((t) => t.text)).toEqual(['tt#h', 'tt#3', 'tt#4']);
    const moves = layoutDocument(doc([sec([para(18), table('tt', 5, { toc: false })])]), kit, layoutTable, DEFAULT_FACES);
    expect(textsOf(moves, 2).filter((t) => t.style.size === CELL)).toEqual([]);
    expect(pagesOf(moves, 'tt#0')).toEqual([3]);
    expect(itemOf(moves, 'tt#0').y).toBeCloseTo(TOP + 4 + HH + 17, 6);
    // rows that may break: a table with neither caption nor header line; with one, not
    expect(placed.map((p) => p.breakRows)).toEqual([true, true]);
    layoutDocument(doc([sec([table('tu', 1, { toc: false, headerLine: { left: '甲', right: '乙' } })])]), kit, layoutTable, DEFAULT_FACES);
    expect(placed.at(-1)).toEqual({ id: 'tu', width: 471.28, tail: 0, breakRows: false });
  });

  it('an in-text table with a title: 4 above, title, grid, and 8 below', () => {
    const { layoutTable } = fakeTables();
    const plan = layoutDocument(
      doc([sec([para(1), table('tt', 2, { title: '正文表', shortName: '正文表1' }), para(1, '文')])]),
      kit,
      layoutTable,
      DEFAULT_FACES,
    );
    const y0 = TOP + LINE + 2;
    const title = itemOf(plan, '正文表');
    expect(title.y).toBeCloseTo(y0 + 4 + 6 + base(11.5, 1.5), 6);
    expect(title.style).toEqual({ face: 'heading', size: 11.5 });
    const gridTop = y0 + 4 + 6 + 11.5 * 1.45 * 1.5 + 4;
    expect(itemOf(plan, 'tt#0').y).toBeCloseTo(gridTop + HH + 17, 6);
    expect(itemOf(plan, han(29, '文')).y).toBeCloseTo(gridTop + HH + 2 * RH + 8 + base(16, 1.5), 6);
    expect(destPages(plan).get('tt')).toBe(2);
    expect(tocLinks(plan)).toEqual(['tt']);
  });
});

describe('layoutDocument: outline, ids, faces', () => {
  const { layoutTable } = fakeTables();

  it('hangs headings under the latest listed heading above them, and tables under their part', () => {
    const plan = layoutDocument(
      doc([
        sec([h(1, 'A', 'a'), h(2, 'B', 'b'), h(3, 'C', 'c'), para(1), table('in', 2, { title: '正文表', shortName: '正文表1' })]),
        sec([captioned('cap', '表1', '收支总表', 1)]),
        sec([h(2, 'D', 'd'), para(1)]),
        sec([h(1, 'E', 'e'), h(3, 'F', 'f'), { kind: 'heading', level: 2, text: '页面标题', id: 'g', toc: true, tocText: '目录里的' }, para(1)]),
      ]),
      kit,
      layoutTable,
      DEFAULT_FACES,
    );
    expect(plan.outline.map((o) => [o.dest, o.title, o.parent ?? null, o.expanded])).toEqual([
      ['a', 'A', null, true],
      ['b', 'B', 'a', false],
      ['c', 'C', 'b', false],
      ['in', '正文表1', 'c', false],
      // a captioned table under its part, never under a numbered level-3 heading
      ['cap', '表1 收支总表', 'b', false],
      ['d', 'D', 'a', false],
      ['e', 'E', null, true],
      ['f', 'F', 'e', false],
      ['g', '目录里的', 'e', false],
    ]);
    const dests = destPages(plan);
    for (const o of plan.outline) expect(o.page).toBe(dests.get(o.dest));
    // the 目录 lists by the tocText, the page prints the text
    expect(pagesOf(plan, '目录里的', 0)).toEqual([1]);
    expect(pagesOf(plan, '页面标题')).toEqual([dests.get('g')]);
    // 目录 levels: the captioned table one below its part's level (2 + 1), the in-text table at 3
    expect(itemOf(plan, '表1 收支总表', 1).x).toBeCloseTo(62 + 2 * 28, 6);
    expect(itemOf(plan, '正文表1', 1).x).toBeCloseTo(62 + 2 * 28, 6);
  });

  it('throws on an anchor id used twice', () => {
    expect(() => layoutDocument(doc([sec([h(1, 'A', 'x'), h(2, 'B', 'x')])]), kit, layoutTable, DEFAULT_FACES)).toThrow(/"x" is used twice/);
    expect(() =>
      layoutDocument(doc([sec([h(1, 'A', 'x')]), sec([captioned('x', '表1', '收支总表', 1)])]), kit, layoutTable, DEFAULT_FACES),
    ).toThrow(/used twice/);
    // ids not listed are not anchors
    expect(() => layoutDocument(doc([sec([h(3, 'A', 'x', false), h(3, 'B', 'x', false)])]), kit, layoutTable, DEFAULT_FACES)).not.toThrow();
  });

  it('sets the 公文 roles in their own faces when the font set has them, else in the heading face', () => {
    const d = doc([sec([h(1, '一、文字部分'), h(3, '一、职责', 'x', false), para(1), captioned('t1', '表1', '收支总表', 1)])]);
    const own = layoutDocument(d, kit, layoutTable, { title: 'title', subheading: 'subheading' });
    const none = layoutDocument(d, kit, layoutTable, DEFAULT_FACES);
    const faces = (plan: PagePlan): string[] => ['2031年示例局部门预算', '目录', '一、文字部分', '一、职责', '收支总表', '表1'].map((t, i) => itemOf(plan, t, i < 2 ? i : 2).style.face);
    expect(faces(own)).toEqual(['title', 'title', 'title', 'subheading', 'title', 'heading']);
    expect(faces(none)).toEqual(['heading', 'heading', 'heading', 'heading', 'heading', 'heading']);
  });

  it('sizes the cover title to fit one line, down to 22 pt, then wraps', () => {
    const size = (title: string): number[] => {
      const plan = layoutDocument(doc([sec([para(1)])], title), kit, layoutTable, DEFAULT_FACES);
      return textsOf(plan, 0).filter((t) => t.style.face !== 'body').map((t) => t.style.size);
    };
    // 20 CJK: 471.28 × 0.96 / 20 = 22.62 → 22.5; 25: 18.1 → 22, on two lines (21 a line)
    expect(size(han(20))).toEqual([22.5]);
    expect(size(han(25))).toEqual([22, 22]);
  });

  it('prints the data as text, braces and all', () => {
    const plan = layoutDocument(doc([sec([{ kind: 'paragraph', text: '{page} - 3 - {pages}', indent: false }])]), kit, layoutTable, DEFAULT_FACES);
    expect(textsOf(plan, 2).map((t) => t.text)).toEqual(['{page} - 3 - {pages}']);
  });

  it('places a table of no rows and no header without a page of its own for nothing', () => {
    const empty = captioned('t0', '表10', '空表', 0, { header: [], notes: ['注：本表无数据。'] });
    const plan = layoutDocument(doc([sec([empty])]), kit, layoutTable, DEFAULT_FACES);
    expect(plan.pages).toHaveLength(3);
    expect(pagesOf(plan, '注：本表无数据。')).toEqual([2]);
  });

  it('makes no blank page of breaks in a row', () => {
    const plan = layoutDocument(doc([sec([para(1), { kind: 'pagebreak' }, { kind: 'pagebreak' }]), sec([para(1, '文')])]), kit, layoutTable, DEFAULT_FACES);
    expect(plan.pages).toHaveLength(4);
    expect(plan.pages.every((p) => p.items.some((it) => it.kind === 'text' && !isFooter(it)))).toBe(true);
  });
});

// ── the reference year ──

function referenceDoc(): Document {
  const checked = checkDir('data/2023', nodeWorld(), { strict: false, profiles: 'profiles' });
  if (!checked.budget) throw new Error(`data/2023: ${checked.status}`);
  const { doc: d } = budgetToDocument(checked.budget, checked.profile, checked.templates, { sourceDateEpoch: 1676000000 });
  if (!d) throw new Error('data/2023: no document');
  return d;
}

describe('layoutDocument: the reference year', () => {
  const d = referenceDoc();
  const { layoutTable } = fakeTables();
  const plan = layoutDocument(d, kit, layoutTable, DEFAULT_FACES);
  const blocks = d.sections.flatMap((s) => s.blocks);
  const tocCount = (() => {
    let n = 1;
    while (n < plan.pages.length && plan.pages[n].items.some((it) => it.kind === 'link')) n++;
    return n - 1;
  })();

  it('prints every text of the narrative once, in order, and each table row once', () => {
    // everything the flow sets itself, in document order (the fake grid's cells apart)
    const expected: string[] = [];
    for (const b of blocks) {
      if (b.kind === 'heading' || b.kind === 'paragraph') expected.push(b.text);
      else if (b.kind === 'list') expected.push(...b.items);
      else if (b.kind === 'table') {
        if (standsAlone(b)) expected.push(b.caption, b.title);
        else expected.push(b.title);
        if (b.headerLine) expected.push(b.headerLine.left, b.headerLine.right);
        expected.push(...b.notes);
      }
    }
    const printed = plan.pages
      .slice(1 + tocCount)
      .flatMap((p) => p.items.filter((it): it is TextItem => it.kind === 'text' && !isFooter(it) && it.style.size !== CELL).map((t) => t.text));
    expect(printed.join('')).toBe(expected.join('').replace(/\n/g, ''));
    for (const b of blocks) {
      if (b.kind !== 'table') continue;
      const rows = plan.pages.flatMap((p) => p.items.filter((it) => it.kind === 'text' && it.text.startsWith(`${b.id}#`) && !it.text.endsWith('#h')));
      expect(rows.map((r) => (r as TextItem).text)).toEqual(b.rows.map((_, i) => `${b.id}#${i}`));
    }
    // each paragraph's text found exactly once in the body's text
    const all = printed.join('');
    for (const b of blocks) if (b.kind === 'paragraph' && b.text.length > 20) expect(all.split(b.text).length).toBe(2);
  });

  it('places nothing outside the text area but the footers', () => {
    for (const page of plan.pages) {
      const w = page.orientation === 'portrait' ? 595.28 : 841.89;
      const hgt = page.orientation === 'portrait' ? 841.89 : 595.28;
      for (const it of page.items) {
        if (isFooter(it)) continue;
        const inside = (x: number, y: number): boolean => x >= 62 - 0.01 && x <= w - 62 + 0.01 && y >= 68 - 0.01 && y <= hgt - 62 + 0.01;
        if (it.kind === 'text') {
          const right = it.x + m.width(it.text, it.style) + (it.spacing ?? 0) * ([...it.text].length - 1);
          expect(inside(it.x, it.y) && inside(right, it.y), `${it.text} at ${it.x},${it.y}`).toBe(true);
        } else if (it.kind === 'rule') expect(inside(it.x1, it.y1) && inside(it.x2, it.y2)).toBe(true);
        else if (it.kind === 'dest') expect(inside(it.x, it.y)).toBe(true);
        else expect(inside(it.x, it.y) && inside(it.x + it.w, it.y + it.h)).toBe(true);
      }
    }
  });

  it('numbers the 目录 with the pages of the destinations, and footers on all pages but the cover', () => {
    const dests = destPages(plan);
    const entries = [...new Set(plan.pages.slice(1, 1 + tocCount).flatMap((p) => p.items.flatMap((it) => (it.kind === 'link' ? [it.dest] : []))))];
    const listed = blocks.flatMap((b) => (b.kind === 'heading' && b.toc ? [b.id] : b.kind === 'table' && b.toc && (standsAlone(b) || b.title !== '') ? [b.id] : []));
    expect(entries).toEqual(listed);
    expect(tocNumbers(plan, tocCount)).toEqual(entries.map((id) => String(dests.get(id)! + 1)));
    expect(plan.pages.map((p) => p.items.filter(isFooter).map((t) => (t as TextItem).text))).toEqual(
      plan.pages.map((_, i) => (i === 0 ? [] : [`- ${i + 1} -`])),
    );
    expect(plan.outline.map((o) => o.dest)).toEqual(listed);
    for (const o of plan.outline) expect(o.page).toBe(dests.get(o.dest));
  });

  it('gives each table its orientation and resumes the text on portrait pages', () => {
    for (const b of blocks) {
      if (b.kind !== 'table' || !standsAlone(b)) continue;
      for (const p of pagesOf(plan, `${b.id}#0`, 1 + tocCount).concat(pagesOf(plan, b.caption, 1 + tocCount))) expect(plan.pages[p].orientation).toBe(b.orientation);
    }
    // 二、表格部分 sits on 表1's page
    expect(pagesOf(plan, '二、表格部分', 1 + tocCount)).toEqual(pagesOf(plan, '表1', 1 + tocCount));
  });
});
