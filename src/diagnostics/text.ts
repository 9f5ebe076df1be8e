import { format, parseDec } from '../money/decimal.js';
import type { DiagFigure, Lang, Localized, Origin, Severity } from './diagnostic.js';
import type { Counts } from './result.js';

/** The formatters' own words (the rules' words travel in the diagnostics). */
const WORDS = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  note: { zh: '注记', en: 'note' },
  help: { zh: '建议', en: 'help' },
  figures: { zh: '数字', en: 'figures' },
  difference: { zh: '差额（申报 − 计算）', en: 'difference (declared − computed)' },
  feeds: { zh: '影响', en: 'feeds' },
  also: { zh: '另见', en: 'see also' },
  income: { zh: '收入总计', en: 'income total' },
  expenditure: { zh: '支出总计', en: 'expenditure total' },
  notRun: { zh: '未运行', en: 'not run' },
  rule: { zh: '规则', en: 'rule' },
  checked: { zh: '检查项', en: 'checked' },
  findings: { zh: '发现', en: 'findings' },
  passed: { zh: '检查通过', en: 'passed' },
  failed: { zh: '检查未通过', en: 'failed' },
  unusable: { zh: '无法检查', en: 'unusable input' },
  buildFailed: { zh: '生成失败', en: 'build failed' },
  written: { zh: '已写出', en: 'wrote' },
  nothingWritten: { zh: '未写出任何文件', en: 'nothing written' },
  total: { zh: '合计', en: 'total' },
} satisfies Record<string, Localized>;

export type Word = keyof typeof WORDS;

export function word(w: Word, lang: Lang): string {
  return WORDS[w][lang];
}

export function severityWord(s: Severity, lang: Lang): string {
  return WORDS[s][lang];
}

/** "1,234" for "1234": figures as the document prints them; text that is not a decimal is kept. */
export function money(value: string): string {
  const d = parseDec(value);
  return d ? format(d) : value;
}

/**
 * Where an imported figure came from, as a finding names it: the workbook cell (表3 支出总表!D7),
 * or the CSV file and cell; when the figure was edited after the import, the value it was
 * imported as, so the officer sees that the data and the workbook now differ.
 */
export function originText(o: Origin, lang: Lang): string {
  const at = o.csv ? (lang === 'zh' ? `${o.sheet} 的 ${o.cell} 单元格` : `${o.sheet} cell ${o.cell}`) : lang === 'zh' ? `工作簿 ${o.sheet}!${o.cell}` : `workbook cell ${o.sheet}!${o.cell}`;
  if (o.edited) return lang === 'zh' ? `自${at} 导入时为 ${money(o.imported)}，此后已修改` : `imported from ${at} as ${money(o.imported)}, edited since`;
  return lang === 'zh' ? `来自${at}` : `from ${at}`;
}

/** A text followed by its origin: “…（来自工作簿 表3 支出总表!D7）”. */
export function withOrigin(text: string, o: Origin | undefined, lang: Lang): string {
  if (!o) return text;
  return lang === 'zh' ? `${text}（${originText(o, lang)}）` : `${text} (${originText(o, lang)})`;
}

/** One figure of a finding as the text formats print it: label, amount, and where it was imported from. */
export function figureText(f: DiagFigure, lang: Lang): string {
  return withOrigin(`${f.label[lang]} ${money(f.value)}`, f.origin, lang);
}

/** A signed difference: "+1", "-0.50", "0". */
export function signed(value: string): string {
  const m = money(value);
  return m.startsWith('-') || /^0(\.0*)?$/.test(m) ? m : '+' + m;
}

export function countsText(c: Counts, lang: Lang): string {
  if (lang === 'zh') return `${c.error} 个错误，${c.warning} 个警告，${c.note} 个注记（尾数误差）`;
  const n = (k: number, s: string) => `${k} ${s}${k === 1 ? '' : 's'}`;
  return `${n(c.error, 'error')}, ${n(c.warning, 'warning')}, ${n(c.note, 'note')} (rounding)`;
}

/** 收入总计 1,234 = 支出总计 1,234 万元 */
export function balanceText(b: { income: string; expenditure: string; unit: string }, lang: Lang): string {
  const rel = sameAmount(b.income, b.expenditure) ? '=' : '≠';
  const unit = lang === 'zh' ? b.unit : `(${b.unit === '万元' ? '10,000 yuan' : 'yuan'})`;
  return `${word('income', lang)} ${money(b.income)} ${rel} ${word('expenditure', lang)} ${money(b.expenditure)} ${unit}`;
}

/** Whether two exact decimal texts are the same amount ("1234" and "1234.00" are). */
export function sameAmount(a: string, b: string): boolean {
  const x = parseDec(a), y = parseDec(b);
  if (!x || !y) return a === b;
  const s = Math.max(x.scale, y.scale);
  return x.coef * 10n ** BigInt(s - x.scale) === y.coef * 10n ** BigInt(s - y.scale);
}

/**
 * Terminal columns a string takes: East Asian wide and fullwidth characters take two, so a caret
 * lands under the right character of a Chinese line.
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 9) w += 4;
    else if (c < 32 || (c >= 0x7f && c < 0xa0) || (c >= 0x300 && c <= 0x36f) || c === 0x200b || c === 0xfeff) w += 0;
    else w += isWide(c) ? 2 : 1;
  }
  return w;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0x303e) ||
    (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xa000 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1f64f) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}
