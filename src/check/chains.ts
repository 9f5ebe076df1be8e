import type { Diagnostic, Localized, Related } from '../diagnostics/diagnostic.js';
import { abs, add, cmp, dec, format, sub, toPlain, type Dec } from '../money/decimal.js';
import type { Fact } from '../model/facts.js';
import type { Span } from '../source/span.js';
import { amountEn } from './context.js';
import { cellLabel } from './labels.js';
import { walk, type BudgetView, type ClassNode, type Column } from './view.js';

/**
 * One change, one error (issue 11 §2). A user who raises one leaf figure (a project, a 项 row)
 * breaks every total above it at once: the row's 款, its 类, the department row, and every table
 * that shows the same figure. Each rule finds its own identity broken by the same amount, so one
 * edit gave a screenful of errors, and a `same` finding's hint ("make the two equal") proposed
 * changing the raised figure back.
 *
 * This post-pass folds the findings that trace to one change: error findings with the same
 * absolute difference, linked through the figures they share (a written figure two findings
 * compare, or the same classification row or project, which the row identities tie together). The
 * folded error stands at the leaf (the figure its findings share) or the first broken total, names
 * the chain of totals it breaks, and offers both directions: the totals to their parts' sum
 * (what `budget fix` does), or the changed parts back by the difference. Unrelated findings, and
 * rounding notes, are left as they are.
 *
 * Only the CLI's check folds (CheckOptions.chains): `budget fix` and the tests that pin one rule's
 * findings read each identity's own finding.
 */

/** The facts of each figure of a finding, in the order of its `figures` (recorded by RuleCtx). */
const FIGURE_FACTS = new WeakMap<Diagnostic, readonly (readonly Fact[])[]>();

export function recordFacts(d: Diagnostic, facts: readonly (readonly Fact[])[]): void {
  FIGURE_FACTS.set(d, facts);
}

const spanKey = (s: Span): string => `${s.file}\0${s.offset}`;

/**
 * What ties two figures together beyond being the same written figure: a classification row's
 * cells (total = basic + project on the row) and a project's figures are one place a user edits.
 */
function placeOf(f: Fact): string | undefined {
  const m = /^((?:functional|economic)\[[^\]]*\]|(?:functional|economic)\.total|projects\[[^\]]*\])/.exec(f);
  return m?.[1];
}

/** The figures a finding touches, as keys: spans of written figures, and places of its facts. */
function keysOf(d: Diagnostic): string[] {
  const keys: string[] = [];
  for (const f of d.figures) if (f.span) keys.push('s:' + spanKey(f.span));
  for (const r of d.related) keys.push('s:' + spanKey(r.span));
  if (d.span) keys.push('s:' + spanKey(d.span));
  for (const fs of FIGURE_FACTS.get(d) ?? []) for (const f of fs) {
    const p = placeOf(f);
    if (p) keys.push('p:' + p);
  }
  return keys;
}

/** A chain's total, as the folded error names it: which figure, where, what it is and what it should be. */
interface ChainTotal {
  readonly label: Localized;
  readonly span?: Span;
  readonly is: string;
  readonly to: string;
  /** The figure as exact decimal text (`is` is formatted for reading). */
  readonly raw: string;
}

export function foldChains(diagnostics: readonly Diagnostic[], view: BudgetView, unit: Localized, feeds: (facts: readonly Fact[]) => readonly string[]): Diagnostic[] {
  const candidates = diagnostics.filter((d) => d.severity === 'error' && d.difference !== undefined && cmp(dec(d.difference), dec('0')) !== 0 && d.span);
  // Union-find over candidates: same |difference| and a shared key.
  const parent = candidates.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const owner = new Map<string, number>();
  candidates.forEach((d, i) => {
    const size = format(abs(dec(d.difference!)));
    for (const k of keysOf(d)) {
      const key = `${size}\0${k}`;
      const j = owner.get(key);
      if (j === undefined) owner.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, Diagnostic[]>();
  candidates.forEach((d, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), d]);
  });
  const replaced = new Map<Diagnostic, Diagnostic | null>();
  // A chain's totals all fall short (or all exceed) by the same amount; a doubled figure raised with
  // its leaf may stand on the other side of one comparison, so a minority of the other sign joins
  // the chain. As many of each sign is no chain but a figure in the wrong place (two tables that
  // disagree about one cell in opposite directions): each sign stands on its own.
  const chains: Diagnostic[][] = [];
  for (const g of groups.values()) {
    const up = g.filter((d) => !d.difference!.startsWith('-'));
    const down = g.filter((d) => d.difference!.startsWith('-'));
    if (up.length === down.length) chains.push(up, down);
    else chains.push(g);
  }
  for (const g of chains) {
    if (g.length < 2) continue;
    const folded = fold(g, view, unit, feeds);
    g.forEach((d, i) => replaced.set(d, i === 0 ? folded : null));
  }
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const r = replaced.get(d);
    if (r === undefined) out.push(d);
    else if (r) out.push(r);
  }
  return out;
}

