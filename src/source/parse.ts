import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseAllDocuments, Parser, Scalar, visit } from 'yaml';
import type { Document, YAMLError } from 'yaml';
import type { Diagnostic, Localized, Related } from '../diagnostics/diagnostic.js';
import { decodeUtf8 } from './encoding.js';
import { MAX_DEPTH, tooDeepAt } from './depth.js';
import { fastParse } from './fast.js';
import { diagnoseTypo, fullWidthFix } from './typos.js';
import { LineIndex } from './lines.js';
import type { Span } from './span.js';
import type { MapEntry, MapNode, Node, ScalarNode, SeqNode, SourceFile, SourceTree } from './tree.js';

/** One file of a department-year, as read by the world. */
export interface SourceInput {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface ParseResult {
  /** The merged tree; present exactly when there is no error among the diagnostics. */
  readonly tree?: SourceTree;
  /**
   * Every file's text, for code frames, in path order, also when the tree is absent (a file that
   * is not UTF-8 appears as read as GBK when it is GBK, else with U+FFFD for its bad bytes).
   */
  readonly files: readonly SourceFile[];
  readonly diagnostics: Diagnostic[];
}

/** YAML 1.2, core schema, nothing that expands: budgets need no anchors, aliases, merge keys or tags. */
const YAML_OPTIONS = {
  version: '1.2',
  schema: 'core',
  merge: false,
  uniqueKeys: true,
  keepSourceTokens: false,
  prettyErrors: false,
  strict: true,
} as const;

/** At most this many YAML syntax errors are reported per file: the first ones are the real ones. */
const MAX_SYNTAX_ERRORS_PER_FILE = 10;

/**
 * Bytes → one tree with positions. Pure: the caller (the world) lists and reads the files. Files
 * are taken in path order; each must hold one YAML mapping whose keys are the department-year's
 * sections; a section defined in two files is an error. Every scalar keeps its exact source text.
 */
export function parseSources(dir: string, inputs: readonly SourceInput[]): ParseResult {
  const sorted = [...inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return mergeParsed(dir, sorted.map(parseInput));
}

/** One file of a department-year, decoded and parsed on its own. */
export interface ParsedInput {
  readonly file: SourceFile;
  /** The file's top-level map, when it has one (there may still be warnings). */
  readonly root?: MapNode;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * A file's parse, remembered for the very same bytes (the same Uint8Array object, as `check --watch`'s
 * caching world hands back for a file that did not change): a re-check parses only what was saved.
 * Keyed weakly, so an ordinary run keeps nothing; the result is never mutated (diagnostics are copied).
 */
const parsedBytes = new WeakMap<Uint8Array, { path: string; parsed: ParsedInput }>();

/** Bytes → text → the file's top-level map. Pure, and independent of the other files. */
export function parseInput(input: SourceInput): ParsedInput {
  const hit = parsedBytes.get(input.bytes);
  if (hit && hit.path === input.path) return hit.parsed;
  const parsed = parseInputOnce(input);
  parsedBytes.set(input.bytes, { path: input.path, parsed });
  return parsed;
}

function parseInputOnce(input: SourceInput): ParsedInput {
  const decoded = decodeUtf8(input.path, input.bytes);
  const file = { path: input.path, text: decoded.frameText };
  if (decoded.diagnostic || decoded.text === undefined) return { file, diagnostics: decoded.diagnostic ? [decoded.diagnostic] : [] };
  const parsed = parseFile(input.path, decoded.text);
  return { file, ...(parsed.root ? { root: parsed.root } : {}), diagnostics: parsed.diagnostics };
}

/**
 * The parsed files (in path order) → one tree whose keys are the department-year's sections; a
 * section defined in two files is an error.
 */
export function mergeParsed(dir: string, parsed: readonly ParsedInput[]): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const files: SourceFile[] = [];
  if (parsed.length === 0) {
    diagnostics.push(noFiles(dir));
    return { files, diagnostics };
  }

  const entries: MapEntry[] = [];
  const sections = new Map<string, ScalarNode>();
  let rootSpan: Span | undefined;

  for (const p of parsed) {
    files.push(p.file);
    diagnostics.push(...p.diagnostics);
    if (!p.root) continue;
    rootSpan ??= p.root.span;
    for (const entry of p.root.entries) {
      const name = keyText(entry.key);
      const first = sections.get(name);
      if (first) {
        diagnostics.push(duplicateSection(name, entry.key, first));
        continue;
      }
      sections.set(name, entry.key);
      entries.push(entry);
    }
  }

  if (diagnostics.some((d) => d.severity === 'error') || !rootSpan) return { files, diagnostics };
  const root: MapNode = { kind: 'map', span: rootSpan, entries };
  return { tree: { dir, files, root }, files, diagnostics };
}

export interface FileResult {
  readonly root?: MapNode;
  readonly diagnostics: Diagnostic[];
}

/** One decoded file → its top-level map, or the reasons it has none. */
export function parseFile(path: string, text: string): FileResult {
  const lines = new LineIndex(path, text);
  const cr = crLineEnds(lines);
  if (cr) return { diagnostics: [cr] };
  const deep = tooDeepAt(lines);
  if (deep !== -1) return { diagnostics: [tooDeep(lines, deep)] };
  try {
    const fast = fastParse(lines);
    if (fast) return fast.kind === 'map' ? { root: fast, diagnostics: [] } : { diagnostics: [topLevelNotMap(fast)] };
    return parseFileWithYaml(lines);
  } catch (e) {
    // tooDeepAt refuses what nests deep enough to overflow either parser's stack; this stays for
    // whatever it might miss.
    if (!(e instanceof RangeError)) throw e;
    return { diagnostics: [tooDeep(lines, 0)] };
  }
}

/**
 * Lines ended by a lone CR (classic Mac OS): neither our line index nor yaml sees a line end there,
 * so the whole file would read as its first line — often a comment, and the file as empty.
 */
function crLineEnds(lines: LineIndex): Diagnostic | undefined {
  const text = lines.text;
  const first = text.search(/\r(?!\n)/);
  if (first === -1) return undefined;
  const lone = text.match(/\r(?!\n)/g)?.length ?? 0;
  const lf = lines.starts.length - 1;
  if (lone < lf) return undefined; // a stray CR in a file of LF lines is yaml's to judge
  return diag('input/line-ends', lines.span(first, first + 1), {
    message: {
      zh: `文件的换行符是单独的 CR（旧式 Mac 格式，共 ${lone} 处），YAML 不把它当作换行：整个文件会被读成一行。`,
      en: `The file's lines end with a lone CR (classic Mac OS; ${lone} of them), which YAML does not take as a line end: the whole file would read as one line.`,
    },
    label: { zh: '单独的 CR', en: 'lone CR' },
    help: {
      zh: '在编辑器中把换行符改为 LF（或 Windows 的 CRLF）后保存，或运行：tr \'\\r\' \'\\n\' < 旧文件 > 新文件',
      en: "Save the file with LF (or Windows CRLF) line ends in your editor, or run: tr '\\r' '\\n' < old > new",
    },
  });
}

/** The file nests deeper than any budget needs (brackets, indentation, `- - - …`), from `at`. */
function tooDeep(lines: LineIndex, at: number): Diagnostic {
  return diag('input/yaml-syntax', lines.span(at, at), {
    message: {
      zh: `文件的嵌套层数太多（超过 ${MAX_DEPTH} 层的括号、缩进或“- ”），无法解析。`,
      en: `The file is nested too deeply (more than ${MAX_DEPTH} levels of brackets, indentation or "- ") to be parsed.`,
    },
    help: {
      zh: '预算数据只需要几层嵌套：检查文件是否被误生成或损坏。',
      en: 'Budget data needs only a few levels: check whether the file was generated wrongly or is damaged.',
    },
  });
}

/** The full parser: anything the fast path declines, and every error. */
export function parseFileWithYaml(lines: LineIndex): FileResult {
  const text = lines.text;
  const diagnostics: Diagnostic[] = [];
  const docs = parseAllDocuments(text, YAML_OPTIONS) as unknown as Document.Parsed[] & {
    errors?: YAMLError[];
  };

  // Errors of an empty stream (a stray directive, say) are carried on the stream itself.
  const streamErrors: YAMLError[] = docs.length === 0 ? (docs.errors ?? []) : [];
  const yamlProblems = [...streamErrors, ...docs.flatMap((d) => [...d.errors, ...d.warnings])];
  const fatal = yamlProblems.filter((e) => e.name === 'YAMLParseError' && e.code !== 'DUPLICATE_KEY');
  // A typist's mistake (a full-width colon, a colon without its space, a lost "- ") is reported
  // once, where it is, instead of yaml's cascade of errors on the lines after it.
  const first = fatal.reduce<YAMLError | undefined>((a, e) => (!a || e.pos[0] < a.pos[0] ? e : a), undefined);
  if (first) {
    // a tab in the indentation: that alone. yaml's errors around it (often one on the line before,
    // where the tabbed line makes the block ambiguous) follow from it.
    const tabbed = fatal.map((e) => yamlDiagnostic(lines, e, undefined)).find((x) => x.rule === 'input/tab-indent');
    if (tabbed) return { diagnostics: [tabbed] };
    const d = yamlDiagnostic(lines, first, undefined);
    const typo = diagnoseTypo(lines, first.pos[0], d.span ?? lines.span(first.pos[0], first.pos[0]));
    if (typo) return { diagnostics: [typo] };
  }
  const seen = new Set<string>();
  let reported = 0;
  for (const e of yamlProblems) {
    if (e.code === 'DUPLICATE_KEY') continue; // reported below with both places
    if (e.code === 'TAG_RESOLVE_FAILED' && fatal.length === 0) continue; // reported by reportTags, with the fix
    const found = e.code === 'MISSING_CHAR' || /end with an? [\]}]/.test(e.message) ? unclosedOpener(docs, text) : undefined;
    // (a node's range may start past its bracket, at the first token inside it: then there is no
    // opener to point at, and yaml's own place is better than a wrong one)
    const opener = found !== undefined && found < text.length && '"\'[{'.includes(text[found]) ? found : undefined;
    const d = yamlDiagnostic(lines, e, opener);
    const id = `${d.rule}:${d.span?.line}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (d.severity === 'error' && ++reported > MAX_SYNTAX_ERRORS_PER_FILE) continue;
    diagnostics.push(d);
  }
  if (fatal.length > 0) return { diagnostics };

  if (docs.length > 1) {
    const second = docs[1];
    const start = second.range[0];
    const marker = text.startsWith('---', start) ? 3 : 0;
    diagnostics.push(
      diag('input/multiple-documents', lines.span(start, start + marker), {
        message: {
          zh: `文件包含 ${docs.length} 个 YAML 文档（用“---”分隔）；每个文件只能有一个。`,
          en: `The file holds ${docs.length} YAML documents (separated by "---"); a file may hold only one.`,
        },
        label: { zh: '第二个文档从这里开始', en: 'the second document starts here' },
        help: {
          zh: '删除多余的“---”行，或把第二个文档移到同一目录下的另一个 .yaml 文件中。',
          en: 'Remove the extra "---" line, or move the second document into another .yaml file of the same directory.',
        },
      }),
    );
    return { diagnostics };
  }

  const doc = docs[0];
  const contents = doc?.contents;
  if (!doc || contents == null || (isScalar(contents) && contents.value === null && rangeText(text, contents) === '')) {
    diagnostics.push(
      diag('input/empty-file', lines.span(0, 0), {
        message: {
          zh: '文件是空的（或只有注释），没有任何数据。',
          en: 'The file is empty (or holds only comments): it has no data.',
        },
        help: {
          zh: '写入这个文件应有的部分（例如“department:”），或删除这个文件。',
          en: 'Write the sections this file should hold (for example "department:"), or delete the file.',
        },
      }),
    );
    return { diagnostics };
  }

  const builder = new TreeBuilder(lines);
  const root = builder.node(contents);
  diagnostics.push(...builder.diagnostics);
  builder.reportAliases(diagnostics);
  builder.reportTags(diagnostics);
  // Any DUPLICATE_KEY the parser saw that our own comparison did not (e.g. `1` and `1.0`).
  for (const e of yamlProblems) {
    if (e.code !== 'DUPLICATE_KEY' || builder.duplicateOffsets.has(e.pos[0])) continue;
    diagnostics.push(duplicateKey(lines.span(e.pos[0], e.pos[1]), undefined, text.slice(e.pos[0], e.pos[1])));
  }

  if (root.kind !== 'map') {
    diagnostics.push(topLevelNotMap(root));
    return { diagnostics };
  }
  return { root, diagnostics };
}

function topLevelNotMap(root: Node): Diagnostic {
  return diag('input/top-level-not-map', root.span, {
    message: {
      zh: `文件的顶层必须是“键: 值”形式的映射（各个部分），这里却是${root.kind === 'seq' ? '一个列表' : '一个单独的值'}。`,
      en: `The top level of the file must be a mapping of sections ("key: value"), but it is ${root.kind === 'seq' ? 'a list' : 'a single value'}.`,
    },
    help: {
      zh: '每个文件以部分名开头，例如“department:”，其下缩进写内容。',
      en: 'Each file starts with section names such as "department:", with their contents indented below.',
    },
  });
}

/** The text a key stands for: a string as written, other scalars (codes such as 2010350) as written. */
export function keyText(key: ScalarNode): string {
  return typeof key.value === 'string' ? key.value : key.source;
}

// ---------------------------------------------------------------------------------------------
// Building our tree from yaml's

type YNode = unknown;

class TreeBuilder {
  readonly diagnostics: Diagnostic[] = [];
  readonly duplicateOffsets = new Set<number>();
  /** Explicit tags (`!!int "1234"`, `!foo x`): where each is written and the text it tags. */
  private tags: { tag: Span; node: Span; quoted: boolean }[] = [];
  /** Offsets of anchors (&a), aliases (*a) and merge keys (<<), in order found. */
  private expanders: { kind: 'anchor' | 'alias' | 'merge'; node: Span }[] = [];

  constructor(private readonly lines: LineIndex) {}

  node(n: YNode, at = 0): Node {
    if (isAlias(n)) {
      const [s, e] = n.range ?? [at, at];
      const span = this.lines.span(s, e);
      this.expanders.push({ kind: 'alias', node: span });
      return { kind: 'scalar', span, value: null, source: this.lines.text.slice(s, e), quoted: false };
    }
    if (n && typeof n === 'object' && 'anchor' in n && (n as { anchor?: string }).anchor) {
      const r = (n as { range?: [number, number, number] }).range ?? [at, at, at];
      this.expanders.push({ kind: 'anchor', node: this.lines.span(r[0], r[1]) });
    }
    const tag = (n as { tag?: unknown } | null)?.tag;
    if (typeof tag === 'string') this.noteTag(n as { range?: [number, number, number] | null; type?: unknown }, at);
    if (isScalar(n)) return this.scalar(n, at);
    if (isMap(n)) {
      const start = this.collectionSpan(n.range, at);
      const entries: MapEntry[] = [];
      const byKey = new Map<string, ScalarNode>();
      for (const item of n.items) {
        if (!isPair(item)) continue;
        const key = this.key(item.key, start.offset);
        if (!key) continue;
        const valueAt = key.span.offset + key.span.length;
        const value = item.value == null ? this.emptyAt(valueAt) : this.node(item.value, valueAt);
        if (!key.quoted && key.source === '<<') {
          this.expanders.push({ kind: 'merge', node: key.span });
          continue;
        }
        const name = keyText(key);
        // YAML's own equality too: `201` and `0201` are both the integer 201, the same key.
        const first = byKey.get(name) ?? (typeof key.value === 'string' ? undefined : byKey.get(`\0${String(key.value)}`));
        if (first) {
          this.duplicateOffsets.add(key.span.offset);
          this.diagnostics.push(duplicateKey(key.span, first.span, name));
          continue;
        }
        byKey.set(name, key);
        if (typeof key.value !== 'string') byKey.set(`\0${String(key.value)}`, key);
        entries.push({ key, value });
      }
      const last = entries[entries.length - 1]?.value;
      return { kind: 'map', span: n.flow ? start : this.blockSpan(start, last), entries };
    }
    if (isSeq(n)) {
      const start = this.collectionSpan(n.range, at);
      const items: Node[] = n.items.map((item) => this.node(item, start.offset));
      return { kind: 'seq', span: n.flow ? start : this.blockSpan(start, items[items.length - 1]), items } satisfies SeqNode;
    }
    return this.emptyAt(at);
  }

  private key(k: unknown, at: number): ScalarNode | undefined {
    if (k == null) {
      this.diagnostics.push(
        diag('input/yaml-syntax', this.lines.span(at, at), {
          message: { zh: '这一项缺少键名（冒号前面是空的）。', en: 'This entry has no key (nothing before the colon).' },
          help: { zh: '在冒号前写上键名，例如“name: 值”。', en: 'Write the key before the colon, e.g. "name: value".' },
        }),
      );
      return undefined;
    }
    if (isScalar(k)) return this.scalar(k, at);
    const node = this.node(k, at);
    this.diagnostics.push(
      diag('input/yaml-syntax', node.span, {
        message: {
          zh: '键必须是一个简单的值（文字或编码），不能是列表或映射。',
          en: 'A key must be a plain value (text or a code), not a list or a mapping.',
        },
        help: {
          zh: '把键写成简单的文字，例如“name:”。',
          en: 'Write the key as plain text, e.g. "name:".',
        },
      }),
    );
    return undefined;
  }

  private scalar(n: Scalar, at: number): ScalarNode {
    const text = this.lines.text;
    const [start, valueEnd] = n.range ?? [at, at, at];
    const type = n.type;
    const block = type === Scalar.BLOCK_LITERAL || type === Scalar.BLOCK_FOLDED;
    const end = block ? trimEnd(text, start, valueEnd) : valueEnd;
    const source = text.slice(start, end);
    const v = n.value;
    const value =
      v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number' ? v : source;
    const quoted = block || type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE;
    return { kind: 'scalar', span: this.lines.span(start, end), value, source, quoted };
  }

  /** The tag token itself is not part of the node's range: it is the `!…` word just before it. */
  private noteTag(n: { range?: [number, number, number] | null; type?: unknown }, at: number): void {
    const text = this.lines.text;
    const [start, end] = n.range ?? [at, at];
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    let t = text.lastIndexOf('!', start - 1);
    if (t < lineStart) t = start;
    // `!!int` in `!!int "1234"`: back to the start of the word holding the last `!`
    while (t > lineStart && !/[\s,[{]/.test(text[t - 1])) t--;
    let e = t;
    while (e < text.length && !/[\s,\]}]/.test(text[e])) e++;
    const quoted = n.type === Scalar.QUOTE_DOUBLE || n.type === Scalar.QUOTE_SINGLE;
    this.tags.push({ tag: this.lines.span(t, e), node: this.lines.span(start, trimEnd(text, start, end)), quoted });
  }

  /** One diagnostic per file for explicit tags, at the first one: they change what a value is. */
  reportTags(out: Diagnostic[]): void {
    if (this.tags.length === 0) return;
    const first = this.tags[0];
    const tag = first.tag.length ? this.lines.text.slice(first.tag.offset, first.tag.offset + first.tag.length) : '!';
    const written = this.lines.text.slice(first.node.offset, first.node.offset + first.node.length).split(/\r?\n/)[0];
    const value = written.length > 40 ? `${written.slice(0, 40)}…` : written;
    const bare = first.quoted ? value.slice(1, -1) : value;
    const more = this.tags.length - 1;
    out.push(
      diag('input/tag', first.tag, {
        message: {
          zh: `预算文件不使用 YAML 标签：“${tag}”改变了后面的值 ${value || '（空）'} 的类型${more ? `（本文件还有 ${more} 处标签）` : ''}。`,
          en: `Budget files use no YAML tags: "${tag}" changes the type of the value ${value || '(empty)'} after it${more ? ` (${more} more in this file)` : ''}.`,
        },
        label: { zh: '标签', en: 'tag' },
        related: this.tags.slice(1, 4).map((t) => ({ span: t.tag, label: { zh: '标签', en: 'tag' } })),
        help: {
          zh: `删除“${tag}”${first.quoted ? '和引号' : ''}：数字直接写，例如 ${/^[\d.,]+$/.test(bare) ? bare : '1234'}；文字直接写。如果“!”本是文字的一部分，把整个值放在引号里，例如 "${tag}${bare ? ' ' + bare : ''}"。`,
          en: `Remove "${tag}"${first.quoted ? ' and the quotes' : ''}: write a number as it is, e.g. ${/^[\d.,]+$/.test(bare) ? bare : '1234'}, and a text as it is. If the "!" is part of a text, put the whole value in quotes, e.g. "${tag}${bare ? ' ' + bare : ''}".`,
        },
      }),
    );
  }

  private emptyAt(at: number): ScalarNode {
    return { kind: 'scalar', span: this.lines.span(at, at), value: null, source: '', quoted: false };
  }

  /** A block collection spans from its first token to the end of its last child (never a trailing comment). */
  private blockSpan(start: Span, last: Node | undefined): Span {
    if (!last) return start;
    return this.lines.span(start.offset, Math.max(start.offset, last.span.offset + last.span.length));
  }

  private collectionSpan(range: readonly number[] | null | undefined, at: number): Span {
    const [start, end] = range ?? [at, at];
    return this.lines.span(start, trimEnd(this.lines.text, start, end));
  }

  /** One diagnostic per file for anchors, aliases and merge keys, at the first one written. */
  reportAliases(out: Diagnostic[]): void {
    if (this.expanders.length === 0) return;
    // The anchor token itself (&name) is not part of a node's range: find it in the CST.
    const tokens = cstExpanders(this.lines.text);
    const all = [
      ...tokens.map((t) => ({ kind: t.kind, span: this.lines.span(t.offset, t.offset + t.length) })),
      ...this.expanders.filter((e) => e.kind === 'merge').map((e) => ({ kind: e.kind, span: e.node })),
    ].sort((a, b) => a.span.offset - b.span.offset);
    const first = all[0] ?? { kind: this.expanders[0].kind, span: this.expanders[0].node };
    const count = (k: string) => all.filter((e) => e.kind === k).length;
    const related: Related[] = all.slice(1, 4).map((e) => ({
      span: e.span,
      label: e.kind === 'anchor' ? { zh: '锚点', en: 'anchor' } : e.kind === 'alias' ? { zh: '别名', en: 'alias' } : { zh: '合并键', en: 'merge key' },
    }));
    out.push(
      diag('input/alias', first.span, {
        message: {
          zh: `预算文件不接受 YAML 锚点（&名称）、别名（*名称）和合并键（<<）；本文件中：锚点 ${count('anchor')} 个，别名 ${count('alias')} 个，合并键 ${count('merge')} 个。`,
          en: `Budget files do not accept YAML anchors (&name), aliases (*name) or merge keys (<<); in this file: anchors ${count('anchor')}, aliases ${count('alias')}, merge keys ${count('merge')}.`,
        },
        label: { zh: '第一个在这里', en: 'the first one is here' },
        related,
        help: {
          zh: '把被引用的内容直接写出来：每个数字只录入一次，表格之间的共用由程序完成，不需要别名。',
          en: 'Write the referenced content out: each figure is entered once and the tables share it by design, so no alias is needed.',
        },
      }),
    );
  }
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start) {
    const c = text.charCodeAt(e - 1);
    if (c === 32 || c === 9 || c === 10 || c === 13) e--;
    else break;
  }
  return e;
}

function rangeText(text: string, n: { range?: readonly number[] | null }): string {
  const r = n.range;
  return r ? text.slice(r[0], r[1]) : '';
}

/** Anchor and alias tokens with their offsets, from yaml's concrete syntax tree. */
function cstExpanders(text: string): { kind: 'anchor' | 'alias'; offset: number; length: number }[] {
  const found: { kind: 'anchor' | 'alias'; offset: number; length: number }[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const y of x) walk(y);
      return;
    }
    if (!x || typeof x !== 'object') return;
    const t = x as { type?: unknown; offset?: unknown; source?: unknown };
    if ((t.type === 'anchor' || t.type === 'alias') && typeof t.offset === 'number' && typeof t.source === 'string') {
      found.push({ kind: t.type, offset: t.offset, length: t.source.length });
      return;
    }
    for (const v of Object.values(x)) if (v && typeof v === 'object') walk(v);
  };
  for (const token of new Parser().parse(text)) walk(token);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Diagnostics

function diag(
  rule: string,
  span: Span | undefined,
  parts: { message: Localized; label?: Localized; help?: Localized; related?: Related[]; severity?: 'error' | 'warning' },
): Diagnostic {
  return {
    severity: parts.severity ?? 'error',
    rule,
    message: parts.message,
    ...(span ? { span } : {}),
    ...(parts.label ? { label: parts.label } : {}),
    related: parts.related ?? [],
    figures: [],
    ...(parts.help ? { help: parts.help } : {}),
  };
}

function noFiles(dir: string): Diagnostic {
  return diag('input/no-yaml-files', undefined, {
    message: {
      zh: `目录 ${dir} 中没有 .yaml 或 .yml 文件。`,
      en: `The directory ${dir} holds no .yaml or .yml file.`,
    },
    help: {
      zh: '检查目录是否正确（例如 data/2031），数据文件的扩展名应为 .yaml。',
      en: 'Check the directory (for example data/2031); data files must end in .yaml.',
    },
  });
}

function duplicateKey(span: Span, first: Span | undefined, name: string): Diagnostic {
  return diag('input/duplicate-key', span, {
    message: {
      zh: `键“${name}”在同一个映射中出现了两次。`,
      en: `The key "${name}" appears twice in the same mapping.`,
    },
    label: { zh: '重复的键', en: 'duplicate key' },
    related: first ? [{ span: first, label: { zh: '第一次出现在这里', en: 'first written here' } }] : [],
    help: {
      zh: '每个键只能写一次：删除其中一个，或合并两处的内容。',
      en: 'Write each key once: delete one of them or merge the two.',
    },
  });
}

function duplicateSection(name: string, key: ScalarNode, first: ScalarNode): Diagnostic {
  return diag('input/duplicate-section', key.span, {
    message: {
      zh: `部分“${name}”在两个文件中都有定义：${first.span.file} 和 ${key.span.file}。`,
      en: `The section "${name}" is defined in two files: ${first.span.file} and ${key.span.file}.`,
    },
    label: { zh: '第二次定义', en: 'defined again here' },
    related: [{ span: first.span, label: { zh: '第一次定义在这里', en: 'first defined here' } }],
    help: {
      zh: '一个部分只能写在一个文件里：删除其中一处，或把两处的内容合并到一个文件。',
      en: 'A section lives in one file: delete one of them, or merge both into one file.',
    },
  });
}

const SYNTAX_HELP: Localized = {
  zh: '检查这一行和上一行：缩进（只用空格）、冒号后的空格、引号和括号是否成对。',
  en: 'Check this line and the one above: indentation (spaces only), a space after each colon, and matching quotes and brackets.',
};

/** Plain-language wording for yaml's error codes (eemeli/yaml src/errors.ts). */
const YAML_CODES: Record<string, { zh: string; en: string; help?: Localized }> = {
  BAD_INDENT: {
    zh: '缩进不正确：同一层级的键必须从同一列开始，括号必须闭合。',
    en: 'The indentation is wrong: keys of the same level must start in the same column, and brackets must be closed.',
  },
  MISSING_CHAR: {
    zh: '缺少一个结束符号：引号或括号没有闭合。',
    en: 'A closing character is missing: a quote or bracket is not closed.',
  },
  UNEXPECTED_TOKEN: {
    zh: '这里出现了不该出现的符号。',
    en: 'An unexpected character appears here.',
  },
  BAD_SCALAR_START: {
    zh: '值不能以这个符号开头（@ ` % 等是 YAML 的保留符号）。',
    en: 'A value cannot start with this character (@, `, % and others are reserved in YAML).',
    help: { zh: '如果这是文字，请把整个值放在引号里。', en: 'If it is text, put the whole value in quotes.' },
  },
  BLOCK_AS_IMPLICIT_KEY: {
    zh: '一行里有两个“键: 值”：值中的冒号后面跟了空格。',
    en: 'Two "key: value" pairs on one line: the value holds a colon followed by a space.',
    help: {
      zh: '如果值本身含有“: ”，请把整个值放在引号里；否则把内层的键换行并缩进。',
      en: 'If the value itself contains ": ", put the whole value in quotes; otherwise put the inner key on its own indented line.',
    },
  },
  MULTILINE_IMPLICIT_KEY: {
    zh: '键必须写在一行内：可能是冒号后面缺少空格，或上一行缺少冒号。',
    en: 'A key must fit on one line: probably a colon without a space after it, or a missing colon on the line above.',
    help: { zh: '写成“键: 值”，冒号后加一个空格。', en: 'Write "key: value" with a space after the colon.' },
  },
  KEY_OVER_1024_CHARS: {
    zh: '键太长（超过 1024 个字符）。',
    en: 'The key is too long (over 1024 characters).',
  },
  BAD_DQ_ESCAPE: {
    zh: '双引号字符串中的反斜杠转义无效。',
    en: 'A backslash escape inside a double-quoted string is invalid.',
    help: {
      zh: '改用单引号（单引号中反斜杠没有特殊含义），或把反斜杠写成 \\\\。',
      en: 'Use single quotes (a backslash has no special meaning there), or write the backslash as \\\\.',
    },
  },
  NON_STRING_KEY: {
    zh: '键必须是一个简单的值（文字或编码）。',
    en: 'A key must be a plain value (text or a code).',
  },
  BLOCK_IN_FLOW: {
    zh: '方括号或花括号里不能再写缩进的块。',
    en: 'An indented block cannot appear inside brackets or braces.',
  },
  BAD_PROP_ORDER: { zh: '标签或锚点的位置不对。', en: 'A tag or anchor is in the wrong place.' },
  MULTIPLE_TAGS: { zh: '一个值有多个标签。', en: 'A value has more than one tag.' },
  TAG_RESOLVE_FAILED: {
    zh: '未知的 YAML 标签（!名称）；预算文件不需要标签。',
    en: 'Unknown YAML tag (!name); budget files need no tags.',
    help: { zh: '删除标签。', en: 'Remove the tag.' },
  },
  BAD_DIRECTIVE: { zh: '无效的 YAML 指令（以 % 开头的行）。', en: 'Invalid YAML directive (a line starting with %).' },
  BAD_COLLECTION_TYPE: { zh: '这个集合的类型不正确。', en: 'This collection has the wrong type.' },
  IMPOSSIBLE: { zh: 'YAML 无法解析这里。', en: 'YAML cannot parse this.' },
};

