import type { z } from 'zod';
import { CODE_LENGTHS, codeTree, levelOfCode } from './classes.js';
import type { Diagnostic, Localized, Related } from '../diagnostics/diagnostic.js';
import type { MapNode, Node, Path, SourceTree } from '../source/tree.js';
import type { Span } from '../source/span.js';
import { decimalPlaces, parseDec, round, toPlain as decText } from '../money/decimal.js';
import { SOURCES } from './vocabulary.js';
import { SourceSchema, YEAR_RANGE, type SourceInput } from './format.js';
import { toShapeInput } from './plain.js';
import type { SourceData, ValidatedSource } from './spanned.js';
import { get, isScalar, keySpanAt, keyText, nodeAtPath, pathText, spanForPath } from './nodes.js';
import { suggest } from './suggest.js';
import { nodeAt } from '../source/index.js';
import { keyZh } from './labels.js';
import { nameCharacters } from './names.js';
import { firstFullWidth, fullWidthFix, toHalfWidth } from '../source/typos.js';

export interface ShapeResult {
  /**
   * The validated input with its positions (spanned.ts), present exactly when there is no shape
   * error: what the model is built from.
   */
  readonly input?: ValidatedSource;
  readonly diagnostics: readonly Diagnostic[];
  /** How many YAML nodes (maps, sequences, scalars) were validated: what the shape rules count as checked. */
  readonly nodes: number;
}

interface DiagOpts {
  label?: Localized;
  help?: Localized;
  related?: Related[];
  figures?: Diagnostic['figures'];
}

function mk(rule: string, span: Span | undefined, path: Path, message: Localized, o: DiagOpts = {}): Diagnostic {
  // No feeds: the shape is checked before the profile (which names the tables) is known.
  return {
    severity: 'error',
    rule,
    message,
    span,
    label: o.label,
    related: o.related ?? [],
    figures: o.figures ?? [],
    help: o.help,
  };
}

function isNumeric(exp: { en: string }): boolean {
  return exp.en === 'a number' || exp.en === 'a whole number';
}

/** A scalar that reads as text in a message (a mapping would read as "[object Object]"). */
function isText(v: unknown): boolean {
  // (a code or name written as .nan or .inf is reported as a bad number; "NaN" names nothing)
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
}

/** What a path names, in both languages: the key path plus the row it sits in (code and name). */
function where(path: Path, plain: unknown): Localized {
  let ctx = '';
  let v: unknown = plain;
  for (let i = 0; i < path.length; i++) {
    v = v && typeof v === 'object' && Object.hasOwn(v, path[i]) ? (v as Record<string | number, unknown>)[path[i]] : undefined;
    if (typeof path[i] === 'number' && v && typeof v === 'object') {
      const row = v as Record<string, unknown>;
      const code = Object.hasOwn(row, 'code') && isText(row.code) ? String(row.code) : '';
      const name = Object.hasOwn(row, 'name') && isText(row.name) ? String(row.name) : '';
      if (code || name) ctx = [code, name].filter(Boolean).join(' ');
    }
  }
  const p = pathText(path) || '(root)';
  const last = path[path.length - 1];
  const zhKey = typeof last === 'string' ? keyZh(last) : '';
  const zhCtx = [ctx, zhKey].filter(Boolean).join(' · ');
  return { zh: zhCtx ? `${p}（${zhCtx}）` : p, en: ctx ? `${p} (${ctx})` : p };
}

type AnySchema = z.core.$ZodType;

/** The schema that validates the value at `path` (walking objects, arrays, optionals, unions). */
function schemaAt(schema: AnySchema, path: Path): AnySchema | undefined {
  let s: AnySchema | undefined = schema;
  for (const k of path) {
    s = unwrap(s);
    if (!s) return undefined;
    const def = s._zod.def as unknown as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema };
    // own keys only: a user's `constructor:` is not the schema's Object.prototype.constructor
    if (def.type === 'object' && typeof k === 'string') s = def.shape && Object.hasOwn(def.shape, k) ? def.shape[k] : undefined;
    else if (def.type === 'array' && typeof k === 'number') s = def.element;
    else return undefined;
  }
  return unwrap(s);
}

function unwrap(s: AnySchema | undefined): AnySchema | undefined {
  while (s) {
    const def = s._zod.def as unknown as { type: string; innerType?: AnySchema };
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) s = def.innerType;
    else return s;
  }
  return s;
}

