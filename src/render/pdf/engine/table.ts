/**
 * Tables for the engine (docs/engine.md): a document `Table` laid out for its width, placed page by
 * page. The sizing rules are ../table.ts's (fitTable, widenForLabels, balanceLines, the header
 * tree); what pdfmake made ../table.ts estimate and work around (where pages break, centring of
 * spans, keeping spans with the header) is done here from the real lines.
 *
 * Geometry of a slice (x from the box's left edge, y from the slice's top): every grid line is a
 * rule RULE wide; column c's cell lies between rule c and rule c + 1, its text PAD_X inside; row
 * j's cell between horizontal rules j and j + 1, its text PAD_Y inside. A slice is RULE + Σ (row
 * height + RULE) tall and RULE + Σ (column width + 2 PAD_X + RULE) wide.
 *
 * Rows and pages: a row is as tall as its tallest single-row cell; a cell that spans rows and needs
 * more makes the last row of its span taller. A slice is the header rows, then (on a continuation
 * page, while a span that starts in a `repeat` row runs on) that row again, then as many body rows
 * as fit, cut where the rules allow:
 *  - the rows of a span stay together when they fit on a page and a cut would part one or two of
 *    them from the rest; a span cut by a page is restated
 *    (its text printed again) in the first row of the next slice;
 *  - no slice ends so that the rest has a total row with fewer than two body rows before it, or
 *    fewer than two body rows in all (unless the next row may be cut between lines instead), nor
 *    with a `repeat` row (a block's head row);
 *  - the last rows go to the next page rather than leave the tail (the notes) alone there;
 *  - a row is cut between lines only in a table whose rows may break (at least two lines on the
 *    page it starts on), or when it is taller than a whole page.
 * A row cut between lines is drawn top-aligned in both parts (as pdfmake drew a cell across a
 * page); every other cell is centred vertically in its row (a spanned cell in its rows).
 */
import type { Cell, Row, Table } from '../../../document/model.js';
import { GEOMETRY } from '../style.js';
import {
  CELL_LINE_HEIGHT,
  FIGURE_ROOM,
  PAD_X,
  PAD_Y,
  RULE,
  SUBTOTAL_FILL,
  balanceLines,
  fitTable,
  headerCells,
  widenForLabels,
} from '../table.js';
import {
  baselineOffset,
  lineBox,
  type Item,
  type LayoutTable,
  type Line,
  type TableCursor,
  type TableLayout,
  type TableSlice,
  type TextKit,
  type TextStyle,
} from './model.js';

/** Float slack for comparing heights (points). */
const EPS = 1e-6;

/** A cell's text broken for its box. */
interface Content {
  readonly lines: readonly Line[];
  readonly style: TextStyle;
  /** Line box height. */
  readonly lineH: number;
  /** Baseline below the top of a line box. */
  readonly base: number;
  /** Left edge of the text box from the left edge of the cell's content area (indent, figure room). */
  readonly left: number;
  readonly fill: boolean;
  /** The document cell's text (for tests and restated spans). */
  readonly text: string;
}

/** A body cell: where it starts and what it covers, in body coordinates. */
interface BodyCell extends Content {
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
}

/** A cell as placed in a slice: rows j.. j+rs-1 of the slice's rows (header rows first), lines [from, to). */
interface Piece {
  readonly cell: Content;
  readonly j: number;
  readonly c: number;
  readonly rs: number;
  readonly cs: number;
  readonly from: number;
  readonly to: number;
  /** Set from the top of its rows: a cell of a row cut between lines. */
  readonly top: boolean;
}

/** Where a slice starts: a body row, and for a row cut between lines, the lines already printed of each cell starting in it (by column). */
interface Cursor {
  readonly row: number;
  readonly done?: readonly number[];
}

