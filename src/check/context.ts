import type { Diagnostic, DiagFigure, Localized, Related } from '../diagnostics/diagnostic.js';
import { abs, format, isZero, mulInt, neg, toPlain, ZERO, type Dec } from '../money/decimal.js';
import type { Fig } from '../model/budget.js';
import type { Fact } from '../model/facts.js';
import { DEFAULT_IDENTITIES, type LayoutIdentity } from '../profile/index.js';
import type { Span } from '../source/span.js';
import { recordFacts } from './chains.js';
import { unitWord } from './labels.js';
import { judge, judgeAtMost, sumDec, type Verdict } from './tolerance.js';
import type { BudgetView } from './view.js';

/** One side of an identity: a figure (absent: an exact 0 nothing wrote), its tolerance and names. */
export interface Term {
  readonly fig: Fig | undefined;
  readonly tol: Dec;
  /** Full name, standing alone: "201 一般公共服务支出 的基本支出". */
  readonly label: Localized;
  /** Short name inside a message that already names the subject: "基本支出". */
  readonly short?: Localized;
  /** −1 for a subtracted part (this year − last year). */
  readonly sign?: 1 | -1;
  /** Where to point when the figure was computed (e.g. the row it belongs to). */
  readonly at?: Span;
  /**
   * The budget's figures the term is (one fact address, src/model/facts.ts), or adds up: a
   * diagnostic names the tables and parts that show any of its terms' facts (its "feeds").
   */
  readonly facts?: readonly Fact[];
}

/** The tables and parts of the document that show any of the given figures (derived from the profile by the caller). */
export type FeedsOf = (facts: readonly Fact[]) => readonly string[];

/** A table of the profile, as a finding names it (see RuleCtx.tables). */
export interface TableRef {
  readonly name: string;
  readonly kind: string;
  readonly columns: readonly string[];
  readonly sources?: readonly string[];
  readonly classification?: string;
}

export interface TableQuery {
  readonly kind?: string;
  readonly column?: string;
  readonly sources?: readonly string[];
  readonly classification?: string;
}

export interface Check {
  /** What the identity is about, prefixed to the short names: "201 一般公共服务支出". */
  readonly subject?: Localized;
  /** "201 一般公共服务支出 的基本支出" (of, the default) or "基本支出：201 … 300 加 …" (colon). */
  readonly subjectStyle?: 'of' | 'colon';
  /** Figures the identity is also about, beyond its terms' (they widen its feeds). */
  readonly facts?: readonly Fact[];
  /**
   * Tables the rule names itself, beyond those derived from the facts: a layout's doubled figures
   * (src/check/rules/layout.ts) are found by the kind of table that prints them (RuleCtx.tables).
   */
  readonly feeds?: readonly string[];
  /** Overrides the default help (which names the figures to look at). */
  readonly help?: Partial<Record<'error' | 'note', Localized>>;
  /** Which figure is most likely wrong: 'total' (default) or a part's index. */
  readonly primary?: 'total' | number;
  /** For sums of many parts: what the parts are, e.g. "下级科目的基本支出". */
  readonly partsName?: Localized;
  /** The unit of the figures when it is not the department's money unit (e.g. 人 for head counts). */
  readonly unit?: Localized;
}

const value = (t: Term): Dec => {
  const v = t.fig?.value ?? ZERO;
  return t.sign === -1 ? neg(v) : v;
};

/**
 * An amount in English: "10 10k yuan" does not read as English, so a 万元 amount is said in yuan
 * (10 万元 → "100,000 yuan"); other units (yuan, people) as they are.
 */
export function amountEn(d: Dec, u: Localized): string {
  if (u.zh === '万元') return `${format(mulInt(d, 10000n), Math.max(0, d.scale - 4))} yuan`;
  return `${format(d)} ${u.en}`;
}

