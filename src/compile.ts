import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import type { Diagnostic, RuleDoc, RuleRun } from './diagnostics/diagnostic.js';
import { statusOf, type Balance, type DirResult } from './diagnostics/result.js';
import { toPlain } from './money/decimal.js';
import type { Budget } from './model/budget.js';
import { inputRules } from './source/index.js';
import type { MapNode, Node } from './source/tree.js';
import { SHAPE_RULES } from './schema/index.js';
import { loadBudget } from './model/index.js';
import { checkBudget, typographyChecks, type TableRef } from './check/index.js';
import { nodeAt } from './source/nodes.js';
import type { Span } from './source/span.js';
import { wording } from './document/wording.js';
import { budgetToDocument, layoutFeeds, TEMPLATE_RULES, validateTemplates, type TemplateFile } from './document/index.js';
import { type LoadedProfile, type Profile, PROFILE_RULES, readProfile, templateNames } from './profile/index.js';
import { OUTSIDE_OUT_RULE, SOURCE_DATE_EPOCH_RULE, TEMPLATES_DIR_RULE, WorldError, WRITE_FAILED_RULE, type OutputFile, type World } from './world/index.js';
import { FONT_RULE, RENDER_FAILED_RULE } from './diagnostics/index.js';
import { fontFileProblem } from './render/pdf/font-file.js';
import { renderHere, startRenderThread, type RenderFormat, type RenderThread } from './render/thread.js';
import { defaultFonts, type FontSet } from './render/pdf/fonts.js';
import { checkPriorYear, draftChecks, resolvePrior } from './years/index.js';
import { TOOL_VERSION } from './version.js';
import { annotateOrigins, ORIGINS_FILE, ORIGINS_RULE, parseOrigins } from './origins/index.js';
import { trace } from './world/trace.js';

/**
 * The whole program, one line per stage (after Elm's Compile.hs):
 *
 *   read (world) → parse (source) → shape (schema) → model → profile → templates     = loadDir
 *   loadDir → check                                                                 = checkDir
 *   loadDir → check → stop unless consistent → document → render PDF + XLSX → write both atomically = buildDir
 *
 * (A single build with a render thread makes the document right after loadDir and sends it to the
 * thread before the check, which then only decides whether the files are written: buildChecked.)
 *
 * Every stage returns its diagnostics; a stage runs only when the one before produced its value.
 */

export interface CheckOptions {
  /** Rounding notes (and warnings) fail the check too. */
  readonly strict: boolean;
  /** The narrative templates' directory, instead of the one the profile names (--templates). */
  readonly templates?: string;
  /** Where named profiles live (the package's profiles/). */
  readonly profiles: string;
}

export interface Checked extends DirResult {
  readonly budget?: Budget;
  readonly profile?: Profile;
  readonly templates: readonly TemplateFile[];
}

export function checkDir(dir: string, world: World, opts: CheckOptions): Checked {
  return checkLoaded(loadDir(dir, world, opts), world, opts);
}

/** What the check and the document are both made from: the sources read into a model, the layout, its templates. */
interface Loaded {
  readonly dir: string;
  readonly load: ReturnType<typeof loadBudget<ReturnType<typeof resolvePrior>>>;
  readonly layout?: LoadedProfile;
  readonly names: readonly string[];
  readonly tpl?: { files: TemplateFile[]; unusable?: Diagnostic };
}

/** read → parse → shape → model → profile → templates: checkDir's first half. */
function loadDir(dir: string, world: World, opts: CheckOptions): Loaded {
  // read → parse → shape → model (src/model/load.ts). Before the model is built, the layout the data
  // names (department.profile) is read through the world and validated: it says which prior-year
  // figures the document compares with, and the year before (data/<year − 1> next to this one)
  // fills those this year omits.
  const read_: { layout?: LoadedProfile } = {};
  const loaded = loadBudget(world, dir, (tree) => {
    const layout = (read_.layout = readProfile(world, dir, profileRef(tree.root), opts.profiles));
    const prior = resolvePrior(world, dir, tree, layout.profile?.prior);
    // Facts the format leaves optional that this layout prints (profile `requires`): without them
    // the model is not built, as without a prior year's figure the layout compares with.
    const required = layout.profile ? requiredFacts(tree.root, layout.profile) : [];
    return required.length ? { ...prior, diagnostics: [...prior.diagnostics, ...required] } : prior;
  });
  const layout = read_.layout;
  const profile = layout?.profile;
  const names = profile ? templateNames(profile) : [];
  const tpl = loaded.budget && layout && profile ? readTemplates(world, opts.templates ?? layout.templatesDir, names) : undefined;
  return { dir, load: loaded, layout, names, tpl };
}