function knownKeys(path: Path): string[] {
  const s = schemaAt(SourceSchema, path);
  const def = s?._zod.def as unknown as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** A count (people, vehicles, pieces of equipment: a whole number) rather than an amount of money. */
function isCount(path: Path): boolean {
  const s = schemaAt(SourceSchema, path) as { isInt?: boolean } | undefined;
  return Boolean(s?.isInt);
}

function expectedOf(path: Path): { zh: string; en: string } {
  const s = schemaAt(SourceSchema, path);
  const def = s?._zod.def as unknown as { type: string; options?: AnySchema[]; entries?: Record<string, string> } | undefined;
  switch (def?.type) {
    case 'number':
      return { zh: '数字', en: 'a number' };
    case 'string':
    case 'union':
      return { zh: '文字', en: 'a text' };
    case 'object':
      return { zh: '键值映射（key: value）', en: 'a mapping (key: value)' };
    case 'array':
      return { zh: '列表（- …）', en: 'a list (- …)' };
    case 'enum':
      return { zh: `以下之一：${Object.values(def.entries ?? {}).join('、')}`, en: `one of ${Object.values(def.entries ?? {}).join(', ')}` };
    case 'literal':
      return { zh: 'true', en: 'true' };
    default:
      return { zh: '其他类型', en: 'another type' };
  }
}

function kindOf(n: Node): { zh: string; en: string } {
  if (n.kind === 'map') return { zh: '键值映射', en: 'a mapping' };
  if (n.kind === 'seq') return { zh: '列表', en: 'a list' };
  if (n.value === null) return { zh: '空值', en: 'an empty value' };
  if (typeof n.value === 'number') return { zh: `数字 ${n.source}`, en: `the number ${n.source}` };
  if (typeof n.value === 'boolean') return { zh: `布尔值 ${n.source}`, en: `the boolean ${n.source}` };
  return { zh: `文字 “${n.source}”`, en: `the text "${n.source}"` };
}

function mapIssue(issue: z.core.$ZodIssue, root: MapNode, plain: unknown, overflow: Map<string, number>): Diagnostic[] {
  const path = issue.path as Path;
  const w = where(path, plain);
  const node = nodeAtPath(root, path);
  // a year out of range (the only bounded number besides "not negative")
  if ((issue.code === 'too_small' || issue.code === 'too_big') && path[path.length - 1] === 'year' && isScalar(node)) {
    return [
      mk(
        'shape/invalid-value',
        node.span,
        path,
        {
          zh: `${w.zh} 的 ${node.source} 不是可用的年度：应在 ${YEAR_RANGE.min}–${YEAR_RANGE.max} 之间`,
          en: `${w.en}: ${node.source} is not a usable year: it must lie between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}`,
        },
        {
          label: { zh: '年度', en: 'year' },
          help: { zh: '写出四位数的预算年度，例如 2031', en: 'write the four-digit budget year, e.g. 2031' },
        },
      ),
    ];
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const inBySource = path[path.length - 1] === 'by_source';
      // The map's keys, found once: an issue may list a hundred thousand unknown keys, and looking
      // each up by a walk of the map would take quadratic time.
      const spans = keySpans(node);
      const candidates = knownKeys(path);
      const fallback = spanForPath(root, path);
      // Past the ones that can be listed, a finding is only counted (capPerRule).
      const rule = inBySource ? 'shape/unknown-source' : 'shape/unknown-key';
      if (issue.keys.length > MAX_PER_RULE) overflow.set(rule, (overflow.get(rule) ?? 0) + issue.keys.length - MAX_PER_RULE);
      return issue.keys.slice(0, MAX_PER_RULE).map((key) => {
        const span = spans.get(key) ?? fallback;
        const guess = suggest(key, candidates);
        const keyPath = [...path, key];
        // `code：30101` or `total，`: a full-width character where YAML needed the ASCII one
        const fw = firstFullWidth(key);
        if (fw && !inBySource) {
          const fix = fullWidthFix(fw.ch);
          const at: Span = { ...span, col: span.col + fw.index, offset: span.offset + fw.index, length: 1, endLine: span.line, endCol: span.col + fw.index + 1 };
          return mk(
            'shape/unknown-key',
            span.endLine === span.line ? at : span,
            keyPath,
            {
              zh: `未知的键 “${key}”（在 ${path.length ? w.zh : '顶层'}）：其中的「${fw.ch}」是全角字符，YAML 没有把它当作语法符号`,
              en: `unknown key "${key}" in ${path.length ? w.en : 'the top level'}: its "${fw.ch}" is a full-width character, which YAML does not read as syntax`,
            },
            {
              label: { zh: '全角字符', en: 'full-width character' },
              help: { zh: `${fix.zh}：写成 “${toHalfWidth(key)}”`, en: `${fix.en}: write "${toHalfWidth(key)}"` },
            },
          );
        }
        if (inBySource) {
          return mk(
            'shape/unknown-source',
            span,
            keyPath,
            { zh: `未知的资金来源 “${key}”（${w.zh}）`, en: `unknown funding source "${key}" in ${w.en}` },
            {
              label: { zh: '不是资金来源', en: 'not a funding source' },
              help: {
                zh: `${guess ? `是不是 “${guess}”？` : ''}资金来源只能是：${SOURCES.join('、')}`,
                en: `${guess ? `did you mean "${guess}"? ` : ''}a funding source is one of: ${SOURCES.join(', ')}`,
              },
            },
          );
        }
        return mk(
          'shape/unknown-key',
          span,
          keyPath,
          {
            zh: `未知的键 “${key}”（在 ${path.length ? w.zh : '顶层'}）`,
            en: `unknown key "${key}" in ${path.length ? w.en : 'the top level'}`,
          },
          {
            label: guess ? { zh: `是不是 “${guess}”？`, en: `did you mean "${guess}"?` } : { zh: '未知的键', en: 'unknown key' },
            help: guess
              ? { zh: `把 “${key}” 改为 “${guess}”（${keyZh(guess)}）`, en: `rename "${key}" to "${guess}"` }
              : { zh: `此处可用的键：${candidates.join('、')}`, en: `keys allowed here: ${candidates.join(', ')}` },
          },
        );
      });
    }
    case 'invalid_union':
    case 'invalid_type': {
      if (!node && path.length === 1) {
        // A whole section missing: usually a whole file is. No file holds it, so the finding points at
        // the first file; the words say that no file of the directory has the section.
        const section = String(path[0]);
        return [
          mk(
            'shape/missing-value',
            spanForPath(root, path),
            path,
            {
              zh: `缺少 ${section} 部分（${keyZh(section)}）：本目录没有一个文件写有 “${section}:”`,
              en: `the ${section} section is missing: no file of this directory has "${section}:"`,
            },
            {
              label: { zh: `各文件都没有 ${section}`, en: `no file has ${section}` },
              help: {
                zh: `是少了一个文件吗？找回写有 “${section}:” 的文件，或在本目录的任一文件（如新建 ${section}.yaml）中补上这一部分（格式见 docs/format.md）`,
                en: `is a file missing? Restore the file that holds "${section}:", or add the section to any file of this directory (e.g. a new ${section}.yaml; see docs/format.md)`,
              },
            },
          ),
        ];
      }
      if (!node) {
        const last = path[path.length - 1];
        return [
          mk(
            'shape/missing-value',
            spanForPath(root, path),
            path,
            { zh: `缺少必填项 ${w.zh}`, en: `missing required value ${w.en}` },
            {
              label: { zh: `这里缺少 ${String(last)}`, en: `${String(last)} is missing here` },
              help: {
                zh: `请补上 “${String(last)}:”（${keyZh(last)}），格式见 docs/format.md`,
                en: `add "${String(last)}:" (see docs/format.md)`,
              },
            },
          ),
        ];
      }
      // a count or a year written with decimals: "a whole number", not "a number, not the number 2031.5"
      const exp =
        issue.code === 'invalid_type' && (issue as { expected?: string }).expected === 'int'
          ? { zh: '整数', en: 'a whole number' }
          : expectedOf(path);
      if (isScalar(node) && node.value === null && !node.quoted) {
        const last = path[path.length - 1];
        return [
          mk(
            'shape/missing-value',
            nodeAt(root, path).key?.span ?? node.span,
            path,
            { zh: `${w.zh} 没有填写（值为空）`, en: `${w.en} is empty` },
            {
              label: { zh: `应填写${exp.zh}`, en: `expected ${exp.en}` },
              help: {
                zh: `在 “${String(last)}:” 后填写${exp.zh}；不适用的合计可以整行删去（由各部分计算），不适用的部分可写 0`,
                en: `write ${exp.en} after "${String(last)}:"; a total may be left out entirely (it is computed), a part that does not apply is 0`,
              },
            },
          ),
        ];
      }
      if (isScalar(node) && node.quoted && isNumeric(exp) && typeof node.value === 'string' && parseDec(node.value)) {
        // A whole number is a year, a head count or a quota, not an amount: "金额" would misname it,
        // and its figure line would print the year 2031 as "2,031".
        const amount = exp.en === 'a number' && !isCount(path);
        return [
          mk(
            'shape/number-as-string',
            node.span,
            path,
            amount
              ? { zh: `金额写成了带引号的文字 ${node.source}：${w.zh}`, en: `amount written as a quoted text ${node.source}: ${w.en}` }
              : { zh: `数字写成了带引号的文字 ${node.source}：${w.zh}`, en: `number written as a quoted text ${node.source}: ${w.en}` },
            {
              label: { zh: '去掉引号', en: 'remove the quotes' },
              figures: amount ? [{ label: w, value: node.value, span: node.span }] : [],
              help: amount
                ? {
                    zh: `去掉引号，写成 ${node.value}（金额是数字；千分位逗号可以不加引号地写，如 1,234）`,
                    en: `remove the quotes: ${node.value} (amounts are numbers; thousands separators may be written unquoted, e.g. 1,234)`,
                  }
                : { zh: `去掉引号，写成 ${node.value}`, en: `remove the quotes: ${node.value}` },
            },
          ),
        ];
      }
      const got = kindOf(node);
      const fw = isScalar(node) && typeof node.value === 'string' && isNumeric(exp) ? firstFullWidth(node.source) : undefined;
      if (fw && isScalar(node)) {
        const fix = fullWidthFix(fw.ch);
        return [
          mk(
            'shape/wrong-type',
            node.span,
            path,
            { zh: `${w.zh} 应为数字，实为文字 “${node.source}”：其中有全角字符「${fw.ch}」`, en: `${w.en} must be a number, not the text "${node.source}": it holds the full-width character "${fw.ch}"` },
            {
              label: { zh: '全角字符', en: 'full-width character' },
              help: { zh: `${fix.zh}：写成 ${toHalfWidth(node.source)}`, en: `${fix.en}: write ${toHalfWidth(node.source)}` },
            },
          ),
        ];
      }
      // A unit typed after the figure (1234万元, 12.5%): the most common way to write an amount in prose.
      const unit = isScalar(node) && typeof node.value === 'string' && isNumeric(exp) ? /^\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元|万|%|％)\s*$/.exec(node.source) : null;
      if (unit && isScalar(node)) {
        const [, figure, written] = unit;
        const percent = written === '%' || written === '％';
        return [
          mk(
            'shape/wrong-type',
            node.span,
            path,
            { zh: `${w.zh} 应为数字，实为文字 “${node.source}”：数字后写了单位「${written}」`, en: `${w.en} must be a number, not the text "${node.source}": the unit "${written}" is written after the figure` },
            {
              label: { zh: '单位不写在数字里', en: 'no unit inside the figure' },
              help: percent
                ? { zh: `去掉「${written}」，写成 ${figure}（百分比按百分数写数字）`, en: `drop the "${written}": write ${figure} (percentages are written as the number of percent)` }
                : { zh: `去掉「${written}」，写成 ${figure}：金额的单位由 department.unit 统一声明`, en: `drop the "${written}": write ${figure}; the unit of every amount is declared once, in department.unit` },
            },
          ),
        ];
      }
      const grouped = isScalar(node) && typeof node.value === 'string' && /^[\d,.\s]+$/.test(node.source) && isNumeric(exp);
      return [
        mk(
          'shape/wrong-type',
          node.span,
          path,
          { zh: `${w.zh} 应为${exp.zh}，实为${got.zh}`, en: `${w.en} must be ${exp.en}, not ${got.en}` },
          {
            label: { zh: `应为${exp.zh}`, en: `expected ${exp.en}` },
            help: grouped
              ? { zh: '千分位逗号须每三位一组（如 1,234 或 12,345.50）', en: 'thousands separators must group three digits (1,234 or 12,345.50)' }
              : issue.code === 'invalid_type' && (issue as { expected?: string }).expected === 'int'
                ? { zh: '这里应为整数', en: 'this must be a whole number' }
                : { zh: `写成${exp.zh}，格式见 docs/format.md`, en: `write ${exp.en} (see docs/format.md)` },
          },
        ),
      ];
    }
    case 'too_small': {
      if (issue.origin === 'array') {
        return [
          mk(
            'shape/missing-value',
            spanForPath(root, path),
            path,
            { zh: `${w.zh} 至少要有 ${String(issue.minimum)} 项`, en: `${w.en} needs at least ${String(issue.minimum)} item(s)` },
            { label: { zh: '列表为空', en: 'empty list' }, help: { zh: '至少写一项', en: 'write at least one item' } },
          ),
        ];
      }
      const src = isScalar(node) ? node.source : '';
      if (!isCount(path)) {
        return [
          mk(
            'shape/negative-amount',
            node?.span ?? spanForPath(root, path),
            path,
            { zh: `${w.zh} 是预算金额，不能为负：${src}`, en: `${w.en} is a budget amount and cannot be negative: ${src}` },
            {
              label: { zh: '负数', en: 'negative' },
              figures: [{ label: w, value: src, span: node?.span }],
              help: {
                zh: '填写 0 或正数；只有增减变化（comparison.change、comparison.percent、three_public.change）可以为负',
                en: 'write 0 or a positive amount; only changes (comparison.change, comparison.percent, three_public.change) may be negative',
              },
            },
          ),
        ];
      }
      return [
        mk(
          'shape/negative-count',
          node?.span ?? spanForPath(root, path),
          path,
          { zh: `${w.zh} 是人数、辆数或台（套）数，不能为负：${src}`, en: `${w.en} is a count and cannot be negative: ${src}` },
          {
            label: { zh: '负数', en: 'negative' },
            figures: [{ label: w, value: src, span: node?.span }],
            help: { zh: '填写 0 或正整数', en: 'write 0 or a positive whole number' },
          },
        ),
      ];
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const src = isScalar(node) ? String(node.value) : '';
      const guess = suggest(src, allowed);
      return [
        mk(
          'shape/invalid-value',
          node?.span ?? spanForPath(root, path),
          path,
          { zh: `${w.zh} 的取值 “${src}” 不在允许范围内`, en: `${w.en}: "${src}" is not an allowed value` },
          {
            label: guess ? { zh: `是不是 “${guess}”？`, en: `did you mean "${guess}"?` } : { zh: '不允许的取值', en: 'not allowed' },
            help: { zh: `可选：${allowed.join('、')}`, en: `allowed: ${allowed.join(', ')}` },
          },
        ),
      ];
    }
    default:
      return [
        mk(
          'shape/wrong-type',
          spanForPath(root, path),
          path,
          { zh: `${w.zh}：${issue.message}`, en: `${w.en}: ${issue.message}` },
          { help: { zh: '格式见 docs/format.md', en: 'see docs/format.md' } },
        ),
      ];
  }
}

