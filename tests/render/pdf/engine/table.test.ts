/**
 * The engine's tables (src/render/pdf/engine/table.ts) on hand-built tables, with the rough
 * measurer of model.ts (CJK 1 em, anything else 0.6 em, ascent 1.16 + descent 0.29 em) and its
 * naive breaker, so that every expected position below is worked out here from the look in
 * docs/engine.md: rules 0.6, padding 3 / 2.5, line height 1.15. Then the reference year's tables,
 * sliced page by page, against invariants.
 */
import { describe, expect, it } from 'vitest';
// a seeded generator (mulberry32), so that a failure can be replayed
import { rng } from '../../../source/fuzz.js';
import type { Cell, ColumnSpec, HeaderNode, NumberCell, Row, Table, TextCell } from '../../../../src/document/model.js';
import { layoutTable } from '../../../../src/render/pdf/engine/table.js';
import {
  estimateMeasurer,
  naiveBreaker,
  type BreakText,
  type FillItem,
  type Item,
  type RuleItem,
  type TableCursor,
  type TableLayout,
  type TableSlice,
  type TextItem,
  type TextKit,
} from '../../../../src/render/pdf/engine/model.js';

const m = estimateMeasurer();
const kit: TextKit = { measure: m, breakText: naiveBreaker(m) };

// The look, by hand: a table of up to 8 columns is set at 10.5 pt.
const S = 10.5;
const LINE = 1.45 * S * 1.15; // a cell's line box
const ROW1 = LINE + 2 * 2.5; // a row of one line
const BASE = (LINE - 1.45 * S) / 2 + 1.16 * S; // baseline below the top of a line box
const R = 0.6;

const num = (text: string): NumberCell => ({ kind: 'number', value: text.replace(/,/g, ''), decimals: 0, text });
const txt = (text: string, more: Partial<TextCell> = {}): TextCell => ({ kind: 'text', text, ...more });
const row = (cells: Cell[], more: Partial<Row> = {}): Row => ({ cells, ...more });
const leaf = (label: string, children?: HeaderNode[]): HeaderNode => (children ? { label, children } : { label });

function table(columns: ColumnSpec[], header: HeaderNode[], rows: Row[], notes: string[] = []): Table {
  return { kind: 'table', id: 'table-t', caption: '表1', title: '测试表', shortName: '表1', orientation: 'portrait', header, columns, rows, notes, toc: false };
}

/**
 * Two columns, text 3 : figure 1, in a box 213.8 wide: 213.8 − 2 × 6 (padding) − 3 × 0.6 (rules)
 * = 200 points of content, 150 and 50. Rules' left edges at 0, 156.6, 213.2.
 */
const W2 = 213.8;
const cols2: ColumnSpec[] = [
  { kind: 'text', width: 3 },
  { kind: 'number', width: 1 },
];
const head2 = [leaf('项目'), leaf('金额')];
/** Three columns of 100 points: 320.4 − 3 × 6 − 4 × 0.6 = 300; rules' left edges 0, 106.6, 213.2, 319.8. */
const W3 = 320.4;
/** The header row and the rules above and below it. */
const HEAD1 = R + ROW1 + R;

/** `k` body rows of one line each. */
const plainRows = (k: number, from = 0): Row[] => Array.from({ length: k }, (_, i) => row([txt(`项目${from + i}号`), num(String(from + i))]));

const texts = (s: TableSlice): TextItem[] => s.items.filter((i): i is TextItem => i.kind === 'text');
const rules = (s: TableSlice): RuleItem[] => s.items.filter((i): i is RuleItem => i.kind === 'rule');
const fills = (s: TableSlice): FillItem[] => s.items.filter((i): i is FillItem => i.kind === 'fill');
const words = (s: TableSlice): string[] => texts(s).map((t) => t.text);
const near = (a: number, b: number) => expect(a).toBeCloseTo(b, 6);

/** Every slice of a layout: the first at `first` points (not at a page's top), the rest at `page`. */
function allSlices(l: TableLayout, first: number, page: number, firstAtTop = false): TableSlice[] {
  const out: TableSlice[] = [];
  let from: TableCursor | undefined;
  let room = first;
  let top = firstAtTop;
  for (let guard = 0; guard < 500; guard++) {
    const s = l.slice(from, room, top);
    out.push(s);
    if (s.height === 0) {
      // nothing placed: the same rows again on the next page
      expect(top, 'a slice at a page top places something').toBe(false);
      expect(s.rest).toBe(from);
      expect(s.items).toEqual([]);
    } else {
      if (s.rest === undefined) return out;
      from = s.rest;
    }
    room = page;
    top = true;
  }
  throw new Error('the table never ends');
}