const ALIAS_CODES = new Set(['ALIAS_PROPS', 'BAD_ALIAS', 'MULTIPLE_ANCHORS', 'RESOURCE_EXHAUSTION']);

/**
 * The opening quote or bracket of the first quoted scalar or flow collection that is not closed:
 * yaml reports the missing character where it gave up (often the end of the file); the user needs
 * the place they opened it.
 */
function unclosedOpener(docs: readonly Document.Parsed[], text: string): number | undefined {
  let found: number | undefined;
  for (const doc of docs) {
    visit(doc, (_key, node) => {
      if (found !== undefined) return visit.BREAK;
      // A pair whose key or value is missing (`{a: 1, : 2}`, `- ` with nothing after it) visits null.
      if (node == null) return undefined;
      const r = (node as { range?: [number, number, number] | null }).range;
      if (!r) return undefined;
      const src = text.slice(r[0], r[1]).trimEnd();
      if (isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)) {
        const q = node.type === Scalar.QUOTE_DOUBLE ? '"' : "'";
        if (src.length < 2 || !src.endsWith(q)) found = r[0];
      } else if (isCollection(node) && node.flow) {
        const close = isMap(node) ? '}' : ']';
        if (!src.endsWith(close)) found = r[0];
      }
      return found === undefined ? undefined : visit.BREAK;
    });
    if (found !== undefined) break;
  }
  return found;
}

