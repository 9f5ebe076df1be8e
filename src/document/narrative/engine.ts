import { Liquid, filters as builtinFilters, type Template } from 'liquidjs';
import type { Budget } from '../../model/budget.js';
import type { Diagnostic, Localized, RuleDoc } from '../../diagnostics/diagnostic.js';
import type { Span } from '../../source/span.js';
import type { Block } from '../model.js';
import { cnNumber } from '../cells.js';
import { type Context, Figure, Money, amountDecimals, buildContext, factsOfPath } from './context.js';
import { format, isZero, mulInt, round } from '../../money/decimal.js';
import { type HeadingIds, escapeData, toBlocks } from './markup.js';

/** A template as the caller (src/world) read it: its path for diagnostics and its text. */
export interface TemplateFile {
  readonly path: string;
  readonly text: string;
}

export const TEMPLATE_LIMIT_RULE = 'template/limit';

/**
 * Bounds on a template's work (LiquidJS's DoS options), so a mistyped range or nested loops end as
 * a template error instead of killing V8 or hanging. `memory` is LiquidJS's own count of allocated
 * elements (ranges, filter results), cumulative over one template's render: deterministic, so the
 * same template fails the same way on every machine; the shipped templates use about 2,000.
 * `renderMs` is wall time and only a backstop for work that allocates nothing.
 */
export interface TemplateLimits {
  readonly parseChars: number;
  readonly memory: number;
  readonly renderMs: number;
}
export const TEMPLATE_LIMITS: TemplateLimits = { parseChars: 1_000_000, memory: 200_000, renderMs: 10_000 };

export interface RenderOptions {
  /** The document's date: the templates' `date` filter and `now`/`today` see this, never the clock. */
  readonly date?: Date;
  readonly limits?: Partial<TemplateLimits>;
}

export const TEMPLATE_RULES: RuleDoc[] = [
  {
    id: 'template/unknown-variable',
    severity: 'error',
    title: { zh: '模板引用了不存在的占位符', en: 'Template refers to an unknown placeholder' },
    explain: {
      zh: '叙述模板（templates/*.liquid）中的 {{ … }} 占位符必须是数据提供的字段。拼错的名称若不报错，就会在公开文档中留下空白。请按 templates/README.md 列出的字段改正占位符。',
      en: 'Every {{ … }} placeholder in a narrative template (templates/*.liquid) must name a field the data provides. A misspelt name would otherwise leave a blank in the published document. Fix the placeholder using the fields listed in templates/README.md.',
    },
    example: { zh: '{{ department.nmae }} → 应为 {{ department.name }}', en: '{{ department.nmae }} → should be {{ department.name }}' },
  },
  {
    id: 'template/missing-value',
    severity: 'error',
    title: { zh: '模板需要的数据缺失', en: 'A value the template prints is missing from the data' },
    explain: {
      zh: '模板打印的可选字段（例如 prose.running_cost_note）在数据中没有填写。请在数据中补上，或在模板中用 {% if … %} 包住这一句。',
      en: 'The template prints an optional field (for example prose.running_cost_note) that the data leaves out. Add it to the data, or wrap the sentence in {% if … %} in the template.',
    },
    example: { zh: '{{ prose.running_cost_note }}，但 department.yaml 未写 running_cost_note', en: '{{ prose.running_cost_note }} while department.yaml has no running_cost_note' },
  },
  {
    id: 'template/unknown-filter',
    severity: 'error',
    title: { zh: '模板使用了不存在的过滤器', en: 'Template uses an unknown filter' },
    explain: {
      zh: '模板只能使用 LiquidJS 内置过滤器和本工具登记的过滤器（money、plain、cn、in_unit）。',
      en: 'Templates may use the LiquidJS built-in filters and the ones this tool registers (money, plain, cn, in_unit).',
    },
    example: { zh: '{{ income.total | yuan }}', en: '{{ income.total | yuan }}' },
  },
  {
    id: 'template/syntax',
    severity: 'error',
    title: { zh: '模板语法错误', en: 'Template syntax error' },
    explain: {
      zh: '模板无法解析（例如 {% if %} 未闭合）。请按 LiquidJS 语法改正。',
      en: 'The template cannot be parsed (for example an unclosed {% if %}). Fix it following the LiquidJS syntax.',
    },
    example: { zh: '{% if three_public.change.total.comparable %}…（缺少 {% endif %}）', en: '{% if three_public.change.total.comparable %}… (no {% endif %})' },
  },
  {
    id: TEMPLATE_LIMIT_RULE,
    severity: 'error',
    title: { zh: '模板超出运行限制', en: 'Template exceeds its limits' },
    explain: {
      zh: '模板的长度、渲染时间和分配的内存都有上限：单个模板不超过 100 万字符；{% for %} 的区间和过滤器分配的元素合计不超过 20 万个；渲染一个模板不超过 10 秒。一个写错的区间（例如 (1..1000000000)）或多层嵌套的大循环会在这里停下，报告模板文件和行号，而不是耗尽内存或长时间无响应。',
      en: 'A template\'s length, render time and allocations are bounded: at most 1,000,000 characters per template; ranges of {% for %} and the elements allocated by filters at most 200,000 in total; at most 10 seconds to render one template. A mistyped range (such as (1..1000000000)) or large nested loops stop here with the template\'s file and line, instead of exhausting memory or hanging.',
    },
    example: { zh: '{% for i in (1..1000000000) %}…{% endfor %}', en: '{% for i in (1..1000000000) %}…{% endfor %}' },
  },
  {
    id: 'template/missing-template',
    severity: 'error',
    title: { zh: '缺少叙述模板文件', en: 'A narrative template file is missing' },
    explain: {
      zh: '版式（profile）列出的每个部分和标题各有一个模板文件（在版式的模板目录下，默认 templates/）。缺少任何一个，文档就不完整。',
      en: 'Each part and heading the profile lists has a template file in the profile\'s templates directory (templates/ by default). Without any one of them the document is incomplete.',
    },
    example: { zh: 'templates/part9-glossary.liquid 不存在', en: 'templates/part9-glossary.liquid does not exist' },
  },
];

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function spanAt(file: TemplateFile, line: number, col: number, length = 1): Span {
  const lines = file.text.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  offset += Math.max(0, col - 1);
  return { file: file.path, line, col, endLine: line, endCol: col + length, offset, length };
}