describe('engine table: the grid of one slice', () => {
  const t = table(cols2, head2, [
    row([txt('收入'), num('1,234')]),
    row([txt('事业收入', { indent: 1 }), num('34')], { style: 'subtotal' }),
    row([txt('合计'), num('1,268')], { style: 'total' }),
  ]);
  const l = layoutTable(t, kit, { width: W2, tail: 0 }, false);
  const s = l.slice(undefined, 1000, false);
  const rowTop = (j: number) => R + j * (ROW1 + R); // top of row j's cell (j = 0: the header)

  it('is as tall as its rows of one line and their rules', () => {
    near(s.height, R + 4 * (ROW1 + R));
    expect(s.rest).toBeUndefined();
  });

  it('draws every grid line as one rule, on the edges of the cells', () => {
    const h = rules(s).filter((r) => r.y1 === r.y2);
    const v = rules(s).filter((r) => r.x1 === r.x2);
    expect(h).toHaveLength(5);
    expect(v).toHaveLength(3);
    h.forEach((r, k) => {
      near(r.y1, R / 2 + k * (ROW1 + R));
      near(r.x1, 0);
      near(r.x2, W2);
      expect(r.width).toBe(0.6);
    });
    expect(v.map((r) => r.x1)).toEqual([0.3, 156.9, 213.5].map((x) => expect.closeTo(x, 6)));
    for (const r of v) {
      near(r.y1, 0);
      near(r.y2, s.height);
    }
  });

  it('sets figures right with a point of room, labels left and indented, centred in their rows', () => {
    const at = (text: string) => texts(s).find((i) => i.text === text)!;
    // '1,234': five characters of 0.6 em; its right edge 3 (padding) + 1 (room) left of the rule at 213.2
    near(at('1,234').x, 213.2 - 3 - 1 - 5 * 0.6 * S);
    near(at('1,234').y, rowTop(1) + 2.5 + BASE);
    near(at('收入').x, R + 3);
    near(at('事业收入').x, R + 3 + S); // indent 1 × the font size
    near(at('事业收入').y, rowTop(2) + 2.5 + BASE);
    // the header: centred in its column
    near(at('项目').x, R + 3 + (150 - 2 * S) / 2);
    expect(at('项目').style).toEqual({ face: 'heading', size: S });
  });

  it('sets the total row bold and shades the subtotal row under its cells', () => {
    const faces = Object.fromEntries(texts(s).map((i) => [i.text, i.style.face]));
    expect(faces).toMatchObject({ 合计: 'bodyBold', '1,268': 'bodyBold', 收入: 'body', '34': 'body' });
    const f = fills(s);
    expect(f).toHaveLength(1);
    near(f[0].x, R);
    near(f[0].w, 213.2 - R);
    near(f[0].y, rowTop(2));
    near(f[0].h, ROW1);
    expect(f[0].color).toBe('#f0f0f0');
    // drawn first (below the rules and the text)
    expect(s.items[0].kind).toBe('fill');
  });

  it('keeps every item inside the box', () => {
    for (const i of texts(s)) expect(i.x + m.width(i.text, i.style)).toBeLessThanOrEqual(W2 + 1e-9);
  });
});

