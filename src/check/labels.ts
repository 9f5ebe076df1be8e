import type { Localized } from '../diagnostics/diagnostic.js';
import type { ClassRow, Source, Unit } from '../model/budget.js';
import { SOURCE_NAMES } from '../model/index.js';
import type { ClassNode, Column } from './view.js';

/** Finance terms, in both languages, for the figures the rules name (the fixed categories' names are in src/schema/vocabulary.ts). */

export const PROJECT_KIND_SHORT = {
  performance: { zh: '履职类项目', en: 'duty projects' },
  special: { zh: '财政专项资金项目', en: 'special fund projects' },
  investment: { zh: '政府投资项目', en: 'government investment projects' },
} as const satisfies Record<string, Localized>;

export function columnName(col: Column): Localized {
  switch (col.id) {
    case 'total':
      return { zh: '支出总计', en: 'total' };
    case 'basic':
      return { zh: '基本支出', en: 'basic expenditure' };
    case 'project':
      return { zh: '项目支出', en: 'project expenditure' };
    case 'procurement.total':
      return { zh: '政府采购小计', en: 'government procurement' };
    case 'procurement.sme':
      return { zh: '面向中小企业政府采购', en: 'procurement reserved for SMEs' };
    case 'procurement.micro':
      return { zh: '面向小型、微型企业政府采购', en: 'procurement reserved for small and micro firms' };
  }
  const m = /^by_source\.(\w+)\.(basic|project)$/.exec(col.id);
  if (m) {
    const s = SOURCE_NAMES[m[1] as Source];
    const p = m[2] === 'basic' ? { zh: '基本支出', en: 'basic' } : { zh: '项目支出', en: 'project' };
    return { zh: `${s.zh}${p.zh}`, en: `${p.en} from ${s.en}` };
  }
  return { zh: col.id, en: col.id };
}

/** "201 一般公共服务支出", or the department's name for the department row. */
export function rowName(row: ClassRow, isRoot: boolean, dept: string): Localized {
  if (isRoot) return { zh: `${dept}合计`, en: `${dept} (department total)` };
  return { zh: `${row.code.text} ${row.name.text}`, en: `${row.code.text} ${row.name.text}` };
}

export function nodeName(n: ClassNode, dept: string): Localized {
  return rowName(n.row, n.root, dept);
}

/** "201 一般公共服务支出 的基本支出" */
export function cellLabel(n: ClassNode, col: Column, dept: string): Localized {
  const r = nodeName(n, dept);
  const c = columnName(col);
  return { zh: `${r.zh} 的${c.zh}`, en: `${r.en}: ${c.en}` };
}

export function unitWord(u: Unit): Localized {
  return u === '万元' ? { zh: '万元', en: '10k yuan' } : { zh: '元', en: 'yuan' };
}

export function L(zh: string, en: string): Localized {
  return { zh, en };
}
