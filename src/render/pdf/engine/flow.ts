/**
 * The flow (issue 14's layout engine): `Document` → `PagePlan`. Places what definition.ts handed
 * pdfmake, with the same look (docs/engine.md): the cover, the 目录, the sections' headings,
 * paragraphs, lists and tables, the page footers, the named destinations and the outline. Text is
 * broken by the kit (text.ts), tables are laid out by `layoutTable` (table.ts) and placed slice by
 * slice; the flow decides only where things go.
 *
 * Two passes. The walk turns the sections into a list of nodes and collects the 目录's and the
 * outline's entries (ids, parents, levels: definition.ts's rules); it does not depend on where
 * anything lands. The placement then puts the nodes on pages with a cursor. The keep rules that
 * pdfmake applied by laying the whole document out again after each break (definition.ts
 * `pageBreakBefore`) are a local retry here: a run of headings is placed with what follows it, and
 * when that leaves the headings at the foot of a page, both are taken back (the placement is
 * append-only, so a mark and a truncation undo it) and placed again on the next page.
 *
 * The body is laid out before the 目录: every entry of the 目录 has a height that does not depend
 * on its page number (the number's column has a fixed width, as in definition.ts), so the 目录's
 * page count is known from its entries alone, and the page numbers it prints are those of the
 * pages the body placed its destinations on.
 *
 * Page numbers: the footer of the page at index i (0: the cover, which has none) prints i + 1, as
 * pdfmake's footer did; the 目录 prints the same numbers.
 */
import type { Document, Heading, Table } from '../../../document/model.js';
import { standsAlone } from '../../../document/model.js';
import { A4, MARGINS, SIZE, type Faces } from '../style.js';
import {
  baselineOffset,
  lineBox,
  type FaceRole,
  type Item,
  type LayoutTable,
  type Line,
  type OutlineEntry,
  type PagePlan,
  type TableCursor,
  type TextKit,
  type TextStyle,
} from './model.js';

type Orientation = 'portrait' | 'landscape';
type Align = 'left' | 'center' | 'right' | 'justify';

/** Slack for sums of floating-point heights against the bottom of the text area. */
const EPS = 0.01;

interface Frame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly bottom: number;
  readonly pageWidth: number;
  readonly pageHeight: number;
}

function frameOf(o: Orientation): Frame {
  const pageWidth = o === 'portrait' ? A4.width : A4.height;
  const pageHeight = o === 'portrait' ? A4.height : A4.width;
  return {
    left: MARGINS[0],
    top: MARGINS[1],
    width: pageWidth - MARGINS[0] - MARGINS[2],
    bottom: pageHeight - MARGINS[3],
    pageWidth,
    pageHeight,
  };
}

const FRAMES: Record<Orientation, Frame> = { portrait: frameOf('portrait'), landscape: frameOf('landscape') };

// ── The walk: nodes, 目录 entries, outline ──────────────────────────────────────────────────

interface TextNode {
  readonly kind: 'text';
  readonly text: string;
  readonly style: TextStyle;
  readonly align: Align;
  readonly indent: number;
}

interface HeadingNode {
  readonly kind: 'heading';
  readonly h: Heading;
  /** Its named destination (a heading listed in the 目录 and the outline). */
  readonly dest: string | undefined;
}

interface TableNode {
  readonly kind: 'table';
  readonly t: Table;
  /** A table of its own page(s) (`standsAlone`). */
  readonly alone: boolean;
  readonly dest: string | undefined;
}

/** A page break: a PageBreak block, a section with newPage. */
interface BreakNode {
  readonly kind: 'break';
}

type Node = TextNode | HeadingNode | TableNode | BreakNode;

interface TocEntry {
  readonly id: string;
  readonly text: string;
  readonly level: number;
}

interface OutlineDraft {
  readonly title: string;
  readonly dest: string;
  readonly parent: string | undefined;
  readonly expanded: boolean;
}