describe('engine table: the header tree and spans', () => {
  const cols3: ColumnSpec[] = [
    { kind: 'text', width: 1 },
    { kind: 'text', width: 1 },
    { kind: 'text', width: 1 },
  ];

  it('merges an inner node over its leaves and runs a shallow leaf down', () => {
    const t = table(cols3, [leaf('收入', [leaf('项目'), leaf('金额')]), leaf('备注')], [row([txt('甲'), txt('乙'), txt('丙')])]);
    const s = layoutTable(t, kit, { width: W3, tail: 0 }, false).slice(undefined, 1000, false);
    near(s.height, R + 3 * (ROW1 + R));
    const h = rules(s).filter((r) => r.y1 === r.y2);
    const v = rules(s).filter((r) => r.x1 === r.x2);
    // between the two header rows: a rule under 收入 only (备注 runs down)
    const mid = h.filter((r) => Math.abs(r.y1 - (R / 2 + ROW1 + R)) < 1e-6);
    expect(mid).toHaveLength(1);
    near(mid[0].x1, 0);
    near(mid[0].x2, 213.2 + R);
    expect(h).toHaveLength(4);
    // between 项目 and 金额: from the second header row down; the others whole
    const inner = v.filter((r) => Math.abs(r.x1 - 106.9) < 1e-6);
    expect(inner).toHaveLength(1);
    near(inner[0].y1, R + ROW1);
    near(inner[0].y2, s.height);
    expect(v).toHaveLength(4);
    const at = (text: string) => texts(s).find((i) => i.text === text)!;
    // 收入 centred over two columns; 备注 centred over two rows
    near(at('收入').x, R + 3 + (206.6 - 2 * S) / 2);
    near(at('备注').y, R + 2.5 + (2 * ROW1 + R - 5 - LINE) / 2 + BASE);
    near(at('项目').y, R + ROW1 + R + 2.5 + BASE);
  });

  it('centres a spanned cell in its rows and grows its last row when it needs more', () => {
    // 36 ideographs in 100 points: 9 a line, 4 lines, over two rows of one line each
    const long = '一二三四五六七八九'.repeat(4);
    const t = table(cols3, [], [
      row([{ ...txt(long), rowSpan: 2 }, txt('乙'), { ...txt('丙'), rowSpan: 2 }]),
      row([null, txt('丁'), null]),
    ]);
    const s = layoutTable(t, kit, { width: W3, tail: 0 }, false).slice(undefined, 1000, false);
    const second = 4 * LINE + 5 - ROW1 - R; // the deficit goes to the span's last row
    near(s.height, R + ROW1 + R + second + R);
    const lines = texts(s).filter((i) => /^[一二三四五六七八九]+$/.test(i.text));
    expect(lines.map((i) => i.text)).toEqual(['一二三四五六七八九', '一二三四五六七八九', '一二三四五六七八九', '一二三四五六七八九']);
    lines.forEach((i, k) => near(i.y, R + 2.5 + k * LINE + BASE));
    // 丙 spans the same rows: one line centred in them
    const c = texts(s).find((i) => i.text === '丙')!;
    near(c.y, R + 2.5 + (ROW1 + R + second - 5 - LINE) / 2 + BASE);
    // 丁 in the second row, centred in it
    near(texts(s).find((i) => i.text === '丁')!.y, R + ROW1 + R + 2.5 + (second - 5 - LINE) / 2 + BASE);
    // no horizontal rule across the spans between the rows: only under 乙 (column 1)
    const mid = rules(s).filter((r) => r.y1 === r.y2 && Math.abs(r.y1 - (R + ROW1 + R / 2)) < 1e-6);
    expect(mid).toHaveLength(1);
    near(mid[0].x1, 106.6);
    near(mid[0].x2, 213.2 + R);
  });

  it('keeps a point of room before a code, centres a cell that asks for it, shades a shaded cell alone', () => {
    const cols: ColumnSpec[] = [
      { kind: 'code', width: 1 },
      { kind: 'text', width: 1 },
      { kind: 'number', width: 1 },
    ];
    const t = table(cols, [], [
      row([txt('201'), { ...txt('一般'), shade: true }, num('7')]),
      row([txt('中', { align: 'center' }), txt('右', { align: 'right' }), num('8')]),
    ]);
    const s = layoutTable(t, kit, { width: W3, tail: 0 }, false).slice(undefined, 1000, false);
    const at = (text: string) => texts(s).find((i) => i.text === text)!;
    near(at('201').x, R + 3 + 1);
    near(at('一般').x, 106.6 + R + 3);
    near(at('中').x, R + 3 + (100 - S) / 2);
    near(at('右').x, 106.6 + R + 3 + 100 - S);
    const f = fills(s);
    expect(f).toHaveLength(1);
    near(f[0].x, 106.6 + R);
    near(f[0].w, 100 + 6);
    near(f[0].y, R);
    near(f[0].h, ROW1);
  });

  it('balances a short label that wraps into even lines', () => {
    // 18 ideographs in 150 points (14 a line): 14 + 4 unbalanced, 9 + 9 balanced
    const t = table(cols2, head2, [row([txt('一二三四五六七八九十一二三四五六七八'), num('1')])]);
    const s = layoutTable(t, kit, { width: W2, tail: 0 }, false).slice(undefined, 1000, false);
    expect(words(s).filter((w) => w.length > 2)).toEqual(['一二三四五六七八九', '十一二三四五六七八']);
  });
});