function diag(rule: string, message: Localized, span: Span | undefined, help?: Localized): Diagnostic {
  return { severity: 'error', rule, message, ...(span ? { span } : {}), related: [], figures: [], ...(help ? { help } : {}) };
}

export function createEngine(opts: { date?: Date; limits?: Partial<TemplateLimits> } = {}): Liquid {
  const limits = { ...TEMPLATE_LIMITS, ...opts.limits };
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    lenientIf: true,
    ownPropertyOnly: true,
    // No file system: include/render/layout resolve only against this empty in-memory map.
    templates: {},
    greedy: false,
    parseLimit: limits.parseChars,
    memoryLimit: limits.memory,
    renderLimit: limits.renderMs,
    // Dates print the same under any TZ and LANG.
    timezoneOffset: 0,
    locale: 'zh-CN',
    // Every {{ }} output passes here: text from the data is made inert for the markup (markup.ts).
    outputEscape: (x: unknown) => (x instanceof Figure || typeof x === 'number' ? String(x) : escapeData(x)),
  });
  const asFigure = (x: unknown) => (x instanceof Figure ? x : undefined);
  // `money` and `plain` hand on a Figure (printing as the chosen form), so the output escape can
  // tell a figure from the model from a text of the data that merely looks like one.
  engine.registerFilter('money', (x: unknown) => (asFigure(x) ? new Printed(asFigure(x)!.valueOf()) : x));
  engine.registerFilter('plain', (x: unknown) => (asFigure(x) ? new Printed(asFigure(x)!.plain()) : x));
  engine.registerFilter('cn', (x: unknown) => (typeof x === 'number' ? cnNumber(x) : x));
  // An amount in another unit than it is kept in (tables in 元, narrative in 万元): converted exactly,
  // then rounded half up to `decimals` (the layout's rounding, declared where its templates call it).
  // A zero prints as 0, as a published narrative words it (事业收入0万元), whatever the decimals.
  engine.registerFilter('in_unit', (x: unknown, unit: unknown, decimals: unknown) => {
    const f = asFigure(x);
    if (!(f instanceof Money) || (unit !== '万元' && unit !== '元')) return x;
    const d = typeof decimals === 'number' && Number.isInteger(decimals) && decimals >= 0 && decimals <= 4 ? decimals : 2;
    const from = f.unit ?? unit;
    const v = from === unit ? f.dec : from === '元' ? { coef: f.dec.coef, scale: f.dec.scale + 4 } : mulInt(f.dec, 10000n);
    return new Printed(isZero(v) ? '0' : format(round(v, d), d));
  });
  // LiquidJS's `raw` would skip the output escape; here it is a plain identity filter.
  engine.registerFilter('raw', (x: unknown) => x);
  // The date filters read the wall clock for `now`/`today`: here those are the document's date.
  const day = opts.date ?? new Date(0);
  for (const name of ['date', 'date_to_xmlschema', 'date_to_rfc822', 'date_to_string', 'date_to_long_string'] as const) {
    const orig = (builtinFilters as unknown as Record<string, (this: unknown, ...a: unknown[]) => unknown>)[name];
    engine.registerFilter(name, function (this: unknown, v: unknown, ...args: unknown[]) {
      return orig.call(this, documentDate(v, day), ...args);
    });
  }
  return engine;
}

