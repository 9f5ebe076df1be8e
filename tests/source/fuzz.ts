// Typo fuzzing, shared by tests/source/fuzz-shard.ts (a few thousand edits in `npm test`) and
// `npm run fuzz` (scripts/fuzz.mjs: as many as asked, any seed). An edit is what a hurried typist
// or a Chinese input method does to a budget file: a character inserted, deleted or replaced by
// full-width punctuation or digits, ASCII punctuation, a tab, a newline, a space, `-`, `#`, quotes
// or brackets. Every edited department-year must end as exit 0, 1 or 2 with diagnostics that say
// something (never a thrown error, never "[object Object]"), and the fast parser and the yaml
// parser must agree on every edited file.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkDir } from '../../src/compile.js';
import { checkBudget } from '../../src/check/index.js';
import { catalog } from '../../src/cli/rules.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { EXIT, statusOf, type Status } from '../../src/diagnostics/result.js';
import type { TemplateFile } from '../../src/document/index.js';
import { parseProfile, templateNames } from '../../src/profile/index.js';
import { buildBudget } from '../../src/model/index.js';
import { validateShape } from '../../src/schema/index.js';
import { mergeParsed, parseFileWithYaml, parseInput, type FileResult, type ParsedInput } from '../../src/source/parse.js';
import { checkPriorYear, resolvePrior } from '../../src/years/index.js';
import { fastParse } from '../../src/source/fast.js';
import { LineIndex } from '../../src/source/lines.js';
import type { Node } from '../../src/source/tree.js';
import { nodeWorld, readSources, type World } from '../../src/world/index.js';

/** The department-years whose files are edited: the reference year and the fixtures' two. */
export const CORPORA = ['data/2023', 'fixtures/reference-2022', 'fixtures/synthetic-yuan-2024'] as const;

/** What a typist's fingers and a Chinese input method put in a file by mistake. */
export const ALPHABET: readonly string[] = [
  // full-width punctuation and digits (the input method left in Chinese mode)
  ...'：，。；、（）【】「」“”‘’！？　＃－＊＆｛｝［］０１２３４５６７８９',
  // ASCII punctuation and the characters YAML gives a meaning
  ...':,.;()[]{}"\'!?@#%&*|>-~`=+/\\<',
  '\t', '\n', ' ', ' ', '- ', ': ', '#', '"', "'", '[', '{', '}', ']', '\r',
  // ordinary characters: a letter, a digit, a CJK character
  'x', '0', '1', '9', '元',
  // words that mean something to YAML or to JavaScript: tags, anchors, odd numbers, keys that name
  // members of Object.prototype, document markers, block scalars
  '!!int ', '!!str ', '!x ', '&a ', '*a', '<<: ', '1e400', '0x1F', '.inf', '.nan', '.5', '0.000001', '99999999999999999999.999999', '~',
  'constructor: ', '__proto__: ', 'toString', '---\n', '...\n', '%YAML 1.2\n', '? ', '| \n', '> \n', '- - - ',
];

/** A small deterministic generator (mulberry32): the same seed gives the same edits everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Edit {
  readonly op: 'insert' | 'delete' | 'replace';
  readonly at: number;
  readonly text: string;
}

export function applyEdit(source: string, e: Edit): string {
  if (e.op === 'insert') return source.slice(0, e.at) + e.text + source.slice(e.at);
  if (e.op === 'delete') return source.slice(0, e.at) + source.slice(e.at + e.text.length);
  return source.slice(0, e.at) + e.text + source.slice(e.at + 1);
}

/** One to three random edits of a text. */
export function randomEdits(source: string, r: () => number): Edit[] {
  const n = 1 + Math.floor(r() * r() * 3);
  const edits: Edit[] = [];
  let text = source;
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * Math.max(1, text.length));
    const x = r();
    const ch = ALPHABET[Math.floor(r() * ALPHABET.length)];
    // a deletion takes one character or a short run (a lost "- " or "  ")
    const e: Edit =
      x < 0.4 ? { op: 'insert', at, text: ch } : x < 0.7 ? { op: 'delete', at, text: text.slice(at, at + 1 + Math.floor(r() * r() * 3)) } : { op: 'replace', at, text: ch };
    edits.push(e);
    text = applyEdit(text, e);
  }
  return edits;
}

