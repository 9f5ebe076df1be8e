import { FUNDS, ROW_INCOME_KEYS, type ClassRow, type Fig, type Fund, type Source } from '../../model/budget.js';
import { SOURCE_NAMES, THREE_PUBLIC_NAMES, sourceHeading } from '../../model/index.js';
import { type Dec, ZERO, round, sum, toPlain } from '../../money/decimal.js';
import type { RuleCtx, Term } from '../context.js';
import { L } from '../labels.js';
import type { Rule } from '../rule.js';
import { tolOf } from '../tolerance.js';
import { COL_TOTAL, columnOf, walk, type ClassNode } from '../view.js';
import { amountOf } from './layout-util.js';
import { rollUpColumns } from '../../model/identities.js';

const INCOME_ROLL_UP = rollUpColumns('functional', 'sum/row-income');

/*
 * Identities of layouts whose tables print the same figure twice in different shapes: a summary's
 * split by fund per 类 beside the per-fund tables, an income table per 科目 beside the expenditure
 * table, 人员经费 | 公用经费 beside 基本支出, 三公 and 机关运行经费 in 万元 beside economic rows in 元.
 * Each names the tables the profile prints the figures in (ctx.tables), so one finding says which
 * two cells of which two tables disagree and by how much.
 */

const FUND_NAMES: Record<Fund, { zh: string; en: string }> = {
  general: SOURCE_NAMES.general,
  gov_fund: SOURCE_NAMES.gov_fund,
  soe: SOURCE_NAMES.soe,
};

const rowLabel = (r: ClassRow) => `${r.code.text} ${r.name.text}`;

/** The tables' names, joined for a label: 《a》《b》, or a fallback when the profile prints none. */
function named(names: readonly string[], fallback: { zh: string; en: string }): { zh: string; en: string } {
  return names.length ? { zh: names.map((n) => `《${n}》`).join(''), en: names.map((n) => `"${n}"`).join(', ') } : fallback;
}

/** A row's split by fund written as a summary prints it (funds) = what the per-fund tables print for the row. */
function fundSplit(ctx: RuleCtx): void {
  for (const n of walk(ctx.view.functional)) {
    const funds = n.row.funds;
    if (!funds) continue;
    for (const s of FUNDS) {
      const f = funds[s];
      if (!f) continue;
      const perFund = amountOf(ctx.view, n, [s]);
      const summary = named(ctx.tables({ kind: 'summary-by-class', column: s }), L('财政拨款收支表', 'fiscal summary'));
      const detail = named(ctx.tables({ sources: [s], classification: 'functional' }), L(`${FUND_NAMES[s].zh}支出功能分类表`, `${FUND_NAMES[s].en} functional table`));
      ctx.same(
        { fig: f, tol: tolOf(f, () => ZERO), label: L(`${summary.zh} ${rowLabel(n.row)} ${FUND_NAMES[s].zh}`, `${summary.en} ${rowLabel(n.row)} ${FUND_NAMES[s].en}`), at: n.row.span },
        {
          fig: { value: perFund.value },
          tol: perFund.tol,
          label: L(`${detail.zh} ${rowLabel(n.row)} 合计`, `${detail.en} ${rowLabel(n.row)} total`),
          at: n.row.span,
        },
        {
          feeds: [...ctx.tables({ kind: 'summary-by-class', column: s }), ...ctx.tables({ sources: [s], classification: 'functional' })],
          help: { error: L(
            `同一科目的同一项资金在两张表中必须相同：核对两表中 ${rowLabel(n.row)} 的${FUND_NAMES[s].zh}，改正写错的一处（funds 或其下级科目的金额）。`,
            `The same money of one row must read the same in both tables: compare ${rowLabel(n.row)}'s ${FUND_NAMES[s].en} in both and correct the wrong one (funds, or its children's amounts).`,
          ) },
        },
      );
    }
  }
}

const INCOME_NAMES = {
  total: L('合计', 'total'),
  fiscal: L('财政拨款收入', 'fiscal appropriation'),
  business: L(sourceHeading('unit_business'), 'business income'),
  operating: L(sourceHeading('unit_operating'), 'operating income'),
  other: L('其他收入', 'other income'),
} as const;

