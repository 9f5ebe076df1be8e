import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { add as addDec, cmp, dec, percent, sub, toPlain, round, type Dec } from '../money/decimal.js';
import type { Budget, Fig } from '../model/budget.js';
import { buildBudget, type PriorFigures } from '../model/build.js';
import { checkBudget, fixTypography, isProseKey, valueOffsetInSource, type CheckOptions } from '../check/index.js';
import { parseSources } from '../source/index.js';
import type { MapNode, Node, ScalarNode, SourceTree } from '../source/tree.js';
import { unvalidatedSource, validateShape } from '../schema/index.js';
import { get, isScalar } from '../schema/nodes.js';
import { rowCodes } from '../schema/validate.js';
import { codeTree } from '../model/tree.js';
import { ROW_INCOME_KEYS, type ClassRow } from '../model/budget.js';
import { sourcePath, type Fact } from '../model/facts.js';
import {
  FILLED_BY_ROLL_UP,
  FORM_TOTALS,
  PROJECT_SUMS,
  ROLL_UPS,
  ROW_INCOME,
  ROW_SUM,
  SPLIT_SUMS,
  STAFFING_SUM,
  SUMMARY_LINES,
  SUMS,
  TASK_COLUMNS,
  TASK_SUM,
  cellFig,
  figAt,
} from '../model/identities.js';

/**
 * `budget fix`: brings every written total that is derivable from its parts in line with them.
 *
 * The derivation is the model builder's own: an omitted total is computed from its parts
 * (src/model/build.ts), so the value a written total should have is what the builder computes when
 * that one figure is read as omitted. Which totals to touch is the check's: only a total that an
 * error (not a rounding note) points at as the figure to change. Each round fixes those, re-parses
 * the edited text and checks again, so a fix climbs the dependency order (项 → 款 → 类 → the
 * department row → income and expenditure totals → the figures compared with them) one level per
 * round, and a total that differs from its parts by honest rounding is never touched.
 *
 * An edit replaces exactly the figure's text at its span, in its own number of decimals, so
 * comments, key order, flow or block style and everything else stay byte for byte.
 *
 * When errors remain that no derivable total can settle (two totals each derived from their own
 * leaves that disagree, a leaf against a leaf), the fix is not unique: nothing is written and the
 * errors are the reason.
 */

export interface FixFile {
  readonly path: string;
  /** The decoded text (BOM stripped), the text the parser's spans index into. */
  readonly text: string;
}

export interface FixEdit {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Where the figure sits in the format, e.g. "functional.rows[2].total". */
  readonly path: string;
  readonly from: string;
  readonly to: string;
  /** 'style': a text set in the house style (check's style/* warnings); absent: a total. */
  readonly kind?: 'style';
}

export interface FixOptions {
  /** The profile's typography convention: one space between a figure and a Chinese character. */
  readonly figureSpace?: boolean;
  /** The check as the profile runs it (its layout-only identities): the totals fix settles are those it tests. */
  readonly check?: CheckOptions;
}

export type FixResult =
  | { readonly kind: 'unusable'; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'clean' }
  | { readonly kind: 'fixed'; readonly files: readonly FixFile[]; readonly edits: readonly FixEdit[]; readonly rounds: number }
  | { readonly kind: 'refused'; readonly diagnostics: readonly Diagnostic[]; readonly edits: readonly FixEdit[] };

/** A written figure the builder can derive, with where to read the derived value in the model. */
interface Derivable {
  readonly node: ScalarNode;
  readonly path: string;
  readonly get: (b: Budget) => Fig | Dec | undefined;
  /**
   * A group the builder computes only as a whole (a parent row's procurement, the department's
   * staffing totals): the map to read as omitted for this figure to be derived.
   */
  readonly group?: Node;
}

/** More rounds than the deepest chain of totals (row → 款 → 类 → department → income → comparison). */
const MAX_ROUNDS = 16;

