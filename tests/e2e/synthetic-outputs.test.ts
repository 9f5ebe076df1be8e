/**
 * The synthetic department-years (issue 5) built by the CLI: their figures at the expected cells of
 * the workbook (read back with exceljs) and in the PDF's text (pdftotext -layout). Every expected
 * figure is computed here from the fixture's YAML, read independently (tests/e2e/fixture-yaml.ts)
 * and summed exactly; nothing comes from the compiler's model.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { budget } from '../cli/run.js';
import { amount, fmt, percent, readFixture, sum, toNumber, type Amount, type Yaml } from './fixture-yaml.js';
import { bodyLines, figures, norm, pdfText, tableTexts } from './pdf-text.js';

const FIXTURES = ['fixtures/synthetic-yuan-2024', 'fixtures/reference-2022'] as const;
const out = mkdtempSync(join(tmpdir(), 'budget-e2e-syn-'));

beforeAll(async () => {
  const r = await budget(['build', ...FIXTURES, '--out', out], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
  expect(r.code, r.stderr + r.stdout).toBe(0);
}, 180_000);

/** The built file of a department-year with this extension. */
function output(year: string, ext: string): string {
  const dir = join(out, year);
  const f = readdirSync(dir).find((n) => n.endsWith(ext));
  if (!f) throw new Error(`no ${ext} in ${dir}`);
  return join(dir, f);
}

/** What the tests expect of one fixture, all from its YAML. */
interface Expected {
  readonly y: Yaml;
  readonly name: string;
  readonly year: string;
  readonly prior: string;
  readonly unit: string;
  readonly decimals: number;
  readonly numFmt: string;
}

function expected(dir: string): Expected {
  const y = readFixture(dir);
  const unit = String(y.department.unit);
  const decimals = unit === '元' ? 2 : 0;
  return {
    y,
    name: String(y.department.name),
    year: String(y.department.year),
    prior: String(y.prior_year.year),
    unit,
    decimals,
    numFmt: decimals === 2 ? '#,##0.00' : '#,##0',
  };
}

// ---- derived figures (sums as exact decimals) ----

const UNIT_KINDS = ['business', 'operating', 'superior', 'affiliated', 'other'] as const;
const GENERAL_KINDS = ['basic', 'performance', 'special', 'investment'] as const;
const THREE_PUBLIC = ['total', 'abroad', 'reception', 'vehicles', 'vehicle_purchase', 'vehicle_running'] as const;

const generalTotal = (y: Yaml) => sum(GENERAL_KINDS.map((k) => amount(y.income.general[k])));
const unitTotal = (y: Yaml) => sum(UNIT_KINDS.map((k) => amount(y.income.unit_funds[k])));
const government = (y: Yaml) => generalTotal(y) + amount(y.income.gov_fund) + amount(y.income.soe);
const currentIncome = (y: Yaml) => government(y) + amount(y.income.special_account) + unitTotal(y);
const incomeTotal = (y: Yaml) => currentIncome(y) + amount(y.income.carryover);

/** A project's funding by source; a project that declares none is funded by the general budget. */
const sources = (p: Yaml): Record<string, Amount> =>
  p.by_source ? Object.fromEntries(Object.entries(p.by_source).map(([k, v]) => [k, amount(v)])) : { general: amount(p.amount) };
const projectSum = (y: Yaml, source: string, kind?: string) =>
  sum((y.projects as Yaml[]).filter((p) => kind === undefined || p.kind === kind).map((p) => sources(p)[source] ?? 0n));

/** A functional row's total: declared, or the sum of its leaf descendants (a row may omit its subtotal). */
function functionalTotal(y: Yaml, code: string, col: 'total' | 'basic' | 'project'): Amount {
  const rows = y.functional.rows as Yaml[];
  const row = rows.find((r) => String(r.code) === code)!;
  if (row[col] !== undefined) return amount(row[col]);
  const children = rows.filter((r) => String(r.code).startsWith(code) && String(r.code).length === code.length + 2);
  return sum(children.map((c) => functionalTotal(y, String(c.code), col)));
}

