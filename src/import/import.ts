import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Profile } from '../profile/index.js';
import { toPlain } from '../money/decimal.js';
import { assemble } from './assemble.js';
import { type ExistingFile, planFiles, sectionFile, valuesOf, type Planned } from './emit.js';
import { ORIGINS_FILE, originsText } from '../origins/index.js';
import { figureOrigins } from './provenance.js';
import { CellError, Grid, type RawSheet } from './grid.js';
import { IMPORT_CELL_RULE, IMPORT_CONFLICT_RULE, IMPORT_EXISTING_RULE, IMPORT_FILE_RULE, IMPORT_SHEET_RULE, IMPORT_SOURCE_RULE } from './rules.js';
import { readTables, type TableProblem } from './tables.js';
import { NotAWorkbook, readXlsx } from './xlsx.js';
import { readCsv } from './csv.js';
import { narrativeSheet, readNarrative, type TemplateText } from './narrative.js';

/**
 * `budget import`: a workbook laid out as the profile's tables → the YAML source files of that
 * department-year. Pure: the caller reads the workbook's bytes and the existing files and writes
 * what this returns (nothing at all when there is any error: `files` is empty then).
 */

export interface ImportInput {
  /** The workbook's file name (for messages) and bytes; or CSV files, one per table. */
  readonly workbook: { readonly name: string; readonly bytes: Uint8Array } | { readonly csv: readonly { readonly name: string; readonly bytes: Uint8Array }[] };
  readonly profile: Profile;
  /** The YAML files already in the target directory, by file name. */
  readonly existing: readonly ExistingFile[];
  /** The profile's narrative templates: with them, texts of the narrative sheet fill empty values. */
  readonly templates?: readonly TemplateText[];
  /** The profile's name as given (--profile shanghai): written as department.profile into a new directory, so check and build use the same layout. */
  readonly profileName?: string;
}

export interface ImportResult {
  /** The YAML files whose text changed. */
  readonly files: readonly Planned[];
  /**
   * The record of where each figure came from (src/origins: import-origins.json), written with the
   * files; present whenever the import succeeded, also when no YAML file changed.
   */
  readonly origins?: Planned;
  readonly diagnostics: readonly Diagnostic[];
  /** What was written but needs a hand (a row without its code): said after the files. */
  readonly warnings?: readonly { readonly zh: string; readonly en: string }[];
  /** Figures and texts read, sections written (for the closing line). */
  readonly sections: readonly string[];
  readonly department?: string;
  readonly year?: number;
}

export function importWorkbook(input: ImportInput): ImportResult {
  const src = 'name' in input.workbook ? input.workbook.name : input.workbook.csv.map((c) => c.name).join(', ');
  let sheets: RawSheet[];
  const diagnostics: Diagnostic[] = [];
  if ('csv' in input.workbook) {
    const read = input.workbook.csv.map((c) => readCsv(c.name, c.bytes));
    const bad = read.filter((r) => 'error' in r) as { error: Diagnostic }[];
    if (bad.length) return { files: [], diagnostics: bad.map((b) => b.error), sections: [] };
    sheets = read.map((r) => (r as { sheet: RawSheet }).sheet);
  } else {
    try {
      sheets = readXlsx(input.workbook.bytes);
    } catch (e) {
      if (!(e instanceof NotAWorkbook)) throw e;
      return { files: [], diagnostics: [fileError(src, e.message)], sections: [] };
    }
  }
  const unit: { unit?: string } = {};
  // A hidden sheet is read only when no visible one holds the table (visible ones are found first).
  const grids = [...sheets.filter((s) => !s.hidden), ...sheets.filter((s) => s.hidden)].map((s) => new Grid(s, () => unit.unit));
  const facts = readTables(input.profile, grids, unit);
  for (const p of facts.problems) diagnostics.push(tableDiagnostic(src, p));

  const existing = input.existing.length ? valuesOf(input.existing) : undefined;
  if (existing && 'error' in existing) {
    diagnostics.push({
      severity: 'error',
      rule: IMPORT_EXISTING_RULE,
      message: { zh: `目标目录中的 ${existing.error.file} 不是有效的 YAML：${existing.error.message}`, en: `${existing.error.file} in the target directory is not valid YAML: ${existing.error.message}` },
      related: [],
      figures: [],
      help: { zh: '先修正它（budget check），或导入到一个空目录。', en: 'Fix it first (budget check), or import into an empty directory.' },
    });
  }
  if (diagnostics.length) return { files: [], diagnostics, sections: [] };
  const parsed = existing && !('error' in existing) ? existing : undefined;
  const base = parsed?.sections;
  let narrative: ReturnType<typeof readNarrative> | undefined;
  try {
    narrative = input.templates?.length ? readNarrative(input.templates, narrativeSheet(grids, input.profile.document.labels.narrative)) : undefined;
  } catch (e) {
    // a line of the narrative sheet that is a formula without its result
    if (!(e instanceof CellError)) throw e;
    return { files: [], diagnostics: [tableDiagnostic(src, { kind: 'cell', error: e })], sections: [] };
  }
  const { sections, problems, warnings } = assemble(facts, base && Object.keys(base).length ? base : undefined, narrative);
  for (const p of problems) {
    diagnostics.push({ severity: 'error', rule: p.conflict ? IMPORT_CONFLICT_RULE : IMPORT_SOURCE_RULE, message: { zh: `${p.at}：${p.what.zh}`, en: `${p.at}: ${p.what.en}` }, related: [], figures: [] });
  }
  if (diagnostics.length) return { files: [], diagnostics, sections: [] };
  const dep = sections.department;
  if (!base && input.profileName && dep && typeof dep === 'object' && !Array.isArray(dep) && !('dec' in dep)) {
    // after the unit, where the format's examples write it
    const entries = Object.entries(dep);
    const at = entries.findIndex(([k]) => k === 'unit') + 1;
    entries.splice(at, 0, ['profile', input.profileName]);
    sections.department = Object.fromEntries(entries);
  }
  const comments = new Map([...facts.origins].map(([k, v]) => [k, `导入自 ${src}：${v.join('，')}`]));
  if (facts.vars.department !== undefined) comments.set('department', `导入自 ${src}：各表表头（部门名称、年度、单位）${facts.form ? '与绩效目标表' : ''}`);
  const header = `# 由 budget import 自 ${src} 生成；空值为工作簿中没有的内容，运行 budget check 列出待填写项。\n\n`;
  const files = planFiles(sections, parsed, comments, header);
  // A CSV table is named by its file in the record (the sheet is the file's name without .csv).
  const csvNames = 'csv' in input.workbook ? new Map(input.workbook.csv.map((c) => [basename(c.name).replace(/\.csv$/i, ''), basename(c.name)])) : undefined;
  const figures = figureOrigins(sections, (name) => sectionFile(name, parsed), (sheet) => csvNames?.get(sheet) ?? sheet);
  const origins = { name: ORIGINS_FILE, text: originsText({ workbook: src, csv: Boolean(csvNames), figures }) };
  return { files, origins, diagnostics: [], warnings: warnings.map((w) => ({ zh: `${w.at}：${w.what.zh}`, en: `${w.at}: ${w.what.en}` })), sections: Object.keys(sections), department: facts.vars.department, year: facts.vars.year };
}