/** The decimals a figure may have: amounts down to the fen (0.01 元 = 0.0001 万元), percentages to 2. */
export const MAX_DECIMALS = { 元: 2, 万元: 4, percent: 2 } as const;

/**
 * Figures with more decimals than their unit allows: no amount of money is smaller than a fen,
 * and each decimal written is printed. Counts are whole numbers already (zod's int).
 */
function decimals(root: MapNode, plain: unknown, unit: '元' | '万元'): Diagnostic[] {
  const out: Diagnostic[] = [];
  const path: (string | number)[] = [];
  const walk = (n: Node): void => {
    if (n.kind === 'seq') {
      for (let i = 0; i < n.items.length; i++) {
        path.push(i);
        walk(n.items[i]);
        path.pop();
      }
      return;
    }
    if (n.kind === 'map') {
      for (const e of n.entries) {
        path.push(keyText(e.key));
        walk(e.value);
        path.pop();
      }
      return;
    }
    if (n.quoted || (typeof n.value !== 'number' && typeof n.value !== 'string')) return;
    // more than 2 decimals needs a decimal point: most figures and every name are passed over
    // without the regular expressions (the shape's pass over the figures has read each one already)
    if (!n.source.includes('.')) return;
    const places = decimalPlaces(n.source);
    if (places === undefined || places <= 2) return; // (2 is allowed everywhere)
    const d = parseDec(n.source)!;
    const isPercent = path[path.length - 1] === 'percent';
    const max = isPercent ? MAX_DECIMALS.percent : MAX_DECIMALS[unit];
    if (d.scale <= max || expectedOf(path).en !== 'a number' || isCount(path)) return;
    const w = where(path, plain);
    const fixed = decText(round(d, max));
    const why: Localized = isPercent
      ? { zh: '百分比最多 2 位小数', en: 'a percentage has at most 2' }
      : unit === '元'
        ? { zh: '金额单位为元时最多 2 位（分）', en: 'with the unit 元 an amount has at most 2 (the fen)' }
        : { zh: '金额单位为万元时最多 4 位（1 元 = 0.0001 万元）', en: 'with the unit 万元 an amount has at most 4 (1 元 = 0.0001 万元)' };
    out.push(
      mk(
        'shape/too-many-decimals',
        n.span,
        [...path],
        { zh: `${w.zh} 的 ${shorten(n.source)} 有 ${d.scale} 位小数；${why.zh}`, en: `${w.en}: ${shorten(n.source)} has ${d.scale} decimals; ${why.en}` },
        {
          label: { zh: `最多 ${max} 位小数`, en: `at most ${max} decimals` },
          help: { zh: `四舍五入到 ${max} 位小数：写成 ${fixed}`, en: `round it to ${max} decimals: write ${fixed}` },
        },
      ),
    );
  };
  walk(root);
  return out;
}

