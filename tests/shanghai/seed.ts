/**
 * The Shanghai district reference (seeds/shanghai-putuo-wenlvju-2026.txt, the text layer of the
 * published PDF) cut into what the tests compare: each table's rows as the extractor flattens them
 * (cell texts joined by a space, empty cells gone) and the narrative's 万元 amounts in order. Reads
 * only the seed, never the data or the model.
 */
import { readFileSync } from 'node:fs';

export const SEED_FILE = 'seeds/shanghai-putuo-wenlvju-2026.txt';

const text = readFileSync(SEED_FILE, 'utf8');

/** Page number → its lines (the seed marks the PDF's pages). */
export const PAGES: ReadonlyMap<number, string[]> = (() => {
  const out = new Map<number, string[]>();
  let cur = 0;
  for (const line of text.split('\n')) {
    const m = /^=== page (\d+) ===$/.exec(line);
    if (m) out.set((cur = Number(m[1])), []);
    else if (cur) out.get(cur)!.push(line);
  }
  return out;
})();

/** The pages each of the nine tables is printed on, in print order. */
export const TABLE_PAGES: readonly (readonly number[])[] = [[9], [10, 11, 12], [13, 14, 15], [16], [17, 18, 19], [20], [21], [22, 23, 24], [25]];

/** Header lines of the tables (repeated on continuation pages), the title and 编制部门 line, notes. */
const HEADER =
  /^(\d{4}年部门|编制部门|项目 |项目$|本年收入|财政拨款收入 财政拨款支出|功能分类科目|事业单位$|经营收入$|类 款|部门预算经济分类科目|编码$|经济分类科目名称|注:|“三公”经费预算数|机关运行经费预算|公务用车购置及运行费|数$|合计 因公出国|小计 购置费)/;

/** A table's body rows as the seed prints them, whitespace normalised. */
export function seedRows(table: number): string[] {
  return TABLE_PAGES[table]!.flatMap((p) => PAGES.get(p)!)
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter((l) => l !== '' && !HEADER.test(l));
}

/** The note under a table, if any. */
export function seedNote(table: number): string | undefined {
  return TABLE_PAGES[table]!.flatMap((p) => PAGES.get(p)!).find((l) => l.startsWith('注:'));
}

/** The lines of the narrative pages joined (the extractor wraps lines at the page width). */
export function narrativeText(pages: readonly number[]): string {
  return pages.map((p) => PAGES.get(p)!.join('')).join('');
}

/** Every amount followed by 万元 in the text, thousands separators removed: "27807.61", "0", "5000". */
export function wanAmounts(s: string): string[] {
  return [...s.matchAll(/([0-9][0-9,]*(?:\.[0-9]+)?)\s*万\s*元/g)].map((m) => m[1]!.replace(/,/g, ''));
}

/** The narrative pages: 编制说明 (7–8) and 其他相关情况说明 and the project statement (26–27). */
export const NARRATIVE_PAGES = [7, 8, 26, 27] as const;