/** A functional row's income as an income table prints it: its parts add up, it equals the row's expenditure, parents equal their children. */
function rowIncome(ctx: RuleCtx): void {
  const table = named(ctx.tables({ column: 'income_total' }), L('收入预算总表', 'income table'));
  const term = (n: ClassNode, k: keyof typeof INCOME_NAMES): Term => {
    const f = n.row.income![k];
    // a figure the model computed carries the tolerance of what it was computed from (ROW_INCOME)
    return { fig: f, tol: ctx.view.cellTol(n, columnOf(`income.${k}`)), label: L(`${table.zh} ${rowLabel(n.row)} ${INCOME_NAMES[k].zh}`, `${table.en} ${rowLabel(n.row)} ${INCOME_NAMES[k].en}`), short: INCOME_NAMES[k], at: n.row.span };
  };
  const feeds = ctx.tables({ column: 'income_total' });
  for (const n of walk(ctx.view.functional)) {
    const inc = n.row.income;
    if (!inc || n.root) continue;
    const written = (['total', ...ROW_INCOME_KEYS] as const).some((k) => inc[k].span);
    if (!written) continue;
    if (inc.total.span) ctx.sum(term(n, 'total'), ROW_INCOME_KEYS.map((k) => term(n, k)), { subject: L(`${table.zh} ${rowLabel(n.row)}`, `${table.en} ${rowLabel(n.row)}`), subjectStyle: 'colon', feeds });
    // the income of a row is what the row spends (合计 = the expenditure table's 合计)
    const exp = named(ctx.tables({ column: 'total', classification: 'functional' }), L('支出预算总表', 'expenditure table'));
    ctx.same(term(n, 'total'), { fig: n.row.total, tol: ctx.view.cellTol(n, COL_TOTAL), label: L(`${exp.zh} ${rowLabel(n.row)} 合计`, `${exp.en} ${rowLabel(n.row)} total`), at: n.row.span }, { feeds });
    // 财政拨款收入 = what the row spends from the three funds
    if (inc.fiscal.span) {
      const fiscal = amountOf(ctx.view, n, FUNDS);
      ctx.same(term(n, 'fiscal'), { fig: { value: fiscal.value }, tol: fiscal.tol, label: L(`${rowLabel(n.row)} 由财政拨款安排的支出`, `${rowLabel(n.row)} spending from fiscal appropriations`), at: n.row.span }, { feeds });
    }
    // a written parent's income = its children's, column by column (the roll-up, src/model/identities.ts)
    for (const col of INCOME_ROLL_UP) {
      const k = col.slice('income.'.length) as keyof typeof INCOME_NAMES;
      if (!inc[k].span || !n.children.length || !n.children.every((c) => c.row.income)) continue;
      ctx.sum(term(n, k), n.children.map((c) => term(c, k)), { subject: INCOME_NAMES[k], subjectStyle: 'colon', feeds, partsName: L(`${rowLabel(n.row)} 的下级科目`, `children of ${rowLabel(n.row)}`) });
    }
  }
}

/** 人员经费 + 公用经费 = 基本支出 on every row that writes them; a parent's = its children's. */
function personnelPublic(ctx: RuleCtx): void {
  const table = named(ctx.tables({ column: 'personnel' }), L('基本支出经济分类表', 'basic economic table'));
  const feeds = ctx.tables({ column: 'personnel' });
  for (const cls of ['economic', 'functional'] as const) {
    for (const n of walk(ctx.view[cls])) {
      const r = n.row;
      if (!r.personnel?.span && !r.public?.span) continue;
      const name = n.root ? L('合计', 'total') : L(rowLabel(r), rowLabel(r));
      const t = (k: 'personnel' | 'public' | 'basic', x: ClassNode = n): Term => {
        const f: Fig | undefined = k === 'basic' ? x.row.basic : x.row[k];
        // a computed figure (a parent's by the roll-up, a leaf's basic by its split): its parts' tolerance
        const tol = ctx.view.cellTol(x, columnOf(k));
        const lbl = k === 'basic' ? L('合计（基本支出）', 'basic') : k === 'personnel' ? L('人员经费', 'personnel') : L('公用经费', 'public');
        const nm = x.root ? L('合计', 'total') : L(rowLabel(x.row), rowLabel(x.row));
        return { fig: f, tol, label: L(`${table.zh} ${nm.zh} ${lbl.zh}`, `${table.en} ${nm.en} ${lbl.en}`), short: lbl, at: x.row.span };
      };
      ctx.sum(t('basic'), [t('personnel'), t('public')], { subject: L(`${table.zh} ${name.zh}`, `${table.en} ${name.en}`), subjectStyle: 'colon', feeds });
      for (const k of rollUpColumns(cls, 'sum/personnel-public') as readonly ('personnel' | 'public')[]) {
        if (!r[k]?.span || !n.children.length || !n.children.some((c) => c.row[k])) continue;
        ctx.sum(t(k), n.children.map((c) => t(k, c)), { subject: k === 'personnel' ? L('人员经费', 'personnel') : L('公用经费', 'public'), subjectStyle: 'colon', feeds, partsName: L(`${name.zh} 的下级科目`, `children of ${name.en}`) });
      }
    }
  }
}