/** A figure of hundreds of digits, shortened for a message (its place is in the span). */
function shorten(s: string): string {
  return s.length > 40 ? `${s.slice(0, 30)}…` : s;
}

/** Each key of a map and where it is written (the first place, as a key is written once). */
function keySpans(node: Node | undefined): Map<string, Span> {
  const out = new Map<string, Span>();
  if (node?.kind !== 'map') return out;
  for (const e of node.entries) {
    const k = keyText(e.key);
    if (!out.has(k)) out.set(k, e.key.span);
  }
  return out;
}

/** How many findings of one rule are listed; the rest are counted in one closing line. */
const UNCAPPED = new Set(['shape/missing-value']);

export const MAX_PER_RULE = 20;

/**
 * The first MAX_PER_RULE findings of each rule, in order, and for a rule with more, one line that
 * counts the rest: a file with a hundred thousand unknown keys needs one fix, not a hundred
 * thousand lines.
 */
export function capPerRule(diags: readonly Diagnostic[], max = MAX_PER_RULE, uncounted: ReadonlyMap<string, number> = new Map()): Diagnostic[] {
  const seen = new Map<string, number>();
  const out: Diagnostic[] = [];
  for (const d of diags) {
    // Each missing value is a figure of its own to fill in — after `budget init`, the to-do list of
    // the new year — and there are only as many as the data has rows: all are listed.
    if (UNCAPPED.has(d.rule)) {
      out.push(d);
      continue;
    }
    const n = (seen.get(d.rule) ?? 0) + 1;
    seen.set(d.rule, n);
    if (n <= max) out.push(d);
  }
  for (const [rule, more] of uncounted) seen.set(rule, (seen.get(rule) ?? 0) + more);
  for (const [rule, n] of seen) {
    if (n <= max) continue;
    const first = diags.find((d) => d.rule === rule)!;
    out.push({
      severity: first.severity,
      rule,
      message: {
        zh: `……另有 ${n - max} 处 ${rule} 未列出（共 ${n} 处，只列出前 ${max} 处）`,
        en: `… and ${n - max} more ${rule} not listed (${n} in all; the first ${max} are listed)`,
      },
      related: [],
      figures: [],
      more: n - max,
      help: {
        zh: '同一类错误往往出自同一个原因：先改正上面列出的，再运行 budget check',
        en: 'findings of one kind usually have one cause: fix the ones listed above, then run budget check again',
      },
    });
  }
  return out;
}