/**
 * The Shanghai layout's department-years: the reference and the fixtures the layout added. Their
 * check needs the layout's profile (the fast path of runCase skips it), so each runs whole; the
 * profiles themselves are edited too, as a user editing a copy would.
 */
export const SHANGHAI_CORPORA = [
  'fixtures/reference-shanghai-2026',
  'fixtures/shanghai/fund-split-disagree-2031',
  'fixtures/shanghai/gov-fund-2031',
  'fixtures/shanghai/multi-unit-yuan-2031',
  'fixtures/shanghai/street-office-2031',
] as const;
export const SHANGHAI_PROFILES = ['profiles/shanghai.yaml', 'profiles/shanghai-unit.yaml'] as const;

export interface Corpus {
  readonly dir: string;
  /** The department-year's YAML files and, beside them, other files the check reads (a profile), all editable. */
  readonly files: ReadonlyMap<string, string>;
  /** Whether every case runs the whole check (a layout other than the default needs its profile). */
  readonly full?: boolean;
}

export function loadCorpora(dirs: readonly string[] = CORPORA, extra: readonly string[] = [], full = false): Corpus[] {
  return dirs.map((dir) => ({
    dir,
    files: new Map([
      ...readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => [join(dir, f), readFileSync(join(dir, f), 'utf8')] as const),
      ...extra.map((f) => [f, readFileSync(f, 'utf8')] as const),
    ]),
    ...(full ? { full } : {}),
  }));
}

/** A world holding one department-year in memory (templates are read from the package). */
function memoryWorld(dir: string, files: ReadonlyMap<string, string>): World {
  const real = nodeWorld({ env: {} });
  const enc = new TextEncoder();
  const tpl = new Map(templates().map((t) => [t.path, t.text]));
  return {
    ...real,
    readText: (f) => files.get(f) ?? tpl.get(f) ?? real.readText(f),
    listYamlFiles: (d) => (d === dir ? { files: [...files.keys()].filter((f) => dirname(f) === dir), diagnostics: [] } : real.listYamlFiles(`/nonexistent/${d}`)),
    readFile: (f) => {
      const t = files.get(f);
      if (t === undefined) throw new Error(`read outside the world: ${f}`);
      return enc.encode(t);
    },
  };
}

export interface Case {
  readonly corpus: string;
  readonly file: string;
  readonly edits: readonly Edit[];
  readonly text: string;
}

/** The n-th case of a seed: which file, which edits. */
export function* cases(corpora: readonly Corpus[], seed: number, count: number): Generator<Case> {
  const r = rng(seed);
  for (let i = 0; i < count; i++) {
    const c = corpora[Math.floor(r() * corpora.length)];
    const names = [...c.files.keys()];
    const file = names[Math.floor(r() * names.length)];
    const source = c.files.get(file)!;
    const edits = randomEdits(source, r);
    let text = source;
    for (const e of edits) text = applyEdit(text, e);
    yield { corpus: c.dir, file, edits, text };
  }
}

const opts = { strict: false, templates: 'templates', profiles: 'profiles' };

/** The templates' text, read once: rendering them against each edited budget is the part that varies. */
let templateFiles: TemplateFile[] | undefined;
function templates(): TemplateFile[] {
  const profile = parseProfile('profiles/shenzhen.yaml', readFileSync('profiles/shenzhen.yaml', 'utf8')).profile!;
  templateFiles ??= templateNames(profile).map((name) => ({ path: join('templates', name), text: readFileSync(join('templates', name), 'utf8') }));
  return templateFiles;
}

/** Every rule a diagnostic may carry: each has its `budget explain` entry. */
const KNOWN_RULES = new Set(catalog().rules.map((r) => r.id));

