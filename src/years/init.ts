import { basename } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, Scalar, visit, type Document, type YAMLMap } from 'yaml';
import { toPlain, type Dec } from '../money/decimal.js';
import type { Budget, ThreePublicYear } from '../model/budget.js';
import type { SourceFile } from '../source/index.js';
import { textHash } from './draft.js';

/**
 * `budget init <year>`: a new department-year from the latest one. Pure: the previous year's
 * files and its loaded budget in, the new files' text out (the CLI writes them).
 *
 * - Structure, codes, names, prose and comments are copied (edited through yaml's Document API,
 *   so comments and key order survive).
 * - This year's figures are cleared: each amount key stays, with an empty value (`total:`), so
 *   `budget check` lists every figure still to fill in as `shape/missing-value` at its key, rather
 *   than computing a total from nothing or silently taking 0.
 * - Last year's figures move to the prior-year fields: `prior_year` (year, 收入总计, 支出总计,
 *   机关运行经费) and `three_public.last_year` (Table 9's prior row) take the previous year's
 *   published figures, so the new year compares with what was actually published.
 * - `department.year` becomes the new year. Staffing counts and texts are kept: they are facts to
 *   review. The assets (第八部分 国有资产占用情况: `as_of` and every count) are cleared, keys kept:
 *   they are counted afresh each year.
 * - Comments follow: years in every comment shift with the data (the old year → the new year, the
 *   year before it → the old year: `# 表9 “2031 年”行` above this_year becomes “2032 年”), and a
 *   comment attached to a cleared or moved figure that states its old value (`change: # 比 2030 年
 *   减少 56 万元`) is dropped, as is a quoted phrase stating an amount (“… 56 万元”) in a comment
 *   of a cleared section, so no comment describes a figure that is no longer there.
 */

export interface InitFile {
  readonly name: string; // file name inside the new directory
  readonly text: string;
}

export interface InitResult {
  readonly files: readonly InitFile[];
  /** How many figures were cleared (each one a `shape/missing-value` until filled in). */
  readonly cleared: number;
  /** How many prior-year figures were filled in. */
  readonly filled: number;
  /** How many carried-over texts are listed under `review:`. */
  readonly review?: number;
}

const TP_KEYS = ['total', 'abroad', 'reception', 'vehicles', 'vehicle_purchase', 'vehicle_running'] as const;

export interface InitOptions {
  /**
   * `--keep-amounts`: this year's figures start as last year's (a draft to update), instead of
   * empty. The prior-year fields are filled either way.
   */
  readonly keepAmounts?: boolean;
  /**
   * The JSON Schema's path relative to the new directory: each file that lacks one gets the
   * `# yaml-language-server: $schema=…` line (docs/format.md, editor support).
   */
  readonly schema?: string;
}

/**
 * Texts a year carries over that describe that year (the reason for the change, the goals): listed
 * under `review:` with their hash, so `budget check` warns on each until it is edited (draft.ts).
 * Lists are expanded item by item; `projects.*` stands for every project.
 */
const REVIEW_PATHS: readonly (readonly (string | '*')[])[] = [
  ['prose', 'change_reason'],
  ['prose', 'running_cost_note'],
  ['prose', 'other_notes', '*'],
  ['department', 'goals'],
  ['performance', 'goal'],
  ['projects', '*', 'performance', 'goal'],
];