/** The budget, its layout and templates when the load produced all three (what a document is made from). */
function loadedParts(l: Loaded): { budget: Budget; profile: Profile; templates: readonly TemplateFile[] } | undefined {
  const profile = l.layout?.profile;
  return l.load.budget && profile && l.tpl && !l.tpl.unusable ? { budget: l.load.budget, profile, templates: l.tpl.files } : undefined;
}

/** The files a result is made from, each once (its code frames, the build identity). */
function sourcesOf(l: Loaded, more: readonly { path: string; text: string }[] = []): { path: string; text: string }[] {
  const templates = l.tpl?.files ?? [];
  return [...new Set([...(l.load.parsed?.files ?? []), ...(l.layout?.source ? [l.layout.source] : []), ...templates, ...(l.load.prior?.sources ?? []), ...more])];
}

/**
 * checkDir's second half: every rule over the loaded model, and the result.
 *
 * `templateDate`: the date the templates are checked at; 1 January of the budget year unless
 * given. A build gives its document's date (SOURCE_DATE_EPOCH), so that the check renders the
 * templates as the document prints them and the document takes the check's render
 * (src/document/narrative/engine.ts `renderTemplates`) instead of rendering them again.
 */
function checkLoaded(l: Loaded, world: World, opts: CheckOptions, templateDate?: Date): Checked {
  const { dir, layout, names, tpl } = l;
  const { read, parsed, shape, budget } = l.load;
  const resolved = l.load.prior;
  const profile = layout?.profile;
  const templates = tpl?.files ?? [];
  // Which tables and parts of this layout show each figure: what every finding says it feeds.
  const feeds = budget && profile ? layoutFeeds(budget, profile, templates) : undefined;
  // The layout-specific identities are the profile's; without a usable profile, every one (the default layout's).
  const checked = budget
    ? checkBudget(budget, { strict: opts.strict, chains: true, ...(feeds ? { feeds } : {}), ...(profile ? { identities: profile.identities, tables: tableRefs(profile, budget) } : {}) })
    : undefined;
  // Declared prior-year figures against the prior year's own data.
  const prior = budget && resolved ? checkPriorYear(budget, parsed?.tree, resolved.load, feeds) : undefined;
  const templated = budget && tpl && !tpl.unusable ? validateTemplates(templates, names, budget, templateDate ? { date: templateDate } : {}) : undefined;
  // A new year's draft: its year against the directory, and prose carried over unedited (warnings).
  const draft = parsed?.tree ? draftChecks(parsed.tree) : undefined;
  // The house style of the data's text (warnings that budget fix applies), by the profile's convention.
  const style = parsed?.tree && profile ? typographyChecks(parsed.tree, profile.typography.figure_space) : undefined;

  const found: Diagnostic[] = [
    ...read.diagnostics,
    ...(parsed?.diagnostics ?? []),
    ...(shape?.diagnostics ?? []),
    ...(resolved?.diagnostics ?? []),
    ...(layout?.diagnostics ?? []),
    ...(checked?.diagnostics ?? []),
    ...(prior?.diagnostics ?? []),
    ...(tpl?.unusable ? [tpl.unusable] : []),
    ...(templated ?? []),
    ...(draft?.diagnostics ?? []),
    ...(style?.diagnostics ?? []),
  ];
  // The workbook cells the figures were imported from, when `budget import` left its record here.
  const origins = parsed?.tree ? withOrigins(world, dir, parsed.tree.root, found) : undefined;
  const diagnostics = origins?.diagnostics ?? found;
  const runs: RuleRun[] = [
    ...(parsed ? stageRuns(inputRules, read.files.length, diagnostics) : []),
    ...(shape && parsed?.tree ? stageRuns(SHAPE_RULES, shape.nodes, diagnostics) : []),
    ...(resolved?.runs ?? []),
    ...(layout ? stageRuns(PROFILE_RULES, 1, diagnostics) : []),
    ...(checked?.runs ?? []),
    ...(prior?.runs ?? []),
    ...(tpl ? [{ id: TEMPLATES_DIR_RULE, checked: 1, findings: tpl.unusable ? 1 : 0 }] : []),
    ...(templated ? stageRuns(TEMPLATE_RULES, templates.length, templated) : []),
    ...(draft?.runs ?? []),
    ...(style?.runs ?? []),
    ...(origins?.run ? [origins.run] : []),
  ];
  return {
    dir,
    department: budget?.department.name.text,
    year: budget?.department.year,
    status: statusOf(Boolean(budget) && Boolean(profile) && !tpl?.unusable, diagnostics, opts.strict),
    balance: budget && balanceOf(budget),
    diagnostics,
    runs,
    sources: sourcesOf(l, prior?.sources),
    budget,
    profile,
    templates,
  };
}