/**
 * Validates the shape of one department-year: zod for keys and types, then the structural rules
 * zod cannot express (codes, names, references). Pure; every finding points at a YAML node.
 */
export function validateShape(tree: SourceTree): ShapeResult {
  const root = tree.root;
  const { plain, mirror, bad, nodes } = toShapeInput(root);
  const diags: Diagnostic[] = [];
  for (const b of bad) {
    const w = where(b.path, plain);
    if (b.tooLarge) {
      const shown = b.node.source.length > 40 ? `${b.node.source.slice(0, 30)}…` : b.node.source;
      diags.push(
        mk(
          'shape/bad-number',
          b.node.span,
          b.path,
          {
            zh: `数字 ${shown} 有 ${b.node.source.replace(/\D/g, '').length} 位，大得不可能是预算金额：${w.zh}`,
            en: `${shown} has ${b.node.source.replace(/\D/g, '').length} digits, too large to be a budget figure: ${w.en}`,
          },
          {
            label: { zh: '数字太大', en: 'too large' },
            help: { zh: '检查这个数字：多半是粘贴或输入时重复了数字', en: 'check the figure: digits were probably pasted or typed twice' },
          },
        ),
      );
      continue;
    }
    diags.push(
      mk(
        'shape/bad-number',
        b.node.span,
        b.path,
        { zh: `无法按十进制读取的数字 ${b.node.source}：${w.zh}`, en: `${b.node.source} is not a plain decimal: ${w.en}` },
        {
          label: { zh: '写成普通十进制数', en: 'write a plain decimal' },
          help: {
            zh: '金额和数量请写成普通十进制数（如 1234、567.50），不要用科学计数法、十六进制或 .inf',
            en: 'write amounts as plain decimals (1234, 567.50): no exponents, hex or .inf',
          },
        },
      ),
    );
  }
  // Without zod's JIT: compiling its fast path for the source format's object shapes (new Function
  // per shape) cost more than it saved on one department-year's data (the bundled sample year under callgrind:
  // 1,584 M instructions with it, 1,477 M without), and a check reads one data set per process.
  const parsed = SourceSchema.safeParse(plain, { jitless: true });
  if (!parsed.success) {
    const misspelt = misspeltKeys(parsed.error.issues);
    const badPaths = new Set(bad.map((b) => pathText(b.path)));
    const overflow = new Map<string, number>();
    for (const issue of parsed.error.issues) {
      // `three_publics:` for `three_public:` is one mistake: the unknown key says "did you mean",
      // and the section it stands for is not reported missing as well (at some other file's line).
      if (isMissing(issue, root) && misspelt.has(pathText(issue.path as Path))) continue;
      // 1e400 is reported once, as not a plain decimal: zod's "not a number" (it is Infinity) says
      // "must be a number, not the number 1e400"
      if (badPaths.has(pathText(issue.path as Path))) continue;
      diags.push(...mapIssue(issue, root, plain, overflow));
    }
    return { diagnostics: capPerRule(sortDiags(diags), MAX_PER_RULE, overflow), nodes };
  }
  diags.push(...structural(parsed.data, root, plain), ...nameCharacters(root));
  diags.push(...decimals(root, plain, parsed.data.department.unit));
  // zod accepted `plain`, so its mirror has the shape of SourceInput, leaf for leaf.
  return diags.length ? { diagnostics: capPerRule(sortDiags(diags)), nodes } : { input: { dir: tree.dir, data: mirror as SourceData }, diagnostics: [], nodes };
}

