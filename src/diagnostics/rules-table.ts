import type { ChalkInstance } from 'chalk';
import type { Lang, RuleDoc, RuleRun } from './diagnostic.js';
import type { DirResult } from './result.js';
import { displayWidth, word } from './text.js';

export interface RuleLine {
  readonly id: string;
  readonly ran: boolean;
  readonly checked: number;
  readonly findings: number;
}

/**
 * Every rule: those that ran with their counts, then every known rule that did not run, listed
 * as such (a rule that did not run is never a pass).
 */
export function ruleLines(runs: readonly RuleRun[], known: readonly RuleDoc[]): RuleLine[] {
  const ran = new Map<string, RuleRun>();
  for (const r of runs) {
    const prev = ran.get(r.id);
    ran.set(r.id, prev ? { id: r.id, checked: prev.checked + r.checked, findings: prev.findings + r.findings } : r);
  }
  const lines: RuleLine[] = [...ran.values()].map((r) => ({ ...r, ran: true }));
  for (const k of known) if (!ran.has(k.id)) lines.push({ id: k.id, ran: false, checked: 0, findings: 0 });
  return lines;
}

export function ruleTable(r: DirResult, known: readonly RuleDoc[], lang: Lang, chalk: ChalkInstance): string[] {
  const lines = ruleLines(r.runs, known);
  const w = Math.max(displayWidth(word('rule', lang)), ...lines.map((l) => l.id.length));
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - displayWidth(s)));
  const out = [chalk.bold(`${pad(word('rule', lang), w)}  ${' '.repeat(Math.max(0, 8 - displayWidth(word('checked', lang))))}${word('checked', lang)}  ${word('findings', lang)}`)];
  for (const l of lines) {
    if (!l.ran) out.push(chalk.dim(`${pad(l.id, w)}  ${word('notRun', lang)}`));
    else out.push(`${pad(l.id, w)}  ${String(l.checked).padStart(8)}  ${l.findings ? chalk.yellow(String(l.findings)) : '0'}`);
  }
  return out;
}