/**
 * The findings with the workbook cell of each figure they point at (src/origins), read from the
 * import's record beside the sources. No record, nothing to do (a plain stat). A record that cannot
 * be used (damaged, another program's) is one warning naming it: the check of the sources stands.
 */
function withOrigins(world: World, dir: string, root: MapNode, found: Diagnostic[]): { diagnostics: Diagnostic[]; run?: RuleRun } | undefined {
  const path = join(dir, ORIGINS_FILE);
  // without `kind` (a test's world), a missing record is a failed read
  if (world.kind && world.kind(path) !== 'file') return undefined;
  let text: string;
  try {
    text = world.readText(path);
  } catch (e) {
    if (!(e instanceof WorldError)) throw e;
    if (!world.kind) return undefined;
    return { diagnostics: [...found, originsUnusable(path, { zh: e.diagnostic.message.zh.replace(/。$/, ''), en: e.diagnostic.message.en.replace(/\.$/, '') })], run: { id: ORIGINS_RULE, checked: 1, findings: 1 } };
  }
  const r = parseOrigins(text);
  if ('problem' in r) return { diagnostics: [...found, originsUnusable(path, r.problem)], run: { id: ORIGINS_RULE, checked: 1, findings: 1 } };
  return { diagnostics: annotateOrigins(found, root, r.origins), run: { id: ORIGINS_RULE, checked: 1, findings: 0 } };
}

function originsUnusable(path: string, why: { zh: string; en: string }): Diagnostic {
  return {
    severity: 'warning',
    rule: ORIGINS_RULE,
    message: { zh: `${path} 无法读取，检查结果中不注明工作簿单元格：${why.zh}`, en: `${path} cannot be read; the findings do not name workbook cells: ${why.en}` },
    related: [],
    figures: [],
    help: { zh: '重新运行 budget import 会重写它；不需要注明单元格时可以删除它。', en: 'Running budget import again rewrites it; delete it if the cells are not wanted.' },
  };
}

/**
 * The templates the document needs, as text; a missing one is reported by the document stage.
 * When not one can be read (a wrong --templates, an unreadable directory) that is one finding
 * about the directory, and the input is unusable (exit 2).
 */
function readTemplates(world: World, dir: string, names: readonly string[]): { files: TemplateFile[]; unusable?: Diagnostic } {
  const files: TemplateFile[] = [];
  let first: Diagnostic | undefined;
  for (const name of names) {
    const path = join(dir, name);
    try {
      files.push({ path, text: world.readText(path) });
    } catch (e) {
      if (!(e instanceof WorldError)) throw e;
      first ??= e.diagnostic;
    }
  }
  if (files.length || !first) return { files };
  return { files, unusable: templatesDirUnusable(dir, names, first) };
}

/**
 * The parser's and the schema's rules run as a whole over their input, so each counts what its
 * stage examined (files read; YAML nodes validated); findings are counted by rule id.
 */
function stageRuns(rules: readonly RuleDoc[], checked: number, diagnostics: readonly Diagnostic[]): RuleRun[] {
  return rules.map((r) => ({ id: r.id, checked, findings: diagnostics.filter((d) => d.rule === r.id).length }));
}

/** 收入总计 and 支出总计 as published, for the summary line. */
function balanceOf(b: Budget): Balance {
  return { income: toPlain(b.income.total.value), expenditure: toPlain(b.expenditure.total.value), unit: b.department.unit };
}

