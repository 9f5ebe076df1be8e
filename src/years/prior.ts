import { basename, dirname, join } from 'node:path';
import type { Diagnostic, DiagFigure, Localized, Related, RuleDoc, RuleRun } from '../diagnostics/diagnostic.js';
import { abs, add, cmp, eq, format, halfUnit, mulInt, sub, toPlain, ZERO, type Dec } from '../money/decimal.js';
import type { Budget, Fig, ThreePublicYear, Unit } from '../model/budget.js';
import { THREE_PUBLIC_NAMES } from '../model/index.js';
import { loadBudget, type PriorFigures } from '../model/index.js';
import { nodeAt, type ScalarNode, type SourceFile, type SourceTree } from '../source/index.js';
import type { Span } from '../source/span.js';
import type { World } from '../world/index.js';

/**
 * Prior-year figures (Part 2's comparison, Table 9's last-year row, 机关运行经费's prior year).
 *
 * They come from the previous year's data when it is at hand, or from the figures the
 * department-year declares (`prior_year`, `three_public.last_year`) when it is not: an omitted
 * one is filled from the prior year (`resolvePrior`, before the model is built), and with neither
 * the year is unusable (`shape/missing-prior-year`, exit 2). When the previous year's data is at hand too — the sibling directory `<year − 1>` next to this
 * one (`data/2030` for `data/2031`, `data/<dept>/2030` for `data/<dept>/2031`) — both must agree:
 * the prior year's own published figures are the ones this year compares with. `cross/prior-year`
 * reports each disagreement with both places, the declared figure in this year's file and the
 * figure in last year's file. A sibling directory of another department (its name differs) or
 * for another year (its department.year is not year − 1) is not the prior year: the cross-check
 * does not run.
 */

export const PRIOR_RULE = 'cross/prior-year';
export const PRIOR_UNUSABLE_RULE = 'cross/prior-year-unusable';
export const MISSING_PRIOR_RULE = 'shape/missing-prior-year';

