/**
 * The reference year end to end: `budget build data/2023` as a user runs it, the PDF read back
 * with poppler and compared with the seed (the published document's text). The expected headings,
 * titles, rows and sentences come from the seed through tests/document/seed.ts, never from
 * data/2023 or the document model.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { budget, budgetProcess, ensureBuilt, type Run } from '../cli/run.js';
import { KNOWN_SEED_ERRORS, SEED_PARTS, narrativeLines, seedTables } from '../document/seed.js';
import { bodyLines, figures, missingRows, norm, pdfFonts, pdfInfo, pdfText, tableTexts } from './pdf-text.js';

const DEPT = '深圳市福田区数据管理中心';
const TITLE = '2023年深圳市福田区数据管理中心部门预算';

/**
 * Builds data/2023 into a fresh directory; returns the PDF and XLSX paths. The first build runs
 * end to end as a user runs it (node bin/budget.js, the bundle); the others in this process, so
 * the byte-identical comparisons also span two different processes and a warm one.
 */
async function build(env: Record<string, string | undefined>, how: 'process' | 'in-process'): Promise<{ pdf: string; xlsx: string }> {
  const out = mkdtempSync(join(tmpdir(), 'budget-e2e-ref-'));
  const args = ['build', 'data/2023', '--out', out];
  const r: Run = how === 'process' ? budgetProcess(args, { env }) : await budget(args, { env });
  expect(r.code, r.stderr).toBe(0);
  const dir = join(out, '2023');
  const files = readdirSync(dir);
  const pdf = files.find((f) => f.endsWith('.pdf'));
  const xlsx = files.find((f) => f.endsWith('.xlsx'));
  expect(pdf).toBeDefined();
  expect(xlsx).toBeDefined();
  return { pdf: join(dir, pdf!), xlsx: join(dir, xlsx!) };
}

let first: { pdf: string; xlsx: string };
let second: { pdf: string; xlsx: string };
let dated: { pdf: string; xlsx: string };
let datedAgain: { pdf: string; xlsx: string };
let body: string[];

beforeAll(async () => {
  ensureBuilt();
  first = await build({ SOURCE_DATE_EPOCH: undefined }, 'process');
  second = await build({ SOURCE_DATE_EPOCH: undefined }, 'in-process');
  dated = await build({ SOURCE_DATE_EPOCH: '1700000000' }, 'in-process');
  datedAgain = await build({ SOURCE_DATE_EPOCH: '1700000000' }, 'in-process');
  body = bodyLines(pdfText(first.pdf));
}, 180_000);