export interface BuildOptions extends CheckOptions {
  /** Output root; files go to `<out>/<year>/<name>.pdf|.xlsx`. */
  readonly out: string;
  /** File name pattern without extension: {department}, {year}. */
  readonly name: string;
  /** Font files for the PDF (a department's own); the defaults come from npm. */
  readonly fonts?: BuildFonts;
  /** Which files to write (default both). */
  readonly formats?: readonly OutputFormat[];
  /**
   * Render the two files on two threads when the world can start one and has a core to spare: set
   * for a single build, never for a batch's items (the batch's workers already use the cores).
   */
  readonly secondThread?: boolean;
  /**
   * Render but do not write: the result carries the files (`pending`) for another thread to write
   * with `writeBuilt` (a batch worker's main thread).
   */
  readonly deferWrite?: boolean;
}

export type OutputFormat = 'pdf' | 'xlsx';

/** The faces a department may replace (render/pdf `FontSet`), by path. */
export type FontFace = 'body' | 'bodyBold' | 'heading' | 'title' | 'subheading';

export type BuildFonts = { readonly [F in FontFace]?: string } & {
  /** Where each path was set in budget.config.yaml (absent for a --font-* flag). */
  readonly origins?: { readonly [F in FontFace]?: Span };
};

/** Each face as the config file and the flags name it. */
const FACE_NAMES: Record<FontFace, { key: string; flag: string; zh: string; en: string }> = {
  body: { key: 'body', flag: '--font-body', zh: '正文字体', en: 'body font' },
  bodyBold: { key: 'bold', flag: '--font-bold', zh: '正文粗体字体', en: 'bold font' },
  heading: { key: 'heading', flag: '--font-heading', zh: '标题字体', en: 'heading font' },
  title: { key: 'title', flag: '--font-title', zh: '大标题字体', en: 'title font' },
  subheading: { key: 'subheading', flag: '--font-subheading', zh: '小标题字体', en: 'subheading font' },
};

/**
 * Checks; only when consistent builds the document, renders both files, and writes both through
 * temporary files (nothing is written unless both rendered, and a failed build never replaces a
 * good file).
 */
export async function buildDir(dir: string, world: World, opts: BuildOptions): Promise<DirResult & { pending?: PendingWrite }> {
  const formats = new Set<OutputFormat>(opts.formats ?? ['pdf', 'xlsx']);
  // The PDF renders on a second thread (started now, it loads its renderer while the data is checked)
  // when both files are wanted and a core is free for it: never in a batch, whose workers use the cores.
  // (A single build's thread may have been started already, by bin/budget.js: src/cli/early.ts.)
  const thread = opts.secondThread && formats.size === 2 && world.cpuCount > 1 ? startRenderThread(world, { preload: OFF_THREAD, ...preloadFonts(opts.fonts) }) : undefined;
  trace('thread started');
  try {
    return await buildChecked(dir, world, opts, formats, thread);
  } finally {
    thread?.close();
  }
}

/** Which file the second thread renders: the PDF, whose loading (PDFKit, the fonts) is the longer, and overlaps the check. */
const OFF_THREAD: RenderFormat = 'pdf';

/** The packaged fonts the thread reads ahead, unless the department uses fonts of its own (read after the check). */
function preloadFonts(own: BuildFonts | undefined): { fonts?: FontSet } {
  return (Object.keys(FACE_NAMES) as FontFace[]).some((f) => own?.[f]) ? {} : { fonts: defaultFonts() };
}