/** A figure already formatted by `money` or `plain`: still a figure for the output escape. */
class Printed extends Figure {
  constructor(readonly text: string) {
    super({ coef: 0n, scale: 0 });
  }
  override valueOf(): string {
    return this.text;
  }
  plain(): string {
    return this.text;
  }
}

/**
 * A date filter's input with the clock taken out: `now` and `today` are the document's date; a date
 * or date-time written without a zone is read as UTC (JS would read a date-time as local time).
 */
function documentDate(v: unknown, day: Date): unknown {
  if (v === 'now' || v === 'today') return Math.floor(day.getTime() / 1000);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v.trim())) return v.trim().replace(' ', 'T') + 'Z';
  return v;
}

/** Resolves a variable path in the context: 'ok', 'unknown' (no such key) or 'missing' (known key, no value). */
function resolve(ctx: unknown, segments: readonly unknown[]): 'ok' | 'unknown' | 'missing' | 'dynamic' {
  let cur: unknown = ctx;
  for (const seg of segments) {
    if (typeof seg !== 'string') return 'dynamic';
    if (Array.isArray(cur)) return ['size', 'first', 'last'].includes(seg) ? 'ok' : 'dynamic';
    if (cur === null || typeof cur !== 'object') return 'unknown';
    if (cur instanceof Figure) return 'unknown';
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return 'unknown';
    cur = (cur as Record<string, unknown>)[seg];
    if (cur === undefined) return 'missing';
  }
  return 'ok';
}

/** Every key of every object in the view (loop items included). */
function knownKeys(ctx: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (x: unknown) => {
    if (x === null || typeof x !== 'object' || x instanceof Figure) return;
    if (Array.isArray(x)) return x.forEach(walk);
    for (const [k, v] of Object.entries(x)) {
      out.add(k);
      walk(v);
    }
  };
  walk(ctx);
  return out;
}

function parseErrorDiag(file: TemplateFile, e: unknown): Diagnostic {
  const err = e as { name?: string; message?: string; token?: { getPosition(): [number, number] } };
  const pos = err.token?.getPosition?.();
  const span = pos ? spanAt(file, pos[0], pos[1]) : undefined;
  const msg = (err.message ?? String(e)).replace(/(, file:.*?)?(, line:\d+, col:\d+)?$/, '');
  const filter = /^undefined filter: (.+)$/.exec(msg);
  if (filter) {
    return diag(
      'template/unknown-filter',
      { zh: `模板使用了不存在的过滤器“${filter[1]}”`, en: `unknown filter "${filter[1]}" in template` },
      span,
      { zh: '可用的过滤器：money、plain、cn、in_unit 及 LiquidJS 内置过滤器', en: 'available filters: money, plain, cn, in_unit and the LiquidJS built-ins' },
    );
  }
  const variable = /^undefined variable: (.+)$/.exec(msg);
  if (variable) {
    return diag('template/missing-value', { zh: `模板需要的值“${variable[1]}”在数据中缺失`, en: `the template prints "${variable[1]}", which the data does not provide` }, span, {
      zh: '在数据中补上该值，或在模板中用 {% if %} 包住这一句',
      en: 'add the value to the data, or wrap the sentence in {% if %}',
    });
  }
  const limit = /(parse length|memory alloc|template render) limit exceeded/.exec(msg);
  if (limit) {
    const what: Localized =
      limit[1] === 'parse length'
        ? { zh: `模板过长（超过 ${TEMPLATE_LIMITS.parseChars.toLocaleString('en-US')} 个字符）`, en: `the template is too long (over ${TEMPLATE_LIMITS.parseChars.toLocaleString('en-US')} characters)` }
        : limit[1] === 'memory alloc'
          ? { zh: '模板的循环区间或过滤器分配的元素过多', en: 'the template\'s loop ranges or filters allocate too many elements' }
          : { zh: '模板渲染时间过长', en: 'the template takes too long to render' };
    // A template too long to parse has no token to point at: its first line stands for the file.
    return diag(TEMPLATE_LIMIT_RULE, { zh: `模板超出运行限制：${what.zh}`, en: `template exceeds its limits: ${what.en}` }, span ?? spanAt(file, 1, 1), {
      zh: '检查 {% for %} 的区间（如 (1..1000000000)）和嵌套循环；叙述模板只需遍历数据中的条目',
      en: 'check the ranges of {% for %} (such as (1..1000000000)) and nested loops; a narrative template needs only to loop over the data\'s entries',
    });
  }
  return diag('template/syntax', { zh: `模板语法错误：${msg}`, en: `template syntax error: ${msg}` }, span);
}