export function fixSources(dir: string, input: readonly FixFile[], prior?: PriorFigures, opts: FixOptions = {}): FixResult {
  // the layout's identities, as the check used them
  const checkOpts: CheckOptions = opts.check ?? {};
  const styled = styleFix(dir, input, opts.figureSpace ?? true);
  let files = styled.files;
  const edits: FixEdit[] = [...styled.edits];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const built = load(dir, files, prior, round === 0);
    if ('diagnostics' in built) return { kind: 'unusable', diagnostics: built.diagnostics };
    const errors = errorsOf(built.budget, checkOpts);
    if (!errors.length) return edits.length ? { kind: 'fixed', files, edits, rounds: round } : { kind: 'clean' };

    const pointed = pointedAt(errors);
    const targets = derivables(built.tree).filter((x) => pointed.has(key(x.node)));
    const derived = buildBudget(unvalidatedSource(withOmitted(built.tree, targets)), prior);
    const exact = new Map<string, Dec>();
    for (const t of targets) {
      const v = t.get(derived);
      const value = v && 'value' in v ? v.value : v;
      if (value && cmp(writtenDec(t.node), value) !== 0) exact.set(t.path, value);
    }
    if (!exact.size) {
      // No total an error points at can move, yet errors remain (e.g. the functional and the
      // economic department rows disagree). A raise small against a wide parent's tolerance (4
      // under ten children, ±5.5) is only a rounding note there, so the parent stayed and the
      // totals above it cannot follow. The errors prove it is not rounding: a total whose note
      // shows exactly the shift already applied below takes it, and nothing else does.
      const shift = modeShift(edits.map((e) => sub(dec(e.to), dec(e.from))), 1);
      const notes = pointedAt(checkBudget(built.budget, checkOpts).diagnostics.filter((d) => d.severity === 'note'));
      const held = shift ? derivables(built.tree).filter((x) => notes.has(key(x.node))) : [];
      const derivedHeld = buildBudget(unvalidatedSource(withOmitted(built.tree, held)), prior);
      const moves = new Map<string, Dec>();
      for (const t of held) {
        const v = t.get(derivedHeld);
        const value = v && 'value' in v ? v.value : v;
        if (value && shift && cmp(sub(value, writtenDec(t.node)), shift) === 0) moves.set(t.path, value);
      }
      const round_ = editsOf(held, moves);
      if (!round_.length) return { kind: 'refused', diagnostics: errors, edits };
      files = applyEdits(files, held, round_);
      edits.push(...round_);
      continue;
    }

    // A 万元 department's written totals differ from the sums of their rounded parts by honest
    // rounding; setting each to the exact sum would drop those differences, and the totals reached
    // along different chains (the functional and the economic department row, Part 3's total) would
    // drift apart. So a total first moves by the shift most of this round's totals need (a raised
    // leaf moves the whole chain above it by the same amount), which keeps its rounding difference;
    // where that still leaves its identity in error, it takes the exact sum of its parts.
    const shift = modeShift(targets.filter((t) => exact.has(t.path)).map((t) => sub(exact.get(t.path)!, writtenDec(t.node))));
    const proposed = new Map<string, Dec>();
    for (const t of targets) if (exact.has(t.path)) proposed.set(t.path, shift ? addDec(writtenDec(t.node), shift) : exact.get(t.path)!);
    const trial = load(dir, applyEdits(files, targets, editsOf(targets, proposed)), prior);
    if ('budget' in trial) {
      const still = pointedAt(errorsOf(trial.budget, checkOpts));
      const paths = new Set(derivables(trial.tree).filter((x) => still.has(key(x.node))).map((x) => x.path));
      for (const p of proposed.keys()) if (paths.has(p)) proposed.set(p, exact.get(p)!);
    } else for (const p of proposed.keys()) proposed.set(p, exact.get(p)!);

    const round_ = editsOf(targets, proposed);
    if (!round_.length) return { kind: 'refused', diagnostics: errors, edits };
    files = applyEdits(files, targets, round_);
    edits.push(...round_);
  }
  const last = load(dir, files, prior);
  return { kind: 'refused', diagnostics: 'budget' in last ? errorsOf(last.budget, checkOpts) : last.diagnostics, edits };
}