async function buildChecked(dir: string, world: World, opts: BuildOptions, formats: ReadonlySet<OutputFormat>, thread: RenderThread | undefined): Promise<DirResult & { pending?: PendingWrite }> {
  const loaded = loadDir(dir, world, opts);
  // The PDF is the build's longest path: its thread gets the document before the data is checked
  // (the check decides only whether the files are written). A failed check ends the thread unheard
  // (buildDir closes it); a document made ahead is used only if the check's sources are its own.
  const ahead = thread && formats.has(OFF_THREAD) ? documentAhead(loaded, world, opts) : undefined;
  const pdfAhead = ahead && thread ? thread.render(OFF_THREAD, ahead.doc, ahead.fontSet, world) : undefined;
  pdfAhead?.catch(() => undefined);
  if (pdfAhead) trace('document sent ahead');
  const checked = checkLoaded(loaded, world, opts, world.sourceDateEpoch().date);
  trace('checked');
  if (checked.status !== 'ok' || !checked.budget || !checked.profile) return strip(checked, []);
  const sent = ahead && sameSources(ahead.sources, checked.sources) ? ahead : undefined;
  const made = sent ?? makeDocument(checked.budget, checked.profile, checked.templates, checked.sources, world, opts);
  trace('document built');
  const { built, runs, fontDiagnostics, problems } = made;
  if (!built.doc || problems.some((d) => d.severity === 'error')) {
    const failed = fail(checked, problems, runs);
    // A font set in budget.config.yaml is reported at its line there: the file goes with the sources, for the code frame.
    const configs = [...new Set(fontDiagnostics.flatMap((d) => (d.span ? [d.span.file] : [])))].filter((f) => !failed.sources.some((x) => x.path === f));
    const texts = configs.flatMap((path) => {
      try {
        return [{ path, text: world.readText(path) }];
      } catch {
        return [];
      }
    });
    return texts.length ? { ...failed, sources: [...failed.sources, ...texts] } : failed;
  }

  const doc = built.doc;
  const fontSet = made.fontSet;
  const wanted = (['pdf', 'xlsx'] as const).filter((f) => formats.has(f));
  let files: Uint8Array[];
  try {
    // Every render starts (the thread's is sent) before either does its work: each first awaits its module.
    const render = (f: OutputFormat) =>
      (f === OFF_THREAD && sent && pdfAhead ? pdfAhead : thread && f === OFF_THREAD ? thread.render(f, doc, fontSet, world) : renderHere(f, doc, fontSet, world)).then((b) => (trace(`${f} rendered`), b));
    files = await Promise.all(wanted.map(render));
  } catch (e) {
    // With the packaged fonts a failure is a bug; with the user's own fonts it is most likely the font.
    if (!made.ownFonts) throw e;
    runs.push({ id: RENDER_FAILED_RULE, checked: wanted.length, findings: 1 });
    return fail(checked, [renderFailed(e)], runs);
  }
  runs.push({ id: RENDER_FAILED_RULE, checked: wanted.length, findings: 0 });

  // Nothing is written unless every requested file rendered; then both as a pair (src/world/commit.ts).
  const budget = checked.budget;
  const paths = outputPaths(opts.out, opts.name, budget.department.name.text, budget.department.year);
  const write: PendingWrite = {
    result: { ...strip(checked, [], runs), build: made.build },
    out: opts.out,
    files: wanted.map((f, k) => ({ path: paths[f], bytes: files[k] })),
  };
  if (opts.deferWrite) return { ...write.result, pending: write };
  const done = writeBuilt(write, world);
  trace('written');
  return done;
}

/** A build's document, and what making it found (the build's own steps are rules too: each reached is listed as run). */
interface Made {
  readonly built: ReturnType<typeof budgetToDocument>;
  readonly runs: RuleRun[];
  readonly problems: readonly Diagnostic[];
  readonly fontDiagnostics: readonly Diagnostic[];
  readonly fontSet: FontSet;
  /** The department set fonts of its own (a render failure is then most likely the font's). */
  readonly ownFonts: boolean;
  readonly build: string;
  /** The files the build identity was made from. */
  readonly sources: readonly { path: string; text: string }[];
}

/** SOURCE_DATE_EPOCH, the fonts, the build identity, then the document. */
function makeDocument(budget: Budget, profile: Profile, templates: readonly TemplateFile[], sources: readonly { path: string; text: string }[], world: World, opts: BuildOptions): Made {
  const runs: RuleRun[] = [];
  const epoch = world.sourceDateEpoch();
  runs.push({ id: SOURCE_DATE_EPOCH_RULE, checked: 1, findings: epoch.diagnostic ? 1 : 0 });
  const fonts = readFonts(world, opts.fonts);
  runs.push({ id: FONT_RULE, checked: fonts.checked, findings: fonts.diagnostics.length });
  const build = buildIdentity(sources, fonts.set, world.env('SOURCE_DATE_EPOCH'));
  const built = budgetToDocument(budget, profile, templates, { sourceDateEpoch: epoch.date ? epoch.date.getTime() / 1000 : undefined, build });
  const problems = [...(epoch.diagnostic ? [epoch.diagnostic] : []), ...fonts.diagnostics, ...built.diagnostics];
  const fontSet = { ...defaultFonts(), ...fonts.set };
  return { built, runs, problems, fontDiagnostics: fonts.diagnostics, fontSet, ownFonts: Object.keys(fonts.set).length > 0, build, sources };
}