describe('data/2023 built by the CLI, read back with pdftotext -layout', () => {
  it('every part heading of the seed, in order, in the body', () => {
    const parts = SEED_PARTS;
    const seed = norm(readFileSync('seeds/000_6f41c63c8f66b8fd.txt', 'utf8'));
    for (const p of parts) expect(seed, `${p} is the seed's heading`).toContain(norm(p));
    // Each heading is a line of its own in the PDF body, in the seed's order.
    const found = parts.map((p) => body.findIndex((l) => norm(l) === norm(p)));
    expect(found.every((i) => i >= 0), JSON.stringify(found)).toBe(true);
    expect([...found].sort((a, b) => a - b)).toEqual(found);
    const halves = ['一、文字部分', '二、表格部分'].map((h) => body.findIndex((l) => l.trim() === h));
    expect(halves[0]).toBe(0);
    expect(halves[1]).toBeGreaterThan(found[found.length - 1]);
  });

  it('every table caption and title of the seed, in order', () => {
    const seed = seedTables(DEPT);
    expect(seed).toHaveLength(12);
    const printed = tableTexts(body);
    expect(printed.map((t) => [t.caption, norm(t.title)])).toEqual(seed.map((s) => [s.caption, norm(s.title)]));
    // The titles the issue names, first and last.
    expect(printed[0].title).toBe('收支总表');
    expect(printed[11].title).toBe('整体支出绩效目标表');
  });

  const seed = seedTables(DEPT);
  for (const [i, s] of seed.entries()) {
    it(`${s.caption} ${s.title}: the figures of each seed row, in order, on one line`, () => {
      const t = tableTexts(body)[i];
      expect(t.caption).toBe(s.caption);
      const rows = s.rows.map(figures).filter((r) => r.length > 0);
      expect(rows.length).toBe(s.rows.length);
      expect(missingRows(t.lines, rows)).toEqual([]);
      // The header line and every note of the seed's table.
      const text = norm(t.lines.join('\n'));
      if (s.caption !== '表十二') expect(text).toContain(norm(`部门名称：${DEPT}`));
      expect(text).toContain(norm('单位：万元'));
      for (const n of s.notes) expect(text).toContain(norm(n));
    });
  }

  it('表十二: every label, indicator and target value the seed prints', () => {
    // pdftotext interleaves a wrapped cell with its neighbours in layout mode; raw order keeps a
    // cell's lines together. The labels spanning several rows sit at their middle row, inside the
    // 年度总体目标 paragraph's lines: take them out of the text before looking for the paragraph.
    const spanning = ['年度主要任务', '年度总体目标', '年度绩效指标'];
    const raw = pdfText(first.pdf, 'raw');
    const t12 = norm(raw.slice(raw.lastIndexOf('表十二')));
    for (const l of spanning) expect(t12).toContain(norm(l));
    const rest = spanning.reduce((x, l) => x.split(norm(l)).join(''), t12);
    const lost = seed[11].lines
      .flatMap((l) => l.split(/\s+/))
      .filter((tok) => tok !== '' && !spanning.includes(tok))
      .filter((tok) => !rest.includes(norm(tok)));
    expect(lost).toEqual([]);
  });

  it("the narrative: every line of the seed's Parts 1–9 is in the PDF text, but the known seed errors", () => {
    const end = body.findIndex((l) => l.trim() === '二、表格部分');
    const layout = norm(body.slice(0, end).join('\n'));
    // Part 7's in-text table (项目名称 | 预算数（万元） | 绩效目标): the seed prints its cells' lines
    // one after another, pdftotext -layout side by side. Cut the table's lines
    // into the goal text and the name-and-figure parts (the lines that start at the margin).
    const HEADER = /项目名称\s+预算数（万元）\s+绩效目标/;
    const head = body.findIndex((l) => HEADER.test(l));
    expect(head).toBeGreaterThan(0);
    const next = body.findIndex((l, i) => i > head && norm(l) === norm('第八部分 其他需要说明情况'));
    // A row runs on across pages, where the header is printed again: those repeats are not cell text.
    const cells = body.slice(head + 1, next).filter((l) => !HEADER.test(l));
    const NAME_FIGURE = /^(\S+\s+-?[\d,]+(\.\d+)?)(\s|$)/;
    const goals = norm(cells.map((l) => l.replace(NAME_FIGURE, '$3')).join('\n'));
    const names = cells.map((l) => NAME_FIGURE.exec(l)?.[1]).filter((x) => x !== undefined).map(norm);
    expect(names).toHaveLength(2); // one line of name and figure per project
    const inTable = (l: string) => goals.includes(norm(l)) || names.some((n) => norm(l).startsWith(n) && goals.includes(norm(l).slice(n.length)));
    // The same list as tests/document/seed.test.ts: Part 7's "合格率 00%" is a typo for 100%.
    const missing = narrativeLines.filter((l) => !KNOWN_SEED_ERRORS.includes(l) && !layout.includes(norm(l)) && !inTable(l));
    const share = (narrativeLines.length - missing.length) / narrativeLines.length;
    console.log(`seed narrative lines in the PDF text: ${narrativeLines.length - missing.length}/${narrativeLines.length} (${(share * 100).toFixed(1)}%)`);
    expect(missing).toEqual([]);
    expect(narrativeLines.length).toBeGreaterThan(150);
    for (const l of KNOWN_SEED_ERRORS) expect(layout + goals).not.toContain(norm(l));
    expect(goals).toContain(norm('5、系统巡检验收合格率 100%'));
  });

  it('metadata: title and author; every font embedded', () => {
    const info = pdfInfo(first.pdf);
    expect(info.Title).toBe(TITLE);
    expect(info.Author).toBe(DEPT);
    expect(Number(info.Pages)).toBeGreaterThan(20);
    const fonts = pdfFonts(first.pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => f.emb !== 'yes')).toEqual([]);
  });

  it('two builds give byte-identical PDF and XLSX files (cmp), with and without SOURCE_DATE_EPOCH', () => {
    const cmp = (a: string, b: string) => execFileSync('cmp', [a, b], { encoding: 'utf8' });
    expect(() => cmp(first.pdf, second.pdf)).not.toThrow();
    expect(() => cmp(first.xlsx, second.xlsx)).not.toThrow();
    expect(() => cmp(dated.pdf, datedAgain.pdf)).not.toThrow();
    expect(() => cmp(dated.xlsx, datedAgain.xlsx)).not.toThrow();
    // The date does change the bytes (so cmp can tell files apart).
    expect(() => cmp(first.pdf, dated.pdf)).toThrow();
  });

  it('SOURCE_DATE_EPOCH=1700000000 dates the PDF 2023-11-14', () => {
    const info = pdfInfo(dated.pdf);
    expect(info.CreationDate).toMatch(/^2023-11-14T/);
    expect(pdfInfo(first.pdf).CreationDate).not.toMatch(/^2023-11-14T/);
  });
});

// The figure reader itself, on lines shaped like pdftotext's.
describe('figures()', () => {
  it('reads figures and codes, not labels', () => {
    expect(figures(' 1.事业收入                    0     机关事业单位      58')).toEqual(['0', '58']);
    expect(figures('        201       一般公共服务支出   4,959  796   4,164.50  -3')).toEqual(['201', '4,959', '796', '4,164.50', '-3']);
    expect(figures('3,341,357.8')).toEqual(['3,341,357.8']);
    expect(figures('3,341,357.8 2')).toEqual(['3,341,357.8', '2']);
  });
});