/** An amount kept in 元 as a table in 万元 prints it: exact, then half up to `scale` decimals. */
function inUnit(v: Dec, from: string, to: string, scale: number): Dec {
  const exact = from === to ? v : from === '元' ? { coef: v.coef, scale: v.scale + 4 } : { coef: v.coef * 10000n, scale: v.scale };
  return round(exact, scale);
}

/**
 * The economic rows (基本支出) that hold each 三公 line, by the national economic classification:
 * 30212 因公出国（境）费用, 30217 公务接待费, 30231 公务用车运行维护费, 31013 公务用车购置.
 */
const THREE_PUBLIC_CODES = { abroad: ['30212'], reception: ['30217'], vehicle_running: ['30231'], vehicle_purchase: ['31013'] } as const;

/** 三公 as published (in their unit) = the economic rows that hold them, converted and rounded as that table rounds. */
function threePublicEconomic(ctx: RuleCtx): void {
  if (!ctx.holds('three-public-economic')) return;
  const b = ctx.view.b;
  const tp = b.three_public;
  const table = named(ctx.tables({ kind: 'three-public-row' }), L('“三公”经费预算表', '三公 table'));
  const econ = named(ctx.tables({ column: 'personnel' }), L('经济分类表', 'economic table'));
  for (const k of Object.keys(THREE_PUBLIC_CODES) as (keyof typeof THREE_PUBLIC_CODES)[]) {
    const f = tp.this_year[k];
    const rows = THREE_PUBLIC_CODES[k].map((c) => ctx.view.findRow(ctx.view.economic, c)).filter((x) => x !== undefined);
    const exact = sum(rows.map((x) => x.row.basic.value));
    const shown = inUnit(exact, b.department.unit, tp.unit, f.value.scale);
    const codes = THREE_PUBLIC_CODES[k].join('、');
    ctx.same(
      { fig: f, tol: ZERO, label: L(`${table.zh} ${tp.unit === '万元' ? '' : ''}${THREE_PUBLIC_NAMES[k].zh}`, `${table.en} ${k}`), at: f.span },
      {
        fig: { value: shown },
        tol: ZERO,
        label: L(`${econ.zh} ${codes} 的基本支出（${toPlain(exact)} ${b.department.unit}，按${tp.unit}四舍五入）`, `${econ.en} ${codes} basic (${toPlain(exact)} ${b.department.unit}, rounded to ${tp.unit})`),
        ...(rows[0] ? { at: rows[0].row.span } : {}),
      },
      {
        feeds: [...ctx.tables({ kind: 'three-public-row' }), ...ctx.tables({ column: 'personnel' })],
        unit: L(tp.unit, tp.unit === '万元' ? '10k yuan' : 'yuan'),
        help: { error: L(
          `“三公”经费表的数字是经济分类表对应科目的金额换算成${tp.unit}后四舍五入（半数进一）的结果：写 ${shown.coef === 0n ? '0' : shown.coef.toString().padStart(shown.scale + 1, '0').replace(new RegExp(`(\\d{${shown.scale}})$`), '.$1')}；若经济分类有误，改正经济分类。截断（舍去尾数）也会在此报告。`,
          `The 三公 table shows the economic row's amount converted to ${tp.unit} and rounded half up; a truncated figure is reported here too.`,
        ) },
      },
    );
  }
}

/** 机关运行经费 (in its unit) cannot exceed the general budget's basic 公用经费 (it is the part the administrative units spend). */
function runningCostPublic(ctx: RuleCtx): void {
  if (!ctx.holds('running-cost-public')) return;
  const b = ctx.view.b;
  const pub = b.economic.total.public;
  if (!pub) return;
  const rc = b.running_cost;
  const shown = inUnit(pub.value, b.department.unit, b.running_cost_unit, Math.max(rc.value.scale, 0));
  ctx.atMost(
    { fig: rc, tol: ZERO, label: L('机关运行经费预算数', 'running cost'), at: rc.span },
    { fig: { value: shown }, tol: ZERO, label: L(`一般公共预算基本支出的公用经费合计（按${b.running_cost_unit}）`, `basic public expenditure (in ${b.running_cost_unit})`), ...(pub.span ? { at: pub.span } : {}) },
    { feeds: [...ctx.tables({ kind: 'three-public-row' }), ...ctx.tables({ column: 'personnel' })], unit: L(b.running_cost_unit, b.running_cost_unit === '万元' ? '10k yuan' : 'yuan') },
  );
}

