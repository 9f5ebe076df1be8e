/**
 * `Document` → pdfmake document definition: a pure function with one clause per block kind (after
 * pandoc's writers). Knows pages, fonts and tables; knows nothing of budgets.
 */
import type { Block, Document, Heading, Table } from '../../document/model.js';
import { standsAlone } from '../../document/model.js';
import { estimateLines, textEms } from './measure.js';
import { tableGrid } from './table.js';
import { A4, DEFAULT_FACES, DEFAULT_METRICS, FONT_BODY, FONT_HEADING, GEOMETRY, MARGINS, SIZE, type Faces, type Metrics } from './style.js';

type Orientation = 'portrait' | 'landscape';
type Node = Record<string, unknown>;

interface TocEntry {
  readonly id: string;
  readonly text: string;
  readonly level: number;
}

/** What the content walk needs to remember between blocks. */
class Flow {
  readonly content: Node[] = [];
  readonly toc: TocEntry[] = [];
  /** The next block starts a new page (document start, a section with newPage, a PageBreak). */
  pendingBreak = true;
  orientation: Orientation = 'portrait';
  /** Headings emitted since the last other block: a table that follows takes them to its page. */
  headingRun: Node[] = [];
  /** Outline parents: the latest heading listed in the outline at each level. */
  parents: (string | undefined)[] = [undefined, undefined, undefined, undefined];
  readonly ids = new Set<string>();

  constructor(
    readonly metrics: Metrics,
    readonly faces: Faces,
  ) {}

  useId(id: string): string {
    if (this.ids.has(id)) throw new Error(`document: the anchor id "${id}" is used twice`);
    this.ids.add(id);
    return id;
  }

  /** Emits a block's node, starting a new page (in `want` orientation) when the flow calls for one. */
  emit(node: Node, want: Orientation, startsPage: boolean, isHeading: boolean): void {
    if (startsPage && !this.pendingBreak && this.headingRun.length > 0) {
      // Keep "二、表格部分" on the page of the table it introduces rather than alone on its own.
      const first = this.headingRun[0];
      first.pageBreak = 'before';
      first.pageOrientation = want;
      this.orientation = want;
    } else if (this.pendingBreak || startsPage || want !== this.orientation) {
      node.pageBreak = 'before';
      node.pageOrientation = want;
      this.orientation = want;
    }
    this.pendingBreak = false;
    this.content.push(node);
    this.headingRun = isHeading ? [...this.headingRun, node] : [];
  }
}

function heading(h: Heading, flow: Flow): Node {
  const size = h.level === 1 ? SIZE.heading1 : h.level === 2 ? SIZE.heading2 : SIZE.heading3;
  const node: Node = {
    text: h.text,
    // 公文: the part titles in the title face (小标宋), the parts' sections in the subheading face (楷体)
    font: h.level === 1 ? flow.faces.title : h.level === 3 ? flow.faces.subheading : FONT_HEADING,
    fontSize: size,
    lineHeight: 1.3,
    alignment: h.level === 3 ? 'left' : 'center',
    margin: h.level === 3 ? [0, 6, 0, 4] : [0, h.level === 1 ? 12 : 10, 0, h.level === 1 ? 14 : 10],
    headlineLevel: h.level,
  };
  if (h.level === 3) node.leadingIndent = 2 * size;
  if (h.toc) {
    node.id = flow.useId(h.id);
    node.outline = true;
    node.outlineText = h.tocText ?? h.text;
    node.outlineExpanded = h.level === 1;
    const parent = flow.parents.slice(1, h.level).reverse().find((p) => p !== undefined);
    if (parent !== undefined) node.outlineParentId = parent;
    flow.parents[h.level] = h.id;
    for (let l = h.level + 1; l <= 3; l++) flow.parents[l] = undefined;
    flow.toc.push({ id: h.id, text: h.tocText ?? h.text, level: h.level });
  }
  return node;
}

function paragraph(text: string, indent: boolean, align: string, bold: boolean): Node {
  const node: Node = { text, alignment: align, margin: [0, 0, 0, 2] };
  if (indent) node.leadingIndent = 2 * SIZE.body;
  if (bold) node.bold = true;
  return node;
}

/** Estimated height of a text block: its lines at `size` × `lineHeight` in the face's line height. */
function textHeight(text: string, width: number, size: number, lineHeight: number, em: number): number {
  return estimateLines(text, width, size) * size * lineHeight * em;
}

/** A table with a caption: its own page, caption, centred title, header line, grid, notes.
 * `above`: the height of headings that share its first page. */