// ---- reading the workbook ----

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, caption: string): ExcelJS.Worksheet {
  const ws = wb.worksheets.find((w) => w.name.startsWith(`${caption} `));
  if (!ws) throw new Error(`no sheet ${caption} in ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
}

/** The row whose cell in `col` reads `text` (merged cells repeat their text: the first such row). */
function rowOf(ws: ExcelJS.Worksheet, col: string, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(`${col}${r}`).text.trim() === text) return r;
  throw new Error(`${ws.name}: no row with "${text}" in column ${col}`);
}

/** A figure cell: a number (a formula's cached result counts), formatted as the unit wants. */
function expectFigure(ws: ExcelJS.Worksheet, address: string, want: Amount, e: Expected): void {
  const cell = ws.getCell(address);
  const v = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  expect(typeof v, `${ws.name}!${address} is a number`).toBe('number');
  expect(v, `${ws.name}!${address}`).toBe(toNumber(want));
  expect(cell.numFmt, `${ws.name}!${address} number format`).toBe(e.numFmt);
}

/** Figures along a row from a column letter on. */
function expectRow(ws: ExcelJS.Worksheet, row: number, fromCol: string, want: Amount[], e: Expected): void {
  const start = fromCol.charCodeAt(0);
  want.forEach((w, i) => expectFigure(ws, `${String.fromCharCode(start + i)}${row}`, w, e));
}

// ---- reading the PDF ----

/** Some line of the table's text holds these figures, consecutively and whole. */
function expectLine(lines: string[], want: string[], what: string): void {
  const ok = lines.some((l) => {
    const f = figures(l);
    return f.some((_, i) => want.every((w, k) => f[i + k] === w));
  });
  expect(ok, `${what}: ${want.join(' ')} on one line`).toBe(true);
}

for (const dir of FIXTURES) {
  describe(dir, () => {
    const e = expected(dir);
    const { y } = e;
    const f = (v: Amount) => fmt(v, e.decimals);
    const outYear = e.year;

    it('the fixture is consistent as written (the expectations below rest on it)', async () => {
      expect(incomeTotal(y)).toBe(amount(y.income.total));
      expect(generalTotal(y)).toBe(amount(y.income.general.total));
      expect(amount(y.expenditure.total)).toBe(amount(y.income.total));
      for (const k of THREE_PUBLIC) expect(amount(y.three_public.change[k]), k).toBe(amount(y.three_public.this_year[k]) - amount(y.three_public.last_year[k]));
    });

    describe('the workbook (exceljs): figures at their cells, as numbers', () => {
      let wb: ExcelJS.Workbook;
      beforeAll(async () => {
        wb = await workbook(output(outYear, '.xlsx'));
      });

      it('表1: income lines and totals, a 类 row of the expenditure side', async () => {
        const ws = sheet(wb, '表1');
        expectFigure(ws, `B${rowOf(ws, 'A', '收入总计')}`, incomeTotal(y), e);
        expectFigure(ws, `B${rowOf(ws, 'A', '本年收入合计')}`, currentIncome(y), e);
        expectFigure(ws, `B${rowOf(ws, 'A', '一、政府预算拨款')}`, government(y), e);
        expectFigure(ws, `B${rowOf(ws, 'A', '1.一般公共预算拨款')}`, generalTotal(y), e);
        expectFigure(ws, `B${rowOf(ws, 'A', '2.政府性基金预算拨款')}`, amount(y.income.gov_fund), e);
        expectFigure(ws, `B${rowOf(ws, 'A', '三、单位资金')}`, unitTotal(y), e);
        expectFigure(ws, `B${rowOf(ws, 'A', '1.事业收入')}`, amount(y.income.unit_funds.business), e);
        expectFigure(ws, `B${rowOf(ws, 'A', '上年结余、结转')}`, amount(y.income.carryover), e);
        expectFigure(ws, `D${rowOf(ws, 'C', '支出总计')}`, amount(y.expenditure.total), e);
        const first = (y.functional.rows as Yaml[])[0];
        expectFigure(ws, `D${rowOf(ws, 'C', `一、${first.name}`)}`, functionalTotal(y, String(first.code), 'total'), e);
      });

      it('表2: the department row, every funding source in its column', async () => {
        const ws = sheet(wb, '表2');
        const inc = y.income;
        expectRow(ws, rowOf(ws, 'A', e.name), 'B', [
          incomeTotal(y),
          generalTotal(y),
          ...GENERAL_KINDS.map((k) => amount(inc.general[k])),
          amount(inc.gov_fund),
          amount(inc.soe),
          amount(inc.special_account),
          ...UNIT_KINDS.map((k) => amount(inc.unit_funds[k])),
          amount(inc.carryover),
        ], e);
      });

      it('表3: the department row and every 类 row (total, basic, project)', async () => {
        const ws = sheet(wb, '表3');
        const total = y.functional.total;
        const proc = total.procurement;
        expectRow(ws, rowOf(ws, 'A', e.name), 'D', [amount(total.total), amount(total.basic), amount(total.project), amount(proc.total), amount(proc.sme), amount(proc.micro)], e);
        const classes = (y.functional.rows as Yaml[]).filter((r) => String(r.code).length === 3);
        expect(classes.length).toBeGreaterThan(0);
        for (const c of classes) {
          const code = String(c.code);
          expectRow(ws, rowOf(ws, 'B', code), 'D', [functionalTotal(y, code, 'total'), functionalTotal(y, code, 'basic'), functionalTotal(y, code, 'project')], e);
        }
        // The 类 rows add up to the department's total.
        expect(sum(classes.map((c) => functionalTotal(y, String(c.code), 'total')))).toBe(amount(total.total));
      });

      it('表9: the prior year, this year and the change, each 三公 column', async () => {
        const ws = sheet(wb, '表9');
        const tp = y.three_public;
        for (const [label, key] of [[`${e.prior} 年`, 'last_year'], [`${e.year} 年`, 'this_year'], ['增减变化金额', 'change']] as const) {
          expectRow(ws, rowOf(ws, 'B', label), 'C', THREE_PUBLIC.map((k) => amount(tp[key][k])), e);
        }
      });

      it('表12: the task rows and 金额合计', async () => {
        const ws = sheet(wb, '表十二');
        const perf = y.performance;
        for (const t of perf.tasks as Yaml[]) expectRow(ws, rowOf(ws, 'B', String(t.name)), 'D', [amount(t.total), amount(t.fiscal), amount(t.other)], e);
        const tasks = perf.tasks as Yaml[];
        expectRow(ws, rowOf(ws, 'B', '金额合计'), 'D', [sum(tasks.map((t) => amount(t.total))), sum(tasks.map((t) => amount(t.fiscal))), sum(tasks.map((t) => amount(t.other)))], e);
      });
    });

    describe('the PDF (pdftotext -layout): narrative sentences and each table’s department row', () => {
      let body: string[];
      let text: string;
      let tables: ReturnType<typeof tableTexts>;
      beforeAll(async () => {
        body = bodyLines(pdfText(output(outYear, '.pdf')));
        text = norm(body.join('\n'));
        tables = tableTexts(body);
      });
      const change = (now: Amount, before: Amount, unit: string) => {
        const d = now - before;
        const word = d < 0n ? '减少' : '增加';
        const rate = before === 0n ? '增长--（去年基数为 0，不可比）' : `${d < 0n ? '下降' : '增长'}${percent(d, before)}%`;
        return `${word} ${f(d < 0n ? -d : d)} ${unit}，${rate}`;
      };

      it('Part 1: staffing', async () => {
        const s = y.department.staffing_total;
        expect(text).toContain(norm(`共 ${(y.department.units as Yaml[]).length} 家基层单位`));
        expect(text).toContain(norm(`行政编制总数 ${s.admin_quota} 人，实有在编人数 ${s.admin_actual} 人；事业编制总数 ${s.inst_quota} 人，实有在编人数 ${s.inst_actual} 人；离休 ${s.retired_veteran} 人，退休 ${s.retired} 人`));
      });

      it('Part 2: income and expenditure against the prior year', async () => {
        const before = amount(y.prior_year.income_total);
        expect(text).toContain(norm(`${e.year} 年${e.name}部门预算收入 ${f(incomeTotal(y))} ${e.unit}，比 ${e.prior} 年${change(incomeTotal(y), before, e.unit)}`));
        const spent = amount(y.expenditure.total);
        expect(text).toContain(norm(`${e.year} 年部门预算支出 ${f(spent)} ${e.unit}，比 ${e.prior} 年${change(spent, amount(y.prior_year.expenditure_total), e.unit)}`));
      });

      it('Part 5: 三公 against the prior year', async () => {
        const tp = y.three_public;
        const now = amount(tp.this_year.total);
        expect(text).toContain(norm(`${e.year} 年“三公”经费预算 ${f(now)} ${e.unit}，比 ${e.prior} 年预算${change(now, amount(tp.last_year.total), e.unit)}`));
      });

      it('Part 8: 机关运行经费 against the prior year', async () => {
        const now = amount(y.running_cost);
        const before = amount(y.prior_year.running_cost);
        // With a zero base the sentence gives no amount of change, only that it cannot be compared.
        const rest = before === 0n ? '增长--（去年基数为 0，不可比）' : change(now, before, e.unit);
        expect(text).toContain(norm(`${e.year} 年${e.name}机关运行经费财政拨款预算 ${f(now)} ${e.unit}，比 ${e.prior} 年预算 ${f(before)} ${e.unit}，${rest}`));
      });

      it('every table is printed; each one’s department (or total) row has its figures whole on one line', async () => {
        expect(tables.map((t) => t.caption)).toEqual(['表1', '表2', '表3', '表4', '表5', '表6', '表7', '表8', '表9', '表10', '表11', '表十二']);
        const at = (caption: string) => tables.find((t) => t.caption === caption)!.lines;
        const inc = y.income;
        const F = (xs: Amount[]) => xs.map(f);
        // 表1 and 表6: the totals row (income left, expenditure right).
        expectLine(at('表1'), F([incomeTotal(y), amount(y.expenditure.total)]), '表1 收入总计');
        expectLine(at('表6'), F([government(y)]), '表6 本年收入合计');
        // 表2: all 15 figures.
        expectLine(at('表2'), F([incomeTotal(y), generalTotal(y), ...GENERAL_KINDS.map((k) => amount(inc.general[k])), amount(inc.gov_fund), amount(inc.soe), amount(inc.special_account), ...UNIT_KINDS.map((k) => amount(inc.unit_funds[k])), amount(inc.carryover)]), '表2');
        // 表3: the functional total with procurement.
        const t = y.functional.total;
        expectLine(at('表3'), F([t.total, t.basic, t.project, t.procurement.total, t.procurement.sme, t.procurement.micro].map(amount)), '表3');
        // 表4: basic expenditure, all from the general budget in both fixtures.
        const basic = amount(y.economic.total.basic);
        expect(basic).toBe(amount(inc.general.basic));
        expectLine(at('表4'), F([basic, basic, basic, ...Array<Amount>(9).fill(0n)]), '表4');
        // 表5: projects by funding source.
        const gen = ['performance', 'special', 'investment'].map((k) => projectSum(y, 'general', k));
        const fund = projectSum(y, 'gov_fund');
        const soe = projectSum(y, 'soe');
        const unitSrc = ['unit_business', 'unit_operating', 'unit_superior', 'unit_affiliated', 'unit_other'].map((k) => projectSum(y, k));
        const projects = sum((y.projects as Yaml[]).map((p) => amount(p.amount)));
        expectLine(at('表5'), F([projects, sum(gen) + fund + soe, ...gen, fund, soe, 0n, ...unitSrc, projectSum(y, 'carryover')]), '表5');
        // 表7 and 表8: the general budget's spending, basic and project.
        const general = [amount(inc.general.basic) + projectSum(y, 'general'), amount(inc.general.basic), projectSum(y, 'general')];
        expectLine(at('表7'), F(general), '表7');
        expectLine(at('表8'), F(general), '表8');
        // 表9: the three rows.
        for (const key of ['last_year', 'this_year', 'change'] as const) expectLine(at('表9'), F(THREE_PUBLIC.map((k) => amount(y.three_public[key][k]))), `表9 ${key}`);
        // 表10 and 表11: the fund budgets (project spending only).
        expectLine(at('表10'), F([fund, 0n, fund]), '表10');
        expectLine(at('表11'), F([soe, 0n, soe]), '表11');
        // 表十二: 金额合计.
        const tasks = y.performance.tasks as Yaml[];
        expectLine(at('表十二'), F([sum(tasks.map((x) => amount(x.total))), sum(tasks.map((x) => amount(x.fiscal))), sum(tasks.map((x) => amount(x.other)))]), '表十二 金额合计');
      });

      if (e.decimals === 2) {
        it('表2 (16 columns, landscape): every figure of the department row is whole — none broken across lines', async () => {
          const lines = tables.find((t) => t.caption === '表2')!.lines;
          const all = lines.flatMap(figures);
          // No line of the table holds a fragment of a figure ("3,341,357.8" over "2").
          expect(all.filter((x) => !/^-?\d{1,3}(,\d{3})*\.\d\d$/.test(x))).toEqual([]);
          expect(all).toHaveLength(15);
        });
      }
    });
  });
}
