/**
 * Typist mutations of every written amount in a department-year, each run through the real
 * stages (parse → shape → build → check) in-process. Only the mutated file is parsed again; the
 * others keep their parsed trees (merged as parseSources merges them: sections in path order).
 */
import { readFileSync } from 'node:fs';
import { checkBudget, type CheckOptions } from '../../src/check/index.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { buildBudget } from '../../src/model/index.js';
import { validateShape } from '../../src/schema/index.js';
import { parseFile, type MapEntry, type MapNode, type Node, type ScalarNode, type SourceTree } from '../../src/source/index.js';
import { readDir } from './load.js';

export type Kind = 'replace' | 'swap' | 'drop' | 'double';
export type Outcome = 'same-value' | 'input' | 'check' | 'note-only' | 'silent';

export interface Amount {
  readonly file: string;
  readonly path: string; // "functional.rows.0.total"
  readonly node: ScalarNode;
}

export interface Mutation {
  readonly amount: Amount;
  readonly kind: Kind;
  readonly text: string;
}

export interface Result extends Mutation {
  readonly outcome: Outcome;
  readonly rules: string[];
}

/** Keys whose numbers are not amounts: classification codes (also Part 3's economic codes) and years. */
const NOT_AMOUNTS = new Set(['code', 'codes', 'year']);

export function amounts(file: string, root: MapNode): Amount[] {
  const out: Amount[] = [];
  const visit = (n: Node, path: string, key: string) => {
    if (n.kind === 'scalar') {
      if (typeof n.value === 'number' && !n.quoted && !NOT_AMOUNTS.has(key)) out.push({ file, path, node: n });
    } else if (n.kind === 'seq') n.items.forEach((it, i) => visit(it, `${path}.${i}`, key));
    else for (const e of n.entries) visit(e.value, path ? `${path}.${e.key.source}` : e.key.source, e.key.source);
  };
  visit(root, '', '');
  return out;
}

/** The typist's changes to a number's digits (a sign is kept). */
export function mutations(a: Amount): Mutation[] {
  const s = a.node.source;
  const sign = s.startsWith('-') ? '-' : '';
  const digits = s.slice(sign.length);
  const out: Mutation[] = [];
  const push = (kind: Kind, d: string) => out.push({ amount: a, kind, text: sign + d });
  for (let i = 0; i < digits.length; i++) {
    if (!/\d/.test(digits[i])) continue;
    for (let k = 0; k <= 9; k++) if (String(k) !== digits[i]) push('replace', digits.slice(0, i) + k + digits.slice(i + 1));
    push('drop', digits.slice(0, i) + digits.slice(i + 1));
    push('double', digits.slice(0, i + 1) + digits.slice(i));
    if (i + 1 < digits.length && /\d/.test(digits[i + 1]))
      push('swap', digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2));
  }
  return out;
}

const noteKey = (d: Diagnostic) => `${d.rule}|${d.figures.map((f) => `${f.value}@${f.span?.file}:${f.span?.line}:${f.span?.col}`).join(',')}`;

export class Harness {
  readonly texts = new Map<string, string>();
  readonly roots = new Map<string, MapNode>();
  readonly files: string[];
  readonly baselineNotes: Set<string>;
  /** Outcomes by the text a mutation leaves (file, place, new digits): two kinds can type the same thing. */
  private readonly seen = new Map<string, Pick<Result, 'outcome' | 'rules'>>();

  constructor(
    readonly dir: string,
    /** The layout's check options (its `checks` and table names), as `budget check` passes them. */
    private readonly checkOpts: CheckOptions = {},
  ) {
    this.files = readDir(dir).map((f) => f.path);
    for (const f of this.files) {
      const text = readFileSync(f, 'utf8');
      this.texts.set(f, text);
      const r = parseFile(f, text);
      if (!r.root) throw new Error(`${f} does not parse`);
      this.roots.set(f, r.root);
    }
    const base = this.run(new Map());
    if (base.errors.length) throw new Error(`${dir} has errors: ${base.errors.map((d) => d.rule).join(', ')}`);
    this.baselineNotes = new Set(base.notes.map(noteKey));
  }

  amounts(): Amount[] {
    return this.files.flatMap((f) => amounts(f, this.roots.get(f)!));
  }

  /** Parse → shape → build → check, with some files' roots replaced. */
  run(replaced: Map<string, MapNode>): { errors: Diagnostic[]; notes: Diagnostic[]; stage: 'input' | 'check' } {
    const entries: MapEntry[] = [];
    for (const f of this.files) entries.push(...(replaced.get(f) ?? this.roots.get(f)!).entries);
    const first = this.roots.get(this.files[0])!;
    const tree: SourceTree = {
      dir: this.dir,
      files: this.files.map((f) => ({ path: f, text: this.texts.get(f)! })),
      root: { kind: 'map', span: first.span, entries },
    };
    const shape = validateShape(tree);
    const shapeErrors = shape.diagnostics.filter((d) => d.severity === 'error');
    if (!shape.input || shapeErrors.length) return { errors: shapeErrors, notes: [], stage: 'input' };
    const ds = checkBudget(buildBudget(shape.input), this.checkOpts).diagnostics;
    return { errors: ds.filter((d) => d.severity === 'error'), notes: ds.filter((d) => d.severity === 'note'), stage: 'check' };
  }

  /**
   * The outcome of one mutation. Different kinds can leave the same text (doubling either of two
   * equal adjacent digits): the pipeline is a pure function of the text, so that text is run once
   * and each mutation still counts under its own kind.
   */
  mutate(m: Mutation): Result {
    const key = `${m.amount.file}\0${m.amount.node.span.offset}\0${m.text}`;
    let o = this.seen.get(key);
    if (!o) this.seen.set(key, (o = this.outcome(m)));
    return { ...m, outcome: o.outcome, rules: o.rules };
  }

  private outcome(m: Mutation): Pick<Result, 'outcome' | 'rules'> {
    const { node } = m.amount;
    const text = this.texts.get(m.amount.file)!;
    const at = node.span.offset;
    if (text.slice(at, at + node.span.length) !== node.source) throw new Error(`span of ${m.amount.path} does not hold ${node.source}`);
    // an equal value (two equal digits swapped, 0 doubled to 00) is no change at all
    if (/\d/.test(m.text) && Number(m.text) === Number(node.source)) return { outcome: 'same-value', rules: [] };
    const mutated = text.slice(0, at) + m.text + text.slice(at + node.span.length);
    const parsed = parseFile(m.amount.file, mutated);
    if (!parsed.root || parsed.diagnostics.some((d) => d.severity === 'error'))
      return { outcome: 'input', rules: parsed.diagnostics.map((d) => d.rule) };
    const r = this.run(new Map([[m.amount.file, parsed.root]]));
    if (r.errors.length) return { outcome: r.stage, rules: [...new Set(r.errors.map((d) => d.rule))] };
    const newNotes = r.notes.filter((d) => !this.baselineNotes.has(noteKey(d)));
    return { outcome: newNotes.length ? 'note-only' : 'silent', rules: [...new Set(newNotes.map((d) => d.rule))] };
  }
}
