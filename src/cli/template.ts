import type { Workbook, Worksheet } from 'exceljs';
// The Workbook class alone, statically: the bundle carries it (scripts/bundle.mjs), an install has no exceljs.
import WorkbookClass from 'exceljs/lib/doc/workbook.js';
import type { Lang } from '../diagnostics/diagnostic.js';
import { EXIT } from '../diagnostics/result.js';
import { budgetToDocument } from '../document/index.js';
import { buildBudget } from '../model/index.js';
import { readProfile } from '../profile/index.js';
import { renderXlsx } from '../render/xlsx/index.js';
import { validateShape } from '../schema/index.js';
import { parseSources } from '../source/index.js';
import type { World } from '../world/index.js';
import { UsageError } from './usage.js';

export interface TemplateFlags {
  readonly out?: string;
  readonly profile?: string;
  readonly year?: string;
  readonly unit?: string;
  readonly lang: Lang;
}

/**
 * `budget template --out blank.xlsx`: the profile's tables as an empty workbook to fill in (Excel,
 * WPS): laid out by the same builders and renderer as a build (so `budget import` reads it back),
 * from a placeholder budget of one row per level whose figures and names are then cleared. Totals
 * stay formulas; the cells to fill in are unlocked and every table sheet protected (rows may be
 * inserted); a 说明 sheet says how to fill it in and import it.
 */
export async function templateCommand(f: TemplateFlags, world: World, profilesDir: string): Promise<number> {
  if (!f.out) throw new UsageError('budget template 需要 --out <文件.xlsx>。', 'budget template needs --out <file.xlsx>.');
  const year = f.year ?? '2031';
  if (!/^\d{4}$/.test(year)) throw new UsageError(`--year “${year}” 无效：应为四位数字。`, `invalid --year "${year}": expected four digits.`);
  const unit = f.unit ?? '万元';
  if (unit !== '万元' && unit !== '元') throw new UsageError('--unit 只能是 万元 或 元。', '--unit is 万元 or 元.');
  const layout = readProfile(world, '.', f.profile ? { text: f.profile } : undefined, profilesDir);
  if (!layout.profile) {
    // a profile file's finding says where in it (file:line:col), as budget check does
    for (const d of layout.diagnostics) process.stderr.write(`budget: ${d.span ? `${d.span.file}:${d.span.line}:${d.span.col}: ` : ''}${d.message[f.lang]}\n`);
    return EXIT.unusable;
  }
  // Tables only: no narrative, so no templates are needed.
  const profile = { ...layout.profile, parts: [], narrative_heading: undefined, tables_heading: undefined };
  const parsed = parseSources('template', [{ path: 'template/template.yaml', bytes: new TextEncoder().encode(placeholderYaml(Number(year), unit)) }]);
  const shape = parsed.tree ? validateShape(parsed.tree) : undefined;
  if (!parsed.tree || !shape?.input) throw new Error(`the template's placeholder budget does not load: ${[...parsed.diagnostics, ...(shape?.diagnostics ?? [])].map((d) => d.message.en).join('; ')}`);
  const budget = buildBudget(shape.input);
  const built = budgetToDocument(budget, profile, [], { sourceDateEpoch: Date.UTC(Number(year), 0, 1) / 1000 });
  if (!built.doc) throw new Error(`the template's document does not build: ${built.diagnostics.map((d) => d.message.en).join('; ')}`);
  const bytes = await renderXlsx(built.doc);
  const wb = new WorkbookClass();
  await wb.xlsx.load(bytes as never);
  for (const ws of wb.worksheets) clearInputs(ws);
  addInstructions(wb, f.lang);
  const out = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  world.writeAtomic(f.out, out);
  process.stdout.write(
    f.lang === 'zh'
      ? `已写出空白模板 ${f.out}（${profile.tables.length} 张表）：填写后运行 budget import ${f.out} --to data/${year}。\n`
      : `Wrote the blank template ${f.out} (${profile.tables.length} tables): fill it in, then budget import ${f.out} --to data/${year}.\n`,
  );
  return EXIT.ok;
}

const PLACEHOLDER = '（部门名称）';
/** The placeholder texts of the budget below that are cleared (the department's name is kept, to be replaced). */
const PLACEHOLDERS = ['（主管部门）', '（类）', '（款）', '（项）', '（项目名称）', '（任务名称）', '（主要内容）', '（年度总体目标）', '（一级指标）', '（二级指标）', '（三级指标）', '（目标值）'];

