/**
 * Issue 13 point 10: the 公文 fonts (GB/T 9704: 仿宋 body, 黑体 and 楷体 headings, 小标宋 title)
 * chosen in budget.config.yaml. Each face goes where the convention puts it, read back from the
 * PDF with poppler (which fonts each page uses); a missing or non-TTF font is refused before
 * anything is rendered, at the config file's line, and nothing is written.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { budget, copyReference, ROOT, STACK } from './run.js';
import { pageLines } from '../e2e/finish.js';

/**
 * A packaged font under another PostScript name (same length, in the 'name' table's UTF-16 and
 * one-byte records), so that poppler tells its text from the original's.
 */
function renamed(file: string, from: string, to: string): Buffer {
  const bytes = readFileSync(join(ROOT, 'fonts', file));
  let hits = 0;
  for (const enc of ['utf16le', 'latin1'] as const) {
    const swap = (s: string) => (enc === 'utf16le' ? Buffer.from(Buffer.from(s, 'utf16le')).swap16() : Buffer.from(s, 'latin1'));
    const a = swap(from);
    const b = swap(to);
    for (let at = bytes.indexOf(a); at >= 0; at = bytes.indexOf(a, at + 1)) (b.copy(bytes, at), hits++);
  }
  if (hits === 0) throw new Error(`${from} not in ${file}`);
  return bytes;
}

/** The font names (subset tag removed) poppler lists for page `p`. */
function pageFonts(pdf: string, p: number): string[] {
  const out = execFileSync('pdffonts', ['-f', String(p), '-l', String(p), pdf], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .map((l) => l.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, ''))
    .filter((n): n is string => Boolean(n));
}

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function project(config: string): string {
  const { root } = copyReference();
  roots.push(root);
  mkdirSync(join(root, 'fonts'));
  writeFileSync(join(root, 'budget.config.yaml'), config);
  return root;
}

describe('the 公文 fonts from budget.config.yaml', () => {
  it('sets the title face on the cover, the 目录 title, part and table titles, the subheading face on section headings', async () => {
    const root = project('fonts:\n  title: fonts/title.ttf\n  subheading: fonts/kai.ttf\n');
    writeFileSync(join(root, 'fonts/title.ttf'), renamed('NotoSerifSC-Regular.ttf', 'NotoSerifSC', 'TitleFaceSC'));
    writeFileSync(join(root, 'fonts/kai.ttf'), renamed('NotoSansSC-Bold.ttf', 'NotoSansSC', 'KaiFaceSCx'));
    const r = await budget(['build'], { cwd: root, env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const pdf = join(root, 'out', '2023', '深圳市福田区数据管理中心-2023-部门预算.pdf');
    const pages = pageLines(pdf);
    const pageOf = (re: RegExp) => pages.findIndex((p) => p.some((l) => re.test(l))) + 1;
    const has = (p: number, font: string) => pageFonts(pdf, p).some((f) => f.startsWith(font));
    expect(has(1, 'TitleFaceSC'), 'the cover title').toBe(true);
    expect(has(2, 'TitleFaceSC'), 'the 目录 title').toBe(true);
    expect(has(pageOf(/^\s*一、文字部分\s*$/), 'TitleFaceSC'), '一、文字部分').toBe(true);
    expect(has(pageOf(/^\s*表1\s*$/), 'TitleFaceSC'), 'a table title').toBe(true);
    expect(has(pageOf(/^\s*一、部门职责\s*$/), 'KaiFaceSCx'), 'a section heading').toBe(true);
    // a page of running text without a title or a section heading uses neither
    const plain = pages.findIndex((p, i) => i > 3 && p.every((l) => !/^\s*(第.部分|[一二三四五六七八九十]+、|表)/.test(l))) + 1;
    expect(plain).toBeGreaterThan(3);
    expect(pageFonts(pdf, plain).filter((f) => /TitleFace|KaiFace/.test(f)), `page ${plain}`).toEqual([]);
  }, 120_000);

  it('refuses a missing font and a file that is not a TTF/OTF, at the config file’s line, writing nothing', async () => {
    const root = project('lang: en\nfonts:\n  body: fonts/fangsong.ttf\n  title: fonts/xbs.ttc\n  heading: fonts/hei.woff2\n  subheading: fonts/kai.ttf\n');
    writeFileSync(join(root, 'fonts/xbs.ttc'), Buffer.concat([Buffer.from('ttcf'), Buffer.alloc(60)]));
    writeFileSync(join(root, 'fonts/hei.woff2'), Buffer.concat([Buffer.from('wOF2'), Buffer.alloc(60)]));
    writeFileSync(join(root, 'fonts/kai.ttf'), 'department:\n  name: not a font\n');
    const r = await budget(['build'], { cwd: root, env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(r.code).toBe(2);
    const text = r.stdout + r.stderr;
    expect(text).not.toMatch(STACK);
    const findings = text.split('\n').filter((l) => l.includes('output/font'));
    expect(findings).toHaveLength(4);
    expect(text).toMatch(/body font \(fonts\.body in the config file\) fonts\/fangsong\.ttf is unusable: it cannot be read[^\n]*\n --> budget\.config\.yaml:3:9/);
    expect(text).toMatch(/fonts\/xbs\.ttc is a font collection \(\.ttc\)[^\n]*\n --> budget\.config\.yaml:4:10/);
    expect(text).toMatch(/fonts\/hei\.woff2 is a web font \(\.woff2\)[^\n]*\n --> budget\.config\.yaml:5:12/);
    expect(text).toMatch(/fonts\/kai\.ttf is not a TrueType\/OpenType font[^\n]*\n --> budget\.config\.yaml:6:15/);
    // with the config file's line in a code frame, as a finding in the data has
    expect(text).toContain('3 |   body: fonts/fangsong.ttf');
    expect(existsSync(join(root, 'out'))).toBe(false);
  }, 60_000);

  it('names the flag when the font came from the command line, which wins over the config', async () => {
    const root = project('fonts:\n  title: fonts/missing.ttf\n');
    const r = await budget(['build', '--font-title', join(root, 'data/2023/department.yaml'), '--lang', 'en'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('The title font (--font-title)');
    expect(r.stdout).not.toContain('missing.ttf');
    expect(existsSync(join(root, 'out'))).toBe(false);
  }, 60_000);
});