interface Walk {
  readonly nodes: Node[];
  readonly toc: TocEntry[];
  readonly outline: OutlineDraft[];
}

/** The roles the 公文 faces take: their own when the font set has them, else the heading face. */
type Roles = Faces;

function walk(doc: Document): Walk {
  const nodes: Node[] = [];
  const toc: TocEntry[] = [];
  const outline: OutlineDraft[] = [];
  const ids = new Set<string>();
  /** The latest heading listed in the outline at each level (definition.ts `Flow.parents`). */
  const parents: (string | undefined)[] = [undefined, undefined, undefined, undefined];
  const useId = (id: string): string => {
    if (ids.has(id)) throw new Error(`document: the anchor id "${id}" is used twice`);
    ids.add(id);
    return id;
  };
  const body = (text: string, indent: boolean, align: Align, bold: boolean): TextNode => ({
    kind: 'text',
    text,
    style: { face: bold ? 'bodyBold' : 'body', size: SIZE.body },
    align,
    indent: indent ? 2 * SIZE.body : 0,
  });

  for (const section of doc.sections) {
    if (section.newPage) nodes.push({ kind: 'break' });
    for (const b of section.blocks) {
      switch (b.kind) {
        case 'heading': {
          let dest: string | undefined;
          if (b.toc) {
            dest = useId(b.id);
            const parent = parents.slice(1, b.level).reverse().find((p) => p !== undefined);
            outline.push({ title: b.tocText ?? b.text, dest, parent, expanded: b.level === 1 });
            parents[b.level] = b.id;
            for (let l = b.level + 1; l <= 3; l++) parents[l] = undefined;
            toc.push({ id: b.id, text: b.tocText ?? b.text, level: b.level });
          }
          nodes.push({ kind: 'heading', h: b, dest });
          break;
        }
        case 'paragraph':
          nodes.push(body(b.text, b.indent, b.align ?? 'justify', b.bold ?? false));
          break;
        case 'list':
          for (const item of b.items) nodes.push(body(item, true, 'justify', false));
          break;
        case 'pagebreak':
          nodes.push({ kind: 'break' });
          break;
        case 'table': {
          const alone = standsAlone(b);
          let dest: string | undefined;
          if (alone && b.toc) {
            dest = useId(b.id);
            // A table hangs under the part it is in ("二、表格部分"), never under a numbered sub-heading.
            const parent = parents[2] ?? parents[1];
            outline.push({ title: b.shortName, dest, parent, expanded: false });
            const parentLevel = parents[2] !== undefined ? 2 : parents[1] !== undefined ? 1 : 0;
            toc.push({ id: b.id, text: b.shortName, level: Math.min(3, parentLevel + 1) });
          } else if (!alone && b.toc && b.title !== '') {
            dest = useId(b.id);
            const parent = parents[3] ?? parents[2] ?? parents[1];
            outline.push({ title: b.shortName, dest, parent, expanded: false });
            toc.push({ id: b.id, text: b.shortName, level: 3 });
          }
          nodes.push({ kind: 'table', t: b, alone, dest });
          break;
        }
      }
    }
  }
  return { nodes, toc, outline };
}

// ── The placement ───────────────────────────────────────────────────────────────────────────

interface PageDraft {
  readonly orientation: Orientation;
  readonly items: Item[];
}

/** Where the placement was: enough to take back everything placed since (placement only appends). */
interface Mark {
  readonly pages: number;
  readonly page: PageDraft | undefined;
  readonly items: number;
  readonly y: number;
  readonly pending: boolean;
}

