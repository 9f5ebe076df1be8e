import { loose } from './grid.js';
import type { Grid } from './grid.js';

/**
 * The narrative's free text read back from the workbook's narrative sheet (文字部分), by the
 * profile's own templates: a template line that prints a text of the data (`主要包括：{{
 * summary.personnel.includes }}`) and holds no Liquid tag becomes a pattern — its literal text as
 * written, the data's text captured, every other value (names, years, figures) a wildcard — and
 * the one narrative line it matches gives the text. A `for` loop over a list of texts (部门职责)
 * whose body is one such line gives the run of consecutive lines it matches. Anything less certain
 * (lines with conditions, several matches) is left to the existing data or the to-do list.
 */

export interface TemplateText {
  readonly name: string;
  readonly text: string;
}

/** Template variables that print a text of the source, by their source path. */
const TEXTS: Readonly<Record<string, string>> = {
  goals: 'department.goals',
  'prose.change_reason': 'prose.change_reason',
  'prose.running_cost_note': 'prose.running_cost_note',
  'summary.personnel.includes': 'summary.personnel.includes',
  'summary.public.includes': 'summary.public.includes',
  'summary.household.includes': 'summary.household.includes',
  'assets.as_of': 'assets.as_of',
};
/** Template variables that print a count of the source. */
const COUNTS: Readonly<Record<string, string>> = {
  'assets.vehicles': 'assets.vehicles',
  'assets.general_equipment': 'assets.general_equipment',
  'assets.special_equipment': 'assets.special_equipment',
};
/** Lists of texts a template loops over. */
const LISTS: Readonly<Record<string, string>> = { duties: 'department.duties', 'prose.other_notes': 'prose.other_notes' };

export interface NarrativeFacts {
  readonly texts: Map<string, string>;
  readonly counts: Map<string, string>;
  readonly lists: Map<string, string[]>;
}

interface Pattern {
  readonly re: RegExp;
  /** Capture group → source path. */
  readonly groups: readonly { readonly path: string; readonly count: boolean }[];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
}

/** A template line as a pattern over a narrative line; undefined when it prints no text of the source. */
function pattern(line: string, loopVar?: string): Pattern | undefined {
  const groups: { path: string; count: boolean }[] = [];
  let src = '';
  for (const part of line.split(/(\{\{[^}]*\}\})/)) {
    const m = /^\{\{-?\s*([^|}]+?)\s*(?:\|[^}]*)?-?\}\}$/.exec(part);
    if (!m) {
      src += escape(part);
      continue;
    }
    const name = m[1].trim();
    if (loopVar !== undefined && name === loopVar) {
      groups.push({ path: '', count: false });
      src += '(.+?)';
    } else if (TEXTS[name]) {
      groups.push({ path: TEXTS[name], count: false });
      src += '(.*?)';
    } else if (COUNTS[name]) {
      groups.push({ path: COUNTS[name], count: true });
      src += '(\\d+)';
    } else src += '.*?';
  }
  if (!groups.length) return undefined;
  return { re: new RegExp(`^\\s*${src}\\s*$`), groups };
}

export function readNarrative(templates: readonly TemplateText[], sheet: Grid | undefined): NarrativeFacts {
  const facts: NarrativeFacts = { texts: new Map(), counts: new Map(), lists: new Map() };
  if (!sheet) return facts;
  const lines = sheet.rows.map((r) => sheet.text(r, 0).replace(/^[\s\u3000]+/, '')).filter((t) => t !== '');
  const seen = new Map<string, string | null>();
  const note = (path: string, value: string, count: boolean) => {
    const had = seen.get(path);
    if (had === undefined) seen.set(path, value);
    else if (had !== value) seen.set(path, null); // two lines disagree: not certain
    void count;
  };
  for (const t of templates) {
    const tl = t.text.split(/\r?\n/);
    for (let i = 0; i < tl.length; i++) {
      const line = tl[i];
      const loop = /^\s*\{%-?\s*for\s+(\w+)\s+in\s+([\w.]+)\s*-?%\}\s*$/.exec(line);
      if (loop && LISTS[loop[2]] && tl[i + 2] !== undefined && /^\s*\{%-?\s*endfor\s*-?%\}\s*$/.test(tl[i + 2]) && !tl[i + 1].includes('{%')) {
        const p = pattern(tl[i + 1], loop[1]);
        if (p && p.groups.length === 1) {
          const start = lines.findIndex((l) => p.re.test(l));
          const run: string[] = [];
          for (let k = start; k >= 0 && k < lines.length; k++) {
            const m = p.re.exec(lines[k]);
            if (!m) break;
            run.push(m[1].trim());
          }
          if (run.length && !facts.lists.has(LISTS[loop[2]])) facts.lists.set(LISTS[loop[2]], run);
        }
        i += 2;
        continue;
      }
      if (line.includes('{%') || /^\s*#/.test(line)) continue;
      const p = pattern(line);
      if (!p) continue;
      const matches = lines.map((l) => p.re.exec(l)).filter((m): m is RegExpExecArray => m !== null);
      if (matches.length !== 1) continue;
      p.groups.forEach((g, k) => note(g.path, matches[0][k + 1].trim(), g.count));
    }
  }
  for (const [path, v] of seen) {
    if (v === null || v === '') continue;
    if (Object.values(COUNTS).includes(path)) facts.counts.set(path, v);
    else facts.texts.set(path, v);
  }
  return facts;
}

/** The narrative sheet: named as the profile's label, spaces ignored. */
export function narrativeSheet(grids: readonly Grid[], label: string): Grid | undefined {
  return grids.find((g) => loose(g.name) === loose(label));
}