/**
 * The texts of the data set in the house style (src/check/typography.ts): each text whose value is
 * its source's characters one for one is rewritten in place, and kept only if the file then parses
 * to exactly the fixed text there (a comma added inside a flow collection would not). A text that
 * is folded, a block or escaped is left as it is: its warning stays, for a hand to fix.
 */
function styleFix(dir: string, input: readonly FixFile[], figureSpace: boolean): { files: FixFile[]; edits: FixEdit[] } {
  let files = [...input];
  const edits: FixEdit[] = [];
  const first = parseOnly(dir, files);
  if (!first) return { files, edits };
  const texts: { node: ScalarNode; path: string }[] = [];
  const walk = (n: Node, path: string): void => {
    if (n.kind === 'scalar') {
      if (typeof n.value === 'string') texts.push({ node: n, path });
    } else if (n.kind === 'seq') n.items.forEach((x, i) => walk(x, `${path}[${i}]`));
    else n.entries.forEach((e) => isProseKey(e.key.value) && walk(e.value, path ? `${path}.${String(e.key.value)}` : String(e.key.value)));
  };
  walk(first.root, '');
  // From the end of each file, so the offsets of the texts before stay valid.
  texts.sort((a, b) => (a.node.span.file === b.node.span.file ? b.node.span.offset - a.node.span.offset : a.node.span.file < b.node.span.file ? -1 : 1));
  for (const { node, path } of texts) {
    const value = String(node.value);
    const fixed = fixTypography(value, figureSpace);
    const at = valueOffsetInSource(node);
    if (fixed === value || at === undefined || node.span.line !== node.span.endLine) continue;
    const start = node.span.offset + at;
    const trial = files.map((f) => (f.path === node.span.file ? { path: f.path, text: f.text.slice(0, start) + fixed + f.text.slice(start + value.length) } : f));
    const reparsed = parseOnly(dir, trial);
    const again = reparsed && scalarAt(reparsed.root, node.span.file, start - at);
    if (!again || again.value !== fixed) continue;
    files = trial;
    edits.push({ file: node.span.file, line: node.span.line, col: node.span.col, path, from: value, to: fixed, kind: 'style' });
  }
  return { files, edits };
}

function parseOnly(dir: string, files: readonly FixFile[]): SourceTree | undefined {
  const enc = new TextEncoder();
  const parsed = parseSources(dir, files.map((f) => ({ path: f.path, bytes: enc.encode(f.text) })));
  return parsed.diagnostics.some((d) => d.severity === 'error') ? undefined : parsed.tree;
}

function scalarAt(n: Node, file: string, offset: number): ScalarNode | undefined {
  if (n.kind === 'scalar') return n.span.file === file && n.span.offset === offset ? n : undefined;
  const kids = n.kind === 'seq' ? n.items : n.entries.map((e) => e.value);
  for (const k of kids) {
    const s = scalarAt(k, file, offset);
    if (s) return s;
  }
  return undefined;
}

const errorsOf = (b: Budget, opts: CheckOptions = {}): Diagnostic[] => checkBudget(b, opts).diagnostics.filter((d) => d.severity === 'error');
const key = (n: ScalarNode): string => `${n.span.file}\0${n.span.offset}`;

/** The figures errors point at as the one to change. */
function pointedAt(errors: readonly Diagnostic[]): Set<string> {
  return new Set(errors.flatMap((d) => (d.span ? [`${d.span.file}\0${d.span.offset}`] : [])));
}

/** The most frequent of the shifts (the first among equals), or undefined when fewer than `min` share it. */
function modeShift(shifts: readonly Dec[], min = 2): Dec | undefined {
  const count = new Map<string, { d: Dec; n: number }>();
  for (const d of shifts) {
    const k = toPlain(d);
    const c = count.get(k);
    if (c) c.n++;
    else count.set(k, { d, n: 1 });
  }
  let best: { d: Dec; n: number } | undefined;
  for (const c of count.values()) if (!best || c.n > best.n) best = c;
  return best && best.n >= min ? best.d : undefined;
}