/** A table slice's item moved onto the page (object literals of one shape per kind, not spreads: a table has thousands). */
function shifted(item: Item, dx: number, dy: number): Item {
  switch (item.kind) {
    case 'text':
      return item.spacing !== undefined
        ? { kind: 'text', x: item.x + dx, y: item.y + dy, text: item.text, style: item.style, spacing: item.spacing }
        : { kind: 'text', x: item.x + dx, y: item.y + dy, text: item.text, style: item.style };
    case 'rule':
      return { kind: 'rule', x1: item.x1 + dx, y1: item.y1 + dy, x2: item.x2 + dx, y2: item.y2 + dy, width: item.width };
    case 'fill':
      return { kind: 'fill', x: item.x + dx, y: item.y + dy, w: item.w, h: item.h, color: item.color };
    case 'link':
      return { kind: 'link', x: item.x + dx, y: item.y + dy, w: item.w, h: item.h, dest: item.dest };
    case 'dest':
      return { kind: 'dest', id: item.id, x: item.x + dx, y: item.y + dy };
  }
}

/** Pages under construction and the cursor on the last one. */
class Pager {
  readonly pages: PageDraft[] = [];
  /** The cursor: the top of the next thing placed on the current page. */
  y = 0;
  /** The next thing placed starts a new page. */
  pending = true;

  constructor(private readonly kit: TextKit) {}

  get page(): PageDraft {
    return this.pages[this.pages.length - 1];
  }

  get frame(): Frame {
    return FRAMES[this.page.orientation];
  }

  /** Nothing has been placed on the current page yet (or the next thing starts a page anyway). */
  get fresh(): boolean {
    return this.pending || this.pages.length === 0 || this.page.items.length === 0;
  }

  /** Index of the current page. */
  get index(): number {
    return this.pages.length - 1;
  }

  /** Starts a page in orientation `o`; an empty current page is replaced rather than left blank. */
  start(o: Orientation): void {
    if (!this.pending && this.pages.length > 0 && this.page.items.length === 0) this.pages.pop();
    this.pages.push({ orientation: o, items: [] });
    this.y = FRAMES[o].top;
    this.pending = false;
  }

  /** Makes sure there is a page in orientation `o` to place on. */
  open(o: Orientation): void {
    if (this.pending || this.pages.length === 0 || this.page.orientation !== o) this.start(o);
  }

  /** Goes on to a new page when `h` more points do not fit on this one and it holds something. */
  fit(h: number): void {
    if (this.y + h > this.frame.bottom + EPS && this.page.items.length > 0) this.start(this.page.orientation);
  }

  room(): number {
    return this.frame.bottom - this.y;
  }

  mark(): Mark {
    const page = this.pages.length > 0 ? this.page : undefined;
    return { pages: this.pages.length, page, items: page?.items.length ?? 0, y: this.y, pending: this.pending };
  }

  restore(m: Mark): void {
    this.pages.length = Math.max(0, m.pages - 1);
    if (m.page) {
      m.page.items.length = m.items;
      this.pages.push(m.page);
    }
    this.y = m.y;
    this.pending = m.pending;
  }

  push(item: Item): void {
    this.page.items.push(item);
  }

  /**
   * Places broken lines from the cursor down, `dx` from the text area's left edge, going on to a
   * new page where a line does not fit. Returns where the first line went (page index, its top).
   */
  lines(lines: readonly Line[], style: TextStyle, lineHeight: number, dx: number): { page: number; top: number } {
    const h = lineBox(this.kit.measure, style, lineHeight);
    const base = baselineOffset(this.kit.measure, style, lineHeight);
    let first: { page: number; top: number } | undefined;
    for (const line of lines) {
      this.fit(h);
      first ??= { page: this.index, top: this.y };
      const x0 = this.frame.left + dx;
      for (const run of line.runs) {
        if (run.text === '') continue;
        const item: Item =
          run.spacing !== 0
            ? { kind: 'text', x: x0 + run.x, y: this.y + base, text: run.text, style, spacing: run.spacing }
            : { kind: 'text', x: x0 + run.x, y: this.y + base, text: run.text, style };
        this.push(item);
      }
      this.y += h;
    }
    return first ?? { page: this.index, top: this.y };
  }
}