/** Collects one rule's findings and counts the identities it checked. */
export class RuleCtx {
  checked = 0;
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly id: string,
    readonly view: BudgetView,
    private readonly strict: boolean,
    private readonly feedsOf: FeedsOf = () => [],
    private readonly identities: readonly LayoutIdentity[] = DEFAULT_IDENTITIES,
    private readonly tableRefs: readonly TableRef[] = [],
  ) {}

  /** Whether the layout declares this layout-specific identity (the profile's `identities`). */
  holds(id: LayoutIdentity): boolean {
    return this.identities.includes(id);
  }

  /** Where the document shows the given figures. */
  feeds(facts: readonly Fact[]): string[] {
    return [...this.feedsOf(facts)];
  }

  /**
   * The names of the profile's tables that print a fact: by kind, by a column they show, by the
   * sources they are restricted to, by classification. Empty when the check runs without a profile.
   */
  tables(q: TableQuery): string[] {
    return this.tableRefs
      .filter(
        (t) =>
          (!q.kind || t.kind === q.kind) &&
          (!q.column || t.columns.includes(q.column)) &&
          (!q.classification || t.classification === q.classification) &&
          (!q.sources || (t.sources !== undefined && q.sources.every((s) => t.sources!.includes(s)) && t.sources.length === q.sources.length)),
      )
      .map((t) => t.name);
  }

  get unitWord(): Localized {
    return unitWord(this.view.b.department.unit);
  }

  get dept(): string {
    return this.view.b.department.name.text;
  }

  /**
   * The common case first: total = Σ parts exactly (counted as checked, nothing to build). Rules
   * that check every row call this before building the names a finding needs.
   */
  exact(total: Dec | undefined, parts: readonly (Dec | undefined)[]): boolean {
    const t = total ?? ZERO;
    let coef = 0n;
    for (const p of parts) {
      const v = p ?? ZERO;
      if (v.scale !== t.scale) return false; // mixed precision: take the full path
      coef += v.coef;
    }
    if (coef !== t.coef) return false;
    this.checked++;
    return true;
  }

  /** total = Σ parts (signed), rounding-aware. */
  sum(total: Term, parts: readonly Term[], c: Check): Verdict {
    this.checked++;
    const s = sumDec(parts.map(value));
    const tol = sumDec([total.tol, ...parts.map((p) => p.tol)]);
    const { diff, verdict } = judge(total.fig?.value ?? ZERO, s, tol);
    if (verdict === 'equal') return verdict;
    const u = c.unit ?? this.unitWord;
    const name = (t: Term): Localized => (c.subject && t.short ? t.short : t.label);
    let partsZh: string;
    let partsEn: string;
    if ((parts.length <= 4 && parts.length > 1) || !c.partsName) {
      partsZh = parts
        .map((p, i) => `${i === 0 ? (p.sign === -1 ? '负' : '') : p.sign === -1 ? ' 减' : ' 加'}${i === 0 ? name(p).zh : zhJoin(name(p).zh)} ${fmt(p.fig)}`)
        .join('');
      partsEn = parts
        .map((p, i) => `${i === 0 ? (p.sign === -1 ? 'minus ' : '') : p.sign === -1 ? ' minus ' : ' plus '}${name(p).en} ${fmt(p.fig)}`)
        .join('');
    } else {
      partsZh = `${c.partsName.zh}（${parts.length} 项）合计`;
      partsEn = `the ${parts.length} ${c.partsName.en} add up to`;
    }
    const colon = c.subjectStyle === 'colon';
    const subjZh = c.subject ? (colon ? `${c.subject.zh}：` : `${c.subject.zh} 的`) : '';
    const subjEn = c.subject ? `${c.subject.en}: ` : '';
    const d = format(abs(diff));
    const dEn = amountEn(abs(diff), u);
    const message: Localized = {
      zh:
        `${subjZh}${partsZh}${(parts.length > 4 || parts.length === 1) && c.partsName ? '' : ' '}为 ${format(s)}，与${zhJoin(name(total).zh)} ${fmt(total.fig)} 相差 ${d} ${u.zh}` +
        roundingZh(verdict, tol),
      en:
        `${subjEn}${partsEn}${(parts.length > 4 || parts.length === 1) && c.partsName ? '' : ' is'} ${format(s)}, but ${name(total).en} is ${fmt(total.fig)}: ` +
        `a difference of ${dEn}` +
        roundingEn(verdict, tol),
    };
    const all = [total, ...parts];
    const primaryIdx = c.primary === undefined || c.primary === 'total' ? 0 : c.primary + 1;
    const help: Localized =
      (verdict === 'error' ? c.help?.error : c.help?.note) ??
      (verdict === 'error'
        ? {
            zh: `核对${total.label.zh}与各组成项：若组成项无误，把${name(total).zh}改为 ${format(s)}；若${name(total).zh}无误，找出写错的组成项（两边相差 ${d} ${u.zh}）。`,
            en: `Check ${total.label.en} against its parts: if the parts are right, change it to ${format(s)}; if it is right, find the part that is wrong (they differ by ${dEn}).`,
          }
        : ROUNDING_HELP);
    this.report(verdict, all, primaryIdx, message, diff, c, help, {
      zh: verdict === 'error' ? `各项合计为 ${format(s)}` : `尾数误差 ${signedText(diff)}`,
      en: verdict === 'error' ? `the parts add up to ${format(s)}` : `rounding difference ${signedText(diff)}`,
    });
    return verdict;
  }

  /** The same fact written in two places (or a figure and the one it must equal). */
  same(a: Term, b: Term, c: Check & { what?: Localized }): Verdict {
    this.checked++;
    const tol = sumDec([a.tol, b.tol]);
    const { diff, verdict } = judge(value(a), value(b), tol);
    if (verdict === 'equal') return verdict;
    const u = c.unit ?? this.unitWord;
    const d = format(abs(diff));
    const dEn = amountEn(abs(diff), u);
    const message: Localized = {
      zh:
        `${a.label.zh} ${fmt(a.fig)} 与${zhJoin(b.label.zh)} ${fmt(b.fig)} 应当相等，相差 ${d} ${u.zh}` + roundingZh(verdict, tol),
      en:
        `${a.label.en} (${fmt(a.fig)}) must equal ${b.label.en} (${fmt(b.fig)}): they differ by ${dEn}` + roundingEn(verdict, tol),
    };
    const help: Localized =
      (verdict === 'error' ? c.help?.error : c.help?.note) ??
      (verdict === 'error'
        ? {
            zh: `这两处是同一个数字：核对原始数据，把写错的一处改成与另一处一致（${fmt(a.fig)} 或 ${fmt(b.fig)}）。`,
            en: `These are the same figure: check the source data and correct the wrong one (${fmt(a.fig)} or ${fmt(b.fig)}).`,
          }
        : ROUNDING_HELP);
    const primaryIdx = c.primary === undefined || c.primary === 'total' ? 0 : c.primary + 1;
    this.report(verdict, [a, b], primaryIdx, message, diff, c, help, {
      zh: verdict === 'error' ? `应与 ${fmt(b.fig)} 相等` : `尾数误差 ${signedText(diff)}`,
      en: verdict === 'error' ? `should equal ${fmt(b.fig)}` : `rounding difference ${signedText(diff)}`,
    });
    return verdict;
  }

  /** a ≤ b (a share cannot exceed its whole). */
  atMost(a: Term, b: Term, c: Check): Verdict {
    this.checked++;
    const tol = sumDec([a.tol, b.tol]);
    const { excess, verdict } = judgeAtMost(value(a), value(b), tol);
    if (verdict === 'equal') return verdict;
    const u = c.unit ?? this.unitWord;
    const d = format(excess);
    const message: Localized = {
      zh:
        `${a.label.zh} ${fmt(a.fig)} 超过了${zhJoin(b.label.zh)} ${fmt(b.fig)}，多出 ${d} ${u.zh}` +
        (verdict === 'rounding' ? `，在四舍五入允许的 ±${tolText(tol)} 之内（尾数误差）` : ''),
      en:
        `${a.label.en} (${fmt(a.fig)}) exceeds ${b.label.en} (${fmt(b.fig)}) by ${amountEn(excess, u)}` +
        (verdict === 'rounding' ? `, within the rounding tolerance of ±${tolText(tol)}` : ''),
    };
    const help: Localized =
      verdict === 'error'
        ? (c.help?.error ?? {
            zh: `${a.label.zh}是${b.label.zh}的一部分，不能更大：核对两处数字。`,
            en: `${a.label.en} is part of ${b.label.en} and cannot exceed it: check both figures.`,
          })
        : ROUNDING_HELP;
    this.report(verdict, [a, b], 0, message, excess, c, help, {
      zh: `不能超过 ${fmt(b.fig)}`,
      en: `cannot exceed ${fmt(b.fig)}`,
    });
    return verdict;
  }

  /** A finding that is not a comparison of sums (an unknown reference, a wrong percent), about the figures `facts`. */
  error(
    d: Omit<Diagnostic, 'severity' | 'rule' | 'related' | 'figures' | 'feeds'> & Partial<Pick<Diagnostic, 'related' | 'figures'>>,
    facts: readonly Fact[],
  ): void {
    const { help, ...rest } = d;
    this.diagnostics.push({ severity: 'error', rule: this.id, related: [], figures: [], ...rest, feeds: this.feeds(facts), ...(help ? { help } : {}) });
  }

  private report(
    verdict: Verdict,
    terms: readonly Term[],
    primaryIdx: number,
    message: Localized,
    diff: Dec,
    c: Check,
    help: Localized,
    label: Localized,
  ): void {
    const spanOf = (t: Term) => t.fig?.span ?? t.at;
    let p = primaryIdx;
    if (!spanOf(terms[p])) {
      const w = terms.findIndex((t) => t.fig?.span);
      p = w >= 0 ? w : terms.findIndex((t) => spanOf(t));
      if (p < 0) p = primaryIdx;
    }
    const related: Related[] = [];
    terms.forEach((t, i) => {
      const s = spanOf(t);
      if (i !== p && s) related.push({ span: s, label: { zh: `${t.label.zh} ${fmt(t.fig)}`, en: `${t.label.en} ${fmt(t.fig)}` } });
    });
    const figures: DiagFigure[] = terms.map((t) => ({
      label: t.label,
      value: toPlain(t.fig?.value ?? ZERO),
      ...(t.fig?.span ? { span: t.fig.span } : {}),
    }));
    const d: Diagnostic = {
      severity: verdict === 'rounding' && !this.strict ? 'note' : 'error',
      rule: this.id,
      message,
      span: spanOf(terms[p]),
      label,
      related,
      figures,
      difference: toPlain(diff),
      feeds: [...new Set([...this.feeds([...terms.flatMap((t) => t.facts ?? []), ...(c.facts ?? [])]), ...(c.feeds ?? [])])],
      help,
    };
    // which figures the finding compares, for folding the findings of one change (src/check/chains.ts)
    if (d.severity === 'error') recordFacts(d, terms.map((t) => t.facts ?? []));
    this.diagnostics.push(d);
  }
}