/**
 * The positioned mirror of a tree, NOT validated: only for a tree known to have the validated
 * shape, such as one `budget fix` derived from a validated tree by replacing or leaving out
 * optional figures (validating it again is most of the time a re-read takes). Given a tree of
 * another shape, the model builder finds required values missing and throws InternalError.
 */
export function unvalidatedSource(tree: SourceTree): ValidatedSource {
  return { dir: tree.dir, data: toShapeInput(tree.root).mirror as SourceData };
}

/** The paths that an unknown key's suggestion names: `three_publics` at the top → `three_public`. */
function misspeltKeys(issues: readonly z.core.$ZodIssue[]): Set<string> {
  const out = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path as Path;
    const candidates = knownKeys(path);
    // a section misspelt among thousands of unknown keys is not worth a quadratic search
    for (const key of issue.keys.slice(0, 1000)) {
      const guess = suggest(key, candidates);
      if (guess) out.add(pathText([...path, guess]));
    }
  }
  return out;
}

/** A required value that is absent altogether (not written as empty). */
function isMissing(issue: z.core.$ZodIssue, root: MapNode): boolean {
  return (issue.code === 'invalid_type' || issue.code === 'invalid_union') && !nodeAtPath(root, issue.path as Path);
}

function sortDiags(ds: Diagnostic[]): Diagnostic[] {
  return ds
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const sa = a.d.span;
      const sb = b.d.span;
      if (sa && sb && sa.file === sb.file) return sa.offset - sb.offset || a.i - b.i;
      return a.i - b.i;
    })
    .map((x) => x.d);
}

// ---------------------------------------------------------------------------------------------
// Structural rules

export interface RowShape {
  readonly code: string;
  readonly level: 1 | 2 | 3;
  /** Index of the parent row (the nearest preceding row one level up), or -1. */
  readonly parent: number;
}

/** The written text of a code (the scalar's source for an unquoted number). */
export function codeText(root: MapNode, path: Path): string {
  return codeOf(nodeAtPath(root, path));
}

/** The written text of a code node. */
export function codeOf(n: Node | undefined): string {
  if (isScalar(n)) return typeof n.value === 'string' ? n.value.trim() : n.source.trim();
  return '';
}

/** The codes of a classification's rows, in order. */
export function rowCodes(root: MapNode, section: string): string[] {
  const rows = get(get(root, section), 'rows');
  return rows?.kind === 'seq' ? rows.items.map((r) => codeOf(get(r, 'code'))) : [];
}