interface HeaderLine {
  readonly left: string;
  readonly right: string;
}

/** Lays the body (everything after the 目录) out. */
class Body {
  readonly pager: Pager;
  /** Two lines of body text: what must follow a heading on its page (definition.ts TWO_LINES). */
  private readonly twoLines: number;

  constructor(
    private readonly kit: TextKit,
    private readonly layoutTable: LayoutTable,
    private readonly roles: Roles,
  ) {
    this.pager = new Pager(kit);
    this.twoLines = 2 * lineBox(kit.measure, { face: 'body', size: SIZE.body }, 1.5);
  }

  run(nodes: readonly Node[]): void {
    const p = this.pager;
    for (let i = 0; i < nodes.length; ) {
      const n = nodes[i];
      if (n.kind === 'break') {
        p.pending = true;
        i++;
        continue;
      }
      if (n.kind !== 'heading') {
        this.node(n);
        i++;
        continue;
      }
      let j = i;
      while (j < nodes.length && nodes[j].kind === 'heading') j++;
      const run = nodes.slice(i, j) as HeadingNode[];
      const next = j < nodes.length ? (nodes[j] as Exclude<Node, HeadingNode>) : undefined;
      if (next?.kind === 'table' && next.alone) {
        // Headings that introduce a table of its own go to the table's page (definition.ts headingRun).
        p.pending = true;
        this.aloneTable(next, run);
        i = j + 1;
        continue;
      }
      const mark = p.mark();
      // at the top of a page already (or about to start one): moving would gain nothing
      const atTop = p.fresh || p.page.orientation !== 'portrait';
      const head = this.headings(run, 'portrait');
      if (next === undefined || next.kind === 'break') {
        i = j;
        continue;
      }
      const startY = p.y;
      const first = this.node(next);
      const kept = first === head && (p.index === head || p.frame.bottom - startY >= this.twoLines - EPS);
      if (!kept && !atTop) {
        // Never a heading at the foot of a page: the headings go to the next page with what follows.
        p.restore(mark);
        p.pending = true;
        this.headings(run, 'portrait');
        this.node(next);
      }
      i = j + 1;
    }
  }

  /** Places a paragraph or a table (not a heading, not a break); returns the page its first item went on. */
  private node(n: TextNode | TableNode): number {
    if (n.kind === 'text') return this.paragraph(n);
    return n.alone ? this.aloneTable(n, []) : this.inTextTable(n);
  }

  private paragraph(n: TextNode): number {
    const p = this.pager;
    p.open('portrait');
    const lines = this.kit.breakText(n.text, n.style, { width: p.frame.width, align: n.align, indent: n.indent });
    const at = p.lines(lines, n.style, 1.5, 0);
    p.y += 2;
    return at.page;
  }

  /** Places a run of headings in orientation `o`; returns the page the first one's first line went on. */
  private headings(run: readonly HeadingNode[], o: Orientation): number {
    const p = this.pager;
    p.open(o);
    let first: number | undefined;
    for (const { h, dest } of run) {
      const size = h.level === 1 ? SIZE.heading1 : h.level === 2 ? SIZE.heading2 : SIZE.heading3;
      // 公文: the part titles in the title face (小标宋), the parts' sections in the subheading face (楷体)
      const face: FaceRole = h.level === 1 ? this.roles.title : h.level === 3 ? this.roles.subheading : 'heading';
      const style = { face, size };
      const [above, below] = h.level === 1 ? [12, 14] : h.level === 2 ? [10, 10] : [6, 4];
      const lines = this.kit.breakText(h.text, style, {
        width: p.frame.width,
        align: h.level === 3 ? 'left' : 'center',
        indent: h.level === 3 ? 2 * size : 0,
      });
      p.y += above;
      const at = p.lines(lines, style, 1.3, 0);
      if (dest !== undefined) p.pages[at.page].items.push({ kind: 'dest', id: dest, x: p.frame.left, y: at.top });
      first ??= at.page;
      p.y += below;
    }
    return first ?? p.index;
  }