/** A budget of one row per level, all figures 0: only its layout is kept. */
function placeholderYaml(year: number, unit: string): string {
  const zero = '{total: 0, basic: 0, project: 0}';
  return `department:
  name: ${PLACEHOLDER}
  supervisor: （主管部门）
  year: ${year}
  unit: ${unit}
  duties: [（部门职责）]
  goals: （工作目标）
  units:
    - {name: ${PLACEHOLDER}, staffing: {admin_quota: 0, admin_actual: 0, inst_quota: 0, inst_actual: 0, retired_veteran: 0, retired: 0}}
prose: {change_reason: （原因）}
prior_year: {year: ${year - 1}, income_total: 0, expenditure_total: 0, running_cost: 0}
income: {total: 0}
functional:
  rows:
    - {code: 201, name: （类）, total: 0, basic: 0, project: 0}
    - {code: 20101, name: （款）, total: 0, basic: 0, project: 0}
    - {code: 2010101, name: （项）, total: 0, basic: 0, project: 0}
economic:
  rows:
    - {code: 301, name: （类）, total: 0, basic: 0, project: 0}
    - {code: 30101, name: （款）, total: 0, basic: 0, project: 0}
summary: {personnel: {includes: （人员支出）}, public: {includes: （公用支出）}, household: {includes: （对个人和家庭的补助）}}
projects:
  - {name: （项目名称）, amount: 0, kind: performance}
procurement: {goods: 0, works: 0, services: 0}
three_public: {this_year: {}, last_year: {}}
running_cost: 0
assets: {as_of: （截至日期）, vehicles: 0, general_equipment: 0, special_equipment: 0}
performance:
  tasks:
    - {name: （任务名称）, content: （主要内容）, total: 0, fiscal: 0, other: 0}
  goal: （年度总体目标）
  indicators:
    - {level1: （一级指标）, level2: （二级指标）, level3: （三级指标）, target: （目标值）}
`.replace(/\{total: 0, basic: 0, project: 0\}/g, zero);
}

/**
 * The cells to fill in: every figure that is not a formula, and the placeholder texts (names,
 * codes), emptied and unlocked; formulas and labels stay locked. The sheet is protected so a total
 * is not typed over by mistake, but rows may be inserted and formatted.
 */
function clearInputs(ws: Worksheet): void {
  let any = false;
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (c.isMerged && c.master !== c) return;
      const v = c.value;
      const formula = v !== null && typeof v === 'object' && 'formula' in v;
      if (formula) return;
      // The header line (部门名称：（部门名称）) keeps its placeholder for the officer to replace. A
      // code is cleared whole or per level (类 201 | 款 01 | 项 01 in layouts with a column per level).
      const placeholder = typeof v === 'string' && !v.includes('：') && (PLACEHOLDERS.some((p) => v.includes(p)) || /^\d{2,7}$/.test(v));
      if (typeof v === 'number' || placeholder) {
        c.value = typeof v === 'string' && v === PLACEHOLDER ? PLACEHOLDER : null;
        // exceljs shares style objects between cells: unlock a copy, not every cell of the style.
        c.style = { ...c.style, protection: { locked: false } };
        any = true;
      }
    }),
  );
  if (any) void ws.protect('', { insertRows: true, deleteRows: true, formatCells: true, formatRows: true, formatColumns: true, selectLockedCells: true, selectUnlockedCells: true });
}

function addInstructions(wb: Workbook, lang: Lang): void {
  const ws = wb.addWorksheet('说明');
  const lines =
    lang === 'zh'
      ? [
          '填写说明',
          '1. 每张表一个工作表，表头与 budget build 生成的公开表格相同。空白的单元格（未锁定）为需要填写的内容；带公式的合计单元格已锁定，自动计算。',
          '2. 把“（部门名称）”改为部门名称；金额按表头右上角的单位填写（数字即可，也可带千位分隔符）。',
          '3. 科目行按科目编码的层级（类 3 位、款 5 位、项 7 位）从上到下填写，需要更多行时插入整行；合计公式覆盖的范围请在插入后核对。',
          '4. 没有的内容留空或填 0；整张表没有发生额时保持空白。',
          '5. 填好后运行：budget import 本文件.xlsx --to data/<年度>（可导入到 budget init 生成的新年度目录，文字部分等工作簿中没有的内容会保留），然后运行 budget check。',
        ]
      : [
          'How to fill in',
          '1. One sheet per table, laid out as budget build publishes it. Blank (unlocked) cells are to be filled in; totals are locked formulas.',
          '2. Replace （部门名称） by the department; amounts in the unit the header line names.',
          '3. Classification rows in code order (类 3 digits, 款 5, 项 7); insert whole rows for more, and check the ranges of the total formulas.',
          '4. Leave empty (or 0) what does not apply.',
          '5. Then: budget import this-file.xlsx --to data/<year> (into a year started by budget init: what the workbook does not hold is kept), and budget check.',
        ];
  ws.getColumn(1).width = 100;
  lines.forEach((l, i) => {
    const c = ws.getCell(i + 1, 1);
    c.value = l;
    c.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) c.font = { bold: true, size: 14 };
  });
  // The instructions come first.
  (ws as unknown as { orderNo: number }).orderNo = -1;
}