function fullTable(t: Table, flow: Flow, above: number): Node {
  const width = t.orientation === 'landscape' ? GEOMETRY.landscapeTextWidth : GEOMETRY.portraitTextWidth;
  const m = flow.metrics;
  const top =
    above +
    (t.caption ? textHeight(t.caption, width, SIZE.caption, 1.5, m.heading) + 2 : 0) +
    textHeight(t.title, width, SIZE.tableTitle, 1.5, m.heading) + 10 +
    (t.headerLine ? textHeight(t.headerLine.left + t.headerLine.right, width, SIZE.headerLine, 1.2, m.body) + 4 : 0);
  const tail = t.notes.reduce((h, n, i) => h + textHeight(n, width, SIZE.note, 1.3, m.body) + (i === 0 ? 6 : 1), 0);
  const title: Node = {
    text: t.title,
    font: flow.faces.title,
    fontSize: SIZE.tableTitle,
    alignment: 'center',
    margin: [0, 2, 0, 8],
  };
  if (t.toc) {
    title.id = flow.useId(t.id);
    title.outline = true;
    title.outlineText = t.shortName;
    // A table hangs under the part it is in ("二、表格部分"), never under a numbered sub-heading.
    const parent = flow.parents[2] ?? flow.parents[1];
    if (parent !== undefined) title.outlineParentId = parent;
    const parentLevel = flow.parents[2] !== undefined ? 2 : flow.parents[1] !== undefined ? 1 : 0;
    flow.toc.push({ id: t.id, text: t.shortName, level: Math.min(3, parentLevel + 1) });
  }
  const stack: Node[] = [
    ...(t.caption ? [{ text: t.caption, font: FONT_HEADING, fontSize: SIZE.caption, alignment: 'left', margin: [0, 0, 0, 2] } as Node] : []),
    title,
  ];
  if (t.headerLine) {
    stack.push({
      columns: [
        { text: t.headerLine.left, width: '*', alignment: 'left' },
        { text: t.headerLine.right, width: 'auto', alignment: 'right' },
      ],
      columnGap: 12,
      fontSize: SIZE.headerLine,
      lineHeight: 1.2,
      margin: [0, 0, 0, 4],
    });
  }
  stack.push(tableGrid(t, GEOMETRY, flow.metrics, true, false, { top, tail }));
  stack.push(...notes(t));
  return { stack };
}

/** A table inside the narrative: no caption, no page of its own. */
function inlineTable(t: Table, flow: Flow): Node {
  const stack: Node[] = [];
  if (t.title !== '') {
    const title: Node = {
      text: t.title,
      font: FONT_HEADING,
      fontSize: SIZE.headerLine + 1,
      alignment: 'center',
      margin: [0, 6, 0, 4],
    };
    if (t.toc) {
      title.id = flow.useId(t.id);
      title.outline = true;
      title.outlineText = t.shortName;
      const parent = flow.parents[3] ?? flow.parents[2] ?? flow.parents[1];
      if (parent !== undefined) title.outlineParentId = parent;
      flow.toc.push({ id: t.id, text: t.shortName, level: 3 });
    }
    stack.push(title);
  }
  if (t.headerLine) {
    stack.push({
      columns: [
        { text: t.headerLine.left, width: '*' },
        { text: t.headerLine.right, width: 'auto', alignment: 'right' },
      ],
      fontSize: SIZE.headerLine,
      margin: [0, 0, 0, 4],
    });
  }
  // A table with neither caption nor header line is part of the text: its rows may break (table.ts).
  stack.push(tableGrid({ ...t, orientation: 'portrait' }, GEOMETRY, flow.metrics, false, t.headerLine === undefined));
  stack.push(...notes(t));
  return { stack, margin: [0, 4, 0, 8] };
}

/** Estimated height of the headings that go to a table's page with it (Flow.emit). */
function headingsHeight(flow: Flow): number {
  return flow.headingRun.reduce((h, node) => {
    const size = node.fontSize as number;
    const margin = node.margin as number[];
    return h + textHeight(String(node.text), GEOMETRY.portraitTextWidth, size, 1.3, flow.metrics.heading) + margin[1] + margin[3];
  }, 0);
}

function notes(t: Table): Node[] {
  return t.notes.map((n, i) => ({
    text: n,
    fontSize: SIZE.note,
    lineHeight: 1.3,
    alignment: 'left',
    margin: [0, i === 0 ? 6 : 1, 0, 0],
  }));
}