export function planInit(from: Budget, files: readonly SourceFile[], year: number, opts: InitOptions = {}): InitResult {
  let cleared = 0;
  let filled = 0;
  const out: InitFile[] = [];
  const fromYear = from.department.year;
  let priorWritten = false;

  /** Empties every amount under `n` (numbers; and values of amount keys already empty), keeping `keep` keys. */
  const clearDeep = (n: unknown, keep: ReadonlySet<string> = KEEP) => {
    if (opts.keepAmounts) return; // the draft keeps last year's figures
    if (isMap(n)) {
      scrubNode(n);
      for (const pair of n.items) {
        const k = keyOf(pair.key);
        if (keep.has(k)) continue;
        if (isScalar(pair.value) && isAmount(pair.value)) {
          pair.value = empty(pair.value);
          cleared++;
        } else clearDeep(pair.value, keep);
      }
    } else if (isSeq(n)) {
      scrubNode(n);
      for (const item of n.items) clearDeep(item, keep);
    }
  };

  const setFig = (doc: Document, map: YAMLMap, key: string, value: Dec) => {
    const prev = map.get(key, true);
    const node = numberNode(doc, value);
    if (isScalar(prev)) {
      node.comment = scrub(prev.comment, prev.value);
      node.commentBefore = scrub(prev.commentBefore, prev.value);
    }
    map.set(key, node);
    filled++;
  };

  /** Clears `as_of` and the counts of the assets section (keys kept). */
  const clearAssets = (v: unknown) => {
    if (!isMap(v)) return;
    const asOf = v.items.find((p) => keyOf(p.key) === 'as_of');
    if (!opts.keepAmounts && asOf && isScalar(asOf.value) && asOf.value.value !== null) {
      asOf.value = empty(asOf.value);
      cleared++;
    }
    clearDeep(v, ASSETS_KEEP);
  };

  const dropped: unknown[] = [];
  const review: [string, string][] = [];
  const docs: { f: SourceFile; doc: Document; holdsDepartment: boolean }[] = [];
  for (const f of files) {
    const doc = parseDocument(f.text, { keepSourceTokens: false });
    const root: unknown = doc.contents;
    if (isMap(root)) {
      for (const pair of root.items) {
        const section = keyOf(pair.key);
        const v = pair.value;
        switch (section) {
          case 'department':
            if (isMap(v)) {
              const y = v.get('year', true);
              const node = doc.createNode(year) as Scalar;
              if (isScalar(y)) node.comment = y.comment;
              v.set('year', node);
            }
            break;
          case 'prior_year':
            if (isMap(v)) {
              priorWritten = true;
              scrubPair(pair);
              const y = v.get('year', true);
              const node = doc.createNode(fromYear) as Scalar;
              if (isScalar(y)) node.comment = y.comment;
              v.set('year', node);
              setFig(doc, v, 'income_total', from.income.total.value);
              setFig(doc, v, 'expenditure_total', from.expenditure.total.value);
              setFig(doc, v, 'running_cost', from.running_cost.value);
            }
            break;
          case 'three_public':
            if (isMap(v)) {
              scrubNode(v.get('last_year', true));
              const ty = v.get('this_year', true);
              const found: unknown = v.get('last_year', true);
              let ly: YAMLMap;
              if (isMap(found)) ly = found as YAMLMap;
              else {
                ly = doc.createNode({}) as YAMLMap;
                v.set('last_year', ly);
              }
              const keys = new Set<string>([...mapKeys(ty), ...mapKeys(ly)].filter((k) => (TP_KEYS as readonly string[]).includes(k)));
              for (const k of keys) setFig(doc, ly, k, (from.three_public.this_year as ThreePublicYear)[k as (typeof TP_KEYS)[number]].value);
              clearDeep(ty);
              // 增减变化 is optional (computed from the two rows): left out, not left blank.
              v.delete('change');
            }
            break;
          case 'assets':
            clearAssets(v);
            break;
          case 'running_cost':
            if (!opts.keepAmounts && isScalar(v) && v.value !== null) {
              pair.value = empty(v);
              cleared++;
            }
            break;
          case 'comparison':
            // Optional, and last year's change would be wrong now: left out (it is computed).
            dropped.push(pair);
            break;
          case 'review':
            dropped.push(pair); // last year's list: replaced by this year's below
            break;
          case 'income':
          case 'expenditure':
            scrubPair(pair);
            clearDeep(v);
            break;
          case 'procurement':
          case 'functional':
          case 'economic':
          case 'projects':
            clearDeep(v);
            break;
          case 'summary':
            clearDeep(v, SUMMARY_KEEP);
            break;
          case 'performance':
            if (isMap(v)) {
              clearDeep(v, PERFORMANCE_KEEP); // total, total_fiscal, total_other
            }
            break;
          default:
            break; // prose: kept as it is
        }
      }
    }
    for (const p of dropped.splice(0)) (root as YAMLMap).items.splice((root as YAMLMap).items.indexOf(p as never), 1);
    review.push(...reviewOf(doc));
    shiftYears(doc, fromYear, year);
    docs.push({ f, doc, holdsDepartment: isMap(root) && root.has('department') });
  }

  // One review: section (a section may appear in one file only), beside department.
  const home = docs.find((d) => d.holdsDepartment) ?? docs[0];
  if (review.length && home) {
    const node = home.doc.createNode(Object.fromEntries(review)) as YAMLMap;
    for (const item of node.items) if (isScalar(item.value)) item.value.type = 'QUOTE_DOUBLE';
    const pair = home.doc.createPair('review', node);
    (home.doc.contents as YAMLMap).items.push(pair);
    const key = pair.key;
    if (isScalar(key))
      key.commentBefore =
        ` 沿用 ${fromYear} 年的文字，待复核（budget check 逐条提示，直到文字被改写；无需改写的，删去对应的一行）\n` +
        ` Text carried over from ${fromYear}, to review (budget check warns until it is edited; delete a line to confirm a text as it is)`;
  }
  for (const { f, doc } of docs) out.push({ name: basename(f.path), text: doc.toString({ lineWidth: 0, nullStr: '', flowCollectionPadding: false }) });
  const modeline = (name: string) => {
    const orig = files.find((x) => basename(x.path) === name)?.text ?? '';
    return opts.schema && !/yaml-language-server:/.test(orig) ? `# yaml-language-server: $schema=${opts.schema}\n` : '';
  };

  const header = opts.keepAmounts
    ? `budget init ${year} --keep-amounts（由 ${from.dir} 生成）：本年（${year} 年）的金额暂为 ${fromYear} 年的数字（草稿），待逐项更新；` +
      `上年比较数（prior_year、three_public.last_year）已填入 ${fromYear} 年的数字。\n` +
      `budget init ${year} --keep-amounts (from ${from.dir}): this year's amounts are ${fromYear}'s for now (a draft), to update; ` +
      `the prior-year figures are ${fromYear}'s.`
    : `budget init ${year}（由 ${from.dir} 生成）：本年（${year} 年）的金额已清空，待填写（运行 budget check 查看还缺哪些）；` +
      `上年比较数（prior_year、three_public.last_year）已填入 ${fromYear} 年的数字。\n` +
      `budget init ${year} (from ${from.dir}): this year's amounts are empty, to fill in (budget check lists what is missing); ` +
      `the prior-year figures are ${fromYear}'s.`;
  // Every file says where it came from: each may be opened on its own.
  const stamped = out.map((f) => ({ ...f, text: modeline(f.name) + comment(header) + f.text }));
  if (!priorWritten) {
    // The previous year kept no prior_year section: add one, filled.
    const text =
      modeline('prior-year.yaml') +
      comment(header) +
      `# 上年（${fromYear} 年）比较数 / prior-year figures (budget init)\nprior_year:\n  year: ${fromYear}\n` +
      `  income_total: ${toPlain(from.income.total.value)}\n  expenditure_total: ${toPlain(from.expenditure.total.value)}\n  running_cost: ${toPlain(from.running_cost.value)}\n`;
    filled += 3;
    return { files: [...stamped, { name: 'prior-year.yaml', text }], cleared, filled, review: review.length };
  }
  return { files: stamped, cleared, filled, review: review.length };
}

