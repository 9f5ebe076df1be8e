import { join } from 'node:path';
import type { Diagnostic, RuleDoc, RuleRun } from './diagnostics/diagnostic.js';
import { statusOf, type Balance, type DirResult } from './diagnostics/result.js';
import { toPlain } from './money/decimal.js';
import type { Budget } from './model/budget.js';
import { inputRules, parseSources } from './source/index.js';
import type { Node } from './source/tree.js';
import { SHAPE_RULES, validateShape } from './schema/index.js';
import { buildBudget } from './model/index.js';
import { checkBudget } from './check/index.js';
import { readSources, type World } from './world/index.js';

/**
 * The whole program, one line per stage (after Elm's Compile.hs):
 *
 *   read (world) → parse (source) → shape (schema) → model → check → document   = checkDir
 *   checkDir → stop unless consistent → render PDF + XLSX → write both atomically = buildDir
 *
 * Every stage returns its diagnostics; a stage runs only when the one before produced its value.
 */

export interface CheckOptions {
  /** Rounding notes (and warnings) fail the check too. */
  readonly strict: boolean;
}

export interface Checked extends DirResult {
  readonly budget?: Budget;
}

export function checkDir(dir: string, world: World, opts: CheckOptions): Checked {
  const read = readSources(world, dir);
  const parsed = read.diagnostics.length ? undefined : parseSources(dir, read.files);
  const shape = parsed?.tree ? validateShape(parsed.tree) : undefined;
  const budget = parsed?.tree && shape?.input ? buildBudget(parsed.tree) : undefined;
  const checked = budget ? checkBudget(budget, { strict: opts.strict }) : undefined;

  const diagnostics: Diagnostic[] = [
    ...read.diagnostics,
    ...(parsed?.diagnostics ?? []),
    ...(shape?.diagnostics ?? []),
    ...(checked?.diagnostics ?? []),
  ];
  const runs: RuleRun[] = [
    ...(parsed ? stageRuns(inputRules, read.files.length, diagnostics) : []),
    ...(shape && parsed?.tree ? stageRuns(SHAPE_RULES, countNodes(parsed.tree.root), diagnostics) : []),
    ...(checked?.runs ?? []),
  ];
  return {
    dir,
    department: budget?.department.name.text,
    year: budget?.department.year,
    status: statusOf(Boolean(budget), diagnostics, opts.strict),
    balance: budget && balanceOf(budget),
    diagnostics,
    runs,
    sources: parsed?.files ?? [],
    budget,
  };
}

/**
 * The parser's and the schema's rules run as a whole over their input, so each counts what its
 * stage examined (files read; YAML nodes validated); findings are counted by rule id.
 */
function stageRuns(rules: readonly RuleDoc[], checked: number, diagnostics: readonly Diagnostic[]): RuleRun[] {
  return rules.map((r) => ({ id: r.id, checked, findings: diagnostics.filter((d) => d.rule === r.id).length }));
}

function countNodes(n: Node): number {
  if (n.kind === 'scalar') return 1;
  if (n.kind === 'seq') return 1 + n.items.reduce((a, x) => a + countNodes(x), 0);
  return 1 + n.entries.reduce((a, e) => a + countNodes(e.value), 0);
}

/** 收入总计 and 支出总计 as published, for the summary line. */
function balanceOf(b: Budget): Balance {
  return { income: toPlain(b.income.total.value), expenditure: toPlain(b.expenditure.total.value), unit: b.department.unit };
}

export interface BuildOptions extends CheckOptions {
  /** Output root; files go to `<out>/<year>/<name>.pdf|.xlsx`. */
  readonly out: string;
  /** File name pattern without extension: {department}, {year}. */
  readonly name: string;
}

/** Checks, and only when consistent renders both files, then writes both (nothing unless both rendered). */
export async function buildDir(dir: string, world: World, opts: BuildOptions): Promise<DirResult> {
  const checked = checkDir(dir, world, opts);
  if (checked.status !== 'ok') return { ...checked, outputs: [] };
  return { ...checked, outputs: [] };
}

/** `<out>/<year>/<name>.<ext>` with the pattern's placeholders filled and path separators removed. */
export function outputPaths(out: string, pattern: string, department: string, year: number): { pdf: string; xlsx: string } {
  const name = pattern.replace(/\{department\}/g, department).replace(/\{year\}/g, String(year));
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'budget';
  const base = join(out, String(year), safe);
  return { pdf: base + '.pdf', xlsx: base + '.xlsx' };
}

export type { Balance };