/** Levels and parents of classification rows in table order, by the one derivation (`codeTree`, ./classes.ts). */
export function rowShapes(codes: readonly string[]): RowShape[] {
  const { parent } = codeTree(codes);
  return codes.map((code, i) => ({ code, level: levelOfCode(code), parent: parent[i]! }));
}

function structural(input: SourceInput, root: MapNode, plain: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ctx = { root, plain, out };
  classification(ctx, 'functional', input.functional.rows, CODE_LENGTHS.functional);
  classification(ctx, 'economic', input.economic.rows, CODE_LENGTHS.economic);

  // Projects: names are how tasks refer to them, so they must be unique.
  const projectAt = new Map<string, number>();
  input.projects.forEach((p, i) => {
    const name = String(p.name);
    const prev = projectAt.get(name);
    const path = ['projects', i, 'name'];
    if (prev !== undefined) {
      out.push(
        mk(
          'shape/duplicate-project',
          spanForPath(root, path),
          path,
          { zh: `项目 “${name}” 重复出现`, en: `project "${name}" appears twice` },
          {
            label: { zh: '重复的项目名称', en: 'duplicate project name' },
            related: [{ span: spanForPath(root, ['projects', prev, 'name']), label: { zh: '第一次出现', en: 'first here' } }],
            help: { zh: '每个项目只写一次；若确为两个项目，请改用不同的名称', en: 'write each project once, or give the two projects different names' },
          },
        ),
      );
    } else projectAt.set(name, i);
    // A project described only by its statement (a layout that prints no per-project amount) has none to write.
    if (p.amount === undefined && !p.items?.length && !p.by_source && !p.statement) {
      out.push(
        mk(
          'shape/missing-value',
          spanForPath(root, ['projects', i]),
          ['projects', i, 'amount'],
          { zh: `项目 “${name}” 没有金额`, en: `project "${name}" has no amount` },
          { help: { zh: '写出 amount，或写出明细 items（金额由明细相加）', en: 'write amount, or items whose amounts add up to it' } },
        ),
      );
    }
  });

  // Table 12 tasks refer to a project by name or to the basic expenditure.
  (input.performance?.tasks ?? []).forEach((t, i) => {
    if (!t.ref) return;
    const path = ['performance', 'tasks', i, 'ref'];
    const hasP = t.ref.project !== undefined;
    const hasB = t.ref.basic !== undefined;
    if (hasP === hasB) {
      out.push(
        mk(
          'shape/invalid-ref',
          spanForPath(root, path),
          path,
          {
            zh: `任务 “${String(t.name)}” 的 ref 须且只须写 project 或 basic 之一`,
            en: `task "${String(t.name)}": ref must name exactly one of project or basic`,
          },
          { help: { zh: '写 ref: {project: 项目名称} 或 ref: {basic: true}', en: 'write ref: {project: <name>} or ref: {basic: true}' } },
        ),
      );
      return;
    }
    if (hasP && !projectAt.has(String(t.ref.project))) {
      const name = String(t.ref.project);
      const guess = suggestText(name, [...projectAt.keys()]);
      const ppath = [...path, 'project'];
      out.push(
        mk(
          'shape/unknown-project',
          spanForPath(root, ppath),
          ppath,
          { zh: `任务引用的项目 “${name}” 不存在`, en: `task refers to project "${name}", which does not exist` },
          {
            label: guess ? { zh: `是不是 “${guess}”？`, en: `did you mean "${guess}"?` } : { zh: '没有这个项目', en: 'no such project' },
            help: {
              zh: `projects 中的项目有：${[...projectAt.keys()].join('、') || '（无）'}`,
              en: `projects are: ${[...projectAt.keys()].join(', ') || '(none)'}`,
            },
          },
        ),
      );
    }
  });

  // Part 3's lines name economic codes; they must exist.
  const econCodes = new Set(rowCodes(root, 'economic'));
  for (const line of ['personnel', 'public', 'household'] as const) {
    input.summary?.[line].codes?.forEach((_, j) => {
      const path = ['summary', line, 'codes', j];
      const code = codeText(root, path);
      if (!econCodes.has(code)) {
        out.push(
          mk(
            'shape/unknown-code',
            spanForPath(root, path),
            path,
            { zh: `支出构成 ${keyZh(line)} 对应的经济分类科目 ${code} 不在 economic.rows 中`, en: `summary ${line}: economic code ${code} is not among economic.rows` },
            {
              label: { zh: '没有这个科目', en: 'no such code' },
              help: { zh: '写出 economic.rows 中已有的科目编码（如 301）', en: 'name a code present in economic.rows (e.g. 301)' },
            },
          ),
        );
      }
    });
  }
  return out;
}

function suggestText(word: string, candidates: readonly string[]): string | undefined {
  return candidates.find((c) => c.includes(word) || word.includes(c)) ?? suggest(word, candidates);
}

interface Ctx {
  root: MapNode;
  plain: unknown;
  out: Diagnostic[];
}

