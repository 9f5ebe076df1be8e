/** Reading a PDF back with poppler (a different tool from the one that wrote it). */
import { execFileSync } from 'node:child_process';

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** `pdfinfo -isodates` as key → value. */
export function pdfInfo(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of run('pdfinfo', ['-isodates', file]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1].trim()] = m[2].trim();
  }
  return out;
}

export interface PageSize {
  readonly width: number;
  readonly height: number;
}

/** Each page's size in points, page 1 first. */
export function pageSizes(file: string, pages: number): PageSize[] {
  const out: PageSize[] = [];
  for (const line of run('pdfinfo', ['-f', '1', '-l', String(pages), file]).split('\n')) {
    const m = /^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/.exec(line);
    if (m) out[Number(m[1]) - 1] = { width: Number(m[2]), height: Number(m[3]) };
  }
  return out;
}

/** The text of each page (`pdftotext -layout`), page 1 first. */
export function pageTexts(file: string): string[] {
  const pages = run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).split('\f');
  if (pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

export interface FontRow {
  readonly name: string;
  readonly type: string;
  readonly emb: string;
  readonly sub: string;
  readonly uni: string;
}

/** `pdffonts`: one row per font. */
export function pdfFonts(file: string): FontRow[] {
  const lines = run('pdffonts', [file]).split('\n').slice(2).filter((l) => l.trim() !== '');
  return lines.map((l) => {
    // name, type (may contain spaces), encoding, emb, sub, uni, object, gen
    const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
    if (!m) throw new Error(`unexpected pdffonts line: ${l}`);
    return { name: m[1], type: m[2], emb: m[4], sub: m[5], uni: m[6] };
  });
}

export interface OutlineItem {
  readonly title: string;
  readonly page: number;
  readonly depth: number;
}

/** The document outline (bookmarks), in order, from `pdftohtml -xml`. */
export function outline(file: string): OutlineItem[] {
  const xml = run('pdftohtml', ['-xml', '-i', '-q', '-stdout', file]);
  const start = xml.indexOf('<outline>');
  if (start < 0) return [];
  const items: OutlineItem[] = [];
  let depth = 0;
  const re = /<outline>|<\/outline>|<item page="(\d+)">([^<]*)<\/item>/g;
  re.lastIndex = start;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[0] === '<outline>') depth++;
    else if (m[0] === '</outline>') {
      depth--;
      if (depth === 0) break;
    } else items.push({ title: unescapeXml(m[2]), page: Number(m[1]), depth });
  }
  return items;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Text with all white space removed (pdftotext spaces CJK text in layout mode as it likes). */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

export interface Word {
  readonly page: number;
  readonly text: string;
  /** xMin, yMin, xMax, yMax in points, as poppler computes them from the glyph positions. */
  readonly box: readonly [number, number, number, number];
}

/** Every word poppler finds (`pdftotext -bbox`), page by page, with its bounding box. */
export function words(file: string): Word[] {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
  const out: Word[] = [];
  let page = 0;
  const re = /<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[0] === '<page ') page++;
    else out.push({ page, text: unescapeXml(m[5]), box: [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] });
  }
  return out;
}

export interface Rule {
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
  /** The stroke as poppler writes it (width, cap, join, colour, opacity). */
  readonly stroke: string;
}

/**
 * The horizontal rules drawn on a page (stroked straight segments, as `pdftocairo -svg` writes
 * them), in the SVG's coordinates: y grows downwards.
 */
export function horizontalRules(file: string, page: number): Rule[] {
  const svg = run('pdftocairo', ['-svg', '-f', String(page), '-l', String(page), file, '-']);
  const out: Rule[] = [];
  // A path may hold many segments (M x y L x y, one after another): rules of one width in one stroke.
  const re = /<path style="fill:none;(stroke-width:[^"]*)" d="([^"]*)"(?: transform="matrix\(([^)]*)\)")?/g;
  const seg = /M ([\d.-]+) ([\d.-]+) L ([\d.-]+) ([\d.-]+) /g;
  for (let m = re.exec(svg); m; m = re.exec(svg)) {
    const [a, , , d, e, f] = m[3] ? m[3].split(',').map(Number) : [1, 0, 0, 1, 0, 0];
    for (let s = seg.exec(m[2]); s; s = seg.exec(m[2])) {
      const [x1, y1, x2, y2] = [Number(s[1]), Number(s[2]), Number(s[3]), Number(s[4])];
      if (Math.abs(y1 - y2) > 0.01) continue;
      out.push({ x1: a * Math.min(x1, x2) + e, x2: a * Math.max(x1, x2) + e, y: d * y1 + f, stroke: m[1] });
    }
  }
  return out;
}

export interface Fill {
  /** The fill colour as poppler's SVG writes it, e.g. "rgb(94.1%,94.1%,94.1%)". */
  readonly color: string;
  /** xMin, yMin, xMax, yMax (SVG coordinates: y downwards, as `pdftotext -bbox`). */
  readonly box: readonly [number, number, number, number];
}

/** The filled rectangles of a page (cell shading), from `pdftocairo -svg`. */
export function filledRects(file: string, page: number): Fill[] {
  const svg = run('pdftocairo', ['-svg', '-f', String(page), '-l', String(page), file, '-']);
  const out: Fill[] = [];
  // A path may hold many rectangles (M … L … L … L … Z, one after another): the fills of one colour at once.
  const re = /fill:(rgb\([^)]*\));fill-opacity:1;" d="([^"]*)"/g;
  const rect = /M ([\d.]+) ([\d.]+) L ([\d.]+) ([\d.]+) L ([\d.]+) ([\d.]+) L ([\d.]+) ([\d.]+) Z/g;
  for (let m = re.exec(svg); m; m = re.exec(svg)) {
    for (let r = rect.exec(m[2]); r; r = rect.exec(m[2])) {
      const xs = [r[1], r[3], r[5], r[7]].map(Number);
      const ys = [r[2], r[4], r[6], r[8]].map(Number);
      out.push({ color: m[1], box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] });
    }
  }
  return out;
}

export interface Link {
  readonly text: string;
  /** The page the link goes to. */
  readonly target: number;
}

/** The internal links on a page whose text poppler can tell (`pdftohtml -xml`), in reading order. */
export function links(file: string, page: number): Link[] {
  const xml = run('pdftohtml', ['-xml', '-i', '-q', '-stdout', '-f', String(page), '-l', String(page), file]);
  const out: Link[] = [];
  const re = /<a href="[^"#]*#(\d+)">([^<]+)<\/a>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push({ text: unescapeXml(m[2]), target: Number(m[1]) });
  return out;
}

/** The lines poppler finds (`pdftotext -bbox-layout`), page by page, each with its words. */
export function textLines(file: string): { page: number; words: Word[] }[] {
  const html = run('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-']);
  const out: { page: number; words: Word[] }[] = [];
  let page = 0;
  const re = /<page |<line |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[0] === '<page ') page++;
    else if (m[0] === '<line ') out.push({ page, words: [] });
    else out[out.length - 1].words.push({ page, text: unescapeXml(m[5]), box: [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] });
  }
  return out;
}
