import type { Lang, Localized } from '../diagnostics/diagnostic.js';
import { displayWidth } from '../diagnostics/text.js';
import { isZero, percent, sub, toPlain, ZERO, type Dec } from '../money/decimal.js';
import { GENERAL_KINDS, type Budget, type ClassRow, type Fig, type Unit } from '../model/budget.js';
import { GENERAL_KIND_NAMES, SOURCE_NAMES, THREE_PUBLIC_NAMES, UNIT_FUNDS_NAME } from '../model/index.js';
import { convert } from './prior.js';

/**
 * `budget diff A B`: two department-years side by side, table row by table row — totals and income
 * by source, functional and economic rows by code, projects by name, 三公, 机关运行经费, procurement —
 * with B − A and the change in percent of A. Pure: a function of the two loaded budgets. A's
 * figures are converted to B's unit when the two differ (1 万元 = 10,000 元).
 */

export interface DiffColumn {
  /** `total`, `basic`, `project`, or `amount` for single-figure rows. */
  readonly name: string;
  /** Exact plain decimals; null when the row does not exist on that side. */
  readonly a: string | null;
  readonly b: string | null;
  /** b − a (a missing side counts as 0). */
  readonly change: string;
  /** change / a × 100, one decimal; null when a is missing or 0 (not comparable). */
  readonly percent: string | null;
}

export interface DiffRow {
  readonly section: 'totals' | 'functional' | 'economic' | 'projects' | 'three_public' | 'running_cost' | 'procurement';
  /** Stable key within the section: a code, a project name, a field name. */
  readonly key: string;
  readonly label: Localized;
  /** Indent level (类 0, 款 1, 项 2) for classification rows. */
  readonly level: number;
  readonly columns: readonly DiffColumn[];
}

export interface BudgetDiff {
  readonly a: { readonly dir: string; readonly department: string; readonly year: number; readonly unit: Unit };
  readonly b: { readonly dir: string; readonly department: string; readonly year: number; readonly unit: Unit };
  /** The unit of every figure in the diff (B's). */
  readonly unit: Unit;
  readonly rows: readonly DiffRow[];
}

export const SECTION_TITLES: Record<DiffRow['section'], Localized> = {
  totals: { zh: '收支总计与收入来源', en: 'Totals and income by source' },
  functional: { zh: '支出功能分类', en: 'Expenditure by function' },
  economic: { zh: '支出经济分类', en: 'Expenditure by economic class' },
  projects: { zh: '项目支出', en: 'Projects' },
  three_public: { zh: '“三公”经费', en: 'Three public expenses' },
  running_cost: { zh: '机关运行经费', en: 'Running cost' },
  procurement: { zh: '政府采购', en: 'Government procurement' },
};

/** A part's label under its whole: an ideographic space in Chinese, two spaces in English. */
const indented = (l: Localized): Localized => ({ zh: `　${l.zh}`, en: `  ${l.en}` });

