import type { ThreePublicYear } from '../../model/budget.js';
import { THREE_PUBLIC_KEYS } from '../../model/identities.js';
import type { Fact } from '../../model/facts.js';
import { threePublicHeading } from '../../model/index.js';
import { isZero } from '../../money/decimal.js';
import type { HeaderNode } from '../model.js';
import { type MutCell, type MutRow, num, text } from '../cells.js';
import { type KindFacts, type TableBody, type TableCtx, linkIdentities } from './common.js';

/** The table's figure columns: a 三公 row's lines in their column order (the format's vocabulary). */
const FIELDS = THREE_PUBLIC_KEYS;
const YEARS = ['last_year', 'this_year', 'change'] as const;
type Which = (typeof YEARS)[number];
const fieldFact = (which: Which, k: (typeof FIELDS)[number]): Fact => `three_public.${which}.${k}`;

/** The general budget's 三公 spending: the prior year, this year and the change, one row each. */
export function threePublic(ctx: TableCtx): TableBody {
  const { three_public: tp, prior } = ctx.budget;
  const { f } = ctx;
  const line = (y: ThreePublicYear, which: Which): MutCell[] => FIELDS.map((k) => num(y[k].value, f, [fieldFact(which, k)]));
  const rows: MutRow[] = [
    { cells: [text(ctx.dept, { rowSpan: 3 }), text(`${prior.year} 年`), ...line(tp.last_year, 'last_year')] },
    { cells: [null, text(`${ctx.year} 年`), ...line(tp.this_year, 'this_year')] },
    { cells: [null, text('增减变化金额'), ...line(tp.change, 'change')] },
  ];
  // 总计 = 因公出国(境)费 + 公务接待费 + 公务用车 小计; 小计 = 购置费 + 运行维护费 (src/model/identities.ts;
  // the change row is this year's less last year's, no formula of its row).
  linkIdentities(rows, 'row', f.unit);
  const header: HeaderNode[] = [
    { label: '预算单位' },
    { label: '年度' },
    { label: '总计' },
    { label: threePublicHeading('abroad') },
    { label: threePublicHeading('reception') },
    { label: threePublicHeading('vehicles'), children: [{ label: '小计' }, { label: threePublicHeading('vehicle_purchase') }, { label: threePublicHeading('vehicle_running') }] },
  ];
  const none = FIELDS.every((k) => isZero(tp.this_year[k].value));
  return {
    header,
    columns: [
      { width: 3, kind: 'text' },
      { width: 1.4, kind: 'text' },
      ...FIELDS.map(() => ({ width: 1.1, kind: 'number' as const })),
    ],
    rows,
    empty: none,
  };
}

/** The facts its cells show (`threePublic`, `KindFacts`): every field of each row. */
export const threePublicFacts: KindFacts<unknown> = {
  fixed: (_, __, out) => {
    for (const w of YEARS) for (const k of FIELDS) out.add(fieldFact(w, k));
  },
};
