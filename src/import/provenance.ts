import { pathKey, type OriginEntry, type Step } from '../origins/index.js';
import { Amount, type Obj, type Val } from './assemble.js';

/**
 * Every figure of the sections that was read from one workbook cell, by the path `budget check`
 * finds it at again (src/origins): list items named by code, else name, so the record survives the
 * officer editing the YAML. `fileOf` says which file holds a section; `sheetName` how the record
 * names a sheet (a CSV table by its file name). A path two figures would share (two rows with one
 * code, which the check refuses anyway) is left out rather than given one of the two cells.
 */
export function figureOrigins(sections: Obj, fileOf: (section: string) => string, sheetName: (sheet: string) => string): OriginEntry[] {
  const out = new Map<string, OriginEntry | undefined>();
  const walk = (v: Val, steps: Step[], file: string) => {
    if (v instanceof Amount) {
      if (!v.cell) return;
      const path = pathKey(steps);
      out.set(path, out.has(path) ? undefined : { file, path, value: v.cell.value, sheet: sheetName(v.cell.sheet), cell: v.cell.cell });
      return;
    }
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...steps, itemStep(x, i)], file));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...steps, { key: k }], file);
  };
  for (const [name, v] of Object.entries(sections)) walk(v, [{ key: name }], fileOf(name));
  return [...out.values()].filter((e): e is OriginEntry => e !== undefined);
}

/** A list item as the path names it: by its code, else its name (the check's rule: src/origins). */
function itemStep(v: Val, index: number): Step {
  if (!v || typeof v !== 'object' || Array.isArray(v) || v instanceof Amount) return { index };
  const text = (x: Val | undefined) => (x instanceof Amount ? x.toString() : typeof x === 'string' && x !== '' ? x : undefined);
  const code = text(v.code);
  return code !== undefined ? { code, index } : { name: text(v.name), index };
}