  /** One text on its own line(s) across the text area (captions, titles, notes). */
  private text(text: string, style: TextStyle, align: Align, lineHeight: number): { page: number; top: number } {
    const p = this.pager;
    return p.lines(this.kit.breakText(text, style, { width: p.frame.width, align }), style, lineHeight, 0);
  }

  /**
   * The line under a table's title: the left text left-aligned (wrapping in what the right one
   * leaves), the right one (the unit) on one line, right-aligned, on the first line's baseline.
   */
  private headerLine(hl: HeaderLine, lineHeight: number, gap: number): void {
    const p = this.pager;
    const m = this.kit.measure;
    const style: TextStyle = { face: 'body', size: SIZE.headerLine };
    const rightWidth = m.width(hl.right, style);
    const left = this.kit.breakText(hl.left, style, { width: Math.max(1, p.frame.width - rightWidth - gap), align: 'left' });
    p.fit(Math.max(1, left.length) * lineBox(m, style, lineHeight));
    const top = p.y;
    const at = p.lines(left, style, lineHeight, 0);
    if (hl.right !== '')
      p.pages[at.page].items.push({ kind: 'text', x: p.frame.left + p.frame.width - rightWidth, y: at.top + baselineOffset(m, style, lineHeight), text: hl.right, style });
    if (left.length === 0) p.y = top + lineBox(m, style, lineHeight);
    p.y += 4;
  }

  /** The notes under a table and their height (the table's tail). */
  private notes(t: Table, width: number): { lines: readonly (readonly Line[])[]; height: number } {
    const style = this.noteStyle;
    const h = lineBox(this.kit.measure, style, 1.3);
    const lines = t.notes.map((n) => this.kit.breakText(n, style, { width, align: 'left' }));
    const height = lines.reduce((s, l, i) => s + (i === 0 ? 6 : 1) + l.length * h, 0);
    return { lines, height };
  }

  private readonly noteStyle: TextStyle = { face: 'body', size: SIZE.note };

  private placeNotes(notes: readonly (readonly Line[])[]): void {
    const p = this.pager;
    notes.forEach((lines, i) => {
      p.y += i === 0 ? 6 : 1;
      p.lines(lines, this.noteStyle, 1.3, 0);
    });
  }

  /**
   * Places a table's grid from the cursor, slice by slice, each continuation at the top of a new
   * page of the same orientation. False (nothing placed) when the first slice does not fit and
   * `pageTop` is not set.
   */
  private grid(layout: ReturnType<LayoutTable>, pageTop: boolean): boolean {
    const p = this.pager;
    let from: TableCursor | undefined;
    let top = pageTop;
    for (;;) {
      const slice = layout.slice(from, p.room(), top);
      // (contract: a first slice that cannot start here is empty; one at a page's top always places
      // something; a table of no height, keepTop 0, is done in an empty slice)
      if (!top && slice.height === 0 && slice.items.length === 0 && layout.keepTop > 0) return false;
      if (top && from !== undefined && slice.rest === from) throw new Error('layout: a table slice at the top of a page placed nothing');
      const x = p.frame.left;
      const y = p.y;
      for (const item of slice.items) p.push(shifted(item, x, y));
      p.y += slice.height;
      if (slice.rest === undefined) return true;
      from = slice.rest;
      p.start(p.page.orientation);
      top = true;
    }
  }