describe('engine table: pages', () => {
  const l2 = (rows: Row[], tail = 0, breakRows = false, header = head2) => layoutTable(table(cols2, header, rows), kit, { width: W2, tail }, breakRows);
  /** Room for the header and k rows of one line. */
  const roomFor = (k: number) => HEAD1 + k * (ROW1 + R) + 0.1;
  const bodyRows = (s: TableSlice) => words(s).filter((w) => w.startsWith('项目') && w !== '项目');

  it('fills a slice with the rows that fit and repeats the header on the next', () => {
    const l = l2(plainRows(10));
    const [a, b, c, ...more] = allSlices(l, roomFor(4), roomFor(4));
    expect(more).toEqual([]);
    expect(bodyRows(a)).toEqual(['项目0号', '项目1号', '项目2号', '项目3号']);
    expect(bodyRows(b)).toEqual(['项目4号', '项目5号', '项目6号', '项目7号']);
    expect(bodyRows(c)).toEqual(['项目8号', '项目9号']);
    for (const s of [a, b]) {
      expect(words(s).slice(0, 2)).toEqual(['项目', '金额']);
      near(s.height, roomFor(4) - 0.1);
    }
    expect(c.rest).toBeUndefined();
  });

  it('leaves at least two body rows for the last page', () => {
    const [a, b, c] = allSlices(l2(plainRows(9)), roomFor(4), roomFor(4));
    expect(bodyRows(a)).toHaveLength(4);
    expect(bodyRows(b)).toEqual(['项目4号', '项目5号', '项目6号']);
    expect(bodyRows(c)).toEqual(['项目7号', '项目8号']);
  });

  it('moves a total row on with two body rows', () => {
    const rows = [...plainRows(6), row([txt('合计'), num('15')], { style: 'total' })];
    const [a, b] = allSlices(l2(rows), roomFor(6), roomFor(6));
    expect(bodyRows(a)).toEqual(['项目0号', '项目1号', '项目2号', '项目3号']);
    expect(words(b)).toEqual(['项目', '金额', '项目4号', '4', '项目5号', '5', '合计', '15']);
  });

  it('moves a total row inside the table on with two body rows', () => {
    const rows = [...plainRows(6), row([txt('小计'), num('15')], { style: 'total' }), ...plainRows(3, 7)];
    const [a, b] = allSlices(l2(rows), roomFor(6), roomFor(7));
    expect(bodyRows(a)).toEqual(['项目0号', '项目1号', '项目2号', '项目3号']);
    expect(words(b).slice(2, 8)).toEqual(['项目4号', '4', '项目5号', '5', '小计', '15']);
  });

  it('does not end a slice with a block’s head row', () => {
    const cols: ColumnSpec[] = [
      { kind: 'text', width: 1 },
      { kind: 'text', width: 1 },
      { kind: 'text', width: 1 },
    ];
    const rows: Row[] = [
      row([txt('名称'), txt('甲'), txt('乙')]),
      row([txt('主管'), txt('丙'), txt('丁')]),
      row([{ ...txt('指标'), rowSpan: 6 }, txt('一级'), txt('目标')], { repeat: true }),
      ...[1, 2, 3, 4, 5].map((k) => row([null, txt(`y${k}`), txt(`x${k}`)])),
    ];
    const l = layoutTable(table(cols, [], rows), kit, { width: 320.4, tail: 0 }, false);
    const room = R + 3 * (ROW1 + R) + 0.1; // three rows; the block's six never fit
    const [a, b] = allSlices(l, room, room, true);
    expect(words(a)).toEqual(['名称', '甲', '乙', '主管', '丙', '丁']);
    expect(words(b)).toEqual(['指标', '一级', '目标', 'y1', 'x1', 'y2', 'x2']);
  });

  it('moves the last rows on rather than leave the notes alone', () => {
    const l = l2(plainRows(3), 20);
    const whole = HEAD1 + 3 * (ROW1 + R);
    // room for the rows and the notes: one slice
    expect(l.slice(undefined, whole + 20, false).rest).toBeUndefined();
    // room for the rows only: the last two go on with the notes
    const a = l.slice(undefined, whole + 19, false);
    expect(bodyRows(a)).toEqual(['项目0号']);
    const b = l.slice(a.rest, whole + 19, true);
    expect(bodyRows(b)).toEqual(['项目1号', '项目2号']);
    expect(b.rest).toBeUndefined();
    // a page's top with nothing to move: all of it
    expect(bodyRows(l.slice(a.rest, HEAD1 + 2 * (ROW1 + R), true))).toHaveLength(2);
  });

  it('places nothing where the header and the first row do not fit, unless at a page top', () => {
    const l = l2(plainRows(3));
    near(l.keepTop, HEAD1 + ROW1 + R);
    const s = l.slice(undefined, l.keepTop - 0.01, false);
    expect(s).toEqual({ items: [], height: 0, rest: undefined });
    const a = l.slice(undefined, l.keepTop + 0.01, false);
    expect(bodyRows(a)).toEqual(['项目0号']);
    const none = l.slice(a.rest, l.keepTop - 0.01, false);
    expect(none.height).toBe(0);
    expect(none.items).toEqual([]);
    expect(none.rest).toBe(a.rest);
  });

  it('keeps the rows of a span together when they fit on a page', () => {
    const rows = [
      ...plainRows(2),
      row([{ ...txt('合并'), rowSpan: 3 }, num('2')]),
      row([null, num('3')]),
      row([null, num('4')]),
      ...plainRows(2, 5),
    ];
    const l = l2(rows);
    const [a, b] = allSlices(l, roomFor(4), roomFor(5));
    expect(bodyRows(a)).toEqual(['项目0号', '项目1号']);
    expect(words(b).slice(2)).toEqual(['合并', '2', '3', '4', '项目5号', '5', '项目6号', '6']);
  });

  it('cuts a longer span where two or more of its rows stay on each side, rather than leave the page part empty or a row alone', () => {
    const rows = [
      ...plainRows(2),
      row([{ ...txt('合并'), rowSpan: 6 }, num('2')]),
      ...[3, 4, 5, 6, 7].map((k) => row([null, num(String(k))])),
      ...plainRows(2, 8),
    ];
    // room for five rows: three of the span's six stay, three go on, its label restated
    const [a, b] = allSlices(l2(rows), roomFor(5), roomFor(10));
    expect(words(a).slice(2)).toEqual(['项目0号', '0', '项目1号', '1', '合并', '2', '3', '4']);
    expect(words(b).slice(2)).toEqual(['合并', '5', '6', '7', '项目8号', '8', '项目9号', '9']);
    // room for seven: a cut there would leave one row of the span alone, so two of them go on
    const [c, d] = allSlices(l2(rows), roomFor(7), roomFor(10));
    expect(words(c).slice(2)).toEqual(['项目0号', '0', '项目1号', '1', '合并', '2', '3', '4', '5']);
    expect(words(d).slice(2, 5)).toEqual(['合并', '6', '7']);
  });

  it('restates a span cut by a page and prints its block’s head row again', () => {
    // a form without a header: a head row (`repeat`) whose label spans the block, a group inside it
    const rows: Row[] = [
      row([{ ...txt('指标'), rowSpan: 7 }, txt('一级'), txt('目标')], { repeat: true }),
      row([null, { ...txt('产出'), rowSpan: 6 }, txt('x1')]),
      ...[2, 3, 4, 5, 6].map((k) => row([null, null, txt(`x${k}`)])),
    ];
    const cols: ColumnSpec[] = [
      { kind: 'text', width: 1 },
      { kind: 'text', width: 1 },
      { kind: 'text', width: 1 },
    ];
    const l = layoutTable(table(cols, [], rows), kit, { width: 320.4, tail: 0 }, false);
    const room = R + 4 * (ROW1 + R) + 0.1;
    const [a, b, ...more] = allSlices(l, room, room, true);
    expect(more).toEqual([]);
    expect(words(a)).toEqual(['指标', '一级', '目标', '产出', 'x1', 'x2', 'x3']);
    near(a.height, room - 0.1);
    // the head row again (指标 running down its continuation), 产出 restated in the first row
    expect(words(b)).toEqual(['指标', '一级', '目标', '产出', 'x4', 'x5', 'x6']);
    near(b.height, R + 4 * (ROW1 + R));
    const y = (s: TableSlice, w: string) => texts(s).find((i) => i.text === w)!.y;
    // 指标 centred in the slice's four rows, 产出 in the last three
    near(y(b, '指标'), R + 2.5 + (4 * ROW1 + 3 * R - 5 - LINE) / 2 + BASE);
    near(y(b, '产出'), R + ROW1 + R + 2.5 + (3 * ROW1 + 2 * R - 5 - LINE) / 2 + BASE);
    near(y(b, '一级'), R + 2.5 + BASE);
    near(y(a, '产出'), R + ROW1 + R + 2.5 + (3 * ROW1 + 2 * R - 5 - LINE) / 2 + BASE);
  });

  it('cuts a row of a breakable table between lines, keeping two lines with the header', () => {
    // ten lines of 14 ideographs in the 150-point column
    const para = '甲乙丙丁戊己庚辛壬癸子丑寅卯'.repeat(10);
    const l = l2([row([txt(para), num('1')]), ...plainRows(1, 1)], 0, true);
    near(l.keepTop, HEAD1 + 2 * LINE + 5 + R);
    expect(l.slice(undefined, l.keepTop - 0.01, false).height).toBe(0);
    const a = l.slice(undefined, l.keepTop + 0.01, false);
    const lines = (s: TableSlice) => texts(s).filter((i) => i.text.length === 14);
    expect(lines(a)).toHaveLength(2);
    // cut cells are set from the top of their row
    near(lines(a)[0].y, HEAD1 + 2.5 + BASE);
    near(texts(a).find((i) => i.text === '1')!.y, HEAD1 + 2.5 + BASE);
    near(a.height, l.keepTop);
    const b = l.slice(a.rest, HEAD1 + 5 * LINE + 5 + R + 0.01, true);
    expect(lines(b)).toHaveLength(5);
    expect(words(b)).not.toContain('1');
    near(lines(b)[0].y, HEAD1 + 2.5 + BASE);
    const c = l.slice(b.rest, 1000, true);
    expect(lines(c)).toHaveLength(3);
    expect(bodyRows(c)).toEqual(['项目1号']);
    expect(c.rest).toBeUndefined();
  });

  it('runs the last row of a breakable table on to the next page rather than move the table', () => {
    const para = '甲乙丙丁戊己庚辛壬癸子丑寅卯'.repeat(10);
    const l = l2([row([txt('短'), num('1')]), row([txt(para), num('2')])], 0, true);
    const a = l.slice(undefined, HEAD1 + ROW1 + R + 3 * LINE + 5 + R + 0.01, false);
    expect(texts(a).filter((i) => i.text.length === 14)).toHaveLength(3);
    const b = l.slice(a.rest, 1000, true);
    expect(texts(b).filter((i) => i.text.length === 14)).toHaveLength(7);
    expect(b.rest).toBeUndefined();
  });

  it('does not cut a row of an unbreakable table that fits a page', () => {
    const para = '甲乙丙丁戊己庚辛壬癸子丑寅卯'.repeat(10);
    const l = l2([...plainRows(1), row([txt(para), num('1')]), ...plainRows(2, 2)]);
    const a = l.slice(undefined, HEAD1 + ROW1 + R + 5 * LINE, false);
    expect(bodyRows(a)).toEqual(['项目0号']);
    expect(texts(a).filter((i) => i.text.length === 14)).toEqual([]);
  });

  it('cuts a row taller than a page between lines, and ends', () => {
    // 400 lines in one cell of an unbreakable table; pages of 20 lines, and pages too small for one
    const para = '甲乙丙丁戊己庚辛壬癸子丑寅卯'.repeat(400);
    const l = l2([row([txt(para), num('1')]), ...plainRows(2, 1)]);
    const page = HEAD1 + 20 * LINE + 5 + R;
    const slices = allSlices(l, page, page);
    expect(slices[0].height).toBe(0); // not at a page top: moved on whole
    const lines = slices.flatMap((s) => texts(s).filter((i) => i.text.length === 14));
    expect(lines).toHaveLength(400);
    for (const s of slices.slice(1)) expect(s.height).toBeLessThanOrEqual(page + 1e-9);
    expect(slices).toHaveLength(1 + 20 + 1);
    // a page too small for the header and one line: one line a page, all the same
    const tiny = allSlices(l2([row([txt('甲乙丙丁戊己庚辛壬癸子丑寅卯'.repeat(3)), num('1')])]), 10, 10, true);
    expect(tiny.flatMap((s) => texts(s).filter((i) => i.text.length === 14))).toHaveLength(3);
  });
});