function fileError(file: string, why: string): Diagnostic {
  return {
    severity: 'error',
    rule: IMPORT_FILE_RULE,
    message: { zh: `${file} 不是 XLSX 工作簿（${why}）`, en: `${file} is not an XLSX workbook (${why})` },
    related: [],
    figures: [],
    help: { zh: '用 Excel 或 WPS 另存为 .xlsx（不是 .xls 或 .et）后再导入；或导出每张表为 CSV。', en: 'Save it as .xlsx (not .xls or .et) in Excel or WPS and import again, or export each table as CSV.' },
  };
}

function tableDiagnostic(file: string, p: TableProblem): Diagnostic {
  const base = { severity: 'error' as const, related: [], figures: [] };
  switch (p.kind) {
    case 'cell': {
      const e = p.error.problem;
      return {
        ...base,
        rule: IMPORT_CELL_RULE,
        message: { zh: `${e.sheet}!${e.cell}：读到 ${e.found}，应为${e.expected.zh}`, en: `${e.sheet}!${e.cell}: found ${e.found}, expected ${e.expected.en}` },
        help: { zh: `在 ${file} 中改正该单元格后重新导入；没有写入任何文件。`, en: `Correct that cell in ${file} and import again; no file was written.` },
      };
    }
    case 'missing-sheet':
      return {
        ...base,
        rule: IMPORT_SHEET_RULE,
        message: { zh: `${file} 中没有“${p.table}”的工作表（现有：${p.sheets.join('、')}）`, en: `${file} has no sheet for "${p.table}" (it has: ${p.sheets.join(', ')})` },
        help: { zh: `工作表名应以版式中的表名开头（如“${p.table}”），或表的第一行为表名；--profile 指定版式。`, en: `A sheet name starts with the table's caption in the layout (${p.table}), or its first row is the title; --profile names the layout.` },
      };
    case 'no-header':
      return {
        ...base,
        rule: IMPORT_SHEET_RULE,
        message: { zh: `工作表“${p.sheet}”中找不到表头“${p.label}”（在 A 列）`, en: `sheet "${p.sheet}" has no header "${p.label}" (in column A)` },
      };
    case 'bad-label':
      return {
        ...base,
        rule: IMPORT_CELL_RULE,
        message: { zh: `${p.sheet}!${p.cell}：读到“${p.found}”，应为${p.expected}`, en: `${p.sheet}!${p.cell}: found "${p.found}", expected ${p.expected}` },
      };
    case 'conflict':
      return {
        ...base,
        rule: IMPORT_CONFLICT_RULE,
        message: {
          zh: `${p.what} 在两张表中不一致：${p.a.at} 为 ${plain(p.a.value)}，${p.b.at} 为 ${plain(p.b.value)}`,
          en: `${p.what} differs between two tables: ${p.a.at} has ${plain(p.a.value)}, ${p.b.at} has ${plain(p.b.value)}`,
        },
        help: { zh: '同一个数在各表中应相同；改正其中一处后重新导入。', en: 'The same figure must be the same in every table; correct one and import again.' },
      };
  }
}

const plain = toPlain;

/** The last part of a path, either separator (a CSV's sheet is named by its file alone: src/import/csv.ts). */
function basename(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}