/**
 * The document made before the check, for the render thread: only when the load gave a model, a
 * layout and its templates, the document came out without a problem, and never an error of its
 * own (a model that fails its check may be one the document cannot be made from: the build
 * reports the check's findings, not this).
 */
function documentAhead(l: Loaded, world: World, opts: BuildOptions): (Made & { doc: NonNullable<Made['built']['doc']> }) | undefined {
  const parts = loadedParts(l);
  if (!parts) return undefined;
  try {
    const made = makeDocument(parts.budget, parts.profile, parts.templates, sourcesOf(l), world, opts);
    const doc = made.built.doc;
    return doc && made.problems.length === 0 ? { ...made, doc } : undefined;
  } catch {
    return undefined;
  }
}

/** The same files, in any order (the check may add the prior year's, which the load had not read). */
function sameSources(a: readonly { path: string; text: string }[], b: readonly { path: string; text: string }[]): boolean {
  if (a.length !== b.length) return false;
  const texts = new Map(a.map((f) => [f.path, f.text]));
  return b.every((f) => texts.get(f.path) === f.text);
}

/**
 * A build whose files rendered, not yet written: a batch worker hands it to the main thread, which
 * writes it (`writeBuilt`) while the worker goes on with its next report, so that the writer's
 * fsyncs (some 30 ms a report) do not hold a core's work.
 */
export interface PendingWrite {
  /** The build's result before the write (status ok, no outputs yet). */
  readonly result: DirResult;
  readonly out: string;
  readonly files: readonly OutputFile[];
}

/** Writes a rendered build's files as a pair (src/world/commit.ts), and gives the build's result. */
export function writeBuilt(w: PendingWrite, world: World): DirResult {
  const r = w.result;
  const n = w.files.length;
  try {
    world.writeOutputs(w.out, w.files);
  } catch (e) {
    if (!(e instanceof WorldError)) throw e;
    const run = { id: e.diagnostic.rule === OUTSIDE_OUT_RULE ? OUTSIDE_OUT_RULE : WRITE_FAILED_RULE, checked: n, findings: 1 };
    const { build: _b, ...failed } = r;
    const error = e.diagnostic.severity === 'error';
    return { ...failed, runs: [...r.runs, run], diagnostics: [...r.diagnostics, e.diagnostic], status: error ? 'unusable' : r.status, buildFailed: error, outputs: [] };
  }
  const runs = [...r.runs, { id: OUTSIDE_OUT_RULE, checked: n, findings: 0 }, { id: WRITE_FAILED_RULE, checked: n, findings: 0 }];
  return { ...r, runs, outputs: w.files.map((f) => f.path) };
}

/**
 * The build identity: a hash of everything the files are made from — the sources and templates
 * (by file name and content, so the same data elsewhere on disk is the same build), the fonts,
 * the tool's version and SOURCE_DATE_EPOCH. Both files carry it, so a mixed pair can be told.
 */
export function buildIdentity(sources: readonly { path: string; text: string }[], fonts: Readonly<Record<string, Uint8Array>>, epoch: string | undefined): string {
  const h = (x: string | Uint8Array) => createHash('sha256').update(x).digest('hex');
  const parts = [
    `budget ${TOOL_VERSION}`,
    `SOURCE_DATE_EPOCH=${epoch?.trim() ?? ''}`,
    ...sources.map((s) => `source ${basename(s.path)} ${h(s.text)}`).sort(),
    ...Object.keys(fonts)
      .sort()
      .map((k) => `font ${k} ${h(fonts[k])}`),
  ];
  return h(parts.join('\n')).slice(0, 32);
}

function strip(c: Checked, outputs: string[], runs: readonly RuleRun[] = []): DirResult {
  const { budget: _b, profile: _p, templates: _t, ...result } = c;
  return { ...result, runs: [...result.runs, ...runs], outputs };
}