/** The body rows of a slice after the header (and the repeated row), with their heights. */
interface Assembly {
  readonly pieces: readonly Piece[];
  /** Heights of the rows after the header (the repeated row, then the body rows). */
  readonly heights: readonly number[];
  /** The slice's whole height, header and rules included. */
  readonly height: number;
}

const EMPTY: readonly Line[] = [];

/** What a piece needs of its rows: its lines, at least one unless it is part of a cut cell. */
function need(p: Piece): number {
  const n = p.to - p.from;
  const partial = p.from > 0 || p.to < p.cell.lines.length;
  return 2 * PAD_Y + p.cell.lineH * (partial ? n : Math.max(1, n));
}

/**
 * Row heights for pieces over `count` rows starting at slice row `first`: each row as tall as its
 * tallest single-row piece; a spanned piece that needs more grows its last row (spans ending first
 * are settled first).
 */
function rowHeights(pieces: readonly Piece[], first: number, count: number): number[] {
  const h = new Array<number>(count).fill(0);
  const spans: Piece[] = [];
  for (const p of pieces) {
    if (p.rs > 1) spans.push(p);
    else h[p.j - first] = Math.max(h[p.j - first], need(p));
  }
  spans.sort((a, b) => a.j + a.rs - (b.j + b.rs));
  for (const p of spans) {
    let have = (p.rs - 1) * RULE;
    for (let k = p.j - first; k < p.j - first + p.rs; k++) have += h[k];
    const deficit = need(p) - have;
    if (deficit > 0) h[p.j - first + p.rs - 1] += deficit;
  }
  return h;
}