export function diffBudgets(A: Budget, B: Budget): BudgetDiff {
  const unit = B.department.unit;
  const conv = (d: Dec) => convert(d, A.department.unit, unit);
  const col = (name: string, a: Fig | Dec | undefined, b: Fig | Dec | undefined): DiffColumn => {
    const av = a === undefined ? undefined : conv('value' in a ? a.value : a);
    const bv = b === undefined ? undefined : 'value' in b ? b.value : b;
    const change = sub(bv ?? ZERO, av ?? ZERO);
    return {
      name,
      a: av === undefined ? null : toPlain(av),
      b: bv === undefined ? null : toPlain(bv),
      change: toPlain(change),
      percent: av === undefined || isZero(av) ? null : toPlain(percent(change, av, 1)),
    };
  };
  const rows: DiffRow[] = [];
  const one = (section: DiffRow['section'], key: string, label: Localized, a: Fig | undefined, b: Fig | undefined, level = 0) =>
    rows.push({ section, key, label, level, columns: [col('amount', a, b)] });

  // Totals and income by source.
  const inc = (x: Budget) => x.income;
  const totals: [string, Localized, (x: Budget) => Fig][] = [
    ['income.total', { zh: '收入总计', en: 'income total' }, (x) => inc(x).total],
    ['income.current_total', { zh: '本年收入合计', en: 'current-year income' }, (x) => inc(x).current_total],
    ['income.general', SOURCE_NAMES.general, (x) => inc(x).general],
    ...GENERAL_KINDS.map((k): [string, Localized, (x: Budget) => Fig] => [`income.general.${k}`, indented(GENERAL_KIND_NAMES[k]), (x) => inc(x).general_kinds[k]]),
    ['income.gov_fund', SOURCE_NAMES.gov_fund, (x) => inc(x).gov_fund],
    ['income.soe', SOURCE_NAMES.soe, (x) => inc(x).soe],
    ['income.special_account', SOURCE_NAMES.special_account, (x) => inc(x).special_account],
    ['income.unit_funds', UNIT_FUNDS_NAME, (x) => inc(x).unit_funds],
    ['income.carryover', SOURCE_NAMES.carryover, (x) => inc(x).carryover],
    ['expenditure.total', { zh: '支出总计', en: 'expenditure total' }, (x) => x.expenditure.total],
    ['expenditure.current_total', { zh: '本年支出合计', en: 'current-year expenditure' }, (x) => x.expenditure.current_total],
    ['expenditure.carry_forward', { zh: '结转下年', en: 'carried forward' }, (x) => x.expenditure.carry_forward],
  ];
  for (const [key, label, get] of totals) one('totals', key, label, get(A), get(B));

  // Classifications by code, in B's order, then rows only A has (in A's order).
  const classified = (section: 'functional' | 'economic', ca: readonly ClassRow[], cb: readonly ClassRow[], ta: ClassRow, tb: ClassRow) => {
    const cols = (a: ClassRow | undefined, b: ClassRow | undefined) => [col('total', a?.total, b?.total), col('basic', a?.basic, b?.basic), col('project', a?.project, b?.project)];
    rows.push({ section, key: '', label: { zh: '合计', en: 'total' }, level: 0, columns: cols(ta, tb) });
    const byA = new Map(ca.map((r) => [r.code.text, r]));
    const seen = new Set<string>();
    for (const r of merge(ca, cb)) {
      const code = r.code.text;
      if (seen.has(code)) continue;
      seen.add(code);
      const a = byA.get(code);
      const b = cb.find((x) => x.code.text === code);
      rows.push({ section, key: code, label: { zh: `${code} ${r.name.text}`, en: `${code} ${r.name.text}` }, level: r.level - 1, columns: cols(a, b) });
    }
  };
  classified('functional', A.functional.rows, B.functional.rows, A.functional.total, B.functional.total);
  classified('economic', A.economic.rows, B.economic.rows, A.economic.total, B.economic.total);

  // Projects by name.
  const pa = new Map(A.projects.map((p) => [p.name.text, p]));
  const pb = new Map(B.projects.map((p) => [p.name.text, p]));
  for (const name of [...pb.keys(), ...[...pa.keys()].filter((n) => !pb.has(n))])
    one('projects', name, { zh: name, en: name }, pa.get(name)?.amount, pb.get(name)?.amount);

  // 三公: each year's own budget row (B's last_year is, or should be, A's this_year).
  const tp: [keyof Budget['three_public']['this_year'], Localized][] = [
    ['total', { zh: '合计', en: 'total' }],
    ['abroad', THREE_PUBLIC_NAMES.abroad],
    ['reception', THREE_PUBLIC_NAMES.reception],
    ['vehicles', THREE_PUBLIC_NAMES.vehicles],
    ['vehicle_purchase', indented(THREE_PUBLIC_NAMES.vehicle_purchase)],
    ['vehicle_running', indented(THREE_PUBLIC_NAMES.vehicle_running)],
  ];
  for (const [k, label] of tp) one('three_public', k, label, A.three_public.this_year[k], B.three_public.this_year[k]);

  one('running_cost', 'running_cost', { zh: '机关运行经费财政拨款预算', en: 'running cost (appropriation)' }, A.running_cost, B.running_cost);

  const pr: ['total' | 'goods' | 'works' | 'services', Localized][] = [
    ['total', { zh: '政府采购预算', en: 'procurement total' }],
    ['goods', { zh: '货物采购', en: 'goods' }],
    ['works', { zh: '工程采购', en: 'works' }],
    ['services', { zh: '服务采购', en: 'services' }],
  ];
  for (const [k, label] of pr) one('procurement', k, label, A.procurement[k], B.procurement[k]);

  const who = (x: Budget) => ({ dir: x.dir, department: x.department.name.text, year: x.department.year, unit: x.department.unit });
  return { a: who(A), b: who(B), unit, rows };
}