/** The check passed but the build could not finish: the findings join the report, exit 2 (nothing usable written). */
function fail(c: Checked, problems: readonly Diagnostic[], runs: readonly RuleRun[]): DirResult {
  const diagnostics = [...c.diagnostics, ...problems];
  const failed = problems.some((d) => d.severity === 'error');
  return { ...strip(c, [], runs), diagnostics, status: failed ? 'unusable' : c.status, buildFailed: failed };
}

/**
 * Reads the department's own font files, and refuses before anything is rendered one that is
 * missing, unreadable or not a TrueType/OpenType font (output/font), naming the face and where it
 * was set: the config file's line, or the flag.
 */
function readFonts(world: World, paths: BuildFonts = {}): { set: Record<string, Uint8Array>; diagnostics: Diagnostic[]; checked: number } {
  const set: Record<string, Uint8Array> = {};
  const diagnostics: Diagnostic[] = [];
  let checked = 0;
  for (const face of Object.keys(FACE_NAMES) as FontFace[]) {
    const path = paths[face];
    if (!path) continue;
    checked++;
    let why: { zh: string; en: string } | undefined;
    try {
      const bytes = world.readFile(path);
      why = fontFileProblem(bytes);
      if (!why) set[face] = bytes;
    } catch (e) {
      if (!(e instanceof WorldError)) throw e;
      const m = e.diagnostic.message;
      why = { zh: `无法读取（${m.zh.replace(/。$/, '')}）`, en: `cannot be read (${m.en.replace(/\.$/, '')})` };
    }
    if (why) diagnostics.push(fontProblem(face, path, why, paths.origins?.[face]));
  }
  return { set, diagnostics, checked };
}

function fontProblem(face: FontFace, path: string, why: { zh: string; en: string }, at: Span | undefined): Diagnostic {
  const n = FACE_NAMES[face];
  const where = at ? { zh: `（配置文件 fonts.${n.key}）`, en: ` (fonts.${n.key} in the config file)` } : { zh: `（${n.flag}）`, en: ` (${n.flag})` };
  return {
    severity: 'error',
    rule: FONT_RULE,
    message: { zh: `${n.zh} ${path}${where.zh}${why.zh}。`, en: `The ${n.en}${where.en} ${path} is ${why.en.replace(/^cannot/, 'unusable: it cannot')}.` },
    ...(at ? { span: at } : {}),
    related: [],
    figures: [],
    help: at
      ? { zh: `把 fonts.${n.key} 改为一个 .ttf/.otf 字体文件的路径（相对于配置文件），或删去这一行以使用内置字体。`, en: `Point fonts.${n.key} at a .ttf/.otf font file (relative to the config file), or delete the line to use the packaged font.` }
      : { zh: `${n.flag} 应为一个 .ttf/.otf 字体文件的路径。`, en: `${n.flag} must name a .ttf/.otf font file.` },
  };
}

function templatesDirUnusable(dir: string, names: readonly string[], first: Diagnostic): Diagnostic {
  return {
    severity: 'error',
    rule: TEMPLATES_DIR_RULE,
    message: {
      zh: `模板目录 ${dir} 无法使用：其中的 ${names.length} 个模板文件一个也读不到（${first.message.zh.replace(/。$/, '')}）。`,
      en: `The templates directory ${dir} is unusable: none of its ${names.length} template files can be read (${first.message.en.replace(/\.$/, '')}).`,
    },
    related: [],
    figures: [],
    help: {
      zh: `--templates 应指向含有 ${names[0]} 等模板文件的目录；不写 --templates 则使用版式（profile）指定的模板目录`,
      en: `--templates must name a directory holding ${names[0]} and the other templates; without --templates the profile's templates directory is used`,
    },
  };
}

function renderFailed(e: unknown): Diagnostic {
  const why = e instanceof Error ? e.message : String(e);
  return {
    severity: 'error',
    rule: RENDER_FAILED_RULE,
    message: { zh: `无法生成文档：${why}`, en: `The document could not be rendered: ${why}` },
    related: [],
    figures: [],
    help: { zh: '检查 --font-* 指定的字体文件是否为有效的 TTF/OTF 字体。', en: 'Check that the --font-* files are valid TTF/OTF fonts.' },
  };
}