export const layoutTable: LayoutTable = (t: Table, kit: TextKit, placement, breakRows): TableLayout => {
  const m = kit.measure;
  const n = t.rows.length;
  const C = t.columns.length;
  const fitted = fitTable(t, placement.width);
  const size = fitted.fontSize;
  const widths = widenForLabels(t, fitted.widths, size);
  const gap = 2 * PAD_X + RULE;
  /** Left edge of vertical rule i (0..C). */
  const xRule: number[] = [0];
  for (let c = 0; c < C; c++) xRule.push(xRule[c] + RULE + widths[c] + 2 * PAD_X);
  const contentWidth = (c: number, cs: number): number => {
    let w = -gap;
    for (let k = c; k < c + cs; k++) w += widths[k] + gap;
    return w;
  };
  /**
   * A full page's room for this table, for the keep-together rule of spans when the slice is not at
   * a page's top (at a page's top, its room is the page): the placement gives no page height, so
   * its width tells the orientation.
   */
  const pageRoom = placement.width > GEOMETRY.portraitTextWidth + 1 ? GEOMETRY.landscapeTextHeight : GEOMETRY.portraitTextHeight;

  const styleOf = (face: TextStyle['face']): { style: TextStyle; lineH: number; base: number } => {
    const style = { face, size };
    return { style, lineH: lineBox(m, style, CELL_LINE_HEIGHT), base: baselineOffset(m, style, CELL_LINE_HEIGHT) };
  };
  const faces = { body: styleOf('body'), bodyBold: styleOf('bodyBold'), heading: styleOf('heading') };
  const emsOf = (style: TextStyle) => (u: string) => m.width(u, style) / size;

  /** Text broken in a box `width` wide; balanced into even lines when `balance` says so. */
  const breakCell = (text: string, style: TextStyle, width: number, align: 'left' | 'center' | 'right', balance: 'always' | 'short' | 'never'): readonly Line[] => {
    let lines = kit.breakText(text, style, { width, align });
    if (balance === 'never' || (balance === 'short' && (lines.length < 2 || lines.length > 3))) return lines;
    const balanced = balanceLines(text, width, size, emsOf(style));
    if (balanced !== text) lines = kit.breakText(balanced, style, { width, align });
    return lines;
  };

  // ── header ──
  const head = headerCells(t);
  const headPieces: Piece[] = head.cells.map((h) => {
    const f = faces.heading;
    const lines = breakCell(h.label, f.style, contentWidth(h.col, h.colSpan), 'center', 'always');
    const cell: Content = { lines, style: f.style, lineH: f.lineH, base: f.base, left: 0, fill: false, text: h.label };
    return { cell, j: h.row, c: h.col, rs: h.rowSpan, cs: h.colSpan, from: 0, to: lines.length, top: false };
  });
  const headHeights = rowHeights(headPieces, 0, head.rows);
  const nh = head.rows;
  /** Height of the header with the slice's top rule and the rule under each header row. */
  const headBlock = headHeights.reduce((a, b) => a + b + RULE, RULE);

  // ── body ──
  const bodyCell = (cell: Exclude<Cell, null>, row: Row, r: number, c: number): BodyCell => {
    const colSpan = Math.max(1, Math.min(cell.colSpan ?? 1, C - c));
    const rowSpan = Math.max(1, Math.min(cell.rowSpan ?? 1, n - r));
    const fill = row.style === 'subtotal' || cell.shade === true;
    const bold = row.style === 'total' || (cell.kind === 'text' && cell.bold === true);
    const f = bold ? faces.bodyBold : faces.body;
    const width = contentWidth(c, colSpan);
    // (object literals of one shape rather than spreads: V8 spreads a literal through the runtime)
    const made = (lines: readonly Line[], left: number): BodyCell => ({
      lines,
      style: f.style,
      lineH: f.lineH,
      base: f.base,
      left,
      fill,
      text: cell.text,
      row: r,
      col: c,
      rowSpan,
      colSpan,
    });
    if (cell.kind === 'number') {
      // A figure is never broken: one line (a line per '\n'), right-aligned, FIGURE_ROOM from the rule.
      const box = width - FIGURE_ROOM;
      const line = (s: string): Line => {
        const w = m.width(s, f.style);
        return { runs: s === '' ? [] : [{ text: s, x: box - w, spacing: 0 }], right: box };
      };
      const lines = cell.text.includes('\n') ? cell.text.split('\n').map(line) : [line(cell.text)];
      return made(lines, 0);
    }
    const align = cell.align ?? 'left';
    const indent = cell.indent !== undefined && cell.indent > 0 ? cell.indent * size : 0;
    const left = indent + (t.columns[c].kind === 'code' && align === 'left' ? FIGURE_ROOM : 0);
    const lines = breakCell(cell.text, f.style, width - left, align, align === 'right' || cell.text.includes('\n') ? 'never' : 'short');
    return made(lines, left);
  };
  /** Cells starting in each row. */
  const starts: BodyCell[][] = [];
  /** The cell covering each position (row-major, n × C); undefined where nothing does. */
  const owner: (BodyCell | undefined)[] = new Array(n * C);
  t.rows.forEach((row, r) => {
    if (row.cells.length !== C) throw new Error(`table ${t.id}: row ${r} has ${row.cells.length} cells, the table has ${C} columns`);
    const here: BodyCell[] = [];
    row.cells.forEach((cell, c) => {
      if (cell === null || owner[r * C + c] !== undefined) return;
      const b = bodyCell(cell, row, r, c);
      here.push(b);
      for (let i = r; i < r + b.rowSpan; i++) for (let k = c; k < c + b.colSpan; k++) owner[i * C + k] ??= b;
    });
    starts.push(here);
  });
  const total = t.rows.map((r) => r.style === 'total');
  /** Non-total rows before each row (prefix counts). */
  const plain: number[] = [0];
  for (let r = 0; r < n; r++) plain.push(plain[r] + (total[r] ? 0 : 1));
  /** The first total row at or after each row (n: none). */
  const nextTotal: number[] = new Array(n + 1).fill(n);
  for (let r = n - 1; r >= 0; r--) nextTotal[r] = total[r] ? r : nextTotal[r + 1];
  const spans: BodyCell[] = [];
  for (const here of starts) for (const b of here) if (b.rowSpan > 1) spans.push(b);

  /**
   * The body rows [r0, end) as a slice's rows (from `cur`): a span cut at r0 restated there (or,
   * when it starts in a `repeat` row, that row printed again above r0); `part`: row `end` printed in
   * part as well, `part[c]` lines of the cell starting at column c.
   */
  const assemble = (cur: Cursor, end: number, part?: readonly number[]): Assembly => {
    const r0 = cur.row;
    const last = part ? end + 1 : end;
    const pieces: Piece[] = [];
    // spans that started before r0 and run on into it
    const carried: BodyCell[] = [];
    if (r0 > 0 && r0 < n) {
      for (let c = 0; c < C; c++) {
        const o = owner[r0 * C + c];
        if (o !== undefined && o.row < r0 && !carried.includes(o)) carried.push(o);
      }
    }
    let hr = -1;
    for (const o of carried) if (t.rows[o.row].repeat === true) hr = Math.max(hr, o.row);
    const off = hr >= 0 ? 1 : 0;
    const rowsHere = off + last - r0;
    const jOf = (r: number) => nh + off + r - r0;
    if (hr >= 0) {
      for (const b of starts[hr]) {
        const left = b.row + b.rowSpan - r0;
        const rs = b.rowSpan > 1 && left > 0 ? 1 + Math.min(left, last - r0) : 1;
        pieces.push({ cell: b, j: nh, c: b.col, rs, cs: b.colSpan, from: 0, to: b.lines.length, top: false });
      }
    }
    for (const b of carried) {
      if (b.row === hr) continue;
      const left = Math.min(b.row + b.rowSpan - r0, last - r0);
      // a span around the repeated row is restated from that row down
      if (b.row < hr) pieces.push({ cell: b, j: nh, c: b.col, rs: left + 1, cs: b.colSpan, from: 0, to: b.lines.length, top: false });
      else if (left > 0) pieces.push({ cell: b, j: jOf(r0), c: b.col, rs: left, cs: b.colSpan, from: 0, to: b.lines.length, top: false });
    }
    for (let r = r0; r < last; r++) {
      for (const b of starts[r]) {
        const from = r === r0 && cur.done ? cur.done[b.col] ?? 0 : 0;
        const to = part && r === end ? Math.min(b.lines.length, from + (part[b.col] ?? 0)) : b.lines.length;
        const top = (r === r0 && cur.done !== undefined) || (part !== undefined && r === end);
        pieces.push({ cell: b, j: jOf(r), c: b.col, rs: Math.min(b.rowSpan, last - r), cs: b.colSpan, from, to, top });
      }
    }
    // positions nothing covers (a malformed row, a repeated row under a span from above): empty cells
    const seen = new Uint8Array(rowsHere * C);
    for (const p of pieces) for (let j = p.j; j < p.j + p.rs; j++) for (let c = p.c; c < p.c + p.cs; c++) seen[(j - nh) * C + c] = 1;
    for (let i = 0; i < seen.length; i++) {
      if (seen[i] === 1) continue;
      const cell: Content = { lines: EMPTY, style: faces.body.style, lineH: faces.body.lineH, base: faces.body.base, left: 0, fill: false, text: '' };
      pieces.push({ cell, j: nh + Math.floor(i / C), c: i % C, rs: 1, cs: 1, from: 0, to: 0, top: false });
    }
    const heights = rowHeights(pieces, nh, rowsHere);
    return { pieces, heights, height: heights.reduce((a, b) => a + b + RULE, headBlock) };
  };

  // The whole body as one slice: the heights pages are estimated from.
  const all = assemble({ row: 0 }, n);
  /** Top of each body row in the whole-body estimate (prefix sums of height + rule). */
  const P: number[] = [0];
  for (let r = 0; r < n; r++) P.push(P[r] + all.heights[r] + RULE);

  /** Whether a cut before row e (rows r0.. on this page) keeps the rules; else the row to cut before instead. */
  const keep = (e: number, r0: number, page: number): number => {
    for (let moved = true; moved && e > r0 && e < n; ) {
      moved = false;
      // the rows of a span stay together when they fit on a page and a cut would leave fewer than
      // two of them on either side (a longer span is cut, its label restated, rather than leave a
      // page part empty: 表十二's 质量 group of ten rows)
      for (const s of spans) {
        const end = s.row + s.rowSpan;
        if (s.row >= r0 && s.row < e && e < end && (e - s.row < 2 || end - e < 2) && headBlock + P[end] - P[s.row] <= page + EPS) {
          // two of its rows go on with the rest, or, where that leaves fewer than two here, all
          e = end - e < 2 && end - 2 - s.row >= 2 ? end - 2 : s.row;
          moved = true;
        }
      }
      // the rest: two body rows before its first total row, and two in all (not in a table whose
      // rows break: its next row goes on in part instead); a block's head row (`repeat`) does not
      // end a page
      const rest = !breakRows && ((nextTotal[e] < n && plain[nextTotal[e]] - plain[e] < 2) || plain[n] - plain[e] < 2);
      if (e > r0 && e < n && (rest || t.rows[e - 1].repeat === true)) {
        e--;
        moved = true;
      }
    }
    return e;
  };

  /** Lines of each cell starting in row e (by column) that fit `avail` points of text height. */
  const fitLines = (cur: Cursor, e: number, avail: number, force: boolean): number[] => {
    const k: number[] = new Array(C).fill(0);
    for (const b of starts[e]) {
      const from = e === cur.row && cur.done ? cur.done[b.col] ?? 0 : 0;
      const left = b.lines.length - from;
      k[b.col] = Math.min(left, Math.max(force ? 1 : 0, Math.floor(avail / b.lineH + EPS)));
    }
    return k;
  };

  /**
   * Row e cut between lines within `room` after the whole rows [cur.row, e): at least `min` lines
   * of its tallest cell (`force`: at least one line, whatever the room). Undefined when that does
   * not fit, or when the whole row does.
   */
  const split = (cur: Cursor, e: number, room: number, min: number, force: boolean): { asm: Assembly; done: number[] } | undefined => {
    if (e >= n) return undefined;
    const before = assemble(cur, e).height;
    const remaining = (b: BodyCell) => b.lines.length - (e === cur.row && cur.done ? cur.done[b.col] ?? 0 : 0);
    const most = Math.max(0, ...starts[e].map(remaining));
    if (most === 0) return undefined;
    let avail = room - before - RULE - 2 * PAD_Y;
    const step = Math.min(...starts[e].map((b) => b.lineH));
    // a line less each time: at most `most` tries (bounded, whatever the numbers)
    for (let tries = 0; tries <= most; tries++) {
      const k = fitLines(cur, e, avail, force);
      const tallest = Math.max(...starts[e].map((b) => k[b.col]));
      if (starts[e].every((b) => k[b.col] >= remaining(b))) return undefined; // the whole row: not a cut
      if (tallest < Math.min(min, most) && !force) return undefined;
      const asm = assemble(cur, e, k);
      if (asm.height <= room + EPS || force || tallest === 0) {
        const done = new Array<number>(C).fill(0);
        for (const b of starts[e]) done[b.col] = (e === cur.row && cur.done ? cur.done[b.col] ?? 0 : 0) + k[b.col];
        return { asm, done };
      }
      avail -= step;
    }
    return undefined;
  };

  /** The slice's items from its rows. */
  const draw = (asm: Assembly): Item[] => {
    const heights = [...headHeights, ...asm.heights];
    const R = heights.length;
    const pieces = [...headPieces, ...asm.pieces];
    /** Top edge of horizontal rule j (0..R). */
    const yRule: number[] = [0];
    for (let j = 0; j < R; j++) yRule.push(yRule[j] + RULE + heights[j]);
    const grid = new Int32Array(R * C).fill(-1);
    pieces.forEach((p, i) => {
      for (let j = p.j; j < p.j + p.rs; j++) for (let c = p.c; c < p.c + p.cs; c++) grid[j * C + c] = i;
    });
    const fills: Item[] = [];
    const rules: Item[] = [];
    const texts: Item[] = [];
    // fills: a row's adjacent shaded cells of the same rows as one rectangle
    const shaded = pieces.filter((p) => p.cell.fill).sort((a, b) => a.j - b.j || a.rs - b.rs || a.c - b.c);
    for (let i = 0; i < shaded.length; ) {
      const p = shaded[i];
      let c2 = p.c + p.cs;
      let k = i + 1;
      while (k < shaded.length && shaded[k].j === p.j && shaded[k].rs === p.rs && shaded[k].c === c2) c2 += shaded[k++].cs;
      const y = yRule[p.j] + RULE;
      fills.push({ kind: 'fill', x: xRule[p.c] + RULE, y, w: xRule[c2] - xRule[p.c] - RULE, h: yRule[p.j + p.rs] - y, color: SUBTOTAL_FILL });
      i = k;
    }
    // horizontal rules: one item per run of columns that share the line
    for (let j = 0; j <= R; j++) {
      const y = yRule[j] + RULE / 2;
      for (let c = 0; c < C; ) {
        const drawn = (k: number) => j === 0 || j === R || grid[(j - 1) * C + k] !== grid[j * C + k];
        if (!drawn(c)) {
          c++;
          continue;
        }
        let c2 = c + 1;
        while (c2 < C && drawn(c2)) c2++;
        rules.push({ kind: 'rule', x1: xRule[c], y1: y, x2: xRule[c2] + RULE, y2: y, width: RULE });
        c = c2;
      }
    }
    // vertical rules: one item per run of rows that share the line
    for (let i = 0; i <= C; i++) {
      const x = xRule[i] + RULE / 2;
      for (let j = 0; j < R; ) {
        const drawn = (k: number) => i === 0 || i === C || grid[k * C + i - 1] !== grid[k * C + i];
        if (!drawn(j)) {
          j++;
          continue;
        }
        let j2 = j + 1;
        while (j2 < R && drawn(j2)) j2++;
        rules.push({ kind: 'rule', x1: x, y1: yRule[j], x2: x, y2: yRule[j2] + RULE, width: RULE });
        j = j2;
      }
    }
    // text: centred in the cell's rows, top-aligned when the cell is cut between lines
    for (const p of pieces) {
      if (p.to <= p.from) continue;
      const cell = p.cell;
      const top = yRule[p.j] + RULE + PAD_Y;
      const avail = yRule[p.j + p.rs] - top - PAD_Y;
      const block = (p.to - p.from) * cell.lineH;
      const y0 = top + (p.top ? 0 : Math.max(0, (avail - block) / 2));
      const x0 = xRule[p.c] + RULE + PAD_X + cell.left;
      for (let l = p.from; l < p.to; l++) {
        const y = y0 + (l - p.from) * cell.lineH + cell.base;
        for (const run of cell.lines[l].runs) {
          if (run.text === '') continue;
          texts.push(
            run.spacing !== 0
              ? { kind: 'text', x: x0 + run.x, y, text: run.text, style: cell.style, spacing: run.spacing }
              : { kind: 'text', x: x0 + run.x, y, text: run.text, style: cell.style },
          );
        }
      }
    }
    return [...fills, ...rules, ...texts];
  };

  // Nothing placed: `rest === from`, which for a table's first slice is undefined as for a table
  // done; height 0 is what tells the two apart.
  const empty = (from: TableCursor | undefined): TableSlice => ({ items: [], height: 0, rest: from });
  const done = (asm: Assembly, rest: Cursor | undefined): TableSlice => ({
    items: draw(asm),
    height: asm.height,
    rest: rest as unknown as TableCursor | undefined,
  });

  /** The most whole rows from cur that fit `room` (cur.row when not even one does). */
  const fill = (cur: Cursor, room: number): { e: number; asm: Assembly } => {
    const r0 = cur.row;
    let e = r0;
    while (e < n && headBlock + P[e + 1] - P[r0] <= room + EPS) e++;
    let asm = assemble(cur, e);
    while (e > r0 && asm.height > room + EPS) asm = assemble(cur, --e);
    for (;;) {
      if (e >= n) break;
      const next = assemble(cur, e + 1);
      if (next.height > room + EPS) break;
      e++;
      asm = next;
    }
    return { e, asm };
  };

  const slice = (from: TableCursor | undefined, room: number, pageTop: boolean): TableSlice => {
    const cur: Cursor = (from as unknown as Cursor | undefined) ?? { row: 0 };
    const r0 = cur.row;
    if (r0 >= n) {
      // a table without body rows: its header alone
      if (from !== undefined || nh === 0) return { items: [], height: 0, rest: undefined };
      const asm = assemble(cur, n);
      return !pageTop && asm.height + placement.tail > room + EPS ? empty(from) : done(asm, undefined);
    }
    const page = pageTop ? room : pageRoom;
    const whole = fill(cur, room);
    let { e, asm } = whole;
    let asmEnd = e;
    // the tail goes with the table's last rows
    let roomAt = room;
    if (e === n && asm.height + placement.tail > room + EPS) {
      if (breakRows) {
        roomAt = room - placement.tail;
        ({ e, asm } = fill(cur, roomAt));
        asmEnd = e;
      } else {
        let k = n;
        for (let body = 0; k > r0 && body < 2; ) if (!total[--k]) body++;
        e = k;
      }
    }
    if (e < n) e = keep(e, r0, page);
    if (e > r0) {
      if (e !== asmEnd) asm = assemble(cur, e);
      if (breakRows && e < n && e === asmEnd) {
        const cut = split(cur, e, roomAt, 2, false);
        if (cut) return done(cut.asm, { row: e, done: cut.done });
      }
      return done(asm, e < n ? { row: e } : undefined);
    }
    // not one whole row here: the row cut between lines where its table allows it
    if (breakRows && (whole.e === r0 || roomAt < room)) {
      const cut = split(cur, r0, roomAt, 2, false);
      if (cut) return done(cut.asm, { row: r0, done: cut.done });
    }
    if (whole.e > r0) {
      // the rules move every row on: to the next page, unless this is a page's top
      if (!pageTop) return empty(from);
      return done(whole.asm, whole.e < n ? { row: whole.e } : undefined);
    }
    if (!pageTop) return empty(from);
    // a row taller than a page: cut between lines, at least one line placed
    const cut = split(cur, r0, room, 1, true);
    if (cut) return done(cut.asm, { row: r0, done: cut.done });
    const one = assemble(cur, r0 + 1);
    return done(one, r0 + 1 < n ? { row: r0 + 1 } : undefined);
  };

  // keepTop: the header and the first rows a first slice must hold (the first cut the rules allow;
  // with the tail when that is the table's end), or for a table whose rows break, the header and
  // the first two lines of its first row
  let keepTop: number;
  if (n === 0) keepTop = headBlock;
  else if (breakRows) {
    const k = fitLines({ row: 0 }, 0, 2 * Math.max(...starts[0].map((b) => b.lineH)) + EPS, false);
    keepTop = Math.min(all.heights[0] ?? 0, Math.max(0, ...starts[0].map((b) => 2 * PAD_Y + k[b.col] * b.lineH))) + headBlock + RULE;
  } else {
    let e = 1;
    while (e < n && keep(e, 0, pageRoom) !== e) e++;
    keepTop = assemble({ row: 0 }, e).height + (e === n ? placement.tail : 0);
  }

  return { slice, keepTop };
};