/** Vehicles by kind add up to the vehicles (held and planned); 面向中小企业 ≤ the plan, 小微 ≤ 中小企业. */
function assetsAndReservations(ctx: RuleCtx): void {
  const a = ctx.view.b.assets;
  const count = L('辆', 'vehicles');
  for (const [kinds, total, what] of [
    [a.vehicle_kinds, a.vehicles, L('车辆', 'vehicles')],
    [a.planned.vehicle_kinds, a.planned.vehicles, L('计划购置车辆', 'planned vehicles')],
  ] as const) {
    if (!kinds.length) continue;
    ctx.sum(
      { fig: total, tol: ZERO, label: L(`${what.zh}合计`, `${what.en} total`) },
      kinds.map((k) => ({ fig: k.count, tol: ZERO, label: L(`${k.name.text}`, `${k.name.text}`), at: k.name.span })),
      { feeds: [], unit: count, partsName: L(`各类${what.zh}`, `${what.en} by kind`) },
    );
  }
  const p = ctx.view.b.procurement;
  const u = L(p.unit, p.unit === '万元' ? '10k yuan' : 'yuan');
  if (p.sme) ctx.atMost({ fig: p.sme, tol: ZERO, label: L('面向中小企业预留', 'reserved for SMEs') }, { fig: p.total, tol: ZERO, label: L('政府采购预算', 'procurement plan') }, { feeds: [], unit: u });
  if (p.micro && p.sme) ctx.atMost({ fig: p.micro, tol: ZERO, label: L('预留给小型和微型企业', 'reserved for small and micro firms') }, { fig: p.sme, tol: ZERO, label: L('面向中小企业预留', 'reserved for SMEs') }, { feeds: [], unit: u });
}

const doc = (id: string, zh: string, en: string, explainZh: string, explainEn: string, exZh: string, exEn: string) => ({
  id,
  severity: 'error' as const,
  title: L(zh, en),
  explain: L(explainZh, explainEn),
  example: L(exZh, exEn),
});

export const FUND_SPLIT: Rule = {
  run: fundSplit,
  doc: doc(
    'cross/fund-split',
    '同一科目按资金性质的拆分在两张表中相同',
    'A row\'s split by fund is the same in both tables that print it',
    '财政拨款收支表按类（或款）列出一般公共预算、政府性基金预算、国有资本经营预算的金额（funds），各资金的功能分类表又逐行列出同一笔钱。两张表对同一科目同一资金的金额必须相同；各表合计都平衡而两表拆分不同，是真实公开文本中出现过的错误。一条错误同时指出两张表、两个单元格和差额。',
    'The fiscal summary prints each 类 (or 款) row\'s money by fund (funds); each fund\'s functional table prints the same money row by row. Both must agree for every row and fund; two tables splitting one 类 differently while every total balances happens in real published documents. One finding names both tables, both cells and the difference.',
    'functional:\n  rows:\n    - {code: 212, name: 城乡社区支出, total: 800, funds: {general: 500, gov_fund: 300}}\n    - {code: 2120899, name: 其他支出, total: 800, by_source: {general: {project: 600}, gov_fund: {project: 200}}}  # 500 ≠ 600：错误',
    'functional:\n  rows:\n    - {code: 212, name: 城乡社区支出, total: 800, funds: {general: 500, gov_fund: 300}}\n    - {code: 2120899, name: 其他支出, total: 800, by_source: {general: {project: 600}, gov_fund: {project: 200}}}  # 500 ≠ 600: error',
  ),
};

export const ROW_INCOME: Rule = {
  run: rowIncome,
  doc: doc(
    'sum/row-income',
    '收入预算总表的每一行：各来源之和为合计，合计等于该科目的支出，上级等于下级之和',
    'Each row of the income table: its sources add up, it equals the row\'s expenditure, parents equal their children',
    '按功能科目列示的收入预算总表（income）中，财政拨款收入、事业收入、事业单位经营收入、其他收入之和等于合计；合计等于支出预算总表同一科目的合计；财政拨款收入等于该科目由一般公共预算、政府性基金、国有资本经营预算安排的支出；类、款等于其下级之和。',
    'In an income table per 科目 (income), fiscal + business + operating + other = the total; the total equals the expenditure table\'s total of the same row; the fiscal income equals what the row spends from the three funds; 类 and 款 rows equal the sum of their children.',
    '- {code: 2070101, name: 行政运行, total: 4654597, income: {total: 4654597, fiscal: 4654579}}  # 错误',
    '- {code: 2070101, name: 行政运行, total: 4654597, income: {total: 4654597, fiscal: 4654579}}  # error',
  ),
};

