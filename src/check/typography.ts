import type { Diagnostic, RuleDoc, RuleRun } from '../diagnostics/diagnostic.js';
import type { Node, ScalarNode, SourceTree } from '../source/tree.js';
import type { Span } from '../source/span.js';

/**
 * Chinese typography in the prose a department writes (issue 13 point 8): the house style the
 * generated text follows too (templates/), checked in every text of the data as warnings at
 * file:line:column, and applied by `budget fix` where the fix is unique.
 *
 * - `style/half-width-punctuation`: a half-width , ; : ! ? ( ) in Chinese text ("事业单位,无机关",
 *   "维护;负责", "(一)" beside "（一）"): the full-width form. A colon or comma between digits
 *   (10:30, 1,234) and parentheses around Latin text only ("(PDF)") are left alone.
 * - `style/half-width-quotes`: straight quotes "…" around Chinese text: “…”. Paired in order; an
 *   odd count has no unique fix and is reported without one.
 * - `style/cjk-space`: a space between two Chinese characters ("政务 共享数据资源").
 * - `style/figure-space`: a figure and a Chinese character side by side without the one space the
 *   profile's convention puts between them ("中心2031 年", "7个"; the published style writes
 *   "2031 年", "1,234 万元").
 * - `style/thousands`: an amount of four or more digits without thousands separators
 *   ("1234 万元" → "1,234 万元").
 *
 * Only prose is looked at: a key, a number, a code, a date never, nor a name (a `name` key: a
 * department's, a unit's, a classification's), which is written as it is registered ("第1局").
 */

export const HALF_WIDTH_PUNCTUATION_RULE = 'style/half-width-punctuation';
export const HALF_WIDTH_QUOTES_RULE = 'style/half-width-quotes';
export const CJK_SPACE_RULE = 'style/cjk-space';
export const FIGURE_SPACE_RULE = 'style/figure-space';
export const THOUSANDS_RULE = 'style/thousands';

/** One defect in a text: `length` UTF-16 units at `offset` to become `to` (absent: no unique fix). */
export interface TypoIssue {
  readonly rule: string;
  readonly offset: number;
  readonly length: number;
  readonly to?: string;
}

/** Chinese characters and the full-width punctuation that sits among them. */
const CJK = /[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]/u;
/** Han characters only (a figure is spaced from these, not from punctuation). */
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const FULL: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）' };

const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);
const isHan = (ch: string | undefined): boolean => ch !== undefined && HAN.test(ch);
/**
 * CJK's ranges for one UTF-16 unit (NaN, past either end of the text, is none). Every text is
 * walked a character at a time: comparing codes there, instead of testing a one-character string
 * against CJK, kept the style rules from being the check's largest cost after the model (every
 * `text[i]` of a Chinese text is a new string to hash; the ranges are all in the BMP, so a code
 * unit is in them exactly when the character is).
 */
const isCjkCode = (c: number): boolean =>
  (c >= 0x2e80 && c <= 0x2fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff01 && c <= 0xff60);
const isLatinOrDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * The typography defects of one text, in order, none overlapping. `figureSpace`: the profile's
 * convention puts one space between a figure and a Han character (true) or none (false).
 */
