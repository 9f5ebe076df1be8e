import type { z } from 'zod';
import { KEY_ZH, SourceSchema } from '../schema/index.js';
import type { InitFile } from './init.js';

/**
 * `budget init <year> --new`: a brand-new department with no earlier year gets a skeleton of every
 * file, with every key of the format (walked from the zod schemas, so it cannot drift from them),
 * each with its Chinese name as a comment and "可选" where it may be left out. Values are empty
 * (the first `budget check` lists them as the to-do list), except the year itself, the year before
 * it and the unit. A list holds one item to copy. Sections are spread over files as the reference
 * data does (docs/format.md, "Files and sections").
 */

export const SKELETON_FILES: readonly (readonly [string, readonly string[]])[] = [
  ['department.yaml', ['department', 'prose', 'prior_year', 'comparison']],
  ['income.yaml', ['income', 'expenditure']],
  ['functional.yaml', ['functional']],
  ['economic.yaml', ['economic', 'summary']],
  ['projects.yaml', ['projects']],
  ['other.yaml', ['procurement', 'three_public', 'running_cost', 'running_cost_unit', 'performance_targets', 'assets']],
  ['performance.yaml', ['performance']],
];

type Any = z.core.$ZodType;
interface Def {
  type: string;
  innerType?: Any;
  shape?: Record<string, Any>;
  element?: Any;
  entries?: Record<string, string>;
  options?: Any[];
}
const defOf = (s: Any) => s._zod.def as unknown as Def;

function unwrap(s: Any): { s: Any; optional: boolean } {
  let optional = false;
  let d = defOf(s);
  while ((d.type === 'optional' || d.type === 'default' || d.type === 'nullable') && d.innerType) {
    optional = true;
    s = d.innerType;
    d = defOf(s);
  }
  return { s, optional };
}

function note(key: string, optional: boolean, s: Any): string {
  const d = defOf(s);
  const parts: string[] = [];
  const zh = KEY_ZH[key];
  if (zh) parts.push(zh);
  if (d.type === 'enum' && d.entries) parts.push(`取值：${Object.values(d.entries).join(' / ')}`);
  if (d.type === 'literal') parts.push('取值：true');
  if (optional) parts.push('可选');
  return parts.length ? ` # ${parts.join('；')}` : '';
}

/** Lines of YAML for `key: <schema>` at `indent`. */
function emit(key: string, schema: Any, indent: string, values: ReadonlyMap<string, string>, path: string): string[] {
  const { s, optional } = unwrap(schema);
  const d = defOf(s);
  const here = path ? `${path}.${key}` : key;
  const c = note(key, optional, s);
  if (d.type === 'object' && d.shape) {
    return [`${indent}${key}:${c}`, ...Object.entries(d.shape).flatMap(([k, v]) => emit(k, v, indent + '  ', values, here))];
  }
  if (d.type === 'array' && d.element) {
    const el = unwrap(d.element).s;
    const ed = defOf(el);
    if (ed.type === 'object' && ed.shape) {
      const inner = Object.entries(ed.shape).flatMap(([k, v]) => emit(k, v, indent + '    ', values, here + '[]'));
      // The first key of the item goes on the "- " line.
      const first = inner[0].slice(indent.length + 4);
      return [`${indent}${key}:${c}`, `${indent}  - ${first}`, ...inner.slice(1)];
    }
    return [`${indent}${key}:${c}`, `${indent}  -`];
  }
  if (d.type === 'record') return [];
  // A flag (ref.basic: true) excludes its sibling: shown as a commented line to uncomment.
  if (d.type === 'literal') return [`${indent}# ${key}: true${c.replace(' # ', ' — ')}`];
  // A choice starts at its first value (the comment lists the others): empty would not be one.
  const v = values.get(here) ?? (d.type === 'enum' && d.entries ? Object.values(d.entries)[0] : undefined);
  return [`${indent}${key}:${v !== undefined ? ' ' + v : ''}${c}`];
}

export function skeletonFiles(year: number): InitFile[] {
  const values = new Map([
    ['department.year', String(year)],
    ['department.unit', '万元'],
    ['prior_year.year', String(year - 1)],
  ]);
  const shape = SourceSchema.shape as unknown as Record<string, Any>;
  const header =
    `# budget init ${year} --new：新部门的骨架，列出格式的每一个键（docs/format.md）；标“可选”的可以删去。\n` +
    `# 填写每个空值后运行 budget check（它先列出还要填写的内容）。\n` +
    `# budget init ${year} --new: a skeleton with every key of the format; keys marked 可选 (optional) may be deleted.\n`;
  return SKELETON_FILES.map(([name, sections]) => ({
    name,
    text: header + '\n' + sections.map((k) => emit(k, shape[k], '', values, '').join('\n') + '\n').join('\n'),
  }));
}
