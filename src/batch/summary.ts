import type { Lang } from '../diagnostics/diagnostic.js';
import { countSeverities } from '../diagnostics/result.js';
import { displayWidth, money } from '../diagnostics/text.js';
import { statusWord } from './progress.js';
import type { BatchItem } from './run.js';

/**
 * The closing table of a batch: every item in list order with its status, department and year,
 * totals, findings and the files written, then one line with the counts by status.
 */
export function formatSummary(items: readonly BatchItem[], lang: Lang): string {
  const zh = lang === 'zh';
  const head = zh
    ? ['#', '状态', '目录', '部门', '年度', '收入总计', '支出总计', '单位', '错误', '警告', '注记', '输出文件']
    : ['#', 'status', 'directory', 'department', 'year', 'income', 'expenditure', 'unit', 'errors', 'warnings', 'notes', 'outputs'];
  const right = new Set([0, 4, 5, 6, 8, 9, 10]);
  const rows = items.map((it, i) => {
    const r = it.result;
    const c = countSeverities(r.diagnostics);
    return [
      String(i + 1),
      statusWord(it, lang),
      it.dir,
      r.department ?? '',
      r.year !== undefined ? String(r.year) : '',
      r.balance ? money(r.balance.income) : '',
      r.balance ? money(r.balance.expenditure) : '',
      r.balance?.unit ?? '',
      String(c.error),
      String(c.warning),
      String(c.note),
      (r.outputs ?? []).join(', ') || (r.outputs ? (zh ? '（未写出）' : '(none)') : ''),
    ];
  });
  // The outputs column is last and not padded (paths are long).
  const widths = head.map((h, k) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[k]))));
  const pad = (s: string, k: number) => {
    if (k === head.length - 1) return s;
    const gap = ' '.repeat(Math.max(0, widths[k] - displayWidth(s)));
    return right.has(k) ? gap + s : s + gap;
  };
  // `check` writes nothing: no outputs column then.
  const cols = items.some((it) => it.result.outputs) ? head.length : head.length - 1;
  const line = (cells: readonly string[]) => cells.slice(0, cols).map(pad).join('  ').trimEnd();
  const out = [line(head), line(widths.map((w, k) => '-'.repeat(k === head.length - 1 ? Math.max(displayWidth(head[k]), 4) : w))), ...rows.map(line)];

  const by = { ok: 0, failed: 0, unusable: 0, internal: 0 };
  for (const it of items) {
    if (it.internal) by.internal++;
    else by[it.result.status]++;
  }
  out.push(
    zh
      ? `共 ${items.length} 项：${by.ok} 项通过，${by.failed} 项未通过，${by.unusable} 项无法检查${by.internal ? `，${by.internal} 项内部错误` : ''}`
      : `${items.length} items: ${by.ok} ok, ${by.failed} failed, ${by.unusable} unusable${by.internal ? `, ${by.internal} internal errors` : ''}`,
  );
  return out.join('\n') + '\n';
}