/**
 * Engines and parsed templates are kept for the next check in the same process (`check --watch`
 * re-checks on every save; parsing the templates was half its time). An engine is a function of
 * the document date and the limits; a parsed template of its engine, path and text. Bounded: a few
 * engines, and each forgets a template whose text changed. A batch worker builds several years,
 * each checked with an engine for 1 January of its year and, under SOURCE_DATE_EPOCH, printed with
 * one for that date: five engines for four years, and with room for four they were evicted in turn
 * and every report parsed and analysed its templates again (~2.7 ms a report).
 */
const ENGINES_KEPT = 8;
const engines = new Map<string, Liquid>();
const parsedBy = new WeakMap<Liquid, Map<string, { text: string; parsed: Template[] }>>();

function engineFor(date: Date, limits: Partial<TemplateLimits> | undefined): Liquid {
  const key = `${date.getTime()}|${JSON.stringify(limits ?? {})}`;
  let e = engines.get(key);
  if (!e) {
    if (engines.size >= ENGINES_KEPT) engines.delete(engines.keys().next().value as string);
    engines.set(key, (e = createEngine({ date, limits })));
  }
  return e;
}

function parseCached(engine: Liquid, file: TemplateFile): Template[] {
  let byPath = parsedBy.get(engine);
  if (!byPath) parsedBy.set(engine, (byPath = new Map()));
  const hit = byPath.get(file.path);
  if (hit && hit.text === file.text) return hit.parsed;
  const parsed = engine.parse(file.text, file.path);
  byPath.set(file.path, { text: file.text, parsed });
  return parsed;
}

/** A parsed template's static analysis, once (the check of the templates and `templateFacts` both read it). */
const analyses = new WeakMap<Template[], ReturnType<Liquid['analyzeSync']>>();
function analysisOf(engine: Liquid, parsed: Template[]): ReturnType<Liquid['analyzeSync']> {
  let a = analyses.get(parsed);
  if (!a) analyses.set(parsed, (a = engine.analyzeSync(parsed, { partials: false })));
  return a;
}

/**
 * Parses, statically analyses and renders every template against the budget. Diagnostics carry the
 * template's file and line:col; a template with an error renders to nothing.
 */
export function renderTemplates(
  templates: readonly TemplateFile[],
  names: readonly string[],
  budget: Budget,
  decimals: number,
  opts: RenderOptions = {},
): { rendered: Map<string, string>; diagnostics: Diagnostic[] } {
  const date = opts.date ?? new Date(Date.UTC(budget.department.year, 0, 1));
  // A build renders the templates twice with the same inputs: the check validates them (rendering is
  // the only complete test of a template), then the document prints them. The second is the first's
  // result (the date is the same unless SOURCE_DATE_EPOCH names another day than 1 January).
  const key = `${date.getTime()}|${decimals}|${JSON.stringify(opts.limits ?? {})}|${names.join('\n')}`;
  const last = lastRender.get(budget);
  if (last && last.key === key && last.templates.length === templates.length && last.templates.every((t, i) => t.path === templates[i].path && t.text === templates[i].text)) {
    return { rendered: new Map(last.rendered), diagnostics: [...last.diagnostics] };
  }
  const result = renderFresh(templates, names, budget, decimals, date, opts);
  lastRender.set(budget, { key, templates: [...templates], rendered: new Map(result.rendered), diagnostics: [...result.diagnostics] });
  return result;
}

/** The last render of each budget's templates, with what it was rendered from. */
const lastRender = new WeakMap<Budget, { key: string; templates: readonly TemplateFile[]; rendered: ReadonlyMap<string, string>; diagnostics: readonly Diagnostic[] }>();