/** The carried-over texts of one file (REVIEW_PATHS that it holds), as [path, hash]. */
function reviewOf(doc: Document): [string, string][] {
  const out: [string, string][] = [];
  const walk = (n: unknown, pattern: readonly (string | '*')[], path: (string | number)[]) => {
    if (!pattern.length) {
      if (isScalar(n) && typeof n.value === 'string' && n.value.trim()) out.push([path.join('.'), textHash(n.value)]);
      return;
    }
    const [head, ...rest] = pattern;
    if (head === '*') {
      if (isSeq(n)) n.items.forEach((x, i) => walk(x, rest, [...path, i]));
    } else if (isMap(n)) walk(n.get(head, true), rest, [...path, head]);
  };
  for (const p of REVIEW_PATHS) walk(doc.contents, p, []);
  return out;
}

/** The assets' texts and subsections (planned is a section of counts: cleared too). */
const ASSETS_KEEP: ReadonlySet<string> = new Set(['as_of']);

// ---------------------------------------------------------------------------------------------
// Comments

/** Every year in every comment shifted with the data: `from` → `to`, `from − 1` → `from`. */
function shiftYears(doc: Document, from: number, to: number): void {
  const map = new Map([
    [String(from), String(to)],
    [String(from - 1), String(from)],
  ]);
  const shift = (c: string | null | undefined) => (c ? c.replace(/(?<!\d)\d{4}(?!\d)/g, (y) => map.get(y) ?? y) : c);
  doc.commentBefore = shift(doc.commentBefore) ?? null;
  doc.comment = shift(doc.comment) ?? null;
  visit(doc, {
    Node(_, n) {
      n.commentBefore = shift(n.commentBefore);
      n.comment = shift(n.comment);
    },
  });
}

