import type { Block, HeaderNode, Row, Table } from '../model.js';
import { parseDec, format, toPlain } from '../../money/decimal.js';

/**
 * The line markup the rendered templates are written in (templates/README.md):
 *
 *   # text / ## text / ### text   headings of levels 1–3
 *   | a | b | c |                  a row of an in-text table; the first row of a run is its header
 *   (blank line)                   ends a paragraph
 *   any other line                 paragraph text; consecutive lines are joined without a space
 *
 * In table cells `<br>` is a line break and a cell that is a plain decimal is a number cell.
 */

export interface HeadingIds {
  /** Counters per level, advanced across templates so ids stay stable for the document. */
  readonly counters: number[];
  tables: number;
}

export function newHeadingIds(): HeadingIds {
  return { counters: [0, 0, 0], tables: 0 };
}

function headingId(level: 1 | 2 | 3, ids: HeadingIds): string {
  ids.counters[level - 1]++;
  for (let l = level; l < 3; l++) ids.counters[l] = 0;
  if (level === 1) return `section-${ids.counters[0]}`;
  if (level === 2) return `part-${ids.counters[1]}`;
  return `part-${ids.counters[1]}-${ids.counters[2]}`;
}

function cellOf(raw: string, decimals: number) {
  const t = raw.trim().replace(/<br\s*\/?>/g, '\n');
  const d = /^-?[\d,]+(\.\d+)?$/.test(t) ? parseDec(t) : undefined;
  if (d) return { kind: 'number' as const, value: toPlain(d), decimals, text: format(d, decimals) };
  return { kind: 'text' as const, text: t, align: 'left' as const };
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
    const header: HeaderNode[] = head.map((h) => ({ label: h.trim() }));
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
      blocks.push({ kind: 'heading', level, text: h[2].trim(), id: headingId(level, ids), toc: level <= 2 });
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      flushPara();
      table.push(splitRow(line));
      continue;
    }
    flushTable();
    if (line.trim() === '') flushPara();
    else para.push(line.trim());
  }
  flushPara();
  flushTable();
  return blocks;
}