  /** A table of its own: a new page in its orientation (with the headings that introduce it), caption, title, header line, grid, notes. */
  private aloneTable(n: TableNode, run: readonly HeadingNode[]): number {
    const p = this.pager;
    const t = n.t;
    p.pending = true;
    p.open(t.orientation);
    const first = p.index;
    if (run.length > 0) this.headings(run, t.orientation);
    if (t.caption !== '') {
      this.text(t.caption, { face: 'heading', size: SIZE.caption }, 'left', 1.5);
      p.y += 2;
    }
    p.y += 2;
    const title = this.text(t.title, { face: this.roles.title, size: SIZE.tableTitle }, 'center', 1.5);
    if (n.dest !== undefined) p.pages[title.page].items.push({ kind: 'dest', id: n.dest, x: p.frame.left, y: title.top });
    p.y += 8;
    if (t.headerLine) this.headerLine(t.headerLine, 1.2, 12);
    const notes = this.notes(t, p.frame.width);
    const layout = this.layoutTable(t, this.kit, { width: p.frame.width, tail: notes.height }, false);
    if (!this.grid(layout, false)) {
      // Not even the header and a first row fit under the title: the grid starts the next page.
      p.start(t.orientation);
      this.grid(layout, true);
    }
    this.placeNotes(notes.lines);
    return first;
  }

  /**
   * A table inside the text (portrait, no page of its own): title, header line, grid, notes, 4
   * above and 8 below; moved whole to the next page when less than its first rows need is left
   * (pdfmake's pageBreakBefore moved only the grid, leaving its title and header line behind).
   */
  private inTextTable(n: TableNode): number {
    const p = this.pager;
    const t = n.t;
    p.open('portrait');
    const width = p.frame.width;
    const notes = this.notes(t, width);
    // A table with neither caption nor header line is part of the text: its rows may break (table.ts).
    const layout = this.layoutTable({ ...t, orientation: 'portrait' }, this.kit, { width, tail: notes.height }, t.headerLine === undefined);
    const mark = p.mark();
    const place = (pageTop: boolean): number | undefined => {
      p.y += 4;
      let first: number | undefined;
      if (t.title !== '') {
        p.y += 6;
        const title = this.text(t.title, { face: 'heading', size: SIZE.headerLine + 1 }, 'center', 1.5);
        if (n.dest !== undefined) p.pages[title.page].items.push({ kind: 'dest', id: n.dest, x: p.frame.left, y: title.top });
        first = title.page;
        p.y += 4;
      }
      if (t.headerLine) this.headerLine(t.headerLine, 1.5, 0);
      if (!pageTop && p.room() < layout.keepTop - EPS) return undefined;
      const gridPage = p.index;
      if (!this.grid(layout, pageTop)) return undefined;
      return first ?? gridPage;
    };
    let first = place(p.fresh);
    if (first === undefined) {
      p.restore(mark);
      p.start('portrait');
      first = place(true)!;
    }
    this.placeNotes(notes.lines);
    p.y += 8;
    return first;
  }
}

// ── Cover, 目录, footers ───────────────────────────────────────────────────────────────────

/**
 * The cover title's size: on one line when it fits at a size no smaller than 二号 (22 pt),
 * shrinking from SIZE.coverTitle as needed; a longer title wraps at 二号 (definition.ts coverTitleSize).
 */
function coverTitleSize(title: string, face: FaceRole, kit: TextKit): number {
  const ems = kit.measure.width(title, { face, size: 1 });
  const fit = Math.floor(((FRAMES.portrait.width * 0.96) / Math.max(1, ems)) * 2) / 2;
  return fit >= 22 ? Math.min(SIZE.coverTitle, fit) : 22;
}

function coverPage(doc: Document, kit: TextKit, roles: Roles): PageDraft {
  const pager = new Pager(kit);
  pager.open('portrait');
  const f = pager.frame;
  pager.y += 190;
  const titleStyle: TextStyle = { face: roles.title, size: coverTitleSize(doc.cover.title, roles.title, kit) };
  pager.lines(kit.breakText(doc.cover.title, titleStyle, { width: f.width, align: 'center' }), titleStyle, 1.4, 0);
  pager.y += 120;
  const lineStyle: TextStyle = { face: 'body', size: SIZE.coverLine };
  for (const l of doc.cover.lines) {
    pager.lines(kit.breakText(l, lineStyle, { width: f.width, align: 'center' }), lineStyle, 1.5, 0);
    pager.y += 10;
  }
  // one page whatever the cover holds
  return { orientation: 'portrait', items: pager.pages.flatMap((pg) => pg.items) };
}