describe('engine table: the reference year’s tables, page by page', async () => {
  const { join } = await import('node:path');
  const { checkDir } = await import('../../../../src/compile.js');
  const { nodeWorld } = await import('../../../../src/world/index.js');
  const { budgetToDocument } = await import('../../../../src/document/index.js');
  const { GEOMETRY } = await import('../../../../src/render/pdf/style.js');
  const root = join(__dirname, '../../../..');
  const checked = checkDir(join(root, 'data/2023'), nodeWorld(), { strict: false, profiles: join(root, 'profiles') });
  const { doc } = budgetToDocument(checked.budget!, checked.profile!, checked.templates, { sourceDateEpoch: 1676000000 });
  const tables = doc.sections.flatMap((s) => s.blocks).filter((b): b is Table => b.kind === 'table');

  /**
   * The naive breaker, each run's text tagged with the call it came from (private-use marks after
   * the measuring), so that the printed pieces of one cell's text can be put back together.
   */
  function taggedKit(): { kit: TextKit; calls: string[] } {
    const calls: string[] = [];
    const inner = naiveBreaker(m);
    const breakText: BreakText = (text, style, options) => {
      const id = calls.push(text) - 1;
      return inner(text, style, options).map((l) => ({ ...l, runs: l.runs.map((r) => ({ ...r, text: `\uE000${id}\uE001${r.text}` })) }));
    };
    return { kit: { measure: m, breakText }, calls };
  }
  const squash = (s: string) => s.replace(/\s+/g, '');

  const cases = tables.flatMap((t) => {
    const alone = t.caption !== '';
    const width = alone && t.orientation === 'landscape' ? GEOMETRY.landscapeTextWidth : GEOMETRY.portraitTextWidth;
    const page = alone && t.orientation === 'landscape' ? GEOMETRY.landscapeTextHeight : GEOMETRY.portraitTextHeight;
    // the page as it is (caption and title above the first slice), and a page a third as tall
    return [
      { t, width, first: page - 120, page, breakRows: !alone },
      { t, width, first: page / 3 - 40, page: page / 3, breakRows: !alone },
    ];
  });
  expect(tables.filter((t) => t.caption !== '')).toHaveLength(12);

  it.each(cases.map((c) => [`${c.t.id} at ${Math.round(c.page)}`, c] as const))('%s: every cell once, inside the box and the room', (_, c) => {
    const { kit: tagged, calls } = taggedKit();
    const l = layoutTable(c.t, tagged, { width: c.width, tail: 12 * c.t.notes.length }, c.breakRows);
    // keepTop is what a first slice needs: with it something is placed, with less nothing
    expect(l.slice(undefined, l.keepTop + 1e-6, false).height).toBeGreaterThan(0);
    expect(l.slice(undefined, l.keepTop - 0.01, false).height).toBe(0);
    const slices = allSlices(l, c.first, c.page);
    // what each breakText call printed, slice by slice; figures (never broken) as they are
    const printed = new Map<number, string[]>();
    const figures: string[] = [];
    let room = c.first;
    slices.forEach((s, k) => {
      const top = k > 0;
      if (s.height > room + 1e-6) expect(top, `slice ${k} overflows ${s.height} > ${room} not at a page top`).toBe(true);
      room = c.page;
      const here = new Map<number, string>();
      for (const i of s.items as Item[]) {
        if (i.kind === 'text') {
          const g = /^\uE000(\d+)\uE001(.*)$/su.exec(i.text);
          const text = g ? g[2] : i.text;
          expect(i.x).toBeGreaterThanOrEqual(0);
          expect(i.x + m.width(text, i.style)).toBeLessThanOrEqual(c.width + 1e-6);
          expect(i.y).toBeGreaterThan(0);
          expect(i.y).toBeLessThan(s.height);
          if (g) here.set(Number(g[1]), (here.get(Number(g[1])) ?? '') + text);
          else figures.push(text);
        } else if (i.kind === 'rule') {
          for (const x of [i.x1, i.x2]) expect(x).toBeGreaterThanOrEqual(0), expect(x).toBeLessThanOrEqual(c.width);
          for (const y of [i.y1, i.y2]) expect(y).toBeGreaterThanOrEqual(0), expect(y).toBeLessThanOrEqual(s.height + 1e-9);
        } else if (i.kind === 'fill') {
          expect(i.x).toBeGreaterThanOrEqual(0);
          expect(i.x + i.w).toBeLessThanOrEqual(c.width);
        }
      }
      for (const [id, text] of here) printed.set(id, [...(printed.get(id) ?? []), squash(text)]);
    });
    const nonEmpty = slices.filter((s) => s.height > 0).length;
    // each call's text: printed whole once (perhaps over several slices), or whole on every slice
    // it is on (a header label on each page; a span restated)
    const restatable = new Set<string>();
    // a spanned cell, or a cell of a block's head row
    for (const r of c.t.rows) for (const cell of r.cells) if (cell !== null && ((cell.rowSpan ?? 1) > 1 || r.repeat === true)) restatable.add(squash(cell.text));
    const labels = new Set<string>();
    const walk = (ns: readonly HeaderNode[]) => ns.forEach((n) => (labels.add(squash(n.label)), walk(n.children ?? [])));
    walk(c.t.header);
    const seen: string[] = [];
    for (const [id, parts] of printed) {
      const full = squash(calls[id]);
      if (parts.length === 1 || parts.join('') !== full) {
        for (const p of parts) expect(p, `call ${id} "${calls[id]}"`).toBe(full);
        if (labels.has(full)) expect(parts).toHaveLength(nonEmpty);
        else if (parts.length > 1) expect(restatable.has(full), `"${full}" printed ${parts.length} times`).toBe(true);
      }
      if (!labels.has(full)) seen.push(full);
    }
    // every body cell, once
    const cells = c.t.rows.flatMap((r) => r.cells.filter((x): x is Exclude<Cell, null> => x !== null && x.text !== ''));
    expect(seen.sort()).toEqual(cells.filter((x) => x.kind === 'text').map((x) => squash(x.text)).sort());
    expect(figures.sort()).toEqual(cells.filter((x) => x.kind === 'number').map((x) => x.text).sort());
  });
});