/**
 * B's rows in B's order, with A-only rows slotted in after the row that precedes them in A (so a
 * dropped 项 stays under its 款).
 */
function merge(a: readonly ClassRow[], b: readonly ClassRow[]): ClassRow[] {
  const inB = new Set(b.map((r) => r.code.text));
  const out = [...b];
  let prev: string | undefined;
  for (const r of a) {
    if (!inB.has(r.code.text)) {
      const at = prev === undefined ? 0 : out.findIndex((x) => x.code.text === prev) + 1;
      out.splice(at, 0, r);
    }
    prev = r.code.text;
  }
  return out;
}

export interface DiffFormatOptions {
  readonly lang: Lang;
  /** Only rows where some figure changed. */
  readonly changedOnly?: boolean;
}

/** The terminal table: per section, each row's total figure (A, B, change, percent). */
export function formatDiff(d: BudgetDiff, o: DiffFormatOptions): string {
  const zh = o.lang === 'zh';
  const ha = d.a.year !== d.b.year ? String(d.a.year) : 'A';
  const hb = d.a.year !== d.b.year ? String(d.b.year) : 'B';
  const unitText = zh ? d.unit : d.unit === '万元' ? '10,000 yuan' : 'yuan';
  const out: string[] = [];
  out.push(
    zh
      ? `${d.a.department} ${d.a.year} 年（${d.a.dir}）→ ${d.b.department} ${d.b.year} 年（${d.b.dir}），单位：${unitText}`
      : `${d.a.department} ${d.a.year} (${d.a.dir}) → ${d.b.department} ${d.b.year} (${d.b.dir}), unit: ${unitText}`,
  );
  if (d.a.unit !== d.b.unit) out.push(zh ? `（${d.a.year} 年的数字已由${d.a.unit}换算为${d.b.unit}）` : `(${d.a.year} figures converted from ${d.a.unit} to ${d.b.unit})`);
  const head = [zh ? '项目' : 'row', ha, hb, zh ? '增减' : 'change', zh ? '增减%' : 'change %'];
  let changed = 0;
  for (const section of Object.keys(SECTION_TITLES) as DiffRow['section'][]) {
    const rows = d.rows.filter((r) => r.section === section && (!o.changedOnly || r.columns.some((c) => !isZeroText(c.change) || (c.a === null) !== (c.b === null))));
    if (!rows.length) continue;
    const body = rows.map((r) => {
      const c = r.columns[0];
      if (!isZeroText(c.change)) changed++;
      return [
        '　'.repeat(r.level) + r.label[o.lang],
        c.a === null ? '—' : fmt(c.a),
        c.b === null ? '—' : fmt(c.b),
        signedFmt(c.change),
        c.percent === null ? (c.a === null ? (zh ? '新增' : 'new') : isZeroText(c.change) ? '' : '--') : (isZeroText(c.percent) ? '0.0' : signedFmt(c.percent)) + '%',
      ];
    });
    const widths = head.map((h, k) => Math.max(displayWidth(h), ...body.map((r) => displayWidth(r[k]))));
    const line = (cells: string[]) =>
      cells.map((s, k) => (k === 0 ? s + ' '.repeat(widths[k] - displayWidth(s)) : ' '.repeat(widths[k] - displayWidth(s)) + s)).join('  ').trimEnd();
    out.push('', SECTION_TITLES[section][o.lang], line(head), ...body.map(line));
  }
  out.push('', zh ? `共 ${d.rows.length} 行，${changed} 行有变化。` : `${d.rows.length} rows, ${changed} changed.`);
  return out.join('\n') + '\n';
}

function isZeroText(s: string): boolean {
  return /^-?0(\.0*)?$/.test(s);
}

function fmt(plain: string): string {
  const neg = plain.startsWith('-');
  const [int, frac] = plain.replace('-', '').split('.');
  return (neg ? '-' : '') + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? '.' + frac : '');
}

function signedFmt(plain: string): string {
  if (isZeroText(plain)) return '0';
  return plain.startsWith('-') ? fmt(plain) : '+' + fmt(plain);
}

/** The JSON form: `{ version, a, b, unit, rows }`, figures as exact decimal strings. */
export function diffJson(d: BudgetDiff): string {
  return JSON.stringify({ version: 1, ...d }, null, 2) + '\n';
}