export function typographyIssues(text: string, figureSpace = true): TypoIssue[] {
  const out: TypoIssue[] = [];
  if (!CJK.test(text)) return out;
  const taken = new Set<number>();
  const inserts = new Set<number>();
  const push = (i: TypoIssue) => {
    // an insertion (a space before a figure) takes no character, only its place
    if (i.length === 0) {
      if (inserts.has(i.offset)) return;
      inserts.add(i.offset);
      out.push(i);
      return;
    }
    for (let k = i.offset; k < i.offset + i.length; k++) if (taken.has(k)) return;
    for (let k = i.offset; k < i.offset + i.length; k++) taken.add(k);
    out.push(i);
  };

  // Parentheses: a pair whose content or outside neighbour is Chinese is set full-width together.
  const stack: number[] = [];
  // (most texts have none: indexOf finds that without walking the text here)
  for (let i = text.indexOf('('); i >= 0 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28) stack.push(i);
    else if (c === 0x29 && stack.length > 0) {
      const open = stack.pop()!;
      const inner = text.slice(open + 1, i);
      if (CJK.test(inner) || isCjkCode(text.charCodeAt(open - 1)) || isCjkCode(text.charCodeAt(i + 1))) {
        push({ rule: HALF_WIDTH_PUNCTUATION_RULE, offset: open, length: 1, to: '（' });
        push({ rule: HALF_WIDTH_PUNCTUATION_RULE, offset: i, length: 1, to: '）' });
      }
    }
  }
  // , ; : ! ? after a Chinese character (or before one, when not between digits or Latin words).
  for (const m of text.matchAll(/[,;:!?]/g)) {
    const i = m.index!;
    const prev = text.charCodeAt(i - 1);
    const next = text.charCodeAt(i + 1);
    const latinBefore = isLatinOrDigit(prev);
    if (isCjkCode(prev) || (isCjkCode(next) && !latinBefore) || prev === 0xff09 /* ） */ || prev === 0x201d /* ” */) {
      // the space a half-width mark was followed by goes with it ("维护; 负责" → "维护；负责")
      const space = next === 0x20 && isCjkCode(text.charCodeAt(i + 2)) ? 1 : 0;
      push({ rule: HALF_WIDTH_PUNCTUATION_RULE, offset: i, length: 1 + space, to: FULL[text[i]!] });
    }
  }
  // Straight double quotes in Chinese text: “ and ” in turn.
  const quotes = [...text.matchAll(/"/g)].map((m) => m.index!);
  if (quotes.length > 0) {
    const paired = quotes.length % 2 === 0;
    quotes.forEach((at, k) => push({ rule: HALF_WIDTH_QUOTES_RULE, offset: at, length: 1, ...(paired ? { to: k % 2 === 0 ? '“' : '”' } : {}) }));
  }
  // Spaces between two Chinese characters or punctuation marks; not the one after a heading's
  // number (第一部分 部门概况, 第三章 总则), which sets it off from its title.
  for (const m of text.matchAll(/[ \u3000]+/g)) {
    const a = text[m.index! - 1];
    const b = text[m.index! + m[0].length];
    // (the heading test only where the space is between two Chinese characters: it reads the text before)
    if (isCjk(a) && isCjk(b) && !/^第[一二三四五六七八九十百零〇0-9]+[部分章节条篇编]+$/.test(text.slice(0, m.index!))) push({ rule: CJK_SPACE_RULE, offset: m.index!, length: m[0].length, to: '' });
  }
  // Amounts of four or more digits before a unit of money, without separators.
  for (const m of text.matchAll(/(?<![0-9.,])([0-9]{4,})(\.[0-9]+)?(?= ?(?:万元|亿元|元))/g)) {
    const digits = m[1];
    push({ rule: THOUSANDS_RULE, offset: m.index!, length: digits.length, to: digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') });
  }
  // A figure beside a Han character: the convention's one space, or none.
  for (const m of text.matchAll(/[0-9][0-9,.]*%?/g)) {
    const start = m.index!;
    const end = start + m[0].replace(/[,.]$/, '').length;
    const before = text[start - 1];
    const after = text[end];
    if (figureSpace) {
      if (isHan(before)) push({ rule: FIGURE_SPACE_RULE, offset: start, length: 0, to: ' ' });
      if (isHan(after)) push({ rule: FIGURE_SPACE_RULE, offset: end, length: 0, to: ' ' });
    } else {
      if (before === ' ' && isHan(text[start - 2])) push({ rule: FIGURE_SPACE_RULE, offset: start - 1, length: 1, to: '' });
      if (after === ' ' && isHan(text[end + 1])) push({ rule: FIGURE_SPACE_RULE, offset: end, length: 1, to: '' });
    }
  }
  // by place; an insertion before the replacement that starts where it goes
  return out.sort((a, b) => a.offset - b.offset || a.length - b.length);
}

/** The text with every issue that has a unique fix applied. */
export function fixTypography(text: string, figureSpace = true): string {
  let out = '';
  let at = 0;
  for (const i of typographyIssues(text, figureSpace)) {
    if (i.to === undefined) continue;
    out += text.slice(at, i.offset) + i.to;
    at = i.offset + i.length;
  }
  return out + text.slice(at);
}

const rule = (id: string, title: [string, string], explain: [string, string], example: [string, string]): RuleDoc => ({
  id,
  severity: 'warning',
  title: { zh: title[0], en: title[1] },
  explain: { zh: explain[0], en: explain[1] },
  example: { zh: example[0], en: example[1] },
});

const FIXABLE = ['budget fix 会改正这一处。', 'budget fix applies this.'] as const;

export const TYPOGRAPHY_RULES: readonly RuleDoc[] = [
  rule(
    HALF_WIDTH_PUNCTUATION_RULE,
    ['中文里的半角标点', 'Half-width punctuation in Chinese text'],
    [
      `中文文字中的逗号、分号、冒号、问号、叹号和括号用全角：“事业单位,无机关运行经费”应为“事业单位，无机关运行经费”，“(一)”应为“（一）”。数字之间（1,234、10:30）和只括住英文的括号不改。${FIXABLE[0]}`,
      `Commas, semicolons, colons, question and exclamation marks and brackets in Chinese text are full-width: "事业单位,无机关运行经费" should read "事业单位，无机关运行经费", "(一)" "（一）". Between digits (1,234, 10:30) and around Latin text only, they stay. ${FIXABLE[1]}`,
    ],
    ['维护;负责 → 维护；负责', '维护;负责 → 维护；负责'],
  ),
  rule(
    HALF_WIDTH_QUOTES_RULE,
    ['中文里的直引号', 'Straight quotes in Chinese text'],
    [
      `中文文字用弯引号“”：(含"织网工程"系统) 应为（含“织网工程”系统）。引号成对时 ${FIXABLE[0]}单数个引号无法确定哪一个是开引号，需手工改正。`,
      `Chinese text takes curly quotes “”: (含"织网工程"系统) should read （含“织网工程”系统）. When the quotes pair up, ${FIXABLE[1]} An odd number cannot be paired and is left to you.`,
    ],
    ['"织网工程" → “织网工程”', '"织网工程" → “织网工程”'],
  ),
  rule(
    CJK_SPACE_RULE,
    ['汉字之间的空格', 'A space between Chinese characters'],
    [`汉字之间不留空格：“政务 共享数据资源”应为“政务共享数据资源”。${FIXABLE[0]}`, `Chinese characters are not separated by spaces: "政务 共享数据资源" should read "政务共享数据资源". ${FIXABLE[1]}`],
    ['政务 共享 → 政务共享', '政务 共享 → 政务共享'],
  ),
  rule(
    FIGURE_SPACE_RULE,
    ['数字与汉字之间的空格不统一', 'Spacing between figures and Chinese characters'],
    [
      `版式（profile）规定数字与汉字之间的写法（typography.figure_space：加一个空格，或不加），全文一致：默认版式与公开文本一样写“2031 年”“1,234 万元”，“中心2031 年”应为“中心 2031 年”。${FIXABLE[0]}`,
      `The profile sets how a figure meets a Chinese character (typography.figure_space: one space, or none), the same everywhere: the default profile, like the published text, writes "2031 年", "1,234 万元", so "中心2031 年" should read "中心 2031 年". ${FIXABLE[1]}`,
    ],
    ['中心2031 年 → 中心 2031 年', '中心2031 年 → 中心 2031 年'],
  ),
  rule(
    THOUSANDS_RULE,
    ['金额缺少千位分隔符', 'An amount without thousands separators'],
    [`文字中的金额与表格一样用千位分隔符：“1234 万元”应为“1,234 万元”。${FIXABLE[0]}`, `Amounts in the text take thousands separators as in the tables: "1234 万元" should read "1,234 万元". ${FIXABLE[1]}`],
    ['1234 万元 → 1,234 万元', '1234 万元 → 1,234 万元'],
  ),
];

const TITLES: Readonly<Record<string, { zh: string; en: string }>> = Object.fromEntries(TYPOGRAPHY_RULES.map((r) => [r.id, r.title]));

/** Whether the value under this key is prose the house style applies to (not a registered name). */
export function isProseKey(key: unknown): boolean {
  return key !== 'name';
}

/** The text scalars of the sources: every string value that is not a key or a name (codes and dates hold no Chinese). */
function textScalars(n: Node, out: ScalarNode[] = []): ScalarNode[] {
  if (n.kind === 'scalar') {
    if (typeof n.value === 'string') out.push(n);
  } else if (n.kind === 'seq') n.items.forEach((x) => textScalars(x, out));
  else n.entries.forEach((e) => isProseKey(e.key.value) && textScalars(e.value, out));
  return out;
}

/**
 * Where a scalar's value text starts in its source, when the value is the source's characters one
 * for one (a plain scalar on one line, or a quoted one without escapes): the typography edits can
 * then be made in place. Undefined otherwise (folded, block or escaped text): reported at the
 * scalar, with no fix.
 */
export function valueOffsetInSource(n: ScalarNode): number | undefined {
  const v = String(n.value);
  const s = n.source;
  if (s === v) return 0;
  if ((s.startsWith('"') || s.startsWith("'")) && s.slice(1, -1) === v) return 1;
  return undefined;
}

/** The typography warnings of every text of the data, at the defect's own line and column. */
export function typographyChecks(tree: SourceTree, figureSpace = true): { diagnostics: Diagnostic[]; runs: RuleRun[] } {
  const diagnostics: Diagnostic[] = [];
  const texts = textScalars(tree.root);
  for (const n of texts) {
    const text = String(n.value);
    const issues = typographyIssues(text, figureSpace);
    if (issues.length === 0) continue;
    const inSource = valueOffsetInSource(n);
    // One warning per text and rule, at its first place: a date such as 2031年1月1日 is one
    // finding, not one per figure in it. The message shows the text as it would read fixed.
    const byRule = new Map<string, TypoIssue[]>();
    for (const i of issues) byRule.set(i.rule, [...(byRule.get(i.rule) ?? []), i]);
    for (const [id, list] of byRule) {
      const i = list[0]!;
      const last = list[list.length - 1]!;
      const span: Span =
        inSource !== undefined && n.span.line === n.span.endLine
          ? { ...n.span, col: n.span.col + [...text.slice(0, i.offset)].length + inSource, offset: n.span.offset + inSource + i.offset, length: Math.max(1, i.length), endCol: n.span.col + inSource + [...text.slice(0, i.offset + Math.max(1, i.length))].length }
          : n.span;
      // The stretch of text from a little before the first place to a little after the last.
      const a = Math.max(0, i.offset - 6);
      const b = Math.min(text.length, last.offset + last.length + 6);
      const fixable = list.every((x) => x.to !== undefined);
      const from = text.slice(a, b);
      let to: string | undefined;
      if (fixable) {
        to = '';
        let at = a;
        for (const x of list) {
          to += text.slice(at, x.offset) + x.to!;
          at = x.offset + x.length;
        }
        to += text.slice(at, b);
      }
      const title = TITLES[id]!;
      const more = list.length > 1 ? { zh: `（此段文字共 ${list.length} 处）`, en: ` (${list.length} places in this text)` } : { zh: '', en: '' };
      diagnostics.push({
        severity: 'warning',
        rule: id,
        message: {
          zh: `${title.zh}：“${from}”${to !== undefined ? `应为“${to}”` : ''}${more.zh}。`,
          en: `${title.en}: "${from}"${to !== undefined ? ` should read "${to}"` : ''}${more.en}.`,
        },
        span,
        related: [],
        figures: [],
        help:
          to !== undefined
            ? { zh: 'budget fix 可自动改正（--dry-run 先看差异）。', en: 'budget fix applies it (--dry-run shows the diff first).' }
            : { zh: '引号不成对，无法自动改正：请手工改为“”。', en: 'The quotes do not pair up, so there is no automatic fix: change them to “” by hand.' },
      });
    }
  }
  const runs = TYPOGRAPHY_RULES.map((r) => ({ id: r.id, checked: texts.length, findings: diagnostics.filter((d) => d.rule === r.id).length }));
  return { diagnostics, runs };
}