/** The 目录's leader: dots (body face) with this much extra space after each. */
const DOT_SPACING = 1.6;
/** Padding between the 目录's columns (text | dots | number), as definition.ts's TOC_LAYOUT. */
const TOC_PAD = 3;
/** The fewest dots a leader is drawn with: one or two alone between an entry and its number read as a stray full stop. */
const MIN_DOTS = 3;

interface TocLayout {
  readonly pages: PageDraft[];
  /** Where each entry's page number goes: right-aligned at the text area's right edge, on this baseline. */
  readonly numbers: readonly { readonly page: number; readonly y: number; readonly style: TextStyle; readonly id: string; readonly dotsLeft: number }[];
}

/**
 * The 目录 without its page numbers: title, then per entry its text (a link to the entry's
 * destination), leader dots up to the number's column. Every entry's height is its text's lines:
 * the number column is as wide as two digits whatever the number (a longer number grows to the
 * left, into the room the dots leave, as in definition.ts), so the 目录's length does not depend
 * on the numbers.
 */
function tocPages(title: string, entries: readonly TocEntry[], kit: TextKit, roles: Roles): TocLayout {
  const m = kit.measure;
  const pager = new Pager(kit);
  pager.open('portrait');
  const f = pager.frame;
  const titleStyle: TextStyle = { face: roles.title, size: SIZE.tocTitle };
  // letter-spaced by a full em, centred on its ink (no spacing after the last character); a title
  // the profile spaced itself ("目 录") is set as written: spaced again, its gap came out 49 pt
  const spacing = /\s/.test(title) ? 0 : SIZE.tocTitle;
  const chars = [...title].length;
  const titleWidth = m.width(title, titleStyle) + Math.max(0, chars - 1) * spacing;
  const titleBox = lineBox(m, titleStyle, 1.5);
  if (title !== '') {
    const at = { x: f.left + (f.width - titleWidth) / 2, y: pager.y + baselineOffset(m, titleStyle, 1.5) };
    pager.push(spacing ? { kind: 'text', ...at, text: title, style: titleStyle, spacing } : { kind: 'text', ...at, text: title, style: titleStyle });
  }
  pager.y += titleBox + 18;

  const size = SIZE.tocEntry;
  const numberWidth = Math.ceil(m.width('00', { face: 'heading', size }));
  const numbers: { page: number; y: number; style: TextStyle; id: string; dotsLeft: number }[] = [];
  for (const e of entries) {
    const style: TextStyle = { face: e.level === 1 ? 'heading' : 'body', size };
    const indent = (e.level - 1) * 2 * size;
    const textWidth = f.width - indent - numberWidth - 4 * TOC_PAD;
    const lines = kit.breakText(e.text, style, { width: Math.max(size, textWidth), align: 'left' });
    const h = lineBox(m, style, 1.25);
    // unbreakable: an entry that does not fit goes to the next page whole
    pager.fit(h * lines.length);
    const base = baselineOffset(m, style, 1.25);
    const left = f.left + indent;
    for (const line of lines) {
      for (const run of line.runs)
        if (run.text !== '')
          pager.push(
            run.spacing !== 0
              ? { kind: 'text', x: left + run.x, y: pager.y + base, text: run.text, style, spacing: run.spacing }
              : { kind: 'text', x: left + run.x, y: pager.y + base, text: run.text, style },
          );
      const x0 = line.runs.length > 0 ? left + line.runs[0].x : left;
      pager.push({ kind: 'link', x: x0, y: pager.y, w: Math.max(0, left + line.right - x0), h, dest: e.id });
      pager.y += h;
    }
    const baseline = pager.y - h + base;
    const last = lines[lines.length - 1];
    const dotsLeft = left + (last?.right ?? 0) + 2 * TOC_PAD;
    // the dots are set with the number, once it is known: they run up to it, whatever its width
    numbers.push({ page: pager.index, y: baseline, style, id: e.id, dotsLeft });
    pager.y += 10;
  }
  return { pages: pager.pages, numbers };
}

