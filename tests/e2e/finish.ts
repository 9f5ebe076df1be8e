/**
 * The finish of a built PDF, judged from its text as poppler reads it back page by page
 * (`pdftotext -layout`): what an official would have to touch up before publishing (issue 13).
 * Knows the document's conventions (captions, notes, numbered headings), not the budget model.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FOOTER } from './pdf-text.js';

/**
 * What poppler reads from a PDF, kept by the file's content: the tests of a file ask for the same
 * document's lines, words and page images many times (each a process that parses the whole PDF),
 * and a PDF rebuilt under the same name with other bytes is read afresh.
 */
const popplerCache = new Map<string, unknown>();
function cached<T>(file: string, what: string, read: () => T): T {
  const key = `${createHash('sha1').update(readFileSync(file)).digest('hex')}\0${what}`;
  if (!popplerCache.has(key)) popplerCache.set(key, read());
  return popplerCache.get(key) as T;
}

/** Each page's non-empty lines, footer removed, page 1 first. */
export function pageLines(file: string): string[][] {
  const pages = cached(file, 'layout', () => {
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const all = text.split('\f');
    if (all[all.length - 1].trim() === '') all.pop();
    return all.map((p) => p.split('\n').filter((l) => l.trim() !== '' && !FOOTER.test(l)));
  });
  return pages.map((p) => [...p]);
}

/** A table caption line: 表1 … 表12, 表十二. */
const CAPTION = /^\s*表(\d+|[一二三四五六七八九十]+)\s*$/;
/** A numbered heading of the narrative: 第一部分 …, 一、…, （一）… — short and without a full stop. */
const HEADING = /^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^。；：:]{0,40}$/;
/** A figure token as printed (1,234, 0.00, -7). */
const FIGURE = /(^|\s)-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(?=\s|$)(?!\s*年)/;

export interface Defect {
  readonly page: number;
  readonly what: string;
}

/**
 * The pages that would embarrass: a page that starts with a table's note (the note is parted from
 * its table), a page whose last line is a heading, and a table page carrying a single row (or a
 * total row with fewer than two body rows). Table pages are those from the first caption on.
 */
export function finishDefects(pages: readonly string[][]): Defect[] {
  const out: Defect[] = [];
  const firstTable = pages.findIndex((p) => p.some((l) => CAPTION.test(l)));
  pages.forEach((lines, i) => {
    const page = i + 1;
    if (lines.length === 0) return;
    if (/^\s*注[：:]/.test(lines[0])) out.push({ page, what: `starts with a note: ${lines[0].trim()}` });
    const last = lines[lines.length - 1];
    if (HEADING.test(last)) out.push({ page, what: `ends in a heading: ${last.trim()}` });
    if (firstTable < 0 || i <= firstTable || lines.some((l) => CAPTION.test(l))) return;
    // A continuation page: its rows are the lines with figures (a multi-line label adds lines
    // without figures, the repeated header has none).
    const rows = lines.filter((l) => FIGURE.test(l) && !/^\s*注[：:]/.test(l));
    const totals = rows.filter((l) => /合\s*计|总\s*计/.test(l));
    const body = rows.length - totals.length;
    if (rows.length > 0 && body < 2 && (totals.length > 0 || rows.length === 1)) {
      out.push({ page, what: `a continued table with ${body} body row(s)${totals.length ? ' and its total' : ''}: ${rows.map((r) => r.trim().slice(0, 30)).join(' | ')}` });
    }
  });
  return out;
}

/** The pages of the table with this caption after its first: up to the next caption or the end. */
export function continuationPages(pages: readonly string[][], caption: string): string[][] {
  const first = pages.findIndex((p) => p.some((l) => l.trim() === caption));
  if (first < 0) throw new Error(`no page with the caption ${caption}`);
  const out: string[][] = [];
  for (let i = first + 1; i < pages.length && !pages[i].some((l) => CAPTION.test(l)); i++) out.push(pages[i]);
  return out;
}