/** The value a finding's primary figure should have for its identity to hold. */
function totalOf(d: Diagnostic): ChainTotal | undefined {
  const i = d.figures.findIndex((f) => f.span && d.span && spanKey(f.span) === spanKey(d.span));
  if (i < 0) return undefined;
  const f = d.figures[i];
  const v = dec(f.value);
  const diff = dec(d.difference!);
  // The first figure is the total (or the first of a pair): it should be its parts' sum, value − difference; a part, value + difference.
  const to = i === 0 ? sub(v, diff) : add(v, diff);
  return { label: f.label, span: f.span, is: format(v), to: format(to), raw: f.value };
}

function fold(g: readonly Diagnostic[], view: BudgetView, unit: Localized, feedsOf: (facts: readonly Fact[]) => readonly string[]): Diagnostic {
  const first = g[0];
  const diff = dec(first.difference!);
  // The leaf: a written figure that several findings compare, none of them as the figure to change.
  const primaries = new Set(g.map((d) => spanKey(d.span!)));
  const count = new Map<string, { n: number; span: Span; label: Localized; value: string }>();
  for (const d of g)
    for (const f of d.figures)
      if (f.span && !primaries.has(spanKey(f.span))) {
        const k = spanKey(f.span);
        const c = count.get(k);
        count.set(k, { n: (c?.n ?? 0) + 1, span: f.span, label: f.label, value: f.value });
      }
  const leaf = [...count.values()].filter((c) => c.n > 1).sort((a, b) => b.n - a.n)[0];
  // Without a shared figure, the changed parts are the written parts of the small identities (a
  // row against its one child, a pair of doubled figures); a sum of many parts does not say which.
  const parts: { span: Span; label: Localized; value: string }[] = leaf
    ? [leaf]
    : g.filter((d) => d.figures.length <= 3).flatMap((d) => d.figures.flatMap((f) => (f.span && !primaries.has(spanKey(f.span)) ? [{ span: f.span, label: f.label, value: f.value }] : [])));

  // The totals the findings say are broken, then the classification rows above them up to the department row.
  const totals: ChainTotal[] = [];
  const seen = new Set<string>();
  const push = (t: ChainTotal | undefined) => {
    if (!t) return;
    const k = t.span ? spanKey(t.span) : t.label.zh;
    if (seen.has(k)) return;
    seen.add(k);
    totals.push(t);
  };
  // each broken total, then the rows above it that break once it is corrected
  for (const d of g) {
    push(totalOf(d));
    for (const t of ancestorsOf([d], view, diff)) push(t);
  }
  // A total moves the way the change went; a figure that would have to move back is itself a
  // changed figure (a doubled figure compared with a sum that is not yet raised): name it among
  // the changed parts, never as a total to change back (that hint undid the user's raise).
  const up = totals.filter((t) => cmp(dec(t.to.replace(/,/g, '')), dec(t.raw)) > 0).length;
  const down = totals.length - up;
  if (up !== down) {
    const way = up > down ? 1 : -1;
    for (let i = totals.length - 1; i >= 0; i--) {
      const t = totals[i];
      if (cmp(dec(t.to.replace(/,/g, '')), dec(t.raw)) !== way) {
        totals.splice(i, 1);
        if (t.span && !parts.some((p) => spanKey(p.span) === spanKey(t.span!))) parts.unshift({ span: t.span, label: t.label, value: t.raw });
      }
    }
  }
  const facts = g.flatMap((d) => (FIGURE_FACTS.get(d) ?? []).flat());
  const tables = [...new Set([...g.flatMap((d) => d.feeds ?? []), ...feedsOf(facts)])];

  const d = format(abs(diff));
  const by = format(diff).startsWith('-') ? format(diff) : `+${format(diff)}`;
  const chainZh = totals.map((t) => t.label.zh).join(' → ');
  const chainEn = totals.map((t) => t.label.en).join(' → ');
  const toZh = totals.map((t) => `${t.label.zh} ${t.is} → ${t.to}`).join('；');
  const toEn = totals.map((t) => `${t.label.en} ${t.is} → ${t.to}`).join('; ');
  const leafZh = parts.length ? parts.map((p) => `${p.label.zh} ${format(dec(p.value))}`).join('、') : '组成项';
  const leafEn = parts.length ? parts.map((p) => `${p.label.en} ${format(dec(p.value))}`).join(', ') : 'the parts';
  const message: Localized = {
    zh: `一处改动（相差 ${d} ${unit.zh}）使 ${totals.length} 处合计不再相符：${chainZh}${tables.length ? `（见${tables.join('、')}）` : ''}`,
    en: `One change (a difference of ${amountEn(abs(diff), unit)}) breaks ${totals.length} totals along one chain: ${chainEn}${tables.length ? ` (in ${tables.join(', ')})` : ''}`,
  };
  const help: Localized = {
    zh: `两个方向任选其一：若改动是有意的，把这些合计改为组成项之和（${toZh}；budget fix 会改写所有可由组成项算出的合计）；若不是，把改动的组成项（${leafZh}）各改 ${by} ${unit.zh}，恢复原数。`,
    en: `Either direction: if the change is intended, change these totals to their parts' sum (${toEn}; budget fix rewrites every total derivable from its parts); if not, change the changed parts (${leafEn}) each by ${by.startsWith('-') ? '-' : '+'}${amountEn(abs(diff), unit)} to undo it.`,
  };
  const related: Related[] = [];
  const relSeen = new Set<string>();
  const span = leaf?.span ?? first.span!;
  relSeen.add(spanKey(span));
  for (const x of g)
    for (const r of [{ span: x.span!, label: x.message }, ...x.related]) {
      const k = spanKey(r.span);
      if (relSeen.has(k)) continue;
      relSeen.add(k);
      related.push(r.span === x.span ? { span: r.span, label: labelAt(x) } : r);
    }
  return {
    severity: 'error',
    rule: first.rule,
    message,
    span,
    label: leaf ? { zh: `改动 ${by}`, en: `changed by ${by}` } : first.label,
    related,
    figures: g.flatMap((x) => x.figures).filter((f, i, all) => !f.span || all.findIndex((o) => o.span && spanKey(o.span) === spanKey(f.span!)) === i),
    difference: first.difference,
    feeds: tables,
    help,
  };
}