function footer(page: number, o: Orientation, kit: TextKit): Item {
  const f = FRAMES[o];
  const style: TextStyle = { face: 'body', size: SIZE.footer };
  const text = `- ${page} -`;
  const top = f.pageHeight - MARGINS[3] + 22;
  return { kind: 'text', x: f.left + (f.width - kit.measure.width(text, style)) / 2, y: top + baselineOffset(kit.measure, style, 1.5), text, style };
}

/**
 * The document laid out: the cover (page 1, no footer), the 目录, the sections; page footers
 * `- n -` on every page but the cover; named destinations at the headings and tables listed in
 * the 目录, and the outline over them. `faces` says which of the 公文 faces the font set has (a
 * missing one is set in the heading face). Throws an internal error when an anchor id is used twice.
 */
export function layoutDocument(doc: Document, kit: TextKit, layoutTable: LayoutTable, faces: Faces): PagePlan {
  const roles: Roles = faces;
  const w = walk(doc);
  const body = new Body(kit, layoutTable, roles);
  body.run(w.nodes);
  const toc = tocPages(doc.tocTitle, w.toc, kit, roles);
  const offset = 1 + toc.pages.length;
  const bodyPages = body.pager.pages;

  const destPage = new Map<string, number>();
  bodyPages.forEach((pg, i) => {
    for (const item of pg.items) if (item.kind === 'dest') destPage.set(item.id, offset + i);
  });
  const pageOf = (id: string): number => {
    const at = destPage.get(id);
    if (at === undefined) throw new Error(`layout: the destination "${id}" was not placed`);
    return at;
  };
  for (const n of toc.numbers) {
    const text = String(pageOf(n.id) + 1);
    const right = FRAMES.portrait.left + FRAMES.portrait.width;
    const w = kit.measure.width(text, n.style);
    const items = toc.pages[n.page].items as Item[];
    items.push({ kind: 'text', x: right - w, y: n.y, text, style: n.style });
    // leader dots from after the entry's text up to the number, on its baseline
    const dotStyle: TextStyle = { face: 'body', size: SIZE.tocEntry };
    const dotAdvance = kit.measure.width('.', dotStyle) + DOT_SPACING;
    const dotsRight = right - w - TOC_PAD;
    const dots = Math.max(0, Math.floor((dotsRight - n.dotsLeft) / dotAdvance));
    if (dots >= MIN_DOTS) items.push({ kind: 'text', x: dotsRight - dots * dotAdvance, y: n.y, text: '.'.repeat(dots), style: dotStyle, spacing: DOT_SPACING });
    // the number goes to the entry's page too, as the entry's text does
    const h = lineBox(kit.measure, n.style, 1.25);
    items.push({ kind: 'link', x: right - w, y: n.y - baselineOffset(kit.measure, n.style, 1.25), w, h, dest: n.id });
  }

  const pages = [coverPage(doc, kit, roles), ...toc.pages, ...bodyPages];
  for (let i = 1; i < pages.length; i++) pages[i].items.push(footer(i + 1, pages[i].orientation, kit));
  const outline: OutlineEntry[] = w.outline.map((o) => {
    const entry = { title: o.title, dest: o.dest, page: pageOf(o.dest), expanded: o.expanded };
    return o.parent !== undefined ? { ...entry, parent: o.parent } : entry;
  });
  return { pages, outline };
}
