import type { Block, HeaderNode, Row, Table } from '../model.js';
import { parseDec, format, toPlain } from '../../money/decimal.js';

/**
 * The line markup the rendered templates are written in (templates/README.md):
 *
 *   # text / ## text / ### text   headings of levels 1–3
 *   ## text {toc: listed}         a heading listed in the 目录 and the outline by another text
 *   | a | b | c |                  a row of an in-text table; the first row of a run is its header
 *   (blank line)                   ends a paragraph
 *   any other line                 paragraph text; consecutive lines are joined without a space
 *
 * In table cells `<br>` is a line break and a cell that is a plain decimal is a number cell.
 *
 * Only the templates' own text is markup. A text from the data reaches this parser through the
 * engine's output escape (`escapeData`): its `#`, `|`, `<` and line breaks are private-use
 * stand-ins that no rule below matches, and the text starts with a marker that keeps a cell holding
 * it a text cell even when it looks like a number. The stand-ins are turned back into the literal
 * characters (a line break of the data into nothing, as the lines of a paragraph join) only after
 * the structure is decided, so a duty reading "## 第十部分" or "| 伪造 | 999,999 |" prints as
 * written, inside its own paragraph, and adds no heading, table or figure.
 */

const DATA = '\uE000';
const STAND_INS: Readonly<Record<string, string>> = { '#': '\uE001', '|': '\uE002', '<': '\uE003', '\n': '\uE004', '{': '\uE005' };
const RESTORE: Readonly<Record<string, string>> = { '\uE000': '', '\uE001': '#', '\uE002': '|', '\uE003': '<', '\uE004': '', '\uE005': '{' };

/** A data value as the templates print it: inert for the markup (see above). */
export function escapeData(x: unknown): string {
  const s = x === null || x === undefined ? '' : String(x);
  return DATA + s.replace(/\r\n?|[#|<\n{]/g, (c) => STAND_INS[c] ?? STAND_INS['\n']);
}

/** The literal text of a marked-up span: the data's stand-ins back to what the data wrote. */
function restore(s: string): string {
  return s.replace(/[\uE000-\uE005]/g, (c) => RESTORE[c]);
}

export interface HeadingIds {
  /** Counters per level, advanced across templates so ids stay stable for the document. */
  readonly counters: number[];
  tables: number;
  /** Ids given so far: a template (--templates) may repeat a level-1 heading, ids stay unique. */
  readonly used?: Set<string>;
}

export function newHeadingIds(): HeadingIds {
  return { counters: [0, 0, 0], tables: 0, used: new Set() };
}

function headingId(level: 1 | 2 | 3, ids: HeadingIds): string {
  ids.counters[level - 1]++;
  for (let l = level; l < 3; l++) ids.counters[l] = 0;
  const id = level === 1 ? `section-${ids.counters[0]}` : level === 2 ? `part-${ids.counters[1]}` : `part-${ids.counters[1]}-${ids.counters[2]}`;
  if (!ids.used) return id;
  let unique = id;
  for (let k = 2; ids.used.has(unique); k++) unique = `${id}-${k}`;
  ids.used.add(unique);
  return unique;
}

function cellOf(raw: string, decimals: number) {
  const t = raw.trim().replace(/<br\s*\/?>/g, '\n');
  // A text of the data is never a number cell: figures come from the model (as Figures, unmarked).
  const d = !t.includes(DATA) && /^-?[\d,]+(\.\d+)?$/.test(t) ? parseDec(t) : undefined;
  if (d) return { kind: 'number' as const, value: toPlain(d), decimals, text: format(d, decimals) };
  return { kind: 'text' as const, text: restore(t).trim(), align: 'left' as const };
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split('|');
}

/** Parses one rendered template into blocks. */
export function toBlocks(rendered: string, ids: HeadingIds, decimals: number): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let table: string[][] = [];
  const flushPara = () => {
    const text = para.join('').trim();
    if (text) blocks.push({ kind: 'paragraph', text, indent: true });
    para = [];
  };
  const flushTable = () => {
    if (table.length === 0) return;
    const [head, ...body] = table;
    const n = head.length;
    const header: HeaderNode[] = head.map((h) => ({ label: restore(h).trim() }));
    const rows: Row[] = body.map((cells) => ({
      cells: Array.from({ length: n }, (_, i) => cellOf(cells[i] ?? '', decimals)),
    }));
    const id = `text-table-${++ids.tables}`;
    const t: Table = {
      kind: 'table',
      id,
      caption: '',
      title: '',
      shortName: `正文表${ids.tables}`,
      orientation: 'portrait',
      header,
      columns: head.map((_, i) => {
        const numeric = rows.length > 0 && rows.every((r) => r.cells[i]?.kind === 'number');
        return { width: numeric ? 1.2 : i === n - 1 ? 4 : 2, kind: numeric ? ('number' as const) : ('text' as const) };
      }),
      rows,
      notes: [],
      toc: false,
    };
    blocks.push(t);
    table = [];
  };
  for (const rawLine of rendered.split(/\r?\n/)) {
    const line = rawLine.replace(/\s+$/, '');
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    if (h) {
      flushPara();
      flushTable();
      const level = h[1].length as 1 | 2 | 3;
      // `## 页上的标题 {toc: 目录中的文字}`: the 目录 and the outline list the heading by another text
      // (a data value's `{` is a stand-in here, so only a template can write this).
      const listed = /^(.*?)\s*\{toc:\s*([^{}]+?)\s*\}$/.exec(h[2]);
      const text = restore(listed ? listed[1] : h[2]).trim();
      blocks.push({ kind: 'heading', level, text, id: headingId(level, ids), toc: level <= 2, ...(listed ? { tocText: restore(listed[2]).trim() } : {}) });
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      flushPara();
      table.push(splitRow(line));
      continue;
    }
    flushTable();
    if (restore(line).trim() === '') flushPara();
    else para.push(restore(line).trim());
  }
  flushPara();
  flushTable();
  return blocks;
}