export const ROUNDING_HELP: Localized = {
  zh: '这是各数字分别四舍五入到整数位后产生的尾数误差，不是错误（表注“本套报表金额单位转换时可能存在尾数误差”即指此类情况），公开文本可保留；如需两边相等，按明细数调整合计或其中一项。',
  en: 'This is a rounding difference: each figure was rounded on its own, so the rounded parts need not add up to the rounded total. It may stay as published (the tables note that unit conversion can leave rounding differences); to make both sides equal, adjust the total or one part to the detailed figures.',
};

export function fmt(f: Fig | undefined): string {
  return format(f?.value ?? ZERO);
}

function roundingZh(v: Verdict, tol: Dec): string {
  if (isZero(tol)) return '';
  return v === 'rounding' ? `，在四舍五入允许的 ±${tolText(tol)} 之内（尾数误差）` : `，超出四舍五入允许的 ±${tolText(tol)}`;
}

function roundingEn(v: Verdict, tol: Dec): string {
  if (isZero(tol)) return '';
  return v === 'rounding' ? `, within the rounding tolerance of ±${tolText(tol)} (a rounding difference)` : `, beyond the rounding tolerance of ±${tolText(tol)}`;
}

/** A space before a name that starts with a code or a Latin letter ("与 302 商品和服务支出"). */
function zhJoin(name: string): string {
  return /^[0-9A-Za-z]/.test(name) ? ' ' + name : name;
}

/** 2.5, 4, 0.015: a tolerance without trailing zeros. */
function tolText(d: Dec): string {
  const s = format(d);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

function signedText(d: Dec): string {
  const s = format(d);
  return s.startsWith('-') ? s : `+${s}`;
}