function yamlDiagnostic(lines: LineIndex, e: YAMLError, opener?: number): Diagnostic {
  const severity = e.name === 'YAMLWarning' ? 'warning' : 'error';
  const [start, end] = e.pos;
  const noticed = lines.span(start, Math.max(end, start));
  const span = opener === undefined ? noticed : lines.span(opener, opener + 1);
  const lineText = lines.line(noticed.line);
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const tabAt = indent.indexOf('\t');
  if (e.code === 'TAB_AS_INDENT' || (tabAt !== -1 && severity === 'error')) {
    const lineStart = lines.starts[noticed.line - 1];
    const tab = tabAt === -1 ? start : lineStart + tabAt;
    return diag('input/tab-indent', lines.span(tab, tab + 1), {
      message: {
        zh: '这一行用制表符（Tab）缩进；YAML 只允许用空格缩进。',
        en: 'This line is indented with a tab; YAML allows only spaces for indentation.',
      },
      label: { zh: '制表符', en: 'tab' },
      help: {
        zh: '把行首的制表符换成空格（同一层级的键对齐到同一列）；可在编辑器中打开“用空格代替制表符”。',
        en: 'Replace the tabs at the start of the line with spaces (keys of the same level in the same column); most editors can insert spaces for tabs.',
      },
    });
  }
  // yaml reports a stack overflow while composing deep nesting (`- - - - …` a thousand times) as
  // resource exhaustion, its name for an alias bomb too: it is nesting, not aliases.
  if (e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message)) return tooDeep(lines, start);
  if (ALIAS_CODES.has(e.code)) {
    return diag('input/alias', span, {
      message: {
        zh: `预算文件不接受 YAML 锚点（&名称）和别名（*名称）。（解析器信息：${e.message}）`,
        en: `Budget files do not accept YAML anchors (&name) or aliases (*name). (parser: ${e.message})`,
      },
      help: { zh: '把被引用的内容直接写出来。', en: 'Write the referenced content out.' },
    });
  }
  const known = YAML_CODES[e.code];
  let plain = known ?? { zh: 'YAML 语法错误。', en: 'YAML syntax error.' };
  let fullWidthClose: Localized | undefined;
  if (opener !== undefined) {
    const ch = lines.text[opener];
    const quote = ch === '"' || ch === "'";
    plain = {
      zh: `这里的${quote ? '引号' : '括号'} ${ch} 没有闭合。`,
      en: `The ${quote ? 'quote' : 'bracket'} ${ch} opened here is never closed.`,
    };
    // "示例” or {a: 1｝: closed with the full-width form of the character
    const lineEnd = lines.text.indexOf('\n', opener);
    const rest = lines.text.slice(opener + 1, lineEnd === -1 ? undefined : lineEnd);
    const fw = ch === '"' ? /[”“]/.exec(rest) : ch === "'" ? /[’‘]/.exec(rest) : ch === '{' ? /｝/.exec(rest) : ch === '[' ? /］/.exec(rest) : null;
    if (fw) fullWidthClose = fullWidthFix(fw[0]);
  }
  return diag('input/yaml-syntax', span, {
    severity,
    ...(opener === undefined
      ? {}
      : {
          label: { zh: '从这里开始，没有闭合', en: 'opened here, never closed' },
          related: [{ span: noticed, label: { zh: '解析器在这里发现缺少结束符号', en: 'where the parser found it missing' } }],
        }),
    message: {
      zh: `${plain.zh}（解析器信息：${e.message}）`,
      en: `${plain.en} (parser: ${e.message})`,
    },
    help:
      fullWidthClose !== undefined
        ? { zh: `结尾用的是全角符号：${fullWidthClose.zh}。`, en: `It is closed with a full-width character: ${fullWidthClose.en}.` }
        : opener !== undefined
        ? {
            zh: '在这个值的末尾补上对应的结束符号；如果值本身含有引号，改用另一种引号把整个值括起来。',
            en: 'Add the closing character at the end of this value; if the value itself contains a quote, enclose it in the other kind of quote.',
          }
        : (known?.help ?? SYNTAX_HELP),
  });
}