export const PRIOR_RULES: readonly RuleDoc[] = [
  {
    id: PRIOR_RULE,
    severity: 'error',
    title: { zh: '上年比较数与上年数据不一致', en: 'Declared prior-year figures disagree with the prior year’s data' },
    explain: {
      zh:
        '本年数据声明了说明文字比较用的上年数（prior_year：收入、支出、机关运行经费）和“三公”经费的上年数（three_public.last_year）。' +
        '当上年的数据目录也在（本目录旁的 <年度−1> 目录，例如 data/2031 旁的 data/2030），上年数据中公开的数字就是本年要比较的数字，两者必须一致：' +
        'prior_year.income_total = 上年 income.total（收入总计），prior_year.expenditure_total = 上年 expenditure.total（支出总计），' +
        'prior_year.running_cost = 上年 running_cost，three_public.last_year 各项 = 上年 three_public.this_year 各项，prior_year.year = 上年的 department.year。' +
        '单位相同时要求完全相等；两年单位不同（万元与元）时换算后允许尾数误差（记为注记）。' +
        '改正其中写错的一边：通常是本年的声明（由 budget init 生成时会自动填入上年的数字）。',
      en:
        'A department-year declares the prior-year figures its narrative compares with (prior_year: income, expenditure, 机关运行经费) and the last-year 三公 figures (three_public.last_year). ' +
        'When the prior year’s data directory is present too (the sibling <year−1> directory, e.g. data/2030 next to data/2031), its published figures are the ones this year compares with, so both must agree: ' +
        'prior_year.income_total = the prior income.total, prior_year.expenditure_total = the prior expenditure.total, prior_year.running_cost = the prior running_cost, ' +
        'each three_public.last_year figure = the prior three_public.this_year figure, prior_year.year = the prior department.year. ' +
        'With the same unit they must be equal; when the two years use different units (万元 and 元) a rounding difference after conversion is a note. ' +
        'Fix whichever side is wrong, usually this year’s declaration (budget init fills it from the prior year).',
    },
    example: {
      zh: 'data/2031/department.yaml 写 prior_year.income_total: 1209，而 data/2030/income.yaml 的 income.total 为 1290',
      en: 'data/2031/department.yaml declares prior_year.income_total: 1209, while data/2030/income.yaml has income.total 1290',
    },
  },
  {
    id: PRIOR_UNUSABLE_RULE,
    severity: 'warning',
    title: { zh: '上年数据无法读取，未核对上年比较数', en: 'The prior year’s data cannot be loaded: prior-year figures not cross-checked' },
    explain: {
      zh: '本目录旁有上年的数据目录，但它有错误（无法解析或格式不符），所以本年声明的上年数无法与之核对，比较数使用本年的声明。先运行 budget check 检查上年目录并改正。',
      en: 'The prior year’s data directory is present but cannot be loaded (malformed YAML or shape errors), so this year’s declared prior-year figures cannot be cross-checked against it; the declared figures are used. Run budget check on the prior year’s directory and fix it.',
    },
    example: { zh: 'data/2030 有 3 个错误：未核对 data/2031 的上年比较数', en: 'data/2030 has 3 errors: data/2031’s prior-year figures not cross-checked' },
  },
  {
    id: MISSING_PRIOR_RULE,
    severity: 'error',
    title: { zh: '上年比较数既未填写，也没有上年数据', en: 'Prior-year figures neither declared nor available from the prior year’s data' },
    explain: {
      zh:
        '上年收入、支出与增减，上年机关运行经费和上年“三公”经费要与上年比较。上年数来自上年的数据目录（本目录旁的 <年度−1> 目录，例如 data/2031 旁的 data/2030，须为同一部门），' +
        '没有上年数据时来自本年填写的 prior_year（year、income_total、expenditure_total、running_cost）和 three_public.last_year。' +
        '省略了其中的数字、又没有可用的上年数据（目录不存在、有错误无法读取、或属于另一部门/年度）时，文档无法生成：请填写这些上年数，或把上年数据放到上年目录中。',
      en:
        'The prior income, expenditure and change, the prior 机关运行经费 and the prior 三公 figures compare with the prior year. Those figures come from the prior year’s data directory (the sibling <year−1> directory, e.g. data/2030 next to data/2031, of the same department), ' +
        'or, without it, from the figures this year declares: prior_year (year, income_total, expenditure_total, running_cost) and three_public.last_year. ' +
        'When some are omitted and no usable prior year is there (no directory, one with errors, or another department’s or year’s), the document cannot be made: declare the figures, or put the prior year’s data in its directory.',
    },
    example: {
      zh: 'data/2031/department.yaml 没有 prior_year，而 data/2030 不存在：没有上年数据目录 data/2030，请在 prior_year 中填写上年数',
      en: 'data/2031/department.yaml has no prior_year and there is no data/2030: declare the prior-year figures in prior_year',
    },
  },
];

/** The directory holding the year before `year`, next to `dir`: `<parent>/<year − 1>`. */
export function priorDirOf(dir: string, year: number): string {
  const parent = dirname(dir.replace(/[\\/]+$/, '') || '.');
  return join(parent, String(year - 1));
}

export interface PriorLoad {
  /** The prior year's directory (whether or not it exists). */
  readonly dir: string;
  /** Whether a directory with YAML files is there. */
  readonly found: boolean;
  /** The prior year's budget, when found and loadable. */
  readonly budget?: Budget;
  /** How many errors kept it from loading. */
  readonly errors: number;
  /** Its decoded files, for code frames of findings that point into them. */
  readonly files?: readonly SourceFile[];
}

/**
 * Loads the year before `budget` when its directory exists next to `dir`, with the pipeline's own
 * `loadBudget` (src/model/load.ts): reads, parses, validates and builds, nothing more (the prior
 * year's own arithmetic is its own check's business, and its own prior year is not needed).
 */
export function loadPrior(world: World, dir: string, year: number): PriorLoad {
  const pdir = priorDirOf(dir, year);
  // A directory is never its own prior year (a dir not named by its year, e.g. data/current).
  if (basename(pdir) === basename(dir.replace(/[\\/]+$/, ''))) return { dir: pdir, found: false, errors: 0 };
  const listed = world.listYamlFiles(pdir);
  if (listed.diagnostics.length || listed.files.length === 0) return { dir: pdir, found: false, errors: 0 };
  const loaded = loadBudget(world, pdir);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
  return { dir: pdir, found: true, ...(loaded.budget ? { budget: loaded.budget } : {}), errors, files: loaded.files };
}

