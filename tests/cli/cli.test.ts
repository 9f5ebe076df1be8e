import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { ANSI, ROOT, STACK, budget, budgetProcess, budgetTty, copyReference, ensureBuilt, lineOf, scratch } from './run.js';

// Most tests run main() in this process (tests/cli/run.ts); the first check and the terminal test
// run bin/budget.js as a user does, through the bundle.
beforeAll(() => ensureBuilt(), 120_000);

const FUNCTIONAL = join(ROOT, 'data/2023/functional.yaml');
/** The reference year's known rounding notes (尾数误差), as the issue lists them among others. */
const ROW_201 = () => lineOf(FUNCTIONAL, /code: 201,/);

/** A typist's slip: 2010350 事业运行's project column 4164 typed as 4264. */
const TYPO = { file: 'functional.yaml', from: /(code: 2010350,.*project: )4164/, to: '$14264' };

describe('budget check on the reference year', () => {
  it('passes with its rounding notes, prints the balance and the counts (end to end: node bin/budget.js)', () => {
    const r = budgetProcess(['check', 'data/2023']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('收入总计 5,158 = 支出总计 5,158 万元');
    expect(r.stdout).toMatch(/检查通过：data\/2023，0 个错误，0 个警告，\d+ 个注记（尾数误差）/);
    // 201 一般公共服务支出: 796 + 4,164 = 4,960 against the declared 4,959, shown with its place
    expect(r.stdout).toContain(`注记[sum/row-split]`);
    expect(r.stdout).toContain(`data/2023/functional.yaml:${ROW_201()}:`);
    expect(r.stdout).toMatch(/4,959.*4,960|4,960.*4,959/);
    expect(r.stdout).not.toMatch(ANSI); // a pipe is not a terminal
  });

  it('defaults to the latest data/<year>/', async () => {
    const r = await budget(['check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('data/2023');
  });

  it('speaks English with --lang en', async () => {
    const r = await budget(['check', 'data/2023', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('income total 5,158 = expenditure total 5,158 (10,000 yuan)');
    expect(r.stdout).toMatch(/passed: data\/2023, 0 errors, 0 warnings, \d+ notes \(rounding\)/);
    expect(r.stdout).not.toMatch(/[错误注记]\[/);
  });

  it('fails on rounding notes with --strict', async () => {
    const r = await budget(['check', 'data/2023', '--strict']);
    expect(r.code).toBe(1);
  });

  it('lists every rule of the command with --verbose: all ran, none that cannot apply to check', async () => {
    const r = await budget(['check', 'data/2023', '--verbose', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sum\/row-split +\d+ +[1-9]\d*$/m);
    expect(r.stdout).toMatch(/^balance\/income-expenditure +[1-9]\d* +0$/m);
    expect(r.stdout).toMatch(/^input\/encoding +7 +0$/m); // seven files read
    expect(r.stdout).not.toMatch(/^(output|batch|env)\//m); // check renders and writes nothing
    expect(r.stdout).not.toMatch(/not run$/m);
    expect(r.stdout).toMatch(/^template\/\S+ +\d+ +0$/m);
  });
});

describe('colour', () => {
  it('colours on a real terminal (end to end, under a pseudo-terminal)', () => {
    expect(budgetTty(['check', 'data/2023']).stdout).toMatch(ANSI);
  });
  it('on a terminal, not with NO_COLOR or --no-color', async () => {
    expect((await budget(['check', 'data/2023'], { tty: true })).stdout).toMatch(ANSI);
    expect((await budget(['check', 'data/2023'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await budget(['check', 'data/2023', '--no-color'], { tty: true })).stdout).not.toMatch(ANSI);
  });
  it('colours a pipe only when forced with --color', async () => {
    expect((await budget(['check', 'data/2023', '--color'])).stdout).toMatch(ANSI);
  });
});

describe('a typist’s slip', () => {
  const { dir } = copyReference(TYPO);
  const line = lineOf(join(dir, 'functional.yaml'), /code: 2010350,/);

  it('is an error with its file:line:col, exit 1', async () => {
    const r = await budget(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('错误[sum/row-split]');
    expect(r.stdout).toMatch(new RegExp(`--> ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/functional\\.yaml:${line}:\\d+`));
    expect(r.stdout).toContain('4,264');
    expect(r.stdout).toMatch(/检查未通过/);
    expect(r.stdout).not.toMatch(STACK);
  });

  it('json: the documented schema', async () => {
    const r = await budget(['check', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ version: 1, lang: 'zh', ok: false });
    const res = j.results[0];
    expect(res).toMatchObject({ dir, status: 'failed', ok: false, department: expect.any(String), year: 2023 });
    expect(res.counts.error).toBeGreaterThan(0);
    expect(res.balance).toMatchObject({ unit: '万元' });
    for (const d of res.diagnostics) {
      expect(['error', 'warning', 'note']).toContain(d.severity);
      expect(d.rule).toMatch(/^[a-z-]+\/[a-z0-9-]+$/);
      expect(typeof d.message).toBe('string');
      expect(Array.isArray(d.related) && Array.isArray(d.figures) && Array.isArray(d.feeds)).toBe(true);
      if (d.span) expect(Object.keys(d.span)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn']);
    }
    const slip = res.diagnostics.find((d: { rule: string; span?: { line: number } }) => d.rule === 'sum/row-split' && d.span?.line === line);
    expect(slip.severity).toBe('error');
    expect(slip.figures.map((f: { value: string }) => f.value)).toContain('4264');
    expect(res.rules.find((x: { id: string }) => x.id === 'sum/row-split')).toMatchObject({ ran: true });
    expect(res.rules.find((x: { id: string }) => x.id === 'output/render-failed')).toBeUndefined(); // not a check's rule
  });

  it('github: an annotation on the line', async () => {
    const r = await budget(['check', dir, '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const ann = lines.find((l) => l.startsWith('::error ') && l.includes('title=sum/row-split') && l.includes(`line=${line},`));
    expect(ann).toMatch(new RegExp(`^::error file=[^,]*functional\\.yaml,line=${line},col=\\d+,.*::`));
    expect(lines.some((l) => l.startsWith('::notice '))).toBe(true);
    for (const l of lines.filter((x) => x.startsWith('::'))) expect(l).not.toMatch(/\r/);
  });

  it('junit: well-formed, a failing case for the rule', async () => {
    const r = await budget(['check', dir, '--format', 'junit']);
    expect(r.code).toBe(1);
    const failing: string[] = [];
    let current = '';
    const p = new SaxesParser();
    p.on('opentag', (t) => {
      if (t.name === 'testcase') current = String(t.attributes.name);
      if (t.name === 'failure') failing.push(current);
    });
    p.write(r.stdout).close();
    expect(failing).toContain('sum/row-split');
  });
});

describe('unusable input and usage: exit 2, never a stack', () => {
  it('a missing directory', async () => {
    const r = await budget(['check', 'data/2032']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('input/missing-dir');
    expect(r.stdout + r.stderr).not.toMatch(STACK);
  });
  it('malformed YAML', async () => {
    const dir = scratch({ 'a.yaml': 'department:\n  name: [unclosed\n' });
    const r = await budget(['check', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    const d = JSON.parse(r.stdout).results[0].diagnostics[0];
    expect(d.rule).toBe('input/yaml-syntax');
    expect(d.span.file).toBe(join(dir, 'a.yaml'));
  });
  it('an unknown option', async () => {
    const r = await budget(['check', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知的选项 --frobnicate'); // usage errors speak --lang (Chinese by default)
    expect(r.stderr).not.toMatch(STACK);
  });
  it('an unknown format', async () => {
    const r = await budget(['check', 'data/2023', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/xml/);
  });
  it('an unknown command', async () => {
    const r = await budget(['chekc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/check/); // suggested
  });
  it('no directory and no data/', async () => {
    const r = await budget(['check'], { cwd: scratch({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('data/<');
    expect(r.stderr).not.toMatch(STACK);
  });
  it('--help and --version exit 0', async () => {
    expect((await budget(['--help'])).code).toBe(0);
    expect((await budget(['check', '--help'])).stdout).toContain('--strict');
    expect((await budget(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('several department-years', () => {
  it('reports each and exits with the worst code', async () => {
    const r = await budget(['check', 'data/2023', 'data/2099', '--format', 'json']);
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(j.results.map((x: { dir: string; status: string }) => [x.dir, x.status])).toEqual([
      ['data/2023', 'ok'],
      ['data/2099', 'unusable'],
    ]);
  });

  it('takes the latest data/<year>/ by default and every year with --all', async () => {
    const { root } = copyReference();
    const older = copyReference(TYPO); // a 2022 that fails
    cpSync(older.dir, join(root, 'data', '2022'), { recursive: true });
    const latest = await budget(['check', '--format', 'json'], { cwd: root });
    expect(latest.code).toBe(0);
    expect(JSON.parse(latest.stdout).results.map((x: { dir: string }) => x.dir)).toEqual([join('data', '2023')]);
    const all = await budget(['check', '--all'], { cwd: root });
    expect(all.code).toBe(1);
    expect(all.stdout).toContain('== data/2022');
    expect(all.stdout).toContain('== data/2023');
    expect(all.stdout).toMatch(/合计：2 个目录，1 个通过/);
  });
});

describe('budget explain', () => {
  it('explains a rule with its example', async () => {
    const r = await budget(['explain', 'sum/row-split']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sum\/row-split: /);
    expect(r.stdout).toContain('示例');
    const en = await budget(['explain', 'sum/row-split', '--lang', 'en']);
    expect(en.stdout).toContain('example:');
  });
  it('lists every rule without an argument', async () => {
    const r = await budget(['explain', '--lang', 'en']);
    expect(r.code).toBe(0);
    for (const id of ['input/encoding', 'sum/row-split', 'output/render-failed']) expect(r.stdout).toMatch(new RegExp(`^${id} +\\S`, 'm'));
  });
  it('suggests close ids for an unknown one, exit 2', async () => {
    const r = await budget(['explain', 'sum/row-splt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sum/row-split');
    expect(r.stdout).toBe('');
  });
});

describe('budget build', () => {
  it('writes the PDF and the XLSX under out/<year>/', async () => {
    const out = scratch({});
    const r = await budget(['build', 'data/2023', '--out', out, '--name', '{year}-{department}']);
    expect(r.code).toBe(0);
    const files = r.stdout.split('\n').filter((l) => l.startsWith('已写出 ')).map((l) => l.slice(4));
    expect(files).toHaveLength(2);
    const [pdf, xlsx] = files;
    expect(pdf).toMatch(new RegExp(`^${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/2023/2023-.+\\.pdf$`));
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  }, 60_000);

  it('--only writes just the one file asked for; an unknown format is a usage error', async () => {
    const out = scratch({});
    const r = await budget(['build', 'data/2023', '--out', out, '--name', 'report', '--only', 'xlsx']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, '2023/report.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(existsSync(join(out, '2023/report.pdf'))).toBe(false);
    const bad = await budget(['build', 'data/2023', '--out', out, '--only', 'docx']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(STACK);
  }, 60_000);

  it('writes nothing when the check fails, leaving a good file in place', async () => {
    const { dir } = copyReference(TYPO);
    const out = scratch({});
    const good = await budget(['build', dir, '--out', out, '--name', 'report']);
    expect(good.code).toBe(1); // the slip fails the check: nothing at all is written
    expect(existsSync(join(out, '2023'))).toBe(false);
    mkdirSync(join(out, '2023'));
    writeFileSync(join(out, '2023/report.pdf'), 'a good PDF');
    const again = await budget(['build', dir, '--out', out, '--name', 'report']);
    expect(again.code).toBe(1);
    expect(readFileSync(join(out, '2023/report.pdf'), 'utf8')).toBe('a good PDF');
    expect(again.stdout).toContain('未写出任何文件');
  });

  it('an output that cannot be written: exit 2, output/write-failed, no stack', async () => {
    const blocker = join(scratch({ file: 'x' }), 'file'); // a file where the output directory should be
    const r = await budget(['build', 'data/2023', '--out', blocker, '--format', 'json']);
    expect(r.code).toBe(2);
    const res = JSON.parse(r.stdout).results[0];
    expect(res.diagnostics.map((d: { rule: string }) => d.rule)).toContain('output/write-failed');
    expect(res.outputs).toEqual([]);
    expect(r.stderr).not.toMatch(STACK);
  }, 60_000);

  it('a font that is missing or not a font: exit 2, nothing written, no stack', async () => {
    const out = scratch({});
    const missing = await budget(['build', 'data/2023', '--out', out, '--font-body', join(out, 'nope.ttf')]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain('错误[output/font]: 正文字体');
    expect(missing.stdout).toContain('生成失败');
    const notFont = await budget(['build', 'data/2023', '--out', out, '--font-heading', FUNCTIONAL, '--lang', 'en']);
    expect(notFont.code).toBe(2);
    // refused before rendering, by what it is, rather than pdfmake's 'Unknown font format'
    expect(notFont.stdout).toContain('error[output/font]: The heading font (--font-heading)');
    expect(notFont.stdout).toContain('is not a TrueType/OpenType font');
    expect(notFont.stdout).toContain('build failed');
    expect(existsSync(join(out, '2023'))).toBe(false);
    expect(missing.stderr + notFont.stderr).not.toMatch(STACK);
  }, 60_000);

  it('with --strict, rounding notes stop the build', async () => {
    const out = scratch({});
    const r = await budget(['build', 'data/2023', '--strict', '--out', out]);
    expect(r.code).toBe(1);
    expect(existsSync(join(out, '2023'))).toBe(false);
  });
});