/** A folded finding's own total, as a related span's label. */
function labelAt(d: Diagnostic): Localized {
  const t = totalOf(d);
  return t ? { zh: `${t.label.zh} ${t.is}，应为 ${t.to}`, en: `${t.label.en} ${t.is}, should be ${t.to}` } : d.label ?? d.message;
}

/**
 * The classification rows above the broken cells, up to the department row: the findings name the
 * lowest total that no longer holds; the ones above it break as soon as that one is corrected,
 * which is what made one raise take five rounds of checking.
 */
function ancestorsOf(g: readonly Diagnostic[], view: BudgetView, diff: Dec): ChainTotal[] {
  const out: ChainTotal[] = [];
  // Only the classification's own sums say which way the difference runs (parent − children).
  const facts = g.filter((d) => d.rule === 'sum/class-children').flatMap((d) => (FIGURE_FACTS.get(d) ?? []).flat());
  for (const cls of ['functional', 'economic'] as const) {
    const tree = view[cls];
    const parentOf = new Map<ClassNode, ClassNode>();
    for (const n of walk(tree)) for (const c of n.children) parentOf.set(c, n);
    const byCode = new Map(walk(tree).map((n) => [n.root ? '' : n.row.code.text, n]));
    // The highest broken cells named by the findings, by column.
    for (const f of facts) {
      const m = new RegExp(`^${cls}(?:\\[([^\\]]*)\\]|\\.total)\\.(total|basic|project)$`).exec(f);
      if (!m) continue;
      let n = byCode.get(m[1] ?? '');
      const col: Column = { id: m[2], get: (r) => r[m[2] as 'total' | 'basic' | 'project'], leafParts: undefined };
      for (n = n && parentOf.get(n); n; n = parentOf.get(n)) {
        const fig = col.get(n.row);
        if (!fig?.span) continue; // a computed total follows its parts by itself
        const label = cellLabel(n, col, view.b.department.name.text);
        // a parent that already agrees with the sum the raise leads to is not part of the chain
        out.push({ label, span: fig.span, is: format(fig.value), to: format(sub(fig.value, diff)), raw: toPlain(fig.value) });
      }
    }
  }
  return out;
}