function block(b: Block, flow: Flow): void {
  switch (b.kind) {
    case 'heading':
      flow.emit(heading(b, flow), 'portrait', false, true);
      return;
    case 'paragraph':
      flow.emit(paragraph(b.text, b.indent, b.align ?? 'justify', b.bold ?? false), 'portrait', false, false);
      return;
    case 'list':
      for (const item of b.items) flow.emit(paragraph(item, true, 'justify', false), 'portrait', false, false);
      return;
    case 'pagebreak':
      flow.pendingBreak = true;
      return;
    case 'table':
      if (standsAlone(b)) flow.emit(fullTable(b, flow, flow.pendingBreak ? 0 : headingsHeight(flow)), b.orientation, true, false);
      else flow.emit(inlineTable(b, flow), 'portrait', false, false);
      return;
  }
}

/**
 * The cover title on one line when it fits at a size no smaller than 二号 (22 pt), shrinking from
 * SIZE.coverTitle as needed; a longer title wraps at 二号.
 */
function coverTitleSize(title: string): number {
  const fit = Math.floor(((GEOMETRY.portraitTextWidth * 0.96) / Math.max(1, textEms(title))) * 2) / 2;
  return fit >= 22 ? Math.min(SIZE.coverTitle, fit) : 22;
}

function cover(doc: Document, faces: Faces): Node {
  return {
    stack: [
      {
        text: doc.cover.title,
        font: faces.title,
        fontSize: coverTitleSize(doc.cover.title),
        alignment: 'center',
        lineHeight: 1.4,
        margin: [0, 190, 0, 120],
      },
      ...doc.cover.lines.map((l) => ({
        text: l,
        fontSize: SIZE.coverLine,
        alignment: 'center',
        margin: [0, 0, 0, 10],
      })),
    ],
  };
}

/**
 * The 目录 page. pdfmake's own `toc` prints each entry with the text of the node it points at; a
 * table's node is its title ("收支总表") while the contents should read "表1 收支总表", so the list is
 * built here with `pageReference` (the page number pdfmake fills in after layout) instead.
 *
 * Each entry is a one-row table: its text, a run of leader dots, its page number. The dots are
 * text, so they sit on the baseline; they are right-aligned against the number and their count is
 * what the room left by the text holds (noWrap: an estimate a little long runs left, never onto a new line).
 */
const TOC_LAYOUT = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: (i: number) => (i === 0 ? 0 : 3),
  paddingRight: (i: number, node: { table: { widths: unknown[] } }) => (i === node.table.widths.length - 1 ? 0 : 3),
  paddingTop: () => 0,
  paddingBottom: () => 0,
};
/** Advance widths in ems of the body face (Noto Serif SC) that the leader estimate needs. */
const DOT_EM = 0.327;
const DIGIT_EM = 0.56;
const DOT_SPACING = 1.6;

/** Width of an entry's text in points: CJK full width; digits, spaces and Latin narrower. */
function entryWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += ch === ' ' ? 0.26 : /[0-9]/.test(ch) ? DIGIT_EM : textEms(ch) < 1 ? 0.62 : 1;
  return w * size;
}

function tocPage(title: string, entries: readonly TocEntry[], faces: Faces): Node {
  const size = SIZE.tocEntry;
  // two digits of page number: no document of these runs to a hundred pages (a longer number
  // grows to the left, into the room the dots leave)
  const numberWidth = Math.ceil(2 * DIGIT_EM * size);
  const pad = 3 * 4;
  const rows = entries.map((e) => {
    const style =
      e.level === 1
        ? { font: FONT_HEADING, fontSize: size, lineHeight: 1.25 }
        : { font: FONT_BODY, fontSize: size, lineHeight: 1.25 };
    const indent = (e.level - 1) * 2 * size;
    const room = GEOMETRY.portraitTextWidth - indent - entryWidth(e.text, size) - numberWidth - pad;
    const dots = Math.max(0, Math.floor(room / (DOT_EM * size + DOT_SPACING)));
    return {
      table: {
        widths: ['auto', '*', numberWidth],
        body: [
          [
            // One inline when the entry surely fits on its line (an em to spare on the estimate):
            // pdfmake then draws it as one text with one link, not one of each per character.
            { text: e.text, linkToDestination: e.id, ...style, ...(room >= size ? { noWrap: true } : {}) },
            { text: '.'.repeat(dots), font: FONT_BODY, fontSize: size, lineHeight: 1.25, characterSpacing: DOT_SPACING, alignment: 'right', noWrap: true },
            { pageReference: e.id, alignment: 'right', noWrap: true, ...style },
          ],
        ],
      },
      layout: TOC_LAYOUT,
      margin: [indent, 0, 0, 10],
      unbreakable: true,
    };
  });
  const stack: Node[] = [
    {
      text: title,
      font: faces.title,
      fontSize: SIZE.tocTitle,
      alignment: 'center',
      characterSpacing: SIZE.tocTitle,
      margin: [0, 0, 0, 18],
    },
    ...rows,
  ];
  return { stack, pageBreak: 'before', pageOrientation: 'portrait' };
}