export interface Word {
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

/** The words of one page with their boxes (`pdftotext -bbox-layout`, read for every page at once). */
export function pageWords(file: string, page: number): Word[] {
  const pages = cached(file, 'bbox', () => {
    const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return xml.split(/<page /).slice(1).map((p) => {
      const out: Word[] = [];
      for (const m of p.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        out.push({ text: m[5], xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
      }
      return out;
    });
  });
  return [...(pages[page - 1] ?? [])];
}

/** One page rendered in grey by poppler (`pdftoppm -gray`), as a P5 image: its pixels by (x, y). */
function grayPage(file: string, page: number, dpi: number): { width: number; at: (x: number, y: number) => number } {
  return cached(file, `gray ${page} ${dpi}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-finish-'));
    try {
      execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, join(dir, 'page')]);
      const pgm = readFileSync(join(dir, 'page.pgm'));
      // P5 header: magic, width, height, maxval, each followed by whitespace
      const fields: string[] = [];
      let start = 0;
      while (fields.length < 4) {
        while (/\s/.test(String.fromCharCode(pgm[start]))) start++;
        let f = '';
        while (!/\s/.test(String.fromCharCode(pgm[start]))) f += String.fromCharCode(pgm[start++]);
        fields.push(f);
      }
      start++;
      const width = Number(fields[1]);
      return { width, at: (x: number, y: number) => pgm[start + y * width + x] };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** Words on one visual line (bottoms within 3 pt), top to bottom, each line left to right. */
export function wordLines(words: readonly Word[]): Word[][] {
  const lines: Word[][] = [];
  for (const w of [...words].sort((a, b) => a.yMax - b.yMax || a.xMin - b.xMin)) {
    const line = lines.find((l) => Math.abs(l[0].yMax - w.yMax) < 3);
    if (line) line.push(w);
    else lines.push([w]);
  }
  return lines.map((l) => l.sort((a, b) => a.xMin - b.xMin));
}

/**
 * The grey level (0 black … 255 white) of a page's background just left of a word, rendered by
 * poppler at 72 dpi (a pixel a point): the cell's fill where the word stands in a table cell.
 */
export function shadeLeftOf(file: string, page: number, word: Word): number {
  const x = Math.floor(word.xMin - 1.5);
  const y = Math.floor((word.yMin + word.yMax) / 2);
  return grayPage(file, page, 72).at(x, y);
}

/**
 * Single characters standing alone on a line of a table page (a label broken as 支出总 / 计): a word
 * of one hanzi with no other word within `near` points on its line. Table pages are those from the
 * first caption on.
 */
export function loneCharacters(file: string, pages: readonly string[][], near = 6): string[] {
  const first = pages.findIndex((p) => p.some((l) => CAPTION.test(l)));
  const out: string[] = [];
  for (let i = Math.max(first, 0); i < pages.length; i++) {
    for (const line of wordLines(pageWords(file, i + 1))) {
      line.forEach((w, k) => {
        if (!/^\p{Script=Han}$/u.test(w.text)) return;
        const left = line[k - 1];
        const right = line[k + 1];
        if ((left && w.xMin - left.xMax < near) || (right && right.xMin - w.xMax < near)) return;
        out.push(`page ${i + 1}: “${w.text}” at ${Math.round(w.xMin)},${Math.round(w.yMax)}`);
      });
    }
  }
  return out;
}

/**
 * The white room, in points, between each figure on a page and the nearest dark pixel (a cell's
 * rule) to its left and right at its mid-height, from poppler's rendering at 144 dpi (half-point
 * steps). Figures are amounts (1,234, 0.00) and codes (2080505), not years (2031 in a label).
 */
export function figureRoom(file: string, page: number): { text: string; left: number; right: number }[] {
  const dpi = 144;
  const k = dpi / 72;
  const image = grayPage(file, page, dpi);
  const dark = (x: number, y: number) => image.at(x, y) < 100;
  const out: { text: string; left: number; right: number }[] = [];
  for (const w of pageWords(file, page)) {
    if (!/^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+\.\d+$|^\d{5,}$/.test(w.text)) continue;
    const y = Math.floor(((w.yMin + w.yMax) / 2) * k);
    let r = 0;
    while (r < 200 && !dark(Math.floor(w.xMax * k) + 1 + r, y)) r++;
    let l = 0;
    while (l < 200 && !dark(Math.floor(w.xMin * k) - 1 - l, y)) l++;
    out.push({ text: w.text, left: l / k, right: r / k });
  }
  return out;
}