function renderFresh(
  templates: readonly TemplateFile[],
  names: readonly string[],
  budget: Budget,
  decimals: number,
  date: Date,
  opts: RenderOptions,
): { rendered: Map<string, string>; diagnostics: Diagnostic[] } {
  const engine = engineFor(date, opts.limits);
  const ctx: Context = buildContext(budget, decimals);
  const diagnostics: Diagnostic[] = [];
  const byName = new Map(templates.map((t) => [baseName(t.path), t]));
  const rendered = new Map<string, string>();
  for (const name of names) {
    const file = byName.get(name);
    if (!file) {
      diagnostics.push(
        diag('template/missing-template', { zh: `缺少模板文件 ${name}`, en: `template ${name} is missing` }, undefined, {
          zh: `在 templates/ 下添加 ${name}`,
          en: `add ${name} under templates/`,
        }),
      );
      continue;
    }
    let parsed: Template[];
    try {
      parsed = parseCached(engine, file);
    } catch (e) {
      diagnostics.push(parseErrorDiag(file, e));
      continue;
    }
    // Static pass: every global placeholder, in every branch, must name a field of the view.
    const staticFound = new Set<string>();
    let ok = true;
    const analysis = analysisOf(engine, parsed);
    for (const vars of Object.values(analysis.globals)) {
      for (const v of vars) {
        const segs = v.segments;
        if (resolve(ctx, segs) === 'unknown') {
          const name = v.toString();
          staticFound.add(`${v.location.row}:${v.location.col}`);
          ok = false;
          diagnostics.push(
            diag(
              'template/unknown-variable',
              { zh: `模板引用了不存在的占位符“${name}”`, en: `unknown placeholder "${name}" in template` },
              spanAt(file, v.location.row, v.location.col, name.length),
              { zh: '占位符须为数据提供的字段，见 templates/README.md', en: 'a placeholder must name a field of the data; see templates/README.md' },
            ),
          );
        }
      }
    }
    if (!ok) continue;
    try {
      rendered.set(name, engine.renderSync(parsed, ctx) as string);
    } catch (e) {
      const d = parseErrorDiag(file, e);
      const key = d.span ? `${d.span.line}:${d.span.col}` : '';
      if (!staticFound.has(key)) {
        // A path whose last key the view never has is a misspelt placeholder, not a missing value.
        const m = /“(.+)”/.exec(d.message.zh);
        const last = m?.[1].split('.').pop();
        if (d.rule === 'template/missing-value' && last && !knownKeys(ctx).has(last)) {
          diagnostics.push({ ...d, rule: 'template/unknown-variable', message: { zh: `模板引用了不存在的占位符“${m![1]}”`, en: `unknown placeholder "${m![1]}" in template` } });
        } else diagnostics.push(d);
      }
    }
  }
  return { rendered, diagnostics };
}

/**
 * What a template prints of the budget, read from the template alone (LiquidJS's static analysis of
 * its global variables, in every branch): fact prefixes (src/model/facts.ts), e.g.
 * `procurement.total` or `projects` (a loop over them). A template that does not parse prints
 * nothing (the check of the templates reports it).
 */
export function templateFacts(file: TemplateFile, year: number): string[] {
  const engine = engineFor(new Date(Date.UTC(year, 0, 1)), undefined);
  let parsed: Template[];
  try {
    parsed = parseCached(engine, file);
  } catch {
    return [];
  }
  const out = new Set<string>();
  for (const vars of Object.values(analysisOf(engine, parsed).globals))
    for (const v of vars) for (const f of factsOfPath(v.segments)) out.add(f);
  return [...out];
}

/**
 * How the document refers to a part: the first word of its heading (`## 第二部分 部门预算收支总体情况`
 * → 第二部分), or the whole heading when it is one word (`## 一、单位概况`).
 */
export function partRef(file: TemplateFile): string {
  const line = /^#+\s*(.+)$/m.exec(file.text)?.[1]?.trim();
  // a heading listed in the 目录 by another text (`## {{ … }}主要职能 {toc: 一、部门主要职能}`) is referred to by that
  const heading = (line && /\{toc:\s*([^{}]+?)\s*\}$/.exec(line)?.[1]) ?? line ?? baseName(file.path);
  return heading.split(/\s+/)[0]!;
}

/** Checks the templates (the profile's, by file name) against a budget without building the document (for `budget check`). */
export function validateTemplates(templates: readonly TemplateFile[], names: readonly string[], budget: Budget, opts: RenderOptions = {}): Diagnostic[] {
  return renderTemplates(templates, names, budget, amountDecimals(budget), opts).diagnostics;
}

export function narrativeBlocks(rendered: Map<string, string>, names: readonly string[], ids: HeadingIds, decimals: number): Block[] {
  return names.flatMap((n) => toBlocks(rendered.get(n) ?? '', ids, decimals));
}