function editsOf(targets: readonly Derivable[], values: ReadonlyMap<string, Dec>): FixEdit[] {
  const out: FixEdit[] = [];
  for (const t of targets) {
    const v = values.get(t.path);
    if (!v) continue;
    const written = writtenDec(t.node);
    if (cmp(written, v) === 0) continue;
    out.push({ file: t.node.span.file, line: t.node.span.line, col: t.node.span.col, path: t.path, from: t.node.source, to: textOf(v, written.scale) });
  }
  return out;
}

/**
 * Parses and builds the sources. The shape is validated once, on the input: a fix replaces numbers
 * by numbers and cannot change it (and validation is most of the time a re-read takes).
 */
function load(dir: string, files: readonly FixFile[], prior?: PriorFigures, validate = false): { tree: SourceTree; budget: Budget } | { diagnostics: Diagnostic[] } {
  const enc = new TextEncoder();
  const parsed = parseSources(
    dir,
    files.map((f) => ({ path: f.path, bytes: enc.encode(f.text) })),
  );
  if (!parsed.tree) return { diagnostics: parsed.diagnostics.filter((d) => d.severity === 'error') };
  if (validate) {
    const shape = validateShape(parsed.tree);
    const bad = shape.diagnostics.filter((d) => d.severity === 'error');
    if (bad.length || !shape.input) return { diagnostics: bad };
    return { tree: parsed.tree, budget: buildBudget(shape.input, prior) };
  }
  return { tree: parsed.tree, budget: buildBudget(unvalidatedSource(parsed.tree), prior) };
}

function writtenDec(n: ScalarNode): Dec {
  const m = /^\s*(-?)(\d+)(?:\.(\d+))?\s*$/.exec(n.source);
  if (!m) return { coef: 0n, scale: 0 };
  const frac = m[3] ?? '';
  const coef = BigInt(m[2] + frac);
  return { coef: m[1] ? -coef : coef, scale: frac.length };
}

/** The new figure in the written figure's own format: at least as many decimals as it had. */
function textOf(value: Dec, writtenScale: number): string {
  return toPlain(value.scale < writtenScale ? round(value, writtenScale) : value);
}

/**
 * The tree with the given figures (or the groups they belong to) left out: the builder then
 * computes them. Each is a value of a mapping (a total, a group), so its key goes with it, as if
 * it had never been written.
 */
function withOmitted(tree: SourceTree, targets: readonly Derivable[]): SourceTree {
  const omit = new Set<Node>(targets.map((t) => t.node));
  const groups = new Set<Node>(targets.flatMap((t) => (t.group ? [t.group] : [])));
  const walk = (n: Node): Node => {
    if (n.kind === 'scalar') return n;
    if (n.kind === 'seq') return { ...n, items: n.items.map(walk) };
    return { ...n, entries: n.entries.filter((e) => !groups.has(e.value) && !omit.has(e.value)).map((e) => ({ key: e.key, value: walk(e.value) })) };
  };
  return { ...tree, root: walk(tree.root) as MapNode };
}

