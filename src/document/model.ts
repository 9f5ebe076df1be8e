/**
 * The renderer-neutral document (after pandoc's AST): what the PDF and the XLSX writers consume.
 * Nothing here knows what a budget is: it is a titled document of sections, paragraphs and tables
 * whose number cells carry exact decimal text and, where a cell is a total, what it totals.
 */

export interface DocMeta {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  /** Creation date as an ISO string; from SOURCE_DATE_EPOCH or the data, never the clock. */
  readonly created: string;
  readonly lang: string; // "zh-CN"
  /**
   * The build identity: a hash of everything the files are made from (sources, templates, fonts,
   * tool version, SOURCE_DATE_EPOCH). The PDF and the XLSX of one build carry the same one, so a
   * mixed pair can be told (PDF info /BudgetBuild; XLSX docProps/custom.xml BudgetBuild).
   */
  readonly build?: string;
}

export interface Cover {
  readonly title: string; // e.g. 2031年某某区示例局部门预算
  readonly lines: readonly string[]; // e.g. the department, the date line
}

export type Block = Heading | Paragraph | ItemList | Table | PageBreak;

export interface Heading {
  readonly kind: 'heading';
  /** 1: 一、文字部分 / 二、表格部分; 2: 第一部分 部门概况; 3: 一、部门职责. */
  readonly level: 1 | 2 | 3;
  readonly text: string;
  /** Stable anchor id (for the TOC, bookmarks and XLSX links). */
  readonly id: string;
  /** Listed in the table of contents and the PDF outline. */
  readonly toc: boolean;
  /**
   * How the 目录 and the outline list it when the page prints another title (a Shanghai section's
   * page is titled 上海市…局主要职能 and listed as 一、部门主要职能); default `text`.
   */
  readonly tocText?: string;
}

export interface Paragraph {
  readonly kind: 'paragraph';
  readonly text: string;
  /** First-line indent of two characters (the usual for Chinese body text). */
  readonly indent: boolean;
  readonly align?: 'left' | 'center' | 'right';
  readonly bold?: boolean;
}

export interface ItemList {
  readonly kind: 'list';
  /** Items already carry their own numbering text ("(一)", "1."), as the document prints it. */
  readonly items: readonly string[];
}

export interface PageBreak {
  readonly kind: 'pagebreak';
}

/** A number cell: exact decimal text plus what it is the total of, so the XLSX can write a formula. */
export interface NumberCell {
  readonly kind: 'number';
  /** Exact plain decimal, e.g. "1234" or "-12.50". */
  readonly value: string;
  /** Decimals to show (0 for whole 万元). */
  readonly decimals: number;
  /** Displayed text, e.g. "1,234". */
  readonly text: string;
  /**
   * The cell is the sum of these other cells of the same table (body coordinates: row index into
   * `rows`, column index into the row). The XLSX writes SUM over them when `partsSum` is absent.
   */
  readonly sumOf?: readonly CellRef[];
  /**
   * Set when the published figure differs from the sum of its parts (rounding, 尾数误差): the exact
   * sum of the parts. The XLSX keeps the published value and attaches `note`, which is always set
   * with it.
   */
  readonly partsSum?: string;
  /** Note to attach to the cell (already worded), e.g. the rounding explanation. Renderers add none of their own. */
  readonly note?: string;
  /**
   * The budget's figures the cell shows, by their fact addresses (src/model/facts.ts): one, or the
   * figures it adds up (a 小计 the table computes). Renderers ignore it; the check derives from it
   * which tables show a figure (a diagnostic's "feeds").
   */
  readonly facts?: readonly string[];
}

export interface CellRef {
  readonly row: number;
  readonly col: number;
}

export interface TextCell {
  readonly kind: 'text';
  /** May hold line breaks ("\n"), e.g. Part 7's goal followed by its indicator lines. */
  readonly text: string;
  /** Indent level for row hierarchies (0 = none; 1 per 类/款/项 step). */
  readonly indent?: number;
  readonly align?: 'left' | 'center' | 'right';
  readonly bold?: boolean;
}

export type CellContent = NumberCell | TextCell;

/** A body cell; `null` marks a position covered by a span from the left or above. */
export type Cell =
  | (CellContent & {
      readonly colSpan?: number;
      readonly rowSpan?: number;
      /** Shaded like a 'subtotal' row, on its own: a two-sided table shades each side by its own rows. */
      readonly shade?: boolean;
    })
  | null;

/** A header column tree: leaves are the table's columns, in order; inner nodes are merged cells. */
export interface HeaderNode {
  readonly label: string;
  readonly children?: readonly HeaderNode[];
}

export interface ColumnSpec {
  /** Relative width (the renderers scale to the page / to characters). */
  readonly width: number;
  readonly kind: 'text' | 'number' | 'code';
}

export interface Row {
  readonly cells: readonly Cell[];
  /** 'total' rows are bold (合计, 总计); 'subtotal' semi-emphasised (类 rows). */
  readonly style?: 'total' | 'subtotal';
  /**
   * The head row of a block of a form (Table 12's 一级指标 | 二级指标 | 三级指标 | 目标值): printed
   * again at the top of a continuation page while a span that starts in it runs on.
   */
  readonly repeat?: boolean;
}

export interface Table {
  readonly kind: 'table';
  readonly id: string; // "table-1"
  /** "表1" / "表十二": the caption line above the title as the document prints it; empty for in-text tables. */
  readonly caption: string;
  readonly title: string; // 收支总表
  /** Short name for a sheet or bookmark, e.g. "表1 收支总表". */
  readonly shortName: string;
  /** The line under the title: left 部门名称：…, right 单位：万元. Absent for in-text tables. */
  readonly headerLine?: { readonly left: string; readonly right: string };
  readonly orientation: 'portrait' | 'landscape';
  /** Empty for a form laid out entirely in body cells with spans (Table 12). */
  readonly header: readonly HeaderNode[];
  readonly columns: readonly ColumnSpec[];
  readonly rows: readonly Row[];
  readonly notes: readonly string[]; // each printed as a paragraph under the table ("注：…")
  /** Listed in the table of contents and the PDF outline. */
  readonly toc: boolean;
  /**
   * A table of its own (own page in the PDF, own sheet in the XLSX) even without a caption; absent:
   * a table with a caption is one, a table without is part of the text.
   */
  readonly page?: boolean;
}

/** Whether a table stands on its own (page, sheet) rather than inside the text. */
export function standsAlone(t: Table): boolean {
  return t.page ?? t.caption.trim() !== '';
}

export interface Section {
  readonly blocks: readonly Block[];
  /** Start on a new page. */
  readonly newPage: boolean;
}

/**
 * The words a renderer prints of its own accord (sheet names, pointers, page footers), so that no
 * renderer holds the document's wording. Placeholders in braces are filled by the renderer.
 */
export interface DocLabels {
  /** The narrative (every block outside the captioned tables) as a whole, e.g. an XLSX sheet name: "文字部分". */
  readonly narrative: string;
  /** Left where a captioned table is printed elsewhere; `{name}` is that place (an XLSX sheet): "见工作表“{name}”". */
  readonly seeTable: string;
  /** Page footer; `{page}` and `{pages}` are the page number and the page count: "第 {page} 页，共 {pages} 页". */
  readonly pageFooter: string;
}

export interface Document {
  readonly meta: DocMeta;
  readonly cover: Cover;
  /** Title of the table of contents page ("目录"); the entries are the headings and tables with toc = true. */
  readonly tocTitle: string;
  readonly labels: DocLabels;
  readonly sections: readonly Section[];
}