describe('engine table: random tables, page by page', () => {
  const HAN = '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴';
  const word = (r: () => number, k: number) => Array.from({ length: k }, () => HAN[Math.floor(r() * HAN.length)]).join('');

  function randomTable(r: () => number): Table {
    const C = 2 + Math.floor(r() * 4);
    const n = 1 + Math.floor(r() * 30);
    const columns: ColumnSpec[] = Array.from({ length: C }, (_, c) => ({ kind: c === C - 1 || r() < 0.3 ? 'number' : r() < 0.2 ? 'code' : 'text', width: 1 + r() * 3 }));
    const taken = new Uint8Array(n * C);
    const rows: Row[] = [];
    for (let i = 0; i < n; i++) {
      const cells: Cell[] = [];
      let spans = false;
      for (let c = 0; c < C; c++) {
        if (taken[i * C + c]) {
          cells.push(null);
          continue;
        }
        let rs = c < 2 && r() < 0.15 ? Math.min(n - i, 2 + Math.floor(r() * 12)) : 1;
        let cs = r() < 0.1 ? Math.min(C - c, 2) : 1;
        const free = (a: number, b: number) => {
          for (let x = i; x < i + a; x++) for (let y = c; y < c + b; y++) if (taken[x * C + y]) return false;
          return true;
        };
        if (!free(rs, cs)) (rs = 1), (cs = 1);
        for (let x = i; x < i + rs; x++) for (let y = c; y < c + cs; y++) taken[x * C + y] = 1;
        spans ||= rs > 1;
        const span = { ...(rs > 1 ? { rowSpan: rs } : {}), ...(cs > 1 ? { colSpan: cs } : {}) };
        const giant = r() < 0.02 ? 300 : 0;
        const cell: Exclude<Cell, null> =
          columns[c].kind === 'number' && rs === 1 && cs === 1
            ? num(String(Math.floor(r() * 1e6)))
            : txt(word(r, giant || Math.floor(r() * (r() < 0.2 ? 80 : 12))), { indent: r() < 0.2 ? 1 : 0, ...(r() < 0.1 ? { align: 'center' as const } : {}) });
        cells.push({ ...cell, ...span, ...(r() < 0.05 ? { shade: true } : {}) });
      }
      const style = r() < 0.1 ? 'total' : r() < 0.1 ? 'subtotal' : undefined;
      rows.push({ cells, ...(style ? { style } : {}), ...(spans && r() < 0.3 ? { repeat: true } : {}) });
    }
    const header: HeaderNode[] = r() < 0.2 ? [] : r() < 0.5 ? columns.map(() => leaf(word(r, 2 + Math.floor(r() * 8)))) : [leaf(word(r, 3), columns.slice(0, 2).map(() => leaf(word(r, 4)))), ...columns.slice(2).map(() => leaf(word(r, 5)))];
    return table(columns, header, rows, r() < 0.3 ? ['注'] : []);
  }

  // SEED0=k SEED1=k replays one table
  it('ends, keeps to its room and prints every cell, for 300 random tables and pages', () => {
    for (let seed = Number(process.env.SEED0 ?? 1); seed <= Number(process.env.SEED1 ?? 300); seed++) {
      const r = rng(seed);
      const t = randomTable(r);
      const width = 200 + r() * 600;
      const page = 80 + r() * 650;
      const breakRows = r() < 0.4;
      const calls: string[] = [];
      const inner = naiveBreaker(m);
      const tagged: TextKit = {
        measure: m,
        breakText: (text, style, options) => {
          const id = calls.push(text) - 1;
          return inner(text, style, options).map((l) => ({ ...l, runs: l.runs.map((x) => ({ ...x, text: `\uE000${id}\uE001${x.text}` })) }));
        },
      };
      const l = layoutTable(t, tagged, { width, tail: t.notes.length * 15 }, breakRows);
      const first = page * (0.3 + 0.7 * r());
      const slices = allSlices(l, first, page);
      // the first slice keeps to its room; the others are at a page's top, which a row taller than
      // a page may overrun
      expect(slices[0].height, `seed ${seed}`).toBeLessThanOrEqual(first + 1e-6);
      const printed = new Map<string, number>();
      /** What each breakText call printed, slice by slice. */
      const parts = new Map<number, string[]>();
      const figures: string[] = [];
      slices.forEach((s, k) => {
        if (k > 0 && slices[k - 1].height > 0) expect(s.height, `seed ${seed}: a slice at a page top places something`).toBeGreaterThan(0);
        const ids = new Set<number>();
        const here = new Map<number, string>();
        for (const i of s.items) {
          if (i.kind !== 'text') continue;
          const g = /^\uE000(\d+)\uE001(.*)$/su.exec(i.text);
          if (g) ids.add(Number(g[1])), here.set(Number(g[1]), (here.get(Number(g[1])) ?? '') + g[2]);
          else figures.push(i.text);
          expect(i.y, `seed ${seed}`).toBeLessThan(s.height);
        }
        for (const id of ids) printed.set(calls[id].replace(/\s+/g, ''), (printed.get(calls[id].replace(/\s+/g, '')) ?? 0) + 1);
        for (const [id, text] of here) parts.set(id, [...(parts.get(id) ?? []), text.replace(/\s+/g, '')]);
        const rulesRight = Math.max(0, ...rules(s).map((x) => Math.max(x.x1, x.x2)));
        expect(rulesRight, `seed ${seed}`).toBeLessThanOrEqual(width + 1e-9);
      });
      // every text cell printed (at least once: a span restated, a head row again, a row cut over pages)
      const want = new Map<string, number>();
      for (const row of t.rows) for (const c of row.cells) if (c !== null && c.kind === 'text' && c.text !== '') want.set(c.text, (want.get(c.text) ?? 0) + 1);
      for (const [text, k] of want) expect(printed.get(text) ?? 0, `seed ${seed}: "${text}" printed`).toBeGreaterThanOrEqual(k);
      for (const row of t.rows) for (const c of row.cells) if (c !== null && c.kind === 'number') expect(figures, `seed ${seed}`).toContain(c.text);
      // a cell outside spans and head rows: printed exactly once, whole or in parts on pages that
      // follow each other (its call: the header's come first, then the body's in order, a balanced
      // label's second call after its first)
      const sq = (x: string) => x.replace(/\s+/g, '');
      let p = 0;
      /** The call that printed `text`, from p on. */
      const callOf = (text: string): number => {
        if (calls[p + 1] !== undefined && calls[p + 1].includes('\n') && !text.includes('\n') && sq(calls[p + 1]) === sq(text)) p++;
        expect(sq(calls[p]), `seed ${seed}: call ${p}`).toBe(sq(text));
        return p;
      };
      const walk = (ns: readonly HeaderNode[]): void => ns.forEach((x) => (callOf(x.label), p++, walk(x.children ?? [])));
      walk(t.header);
      for (const x of t.rows)
        for (const c of x.cells) {
          if (c === null || c.kind !== 'text') continue;
          callOf(c.text);
          const got = parts.get(p) ?? [];
          if ((c.rowSpan ?? 1) === 1 && x.repeat !== true && c.text.trim() !== '') expect(got.join(''), `seed ${seed}: "${c.text}" once`).toBe(c.text.replace(/\s+/g, ''));
          p++;
        }
      // figures once each, but those of a block's head row (`repeat`), printed again on a continuation
      const once = t.rows.filter((x) => x.repeat !== true).flatMap((x) => x.cells).filter((c) => c !== null && c.kind === 'number');
      const again = t.rows.filter((x) => x.repeat === true).flatMap((x) => x.cells).filter((c) => c !== null && c.kind === 'number');
      if (again.length === 0) expect(figures.length, `seed ${seed}: figures printed once`).toBe(once.length);
      else expect(figures.length, `seed ${seed}`).toBeGreaterThanOrEqual(once.length + again.length);
    }
  });
});