/** The instant the document was made, from the model (never the clock). */
function createdDate(meta: Document['meta']): Date {
  const d = new Date(meta.created);
  if (Number.isNaN(d.getTime())) throw new Error(`document: meta.created is not an ISO date: "${meta.created}"`);
  return d;
}

export const CREATOR = 'budget';
export const PRODUCER = 'budget (pdfmake, PDFKit)';

interface Position {
  readonly pageInnerHeight: number;
  readonly verticalRatio: number;
  readonly top: number;
}

interface NodeInfo {
  readonly headlineLevel?: number;
  readonly style?: unknown;
  readonly table?: { readonly keepTop?: number };
  readonly startPosition?: Position;
  readonly pageNumbers?: readonly number[];
}

/** Room left on the page below a position. */
const roomBelow = (at: Position): number => at.pageInnerHeight * (1 - at.verticalRatio);

/** The page footer's style name: the footer is laid out after the content (and pdfmake lists it
 * among the nodes that follow on the page), but it is not what follows a heading. */
const FOOTER_STYLE = 'pageFooter';
const inBody = (n: NodeInfo): boolean => n.style !== FOOTER_STYLE;

/** Two lines of body text. */
const TWO_LINES = 2 * SIZE.body * 1.5 * DEFAULT_METRICS.body;

/**
 * Never leave a heading at the foot of a page: it moves to the next page unless what follows it
 * starts on its page and either ends there or has two lines there. Nor a table whose rows may
 * break (table.ts `keepTop`) with less room left than its header and the first lines of its first
 * row need: the header would end the page alone.
 */
function pageBreakBefore(node: NodeInfo, nodes: { getFollowingNodesOnPage(): NodeInfo[] }): boolean {
  if (node.headlineLevel !== undefined) {
    const next = nodes.getFollowingNodesOnPage().find((n) => inBody(n) && n.headlineLevel === undefined);
    if (next === undefined || next.startPosition === undefined) return true;
    return (next.pageNumbers ?? []).length > 1 && roomBelow(next.startPosition) < TWO_LINES;
  }
  const keepTop = node.table?.keepTop;
  const at = node.startPosition;
  if (keepTop === undefined || at === undefined || at.verticalRatio <= 0) return false;
  return roomBelow(at) < keepTop;
}

/** The whole pdfmake document definition. */
export function toDefinition(doc: Document, metrics: Metrics = DEFAULT_METRICS, faces: Faces = DEFAULT_FACES): Node {
  const flow = new Flow(metrics, faces);
  for (const section of doc.sections) {
    if (section.newPage) flow.pendingBreak = true;
    for (const b of section.blocks) block(b, flow);
  }
  const created = createdDate(doc.meta);
  return {
    pageSize: { width: A4.width, height: A4.height },
    pageOrientation: 'portrait',
    pageMargins: [...MARGINS],
    // pdfmake's default is PDF 1.3; 1.5 is what every reader handles and allows compressed streams.
    version: '1.5',
    compress: true,
    language: doc.meta.lang,
    info: {
      title: doc.meta.title,
      author: doc.meta.author,
      subject: doc.meta.subject,
      keywords: doc.meta.keywords.join(', '),
      creator: CREATOR,
      producer: PRODUCER,
      creationDate: created,
      modDate: created,
      ...(doc.meta.build ? { BudgetBuild: doc.meta.build } : {}),
    },
    defaultStyle: { font: FONT_BODY, fontSize: SIZE.body, lineHeight: 1.5 },
    // Page numbers in the footer, on every page but the cover; the 目录 uses the same numbers.
    footer: (currentPage: number) =>
      currentPage === 1
        ? null
        : { text: `- ${currentPage} -`, style: FOOTER_STYLE, alignment: 'center', fontSize: SIZE.footer, margin: [0, 22, 0, 0], noWrap: true },
    pageBreakBefore,
    content: [cover(doc, faces), tocPage(doc.tocTitle, flow.toc, faces), ...flow.content],
  };
}