/**
 * `<out>/<year>/<name>.<ext>` with the pattern's placeholders filled and made one safe file name
 * (`fileName`). The world checks again, on resolved real paths, that each lands inside `out`.
 */
export function outputPaths(out: string, pattern: string, department: string, year: number): { pdf: string; xlsx: string } {
  const name = fileName(pattern.replace(/\{department\}/g, department).replace(/\{year\}/g, String(year)));
  const dir = join(out, String(Math.trunc(year)));
  return { pdf: join(dir, name + '.pdf'), xlsx: join(dir, name + '.xlsx') };
}

/**
 * The longest file name (UTF-8 bytes, without the extension) an output gets: the longest name the
 * writer derives from it, `.<name>.xlsx.<pid>.<8 hex>.tmp`, must stay within the 255 bytes file
 * systems allow for one name.
 */
export const MAX_NAME_BYTES = 200;

/**
 * One file name component: no path separators or characters Windows refuses, no control,
 * bidirectional or zero-width characters, no leading dot (`.`, `..`, hidden files) or trailing dot
 * or space. A name over MAX_NAME_BYTES is cut at a character boundary and ends in `~` and a short
 * hash of the whole name, so two long names that share a beginning stay two files, and the same
 * name always maps to the same file.
 */
export function fileName(raw: string): string {
  let name = raw
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g, '_')
    .trim()
    .replace(/^\.+/, (dots) => '_'.repeat(dots.length))
    .replace(/[. ]+$/, '');
  if (!name) name = 'budget';
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(name)) name = '_' + name;
  if (Buffer.byteLength(name, 'utf8') <= MAX_NAME_BYTES) return name;
  const suffix = '~' + createHash('sha256').update(name).digest('hex').slice(0, 8);
  let cut = '';
  for (const ch of name) {
    if (Buffer.byteLength(cut + ch, 'utf8') > MAX_NAME_BYTES - suffix.length) break;
    cut += ch;
  }
  return cut + suffix;
}

export type { Balance };

/** department.profile as written (before the model is built: the profile says what the model needs). */
function profileRef(root: Node): { text: string; span: Span } | undefined {
  const n = nodeAt(root, ['department', 'profile']);
  return n.exists && n.node.kind === 'scalar' && typeof n.node.value === 'string' ? { text: n.node.value, span: n.node.span } : undefined;
}

/** The profile's tables as the check names them: their names as printed, what they show. */
function tableRefs(p: Profile, b: Budget): TableRef[] {
  const words = wording({ department: b.department.name.text, year: String(b.department.year), unit: b.department.unit, kind: p.document.kind, date: '', region: b.department.region?.text ?? '' });
  return p.tables.map((t) => ({
    name: words(t.short_name ?? [t.caption, t.title].filter(Boolean).join(' ')),
    kind: t.kind,
    columns: 'columns' in t ? [...t.columns] : [],
    ...('sources' in t && t.sources ? { sources: [...t.sources] } : {}),
    ...('classification' in t ? { classification: t.classification } : {}),
  }));
}

/** A missing fact the layout requires: shape/missing-value at the section or unit that lacks it. */
function requiredFacts(root: Node, p: Profile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const missing = (path: (string | number)[], at: (string | number)[], what: string) => {
    if (nodeAt(root, path).exists) return;
    const n = nodeAt(root, at);
    out.push({
      severity: 'error',
      rule: 'shape/missing-value',
      message: { zh: `版式要求 ${what}，数据中没有`, en: `the layout prints ${what}, which the data does not have` },
      ...(n.exists ? { span: n.node.span } : {}),
      related: [],
      figures: [],
      help: { zh: `写出 ${path.join('.')}（版式 profile 的 requires 列出它）`, en: `write ${path.join('.')} (the profile's requires lists it)` },
    });
  };
  for (const r of p.requires ?? []) {
    if (r === 'summary' || r === 'performance') missing([r], ['department'], r);
    else if (r === 'supervisor' || r === 'goals') missing(['department', r], ['department'], `department.${r}`);
    else {
      const units = nodeAt(root, ['department', 'units']);
      const n = units.exists && units.node.kind === 'seq' ? units.node.items.length : 0;
      for (let i = 0; i < n; i++) missing(['department', 'units', i, 'staffing'], ['department', 'units', i], `department.units[${i}].staffing`);
    }
  }
  return out;
}
