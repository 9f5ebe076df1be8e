import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../cli/run.js';

export { ROOT, budget, budgetProcess, ensureBuilt, STACK } from '../cli/run.js';

/** A scratch working directory with `data/<rel>` copies of the given source directories. */
export function tree(entries: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'budget-batch-'));
  for (const [rel, src] of Object.entries(entries)) cpSync(join(ROOT, src), join(root, 'data', rel), { recursive: true });
  return root;
}

/** Replaces text in a file (the replacement must match). */
export function edit(file: string, from: string | RegExp, to: string): void {
  const before = readFileSync(file, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`edit of ${file} matched nothing: ${from}`);
  writeFileSync(file, after);
}

export function write(file: string, text: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

/** 1-based line of the first line of `file` matching `re`. */
export function lineOf(file: string, re: RegExp): number {
  const i = readFileSync(file, 'utf8').split(/\r?\n/).findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`${re} not in ${file}`);
  return i + 1;
}

export interface JsonResult {
  dir: string;
  status: string;
  department: string | null;
  year: number | null;
  balance: { income: string; expenditure: string; unit: string } | null;
  diagnostics: {
    severity: string;
    rule: string;
    message: string;
    span: { file: string; line: number; column: number } | null;
    related: { span: { file: string; line: number; column: number }; label: string }[];
    figures: { label: string; value: string; span: { file: string; line: number } | null }[];
    difference: string | null;
  }[];
  rules: { id: string; ran: boolean; checked: number; findings: number }[];
  outputs: string[] | null;
}

export function results(stdout: string): JsonResult[] {
  return JSON.parse(stdout).results;
}
