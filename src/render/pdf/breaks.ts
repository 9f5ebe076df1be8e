/**
 * The keep-together breaks (definition.ts `pageBreakBefore`) decided before the full layout.
 *
 * pdfmake applies a `pageBreakBefore` callback by laying the whole document out, stopping at the
 * first node the callback moves, setting `pageBreak: 'before'` on it and laying the whole document
 * out again, once per break (LayoutBuilder.layoutDocument). A 30-page report with two headings that
 * would end a page is laid out three times, and the narrative that holds them is a few pages of it.
 *
 * A part that starts with a forced page break lays out the same whatever precedes it: it starts
 * at the top of a fresh page of its own orientation, and no node before it shares a page with it
 * (the footer, which holds the page number, is drawn in the margin after the content and moves
 * nothing). So the rule's decisions in such a part depend on that part alone. `settleBreaks`
 * lays out, in a document of their own that is never drawn, only the parts that hold a node the
 * rule could move, asks the rule about them with pdfmake's own positions, and copies each part's
 * first break onto the definition; then it lays out again only what follows each new break (which
 * now starts a page too), until no part has a break left. The full document is then laid out once:
 * its `pageBreakBefore` still runs, finds nothing to move, and would fix anything this missed
 * (correct, only slower). A break is set only where pdfmake's own loop would set it, on the same
 * node: the survey lays the nodes out exactly as the full document does, and each part's first
 * break is the one pdfmake's loop would find first in it (the earlier nodes of the part keep
 * their places whatever follows; the loop never reconsiders a node it let stay).
 */
type Node = Record<string, unknown>;
type Rule = (node: Record<string, unknown>, nodes: unknown) => boolean;

/** The slice of pdfmake the survey uses: its public document API. */
interface Layouter {
  createPdf(definition: object): { getStream(): Promise<unknown> };
}

/** A node the rule may move, in the original definition. */
interface Candidate {
  readonly part: number;
  readonly node: Node;
  /** Index in the content of the top-level node it is or is inside. */
  readonly top: number;
}

/** The survey marks candidates with ids of this form (its own document only). */
const MARK = '\u0000survey-';

/** A node the rule looks at: a heading, or a table that may move by its `keepTop`. */
function isCandidate(node: Node): boolean {
  if (node.headlineLevel !== undefined) return true;
  const table = node.table as Record<string, unknown> | undefined;
  return table !== undefined && table !== null && typeof table === 'object' && table.keepTop !== undefined;
}

const isPlainObject = (v: unknown): v is Node =>
  typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/**
 * A deep copy of a node (pdfmake writes its working state into the nodes it lays out; the
 * definition must reach the full layout untouched), with each candidate marked by an id.
 */
function copy(value: unknown, mark: (node: Node) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => copy(v, mark));
  if (!isPlainObject(value)) return value;
  const out: Node = {};
  for (const k of Object.keys(value)) out[k] = copy(value[k], mark);
  const id = mark(value);
  if (id !== undefined) out.id = id;
  return out;
}

/**
 * Whether a node or anything in it is a candidate. A node's `text` holds inlines, which pdfmake
 * never asks the rule about (its list of nodes is of the nodes it lays out, LayoutBuilder
 * `linearNodeList`), so it is not searched: after lines.ts a document's texts are most of its
 * objects.
 */
function holds(value: unknown, found: (node: Node) => boolean): boolean {
  if (Array.isArray(value)) {
    for (const v of value) if (holds(v, found)) return true;
    return false;
  }
  if (!isPlainObject(value)) return false;
  if (found(value)) return true;
  for (const k in value) if (k !== 'text' && holds(value[k], found)) return true;
  return false;
}

/** The content split where a page break is forced: each part's first index. */
function partStarts(content: readonly Node[]): number[] {
  const starts = [0];
  for (let i = 1; i < content.length; i++) if (content[i].pageBreak === 'before') starts.push(i);
  return starts;
}