/** Something wrong with what a diagnostic says: a non-text message, a missing or impossible position. */
export function badDiagnostic(d: Diagnostic, texts: ReadonlyMap<string, string>): string | undefined {
  for (const part of [d.message, d.help, d.label, ...d.related.map((x) => x.label)]) {
    if (part === undefined) continue;
    for (const s of [part.zh, part.en]) {
      if (typeof s !== 'string' || s === '') return `not a text: ${String(s)}`;
      // a value that is not text, printed: an object, a function's source ("function f(a) {"),
      // undefined, NaN (as words of their own: a user's key may well be "function al" or
      // "functional(" — seed 8128, case 2450)
      if (/\[object |\bfunction\b\s*[\w$]*\s*\([^()]*\)\s*\{|\[native code\]|(?<![\w.])(?:undefined|NaN)(?!\w)/.test(s)) return `says ${JSON.stringify(s)}`;
    }
  }
  if (d.feeds !== undefined && !(Array.isArray(d.feeds) && d.feeds.every((f) => typeof f === 'string'))) return `feeds ${String(d.feeds)}`;
  if (typeof d.rule !== 'string' || !KNOWN_RULES.has(d.rule)) return `rule ${String(d.rule)} is not in the catalog (budget explain)`;
  for (const s of [d.span, ...d.related.map((x) => x.span)]) {
    if (!s) continue;
    const text = texts.get(s.file);
    if (text === undefined) continue;
    if (!(s.line >= 1 && s.col >= 1 && s.offset >= 0 && s.offset + s.length <= text.length)) return `span ${JSON.stringify(s)}`;
  }
  return undefined;
}

export interface Outcome {
  /** The exit code the check comes to (70 when it threw). */
  readonly exit: number;
  /** What went wrong in the check: a thrown error, a diagnostic that says nothing. */
  readonly problem?: string;
  /** Where the fast parser and the yaml parser disagree on the edited file. */
  readonly disagreement?: string;
}

/**
 * One edited case, end to end. The edited file goes through both parsers side by side (the fast
 * path may decline a text, since it is an accelerator; whatever it accepts, yaml must accept and read
 * into the same tree); then the department-year goes through the check: with `full`, `checkDir`
 * itself (read → parse → shape → prior year → model → check → templates); otherwise the same stages
 * short of rendering the narrative templates (which cost as much as all the others together), with
 * the edited file's parse taken from the side-by-side run (parseFile is "fast, else yaml", and the two
 * were just shown to agree) and the untouched files parsed once per corpus.
 */
export function runCase(corpus: Corpus, c: Case, full = true): Outcome {
  const files = new Map(corpus.files);
  files.set(c.file, c.text);
  const side = sideBySide(c.file, c.text);
  const world = memoryWorld(corpus.dir, files);
  let status: Status;
  let diagnostics: readonly Diagnostic[];
  try {
    if (full || corpus.full || !side.yaml) {
      // a layout of its own renders its profile's templates, not the default layout's
      const result = checkDir(corpus.dir, world, corpus.full ? { strict: false, profiles: opts.profiles } : opts);
      status = result.status;
      diagnostics = result.diagnostics;
    } else {
      const read = readSources(world, corpus.dir);
      const edited: ParsedInput = { file: { path: c.file, text: c.text }, ...(side.yaml.root ? { root: side.yaml.root } : {}), diagnostics: side.yaml.diagnostics };
      const parsed = mergeParsed(corpus.dir, read.files.map((f) => (f.path === c.file ? edited : unedited(f))));
      const shape = parsed.tree ? validateShape(parsed.tree) : undefined;
      const resolved = parsed.tree && shape?.input ? resolvePrior(world, corpus.dir, parsed.tree) : undefined;
      const budget = shape?.input && resolved && !resolved.diagnostics.length ? buildBudget(shape.input, resolved.figures) : undefined;
      const checked = budget ? checkBudget(budget, { strict: false }) : undefined;
      const prior = budget && resolved ? checkPriorYear(budget, parsed.tree, resolved.load) : undefined;
      diagnostics = [...parsed.diagnostics, ...(shape?.diagnostics ?? []), ...(resolved?.diagnostics ?? []), ...(checked?.diagnostics ?? []), ...(prior?.diagnostics ?? [])];
      status = statusOf(Boolean(budget), diagnostics, false);
    }
  } catch (e) {
    return { exit: EXIT.internal, problem: e instanceof Error ? (e.stack ?? e.message) : String(e), ...(side.problem ? { disagreement: side.problem } : {}) };
  }
  const exit = EXIT[status];
  let problem: string | undefined;
  if (status === 'unusable' && !diagnostics.some((d) => d.severity === 'error')) problem = 'unusable without an error';
  for (const d of diagnostics) {
    const bad = problem ? undefined : badDiagnostic(d, files);
    if (bad) problem = `${d.rule}: ${bad}`;
  }
  return { exit, ...(problem ? { problem } : {}), ...(side.problem ? { disagreement: side.problem } : {}) };
}

const uneditedCache = new Map<string, ParsedInput>();
function unedited(f: { path: string; bytes: Uint8Array }): ParsedInput {
  let p = uneditedCache.get(f.path);
  if (!p) uneditedCache.set(f.path, (p = parseInput(f)));
  return p;
}

/**
 * The fast parser against the yaml parser on one text. The fast path may decline (it is an
 * accelerator); whenever it accepts, yaml must accept the same text and build the same tree.
 * The yaml path runs on every text, so its own error path is exercised on every refusal.
 */
export function differential(file: string, text: string): string | undefined {
  return sideBySide(file, text).problem;
}

const SPAN_KEYS = ['file', 'line', 'col', 'endLine', 'endCol', 'offset', 'length'] as const;

/** Deep equality of two trees (values, sources, spans; no other property on either side). */
function sameTree(a: Node, b: Node): boolean {
  if (a.kind !== b.kind || Object.keys(a).length !== Object.keys(b).length) return false;
  if (Object.keys(a.span).length !== Object.keys(b.span).length) return false;
  for (const k of SPAN_KEYS) if (a.span[k] !== b.span[k]) return false;
  if (a.kind === 'scalar' && b.kind === 'scalar') return Object.is(a.value, b.value) && a.source === b.source && a.quoted === b.quoted;
  if (a.kind === 'seq' && b.kind === 'seq') return a.items.length === b.items.length && a.items.every((x, i) => sameTree(x, b.items[i]));
  if (a.kind === 'map' && b.kind === 'map')
    return a.entries.length === b.entries.length && a.entries.every((e, i) => sameTree(e.key, b.entries[i].key) && sameTree(e.value, b.entries[i].value));
  return false;
}

function sideBySide(file: string, text: string): { yaml?: FileResult; problem?: string } {
  const lines = new LineIndex(file, text);
  let fast;
  try {
    fast = fastParse(lines);
  } catch (e) {
    if (!(e instanceof RangeError)) return { problem: `fast path threw: ${e instanceof Error ? e.stack : String(e)}` };
  }
  let full: FileResult;
  try {
    full = parseFileWithYaml(lines);
  } catch (e) {
    if (e instanceof RangeError) return fast ? { problem: 'yaml overflowed where the fast path accepted' } : {};
    return { problem: `yaml path threw: ${e instanceof Error ? e.stack : String(e)}` };
  }
  const texts = new Map([[file, text]]);
  for (const d of full.diagnostics) {
    const bad = badDiagnostic(d, texts);
    if (bad) return { yaml: full, problem: `yaml path: ${d.rule}: ${bad}` };
  }
  if (!fast) return { yaml: full };
  const errors = full.diagnostics.filter((d) => d.severity === 'error' && d.rule !== 'input/top-level-not-map');
  if (errors.length) return { yaml: full, problem: `fast path accepted what yaml refuses: ${errors.map((d) => d.rule + ' ' + d.message.en).join('; ')}` };
  if (fast.kind === 'map') {
    if (!full.root || !sameTree(fast, full.root)) return { yaml: full, problem: `trees differ:\n fast ${JSON.stringify(fast).slice(0, 600)}\n yaml ${JSON.stringify(full.root).slice(0, 600)}` };
  } else if (full.root) return { yaml: full, problem: 'fast path read a non-map that yaml read as a map' };
  return { yaml: full };
}

/** A failing case, written so that it can be pasted into a test. */
export function describeCase(seed: number, index: number, c: Case, problem: string): string {
  return [
    `seed ${seed}, case #${index}: ${c.file}`,
    `edits: ${JSON.stringify(c.edits)}`,
    `problem: ${problem.split('\n').slice(0, 8).join('\n  ')}`,
  ].join('\n');
}