export interface PriorResolution {
  /** The prior year's directory and data (whether or not it was needed). */
  readonly load: PriorLoad;
  /** The prior year's published figures, when this year omits some and the prior year is usable. */
  readonly figures?: PriorFigures;
  /** `shape/missing-prior-year` when this year omits some and no usable prior year is there. */
  readonly diagnostics: readonly Diagnostic[];
  /** The prior year's files when figures were taken from them (code frames of findings about them). */
  readonly sources: readonly SourceFile[];
  /** `shape/missing-prior-year` ran (one department-year's prior-year figures resolved). */
  readonly runs: readonly RuleRun[];
}

const PRIOR_KEYS = ['income_total', 'expenditure_total', 'running_cost'] as const;

/** What a (shape-valid) department-year leaves to the prior year's data. */
export function omittedPrior(tree: SourceTree, needs?: readonly PriorFact[]): { readonly prior_year: readonly string[]; readonly last_year: boolean } {
  // A layout that compares only some figures with the prior year needs only those (profile `prior`).
  const needed = (k: PriorFact) => !needs || needs.includes(k);
  return {
    prior_year: PRIOR_KEYS.filter((k) => needed(k) && !nodeAt(tree.root, ['prior_year', k]).exists),
    last_year: needed('three_public') && !nodeAt(tree.root, ['three_public', 'last_year']).exists,
  };
}

/** The prior-year facts a layout may compare with (profile key `prior`). */
export type PriorFact = (typeof PRIOR_KEYS)[number] | 'three_public';

/**
 * Before the model is built: loads the year before (next to `dir`) and, when this year omits
 * prior-year figures, takes them from it; with no usable prior year, says what to declare.
 * `tree` has passed shape validation.
 */
export function resolvePrior(world: World, dir: string, tree: SourceTree, needs?: readonly PriorFact[]): PriorResolution {
  const year = Number(scalarAt(tree, ['department', 'year'])?.source);
  const load = loadPrior(world, dir, year);
  const omitted = omittedPrior(tree, needs);
  const runs = (findings: number): RuleRun[] => [{ id: MISSING_PRIOR_RULE, checked: 1, findings }];
  if (!omitted.prior_year.length && !omitted.last_year) return { load, diagnostics: [], sources: [], runs: runs(0) };
  const p = load.budget;
  const name = scalarAt(tree, ['department', 'name']);
  const nameText = name && typeof name.value === 'string' ? name.value : name?.source;
  if (p && isPriorOf(p, nameText, year)) {
    const unit = scalarAt(tree, ['department', 'unit'])?.value as Unit;
    return { load, figures: priorFiguresOf(p, unit), diagnostics: [], sources: load.files ?? [], runs: runs(0) };
  }
  const diagnostics = missingPrior(tree, year, load, omitted);
  return { load, diagnostics, sources: [], runs: runs(diagnostics.length) };
}

/** Whether `p` is the year before `year` of the department named `name`. */
function isPriorOf(p: Budget, name: string | undefined, year: number): boolean {
  return p.department.name.text === name && p.department.year === year - 1;
}

/** The prior year's published figures in this year's unit, spans in the prior year's files. */
export function priorFiguresOf(p: Budget, unit: Unit): PriorFigures {
  const c = (f: Fig): Fig => ({ value: convert(f.value, p.department.unit, unit), ...(f.span ? { span: f.span } : {}) });
  const ty = p.three_public.this_year;
  return {
    year: p.department.year,
    income_total: c(p.income.total),
    expenditure_total: c(p.expenditure.total),
    running_cost: c(p.running_cost),
    three_public: Object.fromEntries(TP_KEYS.map((k) => [k, c(ty[k])])) as unknown as ThreePublicYear,
  };
}