export const PERSONNEL_PUBLIC: Rule = {
  run: personnelPublic,
  doc: doc(
    'sum/personnel-public',
    '人员经费 + 公用经费 = 基本支出（逐行）',
    'Personnel + public = basic, row by row',
    '基本支出按经济分类列示人员经费和公用经费时，每一行（含合计行）两者之和等于基本支出合计；写出的上级科目等于下级科目之和。',
    'Where basic spending is split into 人员经费 and 公用经费, each row (and the total row) must add up to its basic column; a written parent equals its children.',
    '- {code: 303, name: 对个人和家庭的补助, basic: 3712280, personnel: 3259560, public: 452702}  # 错误',
    '- {code: 303, name: 对个人和家庭的补助, basic: 3712280, personnel: 3259560, public: 452702}  # error',
  ),
};

export const THREE_PUBLIC_ECONOMIC: Rule = {
  run: threePublicEconomic,
  doc: doc(
    'cross/three-public-economic',
    '“三公”经费（万元）等于经济分类对应科目（元）换算后四舍五入',
    '三公 (in their unit) equal the economic rows that hold them, converted and rounded half up',
    '版式的“三公”经费表以万元两位小数公布，经济分类表以元公布：公务接待费等于 30217，公务用车运行费等于 30231，因公出国（境）费等于 30212，公务用车购置费等于 31013 的基本支出，换算为万元后四舍五入（半数进一）。截断的数字（9.375 写成 9.37）报告为错误。只在版式的 checks 列出 three-public-economic 时检查。',
    'A layout publishing 三公 in 万元 to two decimals beside economic rows in 元: reception = 30217, vehicle running = 30231, abroad = 30212, vehicle purchase = 31013 (basic), converted and rounded half up. A truncated figure (9.375 written 9.37) is an error. Checked only where the profile lists three-public-economic.',
    'three_public: {unit: 万元, this_year: {vehicle_running: 9.37}}\neconomic: … {code: 30231, basic: 93750}  # 9.38：错误',
    'three_public: {unit: 万元, this_year: {vehicle_running: 9.37}}\neconomic: … {code: 30231, basic: 93750}  # 9.38: error',
  ),
};

export const ASSETS_RESERVATIONS: Rule = {
  run: assetsAndReservations,
  doc: doc(
    'sum/vehicle-kinds',
    '车辆按用途之和等于车辆数；中小企业预留不超过采购预算，小微企业预留不超过中小企业预留',
    'Vehicles by kind add up to the vehicles; the SME reservation is within the plan, the small-firm one within it',
    '国有资产情况按用途列出车辆（部级领导干部用车……其他用车）时，各类之和等于车辆总数（现有与计划购置各自）；政府采购预算中面向中小企业预留的金额不超过采购预算，预留给小型和微型企业的不超过面向中小企业预留的金额。',
    'Where vehicles are listed by kind, the kinds add up to the vehicles (held and planned alike); the procurement reserved for SMEs is within the plan, the part reserved for small and micro firms within that.',
    'assets: {vehicles: 4, vehicle_kinds: [{name: 其他用车, count: 3}]}  # 3 ≠ 4：错误',
    'assets: {vehicles: 4, vehicle_kinds: [{name: 其他用车, count: 3}]}  # 3 ≠ 4: error',
  ),
};

export const RUNNING_COST_PUBLIC: Rule = {
  run: runningCostPublic,
  doc: doc(
    'cross/running-cost-public',
    '机关运行经费不超过一般公共预算基本支出的公用经费',
    'The running cost does not exceed the basic public expenditure',
    '机关运行经费是行政单位和参公事业单位一般公共预算基本支出中的日常公用经费：它是公用经费合计的一部分（事业单位的公用经费不在其中），不能更大。只在版式的 checks 列出 running-cost-public 时检查。',
    'The running cost is the administrative units\' share of the general budget\'s basic public expenditure: part of the 公用经费 total, never more. Checked only where the profile lists running-cost-public.',
    'running_cost: 2000\nrunning_cost_unit: 万元\neconomic: {total: {public: 18063168}}  # 2000 > 1806.32：错误',
    'running_cost: 2000\nrunning_cost_unit: 万元\neconomic: {total: {public: 18063168}}  # 2000 > 1806.32: error',
  ),
};

