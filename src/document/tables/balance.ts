import type { ClassRow, Source } from '../../model/budget.js';
import { GOVERNMENT_NAME, SOURCE_NAMES, UNIT_FUNDS_NAME, sourceHeading } from '../../model/index.js';
import { type Dec, add } from '../../money/decimal.js';
import { cellFact, expenditureFact, incomeFact, type IncomeKey } from '../../model/facts.js';
import type { HeaderNode } from '../model.js';
import type { TableDecl } from '../../profile/index.js';
import { type MutRow, type Shown, blank, cnNumber, linkSum, num, numOf, text } from '../cells.js';
import { GOVERNMENT, type KindFacts, type TableBody, type TableCtx, UNIT_SOURCES, addAll, amountFromShown, declaredHeader, fundedFrom, linkIdentities, linkRollUp, shownTree, type ShownTree } from './common.js';

/** One line of either side: its label, figure, indent, and the lines (same side) it totals. */
interface Line {
  readonly label: string;
  readonly value: Dec;
  /** The budget's figures the line shows (src/model/facts.ts). */
  readonly facts: readonly string[];
  readonly indent: number;
  readonly level?: number;
}

function expenditureLines(rows: readonly ClassRow[], amount: (r: ClassRow) => Shown): Line[] {
  const lines: Line[] = [];
  let n = 0;
  rows.forEach((r) => {
    const top = r.level === 1;
    lines.push({
      label: top ? `${cnNumber(++n)}、${r.name.text}` : r.name.text,
      ...amount(r),
      indent: r.level - 1,
      level: r.level,
    });
  });
  return lines;
}

interface Sides {
  readonly income: readonly Line[];
  readonly expenditure: readonly Line[];
  /** The functional classification's tree among the expenditure lines (a line per shown row). */
  readonly tree: ShownTree;
  readonly totals: {
    readonly incomeCurrent: Shown;
    readonly carryover: Shown;
    readonly incomeTotal: Shown;
    readonly expenditureCurrent: Shown;
    readonly carryForward: Shown;
    readonly expenditureTotal: Shown;
  };
  /** Income lines that make 本年收入合计. */
  readonly incomeTop: readonly number[];
}

function twoSided(ctx: TableCtx, s: Sides, header: HeaderNode[]): TableBody {
  const { f } = ctx;
  const rows: MutRow[] = [];
  const lines = Math.max(s.income.length, s.expenditure.length);
  for (let i = 0; i < lines; i++) {
    const a = s.income[i];
    const b = s.expenditure[i];
    // Each side is shaded by its own top lines (收入's 一、二、三, 支出's 类), not the row by the other's.
    const shadeA = a !== undefined && s.incomeTop.includes(i);
    const shadeB = b?.level === 1;
    const shade = (on: boolean) => (on ? { shade: true } : {});
    rows.push({
      cells: [
        a ? { ...text(a.label, { indent: a.indent }), ...shade(shadeA) } : blank(),
        a ? { ...num(a.value, f, a.facts), ...shade(shadeA) } : blank(),
        b ? { ...text(b.label, { indent: b.indent }), ...shade(shadeB) } : blank(),
        b ? { ...num(b.value, f, b.facts), ...shade(shadeB) } : blank(),
      ],
    });
  }
  const t = s.totals;
  const cur = rows.length;
  rows.push({ cells: [text('本年收入合计'), numOf(t.incomeCurrent, f), text('本年支出合计'), numOf(t.expenditureCurrent, f)], style: 'total' });
  rows.push({ cells: [text(SOURCE_NAMES.carryover.zh), numOf(t.carryover, f), text('结转下年'), numOf(t.carryForward, f)] });
  rows.push({ cells: [text('收入总计'), numOf(t.incomeTotal, f), text('支出总计'), numOf(t.expenditureTotal, f)], style: 'total' });

  // The income side's subtotals and both totals are the declared identities (src/model/identities.ts);
  // the expenditure side's rows add up by the classification's roll-up, 本年支出合计 being the
  // department row (a row's total, or its part from the summary's sources: both roll up).
  linkIdentities(rows, 'column', f.unit);
  linkRollUp(rows, 'functional', s.tree, cur, (i) => i, [3], ['total'], f.unit, '各组成项之和');

  return {
    header,
    columns: [
      { width: 3, kind: 'text' },
      { width: 1.5, kind: 'number' },
      { width: 3.8, kind: 'text' },
      { width: 1.5, kind: 'number' },
    ],
    rows,
  };
}

type SummaryDecl = Extract<TableDecl, { kind: 'income-expenditure-summary' }>;

/**
 * The two-sided 收入 | 支出 summary: with `funds: all` every income line against the functional
 * classification; with `funds: fiscal` the same restricted to government appropriations.
 */
export function incomeExpenditureSummary(ctx: TableCtx, d: SummaryDecl): TableBody {
  const header = declaredHeader(ctx, d.header);
  return d.funds === 'all' ? allFunds(ctx, header) : fiscalFunds(ctx, header);
}

/** The income lines under 政府预算拨款 (both summaries): one per government source, labelled by `label`. */
function governmentLines(ctx: TableCtx, label: (s: Source, i: number) => string): Line[] {
  // The income model names these three figures as the sources are named.
  const fig = (s: Source) => ctx.budget.income[s as 'general' | 'gov_fund' | 'soe'];
  return GOVERNMENT.map((s, i) => ({ label: label(s, i), value: fig(s).value, facts: [incomeFact(s as IncomeKey)], indent: 1 }));
}

