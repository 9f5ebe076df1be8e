import { ZERO, add, sub, type Dec } from '../../money/decimal.js';
import { PROJECT_KINDS, SOURCES, type Source } from '../../model/budget.js';
import type { RuleCtx, Term } from '../context.js';
import { L, PROJECT_KIND_SHORT, cellLabel } from '../labels.js';
import { SOURCE_NAMES } from '../../model/index.js';
import type { Rule } from '../rule.js';
import { sumDec } from '../tolerance.js';
import { COL_BASIC, COL_TOTAL, cellFactOf } from '../view.js';
import { INCOME_OF } from '../../model/facts.js';
import { incomeTerm } from './income.js';


/**
 * Each funding source's income pays for that source's expenditure (Tables 2 vs 3, 4, 5). Sources
 * other than general are summed over the functional leaves; general is what remains of the
 * department's columns, since a row without a split is wholly general. With money carried forward
 * to next year, a source's income may exceed its expenditure, so only "spent ≤ received" holds.
 */
function incomeSources(ctx: RuleCtx): void {
  const v = ctx.view;
  const b = v.b;
  const carryForward = b.expenditure.carry_forward.value.coef !== 0n;
  const cmp = (spent: Term, received: Term) => (carryForward ? ctx.atMost(spent, received, {}) : ctx.same(received, spent, {}));

  const others = SOURCES.filter((s) => s !== 'general');
  const sums = new Map<Source, { basic: ReturnType<typeof v.sourceSum>; project: ReturnType<typeof v.sourceSum> }>();
  for (const s of others)
    sums.set(s, { basic: v.sourceSum(v.functional, s, 'basic'), project: v.sourceSum(v.functional, s, 'project') });

  for (const s of others) {
    const x = sums.get(s)!;
    const spent: Term = {
      fig: { value: add(x.basic.value, x.project.value) },
      tol: add(x.basic.tol, x.project.tol),
      label: { zh: `由${SOURCE_NAMES[s].zh}安排的支出`, en: `expenditure funded by ${SOURCE_NAMES[s].en}` },
      ...(x.basic.at || x.project.at ? { at: x.basic.at ?? x.project.at } : {}),
      get facts() {
        return [...x.basic.facts, ...x.project.facts];
      },
    };
    cmp(spent, incomeTerm(ctx, INCOME_OF[s]));
  }

  // general: the department's column minus every other source
  const residual = (col: typeof COL_TOTAL, part: 'basic' | 'project' | 'both'): { value: Dec; tol: Dec } => {
    let value = col.get(v.functional.row)?.value ?? ZERO;
    let tol = v.cellTol(v.functional, col);
    for (const s of others) {
      const x = sums.get(s)!;
      for (const p of part === 'both' ? (['basic', 'project'] as const) : [part]) {
        value = sub(value, x[p].value);
        tol = add(tol, x[p].tol);
      }
    }
    return { value, tol };
  };
  const dept = (col: typeof COL_TOTAL) => cellLabel(v.functional, col, ctx.dept);
  const g = residual(COL_TOTAL, 'both');
  cmp(
    { fig: { value: g.value }, tol: g.tol, label: { zh: `由${SOURCE_NAMES.general.zh}安排的支出（${dept(COL_TOTAL).zh}减其他来源）`, en: `expenditure funded by the general appropriation (${dept(COL_TOTAL).en} less other sources)` }, at: v.functional.row.span, facts: [cellFactOf(v.functional, COL_TOTAL)] },
    incomeTerm(ctx, 'general'),
  );
  const gb = residual(COL_BASIC, 'basic');
  cmp(
    { fig: { value: gb.value }, tol: gb.tol, label: { zh: `由${SOURCE_NAMES.general.zh}安排的基本支出（${dept(COL_BASIC).zh}减其他来源）`, en: `basic expenditure funded by the general appropriation (${dept(COL_BASIC).en} less other sources)` }, at: v.functional.row.span, facts: [cellFactOf(v.functional, COL_BASIC)] },
    incomeTerm(ctx, 'general.basic'),
  );

  // the general appropriation for projects, by kind, is what those projects take from general
  // (when the project list is the whole of the project spending)
  if (!ctx.holds('projects-complete')) return;
  for (const kind of PROJECT_KINDS) {
    const ps = b.projects.filter((p) => p.kind === kind);
    const shares = ps.map((p) => v.projectSource(p, 'general'));
    cmp(
      {
        fig: { value: sumDec(shares.map((x) => x.fig?.value ?? ZERO)) },
        tol: sumDec(shares.map((x) => x.tol)),
        label: { zh: `${PROJECT_KIND_SHORT[kind].zh}（${ps.length} 个）的${SOURCE_NAMES.general.zh}合计`, en: `general appropriation of the ${ps.length} ${PROJECT_KIND_SHORT[kind].en}` },
        get facts() {
          return ps.flatMap((p) => v.projectFacts(p, 'general'));
        },
      },
      incomeTerm(ctx, `general.${kind}`),
    );
  }
}

export const INCOME_SOURCES: Rule = {
  run: incomeSources,
  doc: {
    id: 'cross/income-sources',
    severity: 'error',
    title: L('各资金来源的收入等于由其安排的支出', 'Income by source equals the expenditure it funds'),
    explain: L(
      '收入表的每项收入都要有对应的支出：一般公共预算的基本支出拨款等于由一般公共预算安排的基本支出，履职类、财政专项、政府投资项目拨款分别等于这几类项目由一般公共预算安排的金额，政府性基金、国有资本经营、财政专户、单位资金各项和上年结转等于各科目中由该来源安排的支出。未按来源拆分的科目全部视为一般公共预算拨款。有结转下年的资金时，只要求支出不超过收入。',
      'Each income line must be matched by the expenditure it funds: the general appropriation for basic expenditure equals the general-funded basic expenditure; the duty, special-fund and investment appropriations equal the general-funded amounts of projects of those kinds; government funds, state capital, the special account, each kind of unit funds and the carry-over equal the expenditure the rows attribute to them. Rows without a source split are wholly general. When money is carried forward to next year, only "spent ≤ received" is required.',
    ),
    example: L(
      'income:\n  general: {basic: 300, performance: 801}\nprojects: [{name: 设备更新, kind: special, amount: 70}, ...]  # 履职类项目只有 731：错误',
      'income:\n  general: {basic: 300, performance: 801}\nprojects: [{name: 设备更新, kind: special, amount: 70}, ...]  # duty projects only 731: error',
    ),
  },
};