function classification(
  ctx: Ctx,
  section: 'functional' | 'economic',
  rows: readonly { name: string | number; by_source?: unknown; total?: number; basic?: number; project?: number }[],
  lengths: readonly number[],
): void {
  const { root, out } = ctx;
  const codes = rowCodes(root, section);
  const zhName = section === 'functional' ? '功能分类' : '经济分类';
  const digits = lengths.join('/');
  let ok = true;
  codes.forEach((code, i) => {
    if (!/^\d+$/.test(code) || !lengths.includes(code.length)) {
      ok = false;
      const path = [section, 'rows', i, 'code'];
      out.push(
        mk(
          'shape/code-format',
          spanForPath(root, path),
          path,
          {
            zh: `${zhName}科目编码 “${code}” 应为 ${digits} 位数字`,
            en: `${section} code "${code}" must be ${digits} digits`,
          },
          {
            label: { zh: `应为 ${digits} 位数字`, en: `${digits} digits` },
            help: {
              zh: section === 'functional' ? '类 3 位、款 5 位、项 7 位，如 201、20103、2010350' : '类 3 位、款 5 位，如 301、30101',
              en: section === 'functional' ? '类 3, 款 5, 项 7 digits: 201, 20103, 2010350' : '类 3, 款 5 digits: 301, 30101',
            },
          },
        ),
      );
    }
  });
  if (!ok) return;

  // Duplicates and inconsistent names.
  const first = new Map<string, number>();
  codes.forEach((code, i) => {
    const prev = first.get(code);
    if (prev === undefined) {
      first.set(code, i);
      return;
    }
    const path = [section, 'rows', i, 'code'];
    const a = String(rows[prev].name);
    const b = String(rows[i].name);
    const related = [{ span: spanForPath(root, [section, 'rows', prev, 'code']), label: { zh: '第一次出现', en: 'first here' } }];
    if (a !== b) {
      out.push(
        mk(
          'shape/inconsistent-name',
          spanForPath(root, [section, 'rows', i, 'name']),
          [section, 'rows', i, 'name'],
          {
            zh: `科目 ${code} 出现两次且名称不一致：“${a}” 与 “${b}”`,
            en: `code ${code} appears twice with different names: "${a}" and "${b}"`,
          },
          {
            label: { zh: '名称不一致', en: 'different name' },
            related,
            help: { zh: '同一科目编码只对应一个名称；核对编码或名称', en: 'one code has one name: check the code or the name' },
          },
        ),
      );
    } else {
      out.push(
        mk(
          'shape/duplicate-code',
          spanForPath(root, path),
          path,
          { zh: `科目 ${code} ${b} 重复出现`, en: `code ${code} ${b} appears twice` },
          {
            label: { zh: '重复的科目', en: 'duplicate code' },
            related,
            help: { zh: '每个科目只写一行；把两行的金额合并到一行', en: 'write each code once; merge the two rows' },
          },
        ),
      );
    }
  });

  // Each child code extends its parent (the nearest preceding row one level up).
  const shapes = rowShapes(codes);
  shapes.forEach((s, i) => {
    if (s.level === 1) return;
    const plen = lengths[s.level - 2];
    const want = s.code.slice(0, plen);
    const path = [section, 'rows', i, 'code'];
    if (s.parent >= 0 && codes[s.parent] === want) return;
    const exists = codes.indexOf(want);
    const parentCode = s.parent >= 0 ? codes[s.parent] : undefined;
    const msg: Localized =
      exists < 0
        ? {
            zh: `科目 ${s.code} 的上级科目 ${want} 没有对应的行`,
            en: `code ${s.code}: its parent row ${want} is missing`,
          }
        : {
            zh: `科目 ${s.code} 不是上一行级次 ${parentCode ?? '（无）'} 的下级：应排在 ${want} 之下`,
            en: `code ${s.code} does not extend its parent ${parentCode ?? '(none)'}: it belongs under ${want}`,
          };
    out.push(
      mk('shape/code-parent', spanForPath(root, path), path, msg, {
        label: { zh: `上级应为 ${want}`, en: `parent should be ${want}` },
        related:
          s.parent >= 0
            ? [{ span: spanForPath(root, [section, 'rows', s.parent, 'code']), label: { zh: '表中的上级行', en: 'the parent row in table order' } }]
            : [],
        help:
          exists < 0
            ? { zh: `在它前面加上 ${want} 这一行（类/款小计行）`, en: `add the row ${want} (its subtotal row) before it` }
            : { zh: `把这一行移到 ${want} 之下，或核对编码`, en: `move the row under ${want}, or check the code` },
      }),
    );
  });

  // A leaf has at least one amount. A parent may write its split by source (as a table prints it
  // on its 类/款 rows): it is checked against its children's sums (sum/class-children).
  const hasChild = new Set(shapes.filter((s) => s.parent >= 0).map((s) => s.parent));
  rows.forEach((r, i) => {
    if (!hasChild.has(i) && r.total === undefined && r.basic === undefined && r.project === undefined && r.by_source === undefined) {
      out.push(
        mk(
          'shape/missing-value',
          spanForPath(root, [section, 'rows', i]),
          [section, 'rows', i, 'total'],
          { zh: `科目 ${codes[i]} 没有任何金额`, en: `code ${codes[i]} has no amount` },
          { help: { zh: '写出 total、basic、project 中的至少一项', en: 'write at least one of total, basic, project' } },
        ),
      );
    }
  });
}

