import { basename, join } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { EXIT } from '../diagnostics/result.js';
import { importWorkbook, valuesOf } from '../import/index.js';
import { readProfile, templateNames } from '../profile/index.js';
import { readSources, type World } from '../world/index.js';
import { UsageError } from './usage.js';
import { checkDir } from '../compile.js';
import { colorLevel, report } from './report.js';
import { rulesFor } from './rules.js';
import { decodeUtf8 } from '../source/encoding.js';

export interface ImportFlags {
  readonly to?: string;
  readonly profile?: string;
  readonly lang: Lang;
  readonly dryRun?: boolean;
}

/**
 * `budget import <file.xlsx | table.csv…> --to <dir>`: reads the workbook (or one CSV per table) as
 * the profile lays its tables out and writes the department-year's YAML into <dir>, over the files
 * already there. Every file is read and every table understood before the first file is written.
 */
export function importCommand(inputs: readonly string[], f: ImportFlags, world: World, profilesDir: string): number {
  const zh = f.lang === 'zh';
  if (!f.to) throw new UsageError('budget import 需要 --to <目录>：导入结果写入的部门年度目录（例如 data/2031）。', 'budget import needs --to <dir>: the department-year directory to write (e.g. data/2031).');
  if (!inputs.length) throw new UsageError('budget import 需要一个 .xlsx 文件，或每张表一个 .csv 文件。', 'budget import needs one .xlsx file, or one .csv file per table.');
  const csv = inputs.every((p) => /\.csv$/i.test(p));
  if (!csv && inputs.length > 1) throw new UsageError('一次只导入一个 .xlsx 文件（或多个 .csv 文件）。', 'import one .xlsx file at a time (or several .csv files).');
  const read = (p: string) => ({ name: basename(p), bytes: world.readFile(p) });
  const existingDir = world.kind?.(f.to) === 'dir' ? readSources(world, f.to) : { files: [], diagnostics: [] };
  const existing: { name: string; text: string }[] = [];
  for (const x of existingDir.files) {
    const decoded = decodeUtf8(x.path, x.bytes);
    if (decoded.text === undefined) {
      process.stderr.write(`budget: ${x.path}: ${decoded.diagnostic!.message[f.lang]}\n`);
      return EXIT.unusable;
    }
    existing.push({ name: basename(x.path), text: decoded.text });
  }
  // The layout: --profile, else the one the existing data names (department.profile), else the default.
  const named = f.profile ?? profileNamed(existing);
  // A --profile path is the user's, relative to where they typed it (as for budget template); the
  // department.profile key is relative to its directory.
  const layout = readProfile(world, f.profile ? '.' : f.to, named ? { text: named } : undefined, profilesDir);
  if (!layout.profile) {
    for (const d of layout.diagnostics) process.stderr.write(`budget: ${where(d)}${d.message[f.lang]}\n`);
    return EXIT.unusable;
  }
  // The narrative templates, to read the narrative sheet's texts back (those that cannot be read are skipped).
  const templates: { name: string; text: string }[] = [];
  for (const name of templateNames(layout.profile)) {
    try {
      templates.push({ name, text: world.readText(join(layout.templatesDir, name)) });
    } catch {
      /* a missing template: nothing to read back with it */
    }
  }
  const r = importWorkbook({ workbook: csv ? { csv: inputs.map(read) } : read(inputs[0]), profile: layout.profile, existing, templates, profileName: f.profile && /^[\w-]+$/.test(f.profile) ? f.profile : undefined });
  if (r.diagnostics.length) {
    for (const d of r.diagnostics) {
      process.stderr.write(`budget: ${where(d)}${d.rule}: ${d.message[f.lang]}\n${d.help ? `budget:   ${d.help[f.lang]}\n` : ''}`);
    }
    process.stderr.write(zh ? `budget: ${r.diagnostics.length} 个错误，没有写入任何文件。\n` : `budget: ${r.diagnostics.length} error(s); no file was written.\n`);
    return EXIT.unusable;
  }
  // Each file is written atomically, but not the set: a target that cannot take a file (a
  // directory named performance.yaml) is found before the first is written, not after six.
  // The record of each figure's cell (import-origins.json) goes with them; it is rewritten only when
  // it says something new (an import over the same workbook leaves the directory as it was).
  const origins = r.origins && !sameText(world, join(f.to, r.origins.name), r.origins.text) ? r.origins : undefined;
  const writes = [...(origins ? [origins] : []), ...r.files];
  const blocked = f.dryRun ? [] : writes.map((x) => join(f.to!, x.name)).filter((p) => world.kind?.(p) === 'dir');
  if (blocked.length) {
    for (const p of blocked) process.stderr.write(zh ? `budget: output/write-failed: 无法写入 ${p}：这是一个目录。\n` : `budget: output/write-failed: cannot write ${p}: it is a directory.\n`);
    process.stderr.write(zh ? `budget: ${blocked.length} 个错误，没有写入任何文件。\n` : `budget: ${blocked.length} error(s); no file was written.\n`);
    return EXIT.unusable;
  }
  // The record first: a directory that cannot take a file stops the import before any YAML changes.
  if (!f.dryRun) for (const file of writes) world.writeAtomic(join(f.to, file.name), file.text);
  const checked = f.dryRun ? undefined : checkDir(f.to, world, { strict: false, profiles: profilesDir });
  const what = inputs.map((p) => basename(p)).join(', ');
  process.stdout.write(
    (zh
      ? `${f.dryRun ? '（演练，未写入）' : ''}已由 ${what} 导入 ${r.department ?? ''} ${r.year ?? ''} 年：${r.files.length} 个文件${r.files.length ? '' : '（数据与工作簿一致，无需改动）'}。\n空值为工作簿中没有的内容，下面的检查列出待填写项。\n`
      : `${f.dryRun ? '(dry run, nothing written) ' : ''}Imported ${r.department ?? ''} ${r.year ?? ''} from ${what}: ${r.files.length} file(s)${r.files.length ? '' : ' (the data already says what the workbook does)'}.\nEmpty values are what the workbook does not hold: the check below lists them.\n`) +
      r.files.map((x) => `  ${join(f.to!, x.name)}\n`).join('') +
      (origins && !f.dryRun ? (zh ? `每个数字来自哪个单元格记在 ${join(f.to, origins.name)}（budget check 据此注明单元格）。\n` : `Where each figure came from is recorded in ${join(f.to, origins.name)} (budget check names the cells from it).\n`) : '') +
      (r.warnings ?? []).map((w) => `${zh ? '注意' : 'Note'}：${w[f.lang]}\n`).join(''),
  );
  // What the check says of the result: the to-do list of what the workbook did not hold, or any break.
  if (checked) {
    process.stdout.write('\n' + report([checked], { format: 'human', lang: f.lang, color: colorLevel(undefined, world), verbose: false, strict: false, rules: rulesFor('check') }));
  }
  return EXIT.ok;
}

/** Whether the file holds exactly this text already. */
function sameText(world: World, path: string, text: string): boolean {
  if (world.kind && world.kind(path) !== 'file') return false;
  try {
    return world.readText(path) === text;
  } catch {
    return false;
  }
}

/** "file:line:col: " of a diagnostic that has a place (a CSV not in UTF-8, a profile's bad key): the message alone does not say which file. */
function where(d: Diagnostic): string {
  return d.span ? `${d.span.file}:${d.span.line}:${d.span.col}: ` : '';
}

function profileNamed(existing: readonly { name: string; text: string }[]): string | undefined {
  const v = existing.length ? valuesOf(existing) : undefined;
  if (!v || 'error' in v) return undefined;
  const dep = v.sections.department;
  const p = dep && typeof dep === 'object' && !Array.isArray(dep) ? (dep as Record<string, unknown>).profile : undefined;
  return typeof p === 'string' ? p : undefined;
}