function missingPrior(tree: SourceTree, year: number, load: PriorLoad, omitted: ReturnType<typeof omittedPrior>): Diagnostic[] {
  const py = year - 1;
  const p = load.budget;
  const why: Localized = !load.found
    ? { zh: `没有上年数据目录 ${load.dir}`, en: `there is no prior year's data directory ${load.dir}` }
    : !p
      ? { zh: `上年数据目录 ${load.dir} 有 ${load.errors} 个错误，无法读取`, en: `the prior year's data ${load.dir} has ${load.errors} error(s) and cannot be loaded` }
      : {
          zh: `${load.dir} 不是本部门 ${py} 年的数据（其部门为 ${p.department.name.text}，年度为 ${p.department.year}）`,
          en: `${load.dir} is not this department's ${py} data (its department is ${p.department.name.text}, its year ${p.department.year})`,
        };
  const fix: Localized = !load.found
    ? { zh: `或把 ${py} 年的数据放到 ${load.dir}`, en: `or put the ${py} data in ${load.dir}` }
    : !p
      ? { zh: `或运行 budget check ${load.dir} 并改正上年数据`, en: `or run budget check ${load.dir} and fix the prior year` }
      : { zh: `或核对 ${load.dir} 的部门名称与年度`, en: `or check the department name and year in ${load.dir}` };
  const out: Diagnostic[] = [];
  if (omitted.prior_year.length) {
    const keys = omitted.prior_year.join('、');
    const section = nodeAt(tree.root, ['prior_year']);
    const at = section.exists ? (section.key?.span ?? section.node.span) : (nodeAt(tree.root, ['department', 'year']).node.span);
    out.push({
      severity: 'error',
      rule: MISSING_PRIOR_RULE,
      message: {
        zh: `${why.zh}，请在 prior_year 中填写上年数（${py} 年：${keys}）`,
        en: `${cap(why.en)}: declare the prior-year figures in prior_year (${py}: ${omitted.prior_year.join(', ')})`,
      },
      span: at,
      label: section.exists
        ? { zh: `缺少 ${keys}`, en: `${omitted.prior_year.join(', ')} missing` }
        : { zh: `${year} 年的上年比较数（${py} 年）没有来源`, en: `no source for ${year}'s prior-year (${py}) figures` },
      related: [],
      figures: [],
      help: {
        zh: `在 prior_year 下写上年公开的数字：year: ${py}、income_total（上年收入总计）、expenditure_total（上年支出总计）、running_cost（上年机关运行经费），${fix.zh}。`,
        en: `write last year's published figures under prior_year: year: ${py}, income_total, expenditure_total, running_cost; ${fix.en}.`,
      },
    });
  }
  if (omitted.last_year) {
    const section = nodeAt(tree.root, ['three_public']);
    out.push({
      severity: 'error',
      rule: MISSING_PRIOR_RULE,
      message: {
        zh: `${why.zh}，请在 three_public.last_year 中填写 ${py} 年“三公”经费`,
        en: `${cap(why.en)}: declare the ${py} three-public figures in three_public.last_year`,
      },
      ...(section.key?.span ?? section.node.span ? { span: section.key?.span ?? section.node.span } : {}),
      label: { zh: `缺少 last_year（${py} 年）`, en: `last_year (${py}) missing` },
      related: [],
      figures: [],
      help: {
        zh: `在 three_public 下加 last_year:，写 ${py} 年的 total、abroad、reception、vehicles、vehicle_purchase、vehicle_running，${fix.zh}。`,
        en: `add last_year: under three_public with the ${py} total, abroad, reception, vehicles, vehicle_purchase, vehicle_running; ${fix.en}.`,
      },
    });
  }
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function scalarAt(tree: SourceTree, path: readonly string[]): ScalarNode | undefined {
  const at = nodeAt(tree.root, path);
  return at.exists && at.node.kind === 'scalar' ? at.node : undefined;
}

export interface PriorCheck {
  readonly diagnostics: Diagnostic[];
  readonly runs: RuleRun[];
  /** The prior year's files when a finding points into them (for code frames), else none. */
  readonly sources: readonly SourceFile[];
}

const TP_KEYS = ['total', 'abroad', 'reception', 'vehicles', 'vehicle_purchase', 'vehicle_running'] as const;
/** The 三公 lines as the messages name them after “三公”经费: the catalogue's, but 总计 for the total. */
const TP_LABELS: Record<(typeof TP_KEYS)[number], Localized> = { ...THREE_PUBLIC_NAMES, total: { zh: '总计', en: 'total' } };

/**
 * Compares this year's declared prior-year figures with the prior year's own data. Pure: `tree` is
 * this year's source tree (to point at a section when a figure was omitted rather than written).
 */
/**
 * `feeds` says which tables and parts of the layout show a figure (fact addresses, src/model/facts.ts;
 * derived from the profile by the caller): what each finding says it feeds.
 */
export function checkPriorYear(b: Budget, tree: SourceTree | undefined, prior: PriorLoad, feeds: (facts: readonly string[]) => readonly string[] = () => []): PriorCheck {
  // No prior year's data: the rule does not run (listed as not run, never as a pass).
  if (!prior.found) return { diagnostics: [], runs: [], sources: [] };
  // Another department's directory (a mixed layout), or a directory whose data is not for the
  // year before (its name and its department.year disagree): not this department's prior year.
  if (prior.budget && (prior.budget.department.name.text !== b.department.name.text || prior.budget.department.year !== b.department.year - 1))
    return { diagnostics: [], runs: [], sources: [] };
  if (!prior.budget) {
    const d: Diagnostic = {
      severity: 'warning',
      rule: PRIOR_UNUSABLE_RULE,
      message: {
        zh: `上年数据 ${prior.dir} 有 ${prior.errors} 个错误，无法读取；本年声明的上年比较数未与之核对。`,
        en: `The prior year's data ${prior.dir} has ${prior.errors} error(s) and cannot be loaded; this year's declared prior-year figures were not cross-checked.`,
      },
      ...spanOr(b.prior.income_total.span, tree, ['prior_year']),
      related: [],
      figures: [],
      help: { zh: `运行 budget check ${prior.dir} 并改正。`, en: `Run budget check ${prior.dir} and fix it.` },
    };
    return {
      diagnostics: [d],
      runs: [{ id: PRIOR_UNUSABLE_RULE, checked: 1, findings: 1 }],
      sources: [],
    };
  }
  const p = prior.budget;
  const diagnostics: Diagnostic[] = [];
  let checked = 0;
  // three_public.last_year's figures are compared when the row is declared (an omitted total in it is computed, and compared too).
  const isDeclared = (path: readonly string[]) => declared(path[0] === 'three_public' ? path.slice(0, 2) : path);
  const fromUnit = p.department.unit;
  const toUnit = b.department.unit;
  const py = p.department.year;
  // Figures this year does not declare were taken from the prior year: nothing to compare.
  const declared = (path: readonly string[]) => !tree || nodeAt(tree.root, path).exists;

  if (declared(['prior_year', 'year'])) checked++;
  if (declared(['prior_year', 'year']) && b.prior.year !== py) {
    const declared = nodeAt(tree?.root ?? emptyRoot(), ['prior_year', 'year']);
    const span = declared.exists ? declared.node.span : undefined;
    diagnostics.push({
      severity: 'error',
      rule: PRIOR_RULE,
      message: {
        zh: `上年比较数的年度 prior_year.year 为 ${b.prior.year}，而上年数据 ${prior.dir} 的年度为 ${py}`,
        en: `The declared prior year prior_year.year is ${b.prior.year}, while the prior year's data ${prior.dir} is for ${py}`,
      },
      ...(span ? { span } : spanOr(undefined, tree, ['prior_year'])),
      related: [],
      figures: [
        { label: { zh: '本年声明的上年年度', en: 'declared prior year' }, value: String(b.prior.year), ...(span ? { span } : {}) },
        { label: { zh: '上年数据的年度', en: "prior data's year" }, value: String(py) },
      ],
      difference: String(b.prior.year - py),
      help: { zh: `把 prior_year.year 改为 ${py}。`, en: `Set prior_year.year to ${py}.` },
    });
  }

  const compare = (declared: Fig, declaredPath: readonly string[], actual: Fig, actualWhat: Localized, what: Localized, facts: string[]) => {
    if (!isDeclared(declaredPath)) return;
    checked++;
    const a = convert(actual.value, fromUnit, toUnit);
    const sameUnit = fromUnit === toUnit;
    const diff = sub(declared.value, a);
    if (eq(declared.value, a)) return;
    const tol = sameUnit ? ZERO : add(halfUnit(declared.value), halfUnit(a));
    const rounding = !sameUnit && cmp(abs(diff), tol) <= 0;
    const declaredAt = declared.span ? { span: declared.span } : spanOr(undefined, tree, declaredPath);
    const related: Related[] = actual.span
      ? [{ span: actual.span, label: { zh: `${py} 年数据：${format(actual.value)}`, en: `${py} data: ${format(actual.value)}` } }]
      : [];
    const figures: DiagFigure[] = [
      { label: { zh: `本年声明的${what.zh}`, en: `declared ${what.en}` }, value: toPlain(declared.value), ...(declared.span ? { span: declared.span } : {}) },
      {
        label: { zh: `${py} 年数据的${actualWhat.zh}${sameUnit ? '' : `（换算为${toUnit}）`}`, en: `${py} data's ${actualWhat.en}${sameUnit ? '' : ` (in ${toUnit})`}` },
        value: toPlain(a),
        ...(actual.span ? { span: actual.span } : {}),
      },
    ];
    diagnostics.push({
      severity: rounding ? 'note' : 'error',
      rule: PRIOR_RULE,
      message: rounding
        ? {
            zh: `${what.zh} ${format(declared.value)} 与 ${prior.dir} 中的 ${format(a)}（由${fromUnit}换算）相差 ${toPlain(diff)}，属尾数误差`,
            en: `${what.en} ${format(declared.value)} differs from ${format(a)} in ${prior.dir} (converted from ${fromUnit}) by ${toPlain(diff)}, within rounding`,
          }
        : {
            zh: `${what.zh} ${format(declared.value)} 与上年数据 ${prior.dir} 中的${actualWhat.zh} ${format(a)} 不一致`,
            en: `${what.en} ${format(declared.value)} disagrees with the ${actualWhat.en} ${format(a)} in the prior year's data ${prior.dir}`,
          },
      ...declaredAt,
      label: { zh: `${py} 年数据为 ${format(a)}`, en: `${py} data says ${format(a)}` },
      related,
      figures,
      difference: toPlain(diff),
      feeds: [...feeds(facts)],
      help: {
        zh: `改正写错的一边：本年的 ${declaredPath.join('.')}，或 ${prior.dir} 中的${actualWhat.zh}。`,
        en: `Fix whichever is wrong: this year's ${declaredPath.join('.')}, or the ${actualWhat.en} in ${prior.dir}.`,
      },
    });
  };

  compare(b.prior.income_total, ['prior_year', 'income_total'], p.income.total, { zh: '收入总计', en: 'income total' }, { zh: `${py} 年部门预算收入`, en: `${py} income` }, ['prior.income_total']);
  compare(
    b.prior.expenditure_total,
    ['prior_year', 'expenditure_total'],
    p.expenditure.total,
    { zh: '支出总计', en: 'expenditure total' },
    { zh: `${py} 年部门预算支出`, en: `${py} expenditure` },
    ['prior.expenditure_total'],
  );
  compare(b.prior.running_cost, ['prior_year', 'running_cost'], p.running_cost, { zh: '机关运行经费', en: 'running cost' }, { zh: `${py} 年机关运行经费`, en: `${py} running cost` }, ['prior.running_cost']);
  for (const k of TP_KEYS)
    compare(
      (b.three_public.last_year as ThreePublicYear)[k],
      ['three_public', 'last_year', k],
      p.three_public.this_year[k],
      { zh: `“三公”经费本年${TP_LABELS[k].zh}`, en: `this-year three-public ${TP_LABELS[k].en}` },
      { zh: `“三公”经费 ${py} 年${TP_LABELS[k].zh}`, en: `${py} three-public ${TP_LABELS[k].en}` },
      [`three_public.last_year.${k}`],
    );
  // Nothing declared (every figure from the prior year): the rule did not run.
  if (!checked) return { diagnostics: [], runs: [], sources: [] };
  return { diagnostics, runs: [{ id: PRIOR_RULE, checked, findings: diagnostics.length }], sources: diagnostics.length ? (prior.files ?? []) : [] };
}

/** An amount in `from` expressed in `to` (1 万元 = 10,000 元), exactly. */
export function convert(v: Dec, from: Unit, to: Unit): Dec {
  if (from === to) return v;
  if (from === '万元') return mulInt(v, 10000n); // 万元 → 元
  return { coef: v.coef, scale: v.scale + 4 }; // 元 → 万元
}

/** The written span, else the nearest written node along `path` (the section or key the figure belongs to). */
function spanOr(span: Span | undefined, tree: SourceTree | undefined, path: readonly string[]): { span?: Span } {
  if (span) return { span };
  if (!tree) return {};
  const at = nodeAt(tree.root, path);
  const s = at.key?.span ?? at.node.span;
  return s ? { span: s } : {};
}

function emptyRoot(): SourceTree['root'] {
  return { kind: 'map', span: { file: '', line: 1, col: 1, endLine: 1, endCol: 1, offset: 0, length: 0 }, entries: [] };
}

/** Loads the prior year next to `dir` (when there) and cross-checks this year's declared figures: the one call compile.ts makes. */
export function priorYearCheck(world: World, dir: string, b: Budget, tree: SourceTree | undefined): PriorCheck {
  return checkPriorYear(b, tree, loadPrior(world, dir, b.department.year));
}