/** Each edit replaces the figure's text at its span; later offsets first so earlier ones stay valid. */
function applyEdits(files: readonly FixFile[], targets: readonly Derivable[], edits: readonly FixEdit[]): FixFile[] {
  const byPos = new Map(targets.map((t) => [`${t.node.span.file}\0${t.node.span.line}\0${t.node.span.col}`, t.node]));
  return files.map((f) => {
    const mine = edits
      .filter((e) => e.file === f.path)
      .map((e) => ({ e, node: byPos.get(`${e.file}\0${e.line}\0${e.col}`)! }))
      .sort((a, b) => b.node.span.offset - a.node.span.offset);
    let text = f.text;
    for (const { e, node } of mine) {
      const { offset, length } = node.span;
      const at = text.slice(offset, offset + length);
      const i = at.indexOf(e.from);
      if (i < 0) throw new Error(`fix: the figure's text "${e.from}" is not at its span ${e.file}:${e.line}:${e.col}`);
      const start = offset + i;
      let rest = text.slice(start + e.from.length);
      // A comment aligned after the figure stays in its column when there is room to keep it there.
      const gap = /^( +)#/.exec(rest);
      if (gap) {
        const spaces = Math.max(1, gap[1].length + e.from.length - e.to.length);
        rest = ' '.repeat(spaces) + rest.slice(gap[1].length);
      }
      text = text.slice(0, start) + e.to + rest;
    }
    return mine.length ? { path: f.path, text } : f;
  });
}

// ---------------------------------------------------------------------------------------------
// Which written figures are totals of parts: derived from the declared identities
// (src/model/identities.ts), each a place where the builder computes the figure were it omitted

/** The node at a dotted source path (`income.general.total`). */
const nodeAt = (root: Node, path: string): Node | undefined => path.split('.').reduce<Node | undefined>((n, k) => get(n, k), root);

/** The totals of the named figures' sums the model fills (a total checked only is filled by an earlier identity), in declaration order. */
const FILLED_SUMS: readonly Fact[] = [...new Set(SUMS.filter((i) => i.fill !== false).map((i) => i.total))];

/** A functional row's income columns (`ROW_INCOME`): its 合计 (the row's total when left out) and each part. */
const INCOME_COLUMNS: readonly string[] = [ROW_INCOME.total, ...ROW_INCOME_KEYS.map((k) => `income.${k}`)];