/**
 * A comment of a cleared or moved figure without what states the figure's old value: a line
 * naming `old` (as written, without its sign, or grouped by thousands) is dropped, and so is a
 * quoted phrase stating an amount (“比 2030 年减少 56 万元”). Undefined when nothing is left.
 */
export function scrub(comment: string | null | undefined, old?: unknown): string | undefined {
  if (!comment) return undefined;
  const tokens = oldTokens(old);
  const lines = comment
    .split('\n')
    .map((l) => l.replace(/[“"「][^”"」]*?\d[\d,]*(\.\d+)?\s*(万元|元|%)[^”"」]*?[”"」]/g, ''))
    .filter((l) => !tokens.some((t) => t.test(l)))
    .filter((l, _, all) => l.trim() !== '' || all.length > 1);
  const text = lines.join('\n').replace(/[，,；;：:]\s*([，,；;。])/g, '$1');
  return text.trim() ? text : undefined;
}

/** Patterns that find `old` written in a comment, as a whole number (not part of 表3, 2.27 or a numbering 2. / 2、). */
function oldTokens(old: unknown): RegExp[] {
  if (typeof old === 'string' && old.trim().length >= 2) return [new RegExp(escape(old.trim()))];
  if (typeof old !== 'number' || !Number.isFinite(old)) return [];
  const plain = String(Math.abs(old));
  const [int, frac] = plain.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? '.' + frac : '');
  return [...new Set([plain, grouped])].map((t) => new RegExp(`(?<![\\d.,表第])${escape(t)}(?![\\d.,、])`));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Scrubs the comments on a cleared section's own node (no value of its own to name). */
function scrubNode(n: unknown): void {
  if (!isMap(n) && !isSeq(n) && !isScalar(n)) return;
  n.commentBefore = scrub(n.commentBefore);
  n.comment = scrub(n.comment);
}

/** Scrubs the comments above and beside a section's key (the section's header). */
function scrubPair(pair: { key: unknown; value: unknown }): void {
  scrubNode(pair.key);
  scrubNode(pair.value);
}

/** Keys that are not amounts: identities and texts. */
const KEEP: ReadonlySet<string> = new Set(['code', 'name', 'kind', 'purpose', 'performance', 'content', 'ref', 'includes', 'codes', 'year']);
const SUMMARY_KEEP = KEEP;
/** Table 12: the amounts (tasks' and the totals) are cleared; goals and indicators kept. */
const PERFORMANCE_KEEP: ReadonlySet<string> = new Set([...KEEP, 'goal', 'indicators']);

/**
 * An amount as the format reads it: a YAML number, an empty value, or an unquoted number grouped by
 * thousands (`3,341,357.82`, a string to YAML but an amount to budget's parser).
 */
function isAmount(s: Scalar): boolean {
  if (typeof s.value === 'number' || s.value === null) return true;
  return s.type === 'PLAIN' && typeof s.value === 'string' && /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s.value);
}

function keyOf(k: unknown): string {
  return isScalar(k) ? String(k.value) : String(k);
}

function mapKeys(n: unknown): string[] {
  return isMap(n) ? n.items.map((p) => keyOf(p.key)) : [];
}

/** An empty value in place of `prev`, keeping its comments except what states the old value. */
function empty(prev: Scalar): Scalar {
  const s = new Scalar(null);
  s.comment = scrub(prev.comment, prev.value);
  s.commentBefore = scrub(prev.commentBefore, prev.value);
  return s;
}

/** A number node that prints the exact decimal (trailing zeros kept). */
function numberNode(doc: Document, d: Dec): Scalar {
  const s = doc.createNode(Number(toPlain(d))) as Scalar;
  if (d.scale > 0) s.minFractionDigits = d.scale;
  return s;
}

function comment(text: string): string {
  return text
    .split('\n')
    .map((l) => `# ${l}\n`)
    .join('');
}
