import { GENERAL_KINDS } from '../../model/budget.js';
import { GOVERNMENT_NAME } from '../../model/index.js';
import type { HeaderNode } from '../model.js';
import { type MutRow, num, text } from '../cells.js';
import { incomeFact, incomeFig } from '../../model/facts.js';
import { INCOME_BY_SOURCE_COLUMNS as INCOME_COLUMNS } from '../../profile/index.js';
import { type KindFacts, type TableBody, type TableCtx, generalKindNodes, governmentNodes, linkIdentities, sourceNode, unitFundsNode } from './common.js';

/** The income of the department by source: one row, 15 figure columns. */
export function incomeBySource(ctx: TableCtx): TableBody {
  const { income } = ctx.budget;
  const { f } = ctx;
  const header: HeaderNode[] = [
    { label: '预算单位' },
    { label: '收入总计' },
    {
      label: '本年收入',
      children: [
        { label: GOVERNMENT_NAME.zh, children: governmentNodes([{ label: '小计' }, ...generalKindNodes(GENERAL_KINDS)]) },
        sourceNode('special_account'),
        unitFundsNode(),
      ],
    },
    sourceNode('carryover'),
  ];
  const figures = INCOME_COLUMNS.map((key) => ({ key, ...incomeFig(income, key) }));
  const rows: MutRow[] = [{ cells: [text(ctx.dept), ...figures.map((x) => num(x.value, f, [incomeFact(x.key)]))], style: 'total' }];
  // 一般公共预算拨款 = its four kinds, 收入总计 = every source (src/model/identities.ts)
  linkIdentities(rows, 'row', f.unit);
  return {
    header,
    columns: [{ width: 3, kind: 'text' }, ...figures.map(() => ({ width: 1, kind: 'number' as const }))],
    rows,
  };
}

/** The facts its cells show (`incomeBySource`, `KindFacts`). */
export const incomeBySourceFacts: KindFacts<unknown> = {
  fixed: (_, __, out) => {
    for (const k of INCOME_COLUMNS) out.add(incomeFact(k));
  },
};
