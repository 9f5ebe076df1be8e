import type { Lang } from '../diagnostics/diagnostic.js';
import { countSeverities } from '../diagnostics/result.js';
import { displayWidth, money } from '../diagnostics/text.js';
import type { BatchItem } from './run.js';

/**
 * Progress of a batch, on stderr (stdout carries the report). On a terminal: one bar redrawn in
 * place. Not on a terminal, or under CI (`CI` set): one plain line per finished item, so logs read
 * top to bottom and nothing depends on carriage returns.
 */
export interface Progress {
  done(item: BatchItem, done: number, total: number): void;
  /** Clears the bar (a terminal), so the report starts on a clean line. */
  end(): void;
}

export interface ProgressOptions {
  readonly mode: 'bar' | 'lines' | 'off';
  readonly lang: Lang;
  readonly write: (s: string) => void;
  /** Terminal width for the bar. */
  readonly columns?: number;
}

export function progressMode(o: { isTTY: boolean; ci: boolean; quiet?: boolean }): ProgressOptions['mode'] {
  if (o.quiet) return 'off';
  return o.isTTY && !o.ci ? 'bar' : 'lines';
}

export function statusWord(item: BatchItem, lang: Lang): string {
  if (item.internal) return lang === 'zh' ? '内部错误' : 'internal';
  const s = item.result.status;
  if (item.result.buildFailed) return lang === 'zh' ? '生成失败' : 'build failed';
  return lang === 'zh' ? ({ ok: '通过', failed: '未通过', unusable: '无法检查' } as const)[s] : ({ ok: 'ok', failed: 'failed', unusable: 'unusable' } as const)[s];
}

/** One plain line: `[ 3/100] 通过 data/a/2031 · 收入总计 1,234 万元 · 0 错误 8 注记 · 0.41 s`. */
export function itemLine(item: BatchItem, done: number, total: number, lang: Lang): string {
  const w = String(total).length;
  const r = item.result;
  const c = countSeverities(r.diagnostics);
  const parts = [`[${String(done).padStart(w)}/${total}] ${statusWord(item, lang)}`, item.dir];
  if (r.balance) parts.push(`${lang === 'zh' ? '收入总计' : 'income'} ${money(r.balance.income)} ${r.balance.unit}`);
  parts.push(lang === 'zh' ? `${c.error} 错误 ${c.warning} 警告 ${c.note} 注记` : `${c.error} errors ${c.warning} warnings ${c.note} notes`);
  parts.push(`${(item.ms / 1000).toFixed(2)} s`);
  return parts.join(' · ');
}

export function createProgress(o: ProgressOptions): Progress {
  if (o.mode === 'off') return { done() {}, end() {} };
  if (o.mode === 'lines') return { done: (item, done, total) => o.write(itemLine(item, done, total, o.lang) + '\n'), end() {} };
  let failed = 0;
  let drawn = false;
  return {
    done(item, done, total) {
      if (item.internal || item.result.status !== 'ok') {
        failed++;
        // A failure stays on screen above the bar.
        o.write('\r\x1b[K' + itemLine(item, done, total, o.lang) + '\n');
      }
      const cols = Math.max(40, Math.min(o.columns ?? 80, 120));
      const width = Math.max(10, Math.min(30, cols - 50));
      const fill = Math.round((done / total) * width);
      const bar = '█'.repeat(fill) + '░'.repeat(width - fill);
      const tail = o.lang === 'zh' ? `${failed ? ` · ${failed} 项未通过` : ''}` : `${failed ? ` · ${failed} failed` : ''}`;
      let line = `${bar} ${done}/${total}${tail} · ${item.dir}`;
      // Never wrap (a wrapped bar cannot be redrawn in place): cut by display width (CJK is two columns).
      while (displayWidth(line) > cols - 1) line = line.slice(0, -2) + '…';
      o.write('\r\x1b[K' + line);
      drawn = true;
    },
    end() {
      if (drawn) o.write('\r\x1b[K');
    },
  };
}