/**
 * Where the survey of a part can stop (exclusive), or undefined when the rule could move nothing
 * in it: nothing but the headings that open it (they start a page, above what they introduce;
 * should the rule move one anyway, the full layout's `pageBreakBefore` still does). pdfmake lays
 * nodes out in order, so what follows a node never moves it, and the rule asks about a heading's
 * first following node that is not a heading, about a table only its own place: the survey stops
 * after the first top-level node past the last candidate that is not a heading (the glossary
 * that ends a narrative is not laid out three times).
 */
function surveyEnd(content: readonly Node[], from: number, to: number): number | undefined {
  let i = from;
  while (i < to && content[i].headlineLevel !== undefined) i++;
  let last = -1;
  for (; i < to; i++) if (holds(content[i], isCandidate)) last = i;
  if (last < 0) return undefined;
  let cut = last + 1;
  while (cut < to && content[cut].headlineLevel !== undefined) cut++;
  return Math.min(to, cut + 1);
}

/** What the survey document keeps of the full one: everything the body's layout depends on. */
const LAYOUT_KEYS = ['pageSize', 'pageOrientation', 'pageMargins', 'defaultStyle', 'styles', 'version'] as const;

/**
 * Sets `pageBreak: 'before'` on the definition's nodes that its `pageBreakBefore` would move (see
 * the file's comment). Returns the number of survey layouts it ran (0 when no part needs one).
 */
export async function settleBreaks(pm: Layouter, definition: Node): Promise<number> {
  const rule = definition.pageBreakBefore as Rule | undefined;
  const content = definition.content as Node[] | undefined;
  if (typeof rule !== 'function' || !Array.isArray(content)) return 0;
  const starts = partStarts(content);
  // Where each part's survey stops; undefined for the parts not surveyed.
  const ends = starts.map((from, p) => surveyEnd(content, from, starts[p + 1] ?? content.length));
  const end = (part: number): number => ends[part]!;
  // Each part still to survey, from the node it starts at (its first, or its latest break).
  let pending: { part: number; from: number }[] = [];
  for (let p = 0; p < starts.length; p++) if (ends[p] !== undefined) pending.push({ part: p, from: starts[p] });
  let layouts = 0;
  while (pending.length > 0) {
    const marked = new Map<string, Candidate>();
    const body: unknown[] = [];
    for (const { part, from } of pending) {
      const orientation = content[starts[part]].pageOrientation ?? 'portrait';
      for (let i = from; i < end(part); i++) {
        const node = copy(content[i], (n) => {
          if (!isCandidate(n)) return undefined;
          const id = `${MARK}${marked.size}`;
          marked.set(id, { part, node: n, top: i });
          return id;
        }) as Node;
        if (i === from) {
          node.pageBreak = 'before';
          node.pageOrientation = orientation;
        }
        body.push(node);
      }
    }
    const first = new Map<number, Candidate>();
    const survey: Node = {
      pageBreakBefore: (info: Record<string, unknown>, nodes: unknown): boolean => {
        const c = marked.get(info.id as string);
        if (c === undefined || first.has(c.part)) return false;
        // Answer "stay" to pdfmake so that it lays the survey out once; remember the part's first
        // move: what follows it in the part is laid out again from the new break.
        if (rule(info, nodes)) first.set(c.part, c);
        return false;
      },
      content: body,
      // Drawing is not what the survey is for: pdfmake draws the first page only (an empty one:
      // the first part starts with its page break), and the document is never finished.
      maxPagesNumber: 1,
      compress: false,
    };
    for (const k of LAYOUT_KEYS) if (definition[k] !== undefined) survey[k] = copy(definition[k], () => undefined);
    await pm.createPdf(survey).getStream();
    layouts++;
    pending = [];
    for (const c of [...first.values()].sort((a, b) => a.part - b.part)) {
      c.node.pageBreak = 'before';
      // A top-level node that now starts a page starts what is left to survey; a node inside one
      // (a table in a stack) has the whole part surveyed again, its break now in place.
      pending.push({ part: c.part, from: content[c.top] === c.node ? c.top : starts[c.part] });
    }
  }
  return layouts;
}