function derivables(tree: SourceTree): Derivable[] {
  const root = tree.root;
  const out: Derivable[] = [];
  const add = (n: Node | undefined, path: string, getter: Derivable['get'], group?: Node) => {
    if (isScalar(n) && n.value !== null && !n.quoted) out.push({ node: n, path, get: getter, ...(group ? { group } : {}) });
  };
  const at = (...keys: (string | number)[]): Node | undefined => keys.reduce<Node | undefined>((n, k) => get(n, k), root);

  // The classifications. A parent row (and the department row, over the 类 rows) is its children's
  // sum in every column the roll-ups fill (`FILLED_BY_ROLL_UP`); a leaf's total is its basic +
  // project (`ROW_SUM`), its basic and project its split's sums when it writes one (`SPLIT_SUMS`);
  // a row's income, where its classification rolls income up, is computed by `ROW_INCOME` (its
  // 合计, left out, the row's own total).
  for (const sec of Object.keys(ROLL_UPS) as (keyof typeof ROLL_UPS)[]) {
    const families = ROLL_UPS[sec];
    const whole = new Set(families.flatMap((f) => f.whole ?? []));
    const income = families.some((f) => f.rule === ROW_INCOME.rule);
    // each column's path in the row, split once (a department has thousands of rows)
    const specs = (cols: readonly string[]) => cols.map((col) => ({ col, keys: col.split('.'), whole: whole.has(col.split('.')[0]!) }));
    const parentColumns = specs([...FILLED_BY_ROLL_UP[sec], ...(income ? [ROW_INCOME.total] : [])]);
    const leafSplit = specs([ROW_SUM.total, ...SPLIT_SUMS, ...(income ? INCOME_COLUMNS : [])]);
    const leafOnly = specs([ROW_SUM.total, ...(income ? INCOME_COLUMNS : [])]);
    const leafColumns = (r: Node | undefined) => (get(r, 'by_source') ? leafSplit : leafOnly);
    const row = (r: Node | undefined, path: string, columns: ReturnType<typeof specs>, getRow: (b: Budget) => ClassRow | undefined) => {
      for (const { col, keys, whole: inWhole } of columns) {
        // a cell of a map written whole is derived with the whole map left out
        const group = inWhole ? get(r, keys[0]!) : undefined;
        if (inWhole && group?.kind !== 'map') continue;
        let n: Node | undefined = r;
        for (const k of keys) n = get(n, k);
        if (!isScalar(n)) continue;
        add(n, `${path}.${col}`, (b) => {
          const x = getRow(b);
          return x && cellFig(x, col);
        }, group);
      }
    };
    row(at(sec, 'total'), `${sec}.total`, parentColumns, (b) => b[sec].total);
    const codes = rowCodes(root, sec);
    // a parent row's cells are its children's sums: the model's tree (src/model/tree.ts)
    const hasKids = codeTree(codes).children.map((k) => k.length > 0);
    const rows = at(sec, 'rows');
    codes.forEach((_, i) => {
      const r = get(rows, i);
      row(r, `${sec}.rows[${i}]`, hasKids[i] ? parentColumns : leafColumns(r), (b) => b[sec].rows[i]);
    });
  }

  // The department's head counts: Σ its units' (`STAFFING_SUM`), computed only when the whole map is omitted.
  const staffPaths = STAFFING_SUM.columns.map((k) => sourcePath(STAFFING_SUM.total(k)));
  const staff = nodeAt(root, staffPaths[0]!.slice(0, staffPaths[0]!.lastIndexOf('.')));
  if (staff?.kind === 'map') STAFFING_SUM.columns.forEach((k, i) => add(nodeAt(root, staffPaths[i]!), staffPaths[i]!, (b) => b.department.staffing_total?.[k], staff));

  // The named figures' sums (`SUMS`: income and expenditure totals, 三公, the procurement plan, Part 3's total).
  for (const f of FILLED_SUMS) {
    const path = sourcePath(f);
    add(nodeAt(root, path), path, (b) => figAt(b, f));
  }

  // A project's amount: the sum of the first of its parts it lists (`PROJECT_SUMS`).
  const projects = at('projects');
  if (projects?.kind === 'seq')
    projects.items.forEach((p, i) => {
      const lists = PROJECT_SUMS.amountParts.some((k) => {
        const n = get(p, k);
        return n !== undefined && (n.kind !== 'seq' || n.items.length > 0);
      });
      if (lists) add(get(p, 'amount'), `projects[${i}].amount`, (b) => b.projects[i]?.amount);
    });

  // Part 3's lines: each the economic rows' column it declares (`SUMMARY_LINES`).
  for (const k of Object.keys(SUMMARY_LINES)) {
    const f = `summary.${k}`;
    const path = sourcePath(f);
    add(nodeAt(root, path), path, (b) => figAt(b, f));
  }

  // The performance form: a task's total is its fiscal + other (`TASK_SUM`), each form total the tasks' column (`FORM_TOTALS`).
  const tasks = at('performance', 'tasks');
  if (tasks?.kind === 'seq') tasks.items.forEach((t, i) => add(get(t, TASK_SUM.total), `performance.tasks[${i}].${TASK_SUM.total}`, (b) => b.performance.tasks[i]?.[TASK_SUM.total]));
  for (const c of TASK_COLUMNS) add(at('performance', FORM_TOTALS[c]), `performance.${FORM_TOTALS[c]}`, (b) => b.performance[FORM_TOTALS[c]]);

  // Part 2's comparison is not the builder's nor a declared sum (only the check computes it,
  // src/check/rules/comparison.ts): this year's income − the prior year's, and that change as a
  // percent of the prior year's income in the written decimals.
  const change = at('comparison', 'change');
  add(change, 'comparison.change', (b) => sub(b.income.total.value, b.prior.income_total.value));
  const pct = at('comparison', 'percent');
  if (isScalar(pct))
    add(pct, 'comparison.percent', (b) => {
      const base = b.prior.income_total.value;
      if (base.coef === 0n) return undefined;
      const delta = b.comparison?.change?.value ?? sub(b.income.total.value, base);
      return percent(delta, base, writtenDec(pct).scale);
    });
  return out;
}