/** All income on the left, functional expenditure on the right. */
function allFunds(ctx: TableCtx, header: HeaderNode[]): TableBody {
  const { income, expenditure, functional } = ctx.budget;
  const u = income.unit;
  const unitValues = [u.business, u.operating, u.superior, u.affiliated, u.other];
  const unitKeys = ['unit.business', 'unit.operating', 'unit.superior', 'unit.affiliated', 'unit.other'] as const;
  const incomeLines: Line[] = [
    { label: `一、${GOVERNMENT_NAME.zh}`, value: income.government.value, facts: [incomeFact('government')], indent: 0 },
    ...governmentLines(ctx, (s, i) => `${i + 1}.${SOURCE_NAMES[s].zh}`),
    { label: `二、${SOURCE_NAMES.special_account.zh}`, value: income.special_account.value, facts: [incomeFact('special_account')], indent: 0 },
    { label: `三、${UNIT_FUNDS_NAME.zh}`, value: income.unit_funds.value, facts: [incomeFact('unit_funds')], indent: 0 },
    ...UNIT_SOURCES.map((s, i) => ({ label: `${i + 1}.${sourceHeading(s)}`, value: unitValues[i].value, facts: [incomeFact(unitKeys[i])], indent: 1 })),
  ];
  return twoSided(
    ctx,
    {
      income: incomeLines,
      expenditure: expenditureLines(functional.rows, (r) => ({ value: r.total.value, facts: [cellFact('functional', r.code.text, 'total')] })),
      tree: shownTree(functional, functional.rows),
      incomeTop: [0, 4, 5],
      totals: {
        incomeCurrent: { value: income.current_total.value, facts: [incomeFact('current_total')] },
        carryover: { value: income.carryover.value, facts: [incomeFact('carryover')] },
        incomeTotal: { value: income.total.value, facts: [incomeFact('total')] },
        expenditureCurrent: { value: expenditure.current_total.value, facts: [expenditureFact('current_total')] },
        carryForward: { value: expenditure.carry_forward.value, facts: [expenditureFact('carry_forward')] },
        expenditureTotal: { value: expenditure.total.value, facts: [expenditureFact('total')] },
      },
    },
    header,
  );
}

/**
 * The sources whose spending the fiscal summary lists. The income side is 政府预算拨款 plus the department's
 * 上年结余、结转, so the model's `carryover` is read as fiscal carryover (appropriations of earlier
 * years, the usual content of that line: the format has no separate carryover of 单位资金), and
 * the expenditure side takes the spending funded by it too. Both sides then hold the same money
 * and 收入总计 = 支出总计 whenever the all-funds summary balances.
 */
const FISCAL: readonly Source[] = [...GOVERNMENT, 'carryover'];

/** The summary restricted to government appropriations and their carryover. */
function fiscalFunds(ctx: TableCtx, header: HeaderNode[]): TableBody {
  const { income, expenditure, functional } = ctx.budget;
  const rows = functional.rows.filter((r) => fundedFrom(r, FISCAL));
  const gov = (r: ClassRow) => amountFromShown('functional', r, 'total', FISCAL);
  const spent = gov(functional.total);
  const government = { value: income.government.value, facts: [incomeFact('government')] };
  const carryover = { value: income.carryover.value, facts: [incomeFact('carryover')] };
  const carryForward = { value: expenditure.carry_forward.value, facts: [expenditureFact('carry_forward')] };
  return twoSided(
    ctx,
    {
      income: [
        { label: GOVERNMENT_NAME.zh, ...government, indent: 0 },
        ...governmentLines(ctx, (s) => SOURCE_NAMES[s].zh),
      ],
      expenditure: expenditureLines(rows, gov),
      tree: shownTree(functional, rows),
      incomeTop: [0],
      totals: {
        incomeCurrent: government,
        carryover,
        incomeTotal: { value: add(government.value, carryover.value), facts: [...government.facts, ...carryover.facts] },
        expenditureCurrent: spent,
        carryForward,
        expenditureTotal: { value: add(spent.value, carryForward.value), facts: [...spent.facts, ...carryForward.facts] },
      },
    },
    header,
  );
}

/** The income figures of the all-funds summary's left side, in its order. */
const ALL_FUNDS_INCOME: readonly IncomeKey[] = ['government', ...(GOVERNMENT as IncomeKey[]), 'special_account', 'unit_funds', 'unit.business', 'unit.operating', 'unit.superior', 'unit.affiliated', 'unit.other'];

/** The facts the summary's cells show (`incomeExpenditureSummary`): every line and total shows its figures'. */
export const incomeExpenditureSummaryFacts: KindFacts<SummaryDecl> = {
  cls: () => 'functional',
  fixed: (b, d, out) => {
    if (d.funds === 'all') {
      for (const k of ALL_FUNDS_INCOME) out.add(incomeFact(k));
      for (const k of ['current_total', 'carryover', 'total'] as const) out.add(incomeFact(k));
      for (const k of ['current_total', 'carry_forward', 'total'] as const) out.add(expenditureFact(k));
      return;
    }
    for (const k of ['government', ...GOVERNMENT, 'carryover'] as IncomeKey[]) out.add(incomeFact(k));
    out.add(expenditureFact('carry_forward'));
    addAll(out, amountFromShown('functional', b.functional.total, 'total', FISCAL).facts);
  },
  row: (r, d, out) => {
    if (d.funds === 'all') out.add(cellFact('functional', r.code.text, 'total'));
    else if (fundedFrom(r, FISCAL)) addAll(out, amountFromShown('functional', r, 'total', FISCAL).facts);
  },
};
