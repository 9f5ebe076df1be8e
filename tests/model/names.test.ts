import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERAL_KINDS, SOURCES } from '../../src/model/budget.js';
import { GENERAL_KIND_NAMES, GOVERNMENT_NAME, SOURCE_NAMES, THREE_PUBLIC_NAMES, UNIT_FUNDS_NAME, sourceHeading, threePublicHeading } from '../../src/schema/vocabulary.js';
import { catalog } from '../../src/cli/rules.js';

const ROOT = join(__dirname, '../..');
/** The folders that take the names from src/schema/vocabulary.ts (the others' folders are reported, not edited). */
const USERS = ['src/schema', 'src/check', 'src/model', 'src/cli', 'src/diagnostics', 'src/source', 'src/world', 'src/document', 'src/years'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** As the published tables print them (seed: Tables 1, 2, 4, 5 and 9). */
const PUBLISHED = {
  sources: ['一般公共预算拨款', '政府性基金预算拨款', '国有资本经营预算拨款', '财政专户管理资金', '事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入', '上年结余、结转'],
  kinds: ['基本支出拨款', '履职类项目拨款', '财政专项资金拨款', '政府投资项目拨款'],
  threePublic: ['因公出国（境）费', '公务接待费', '公务用车购置及运行维护费', '公务用车购置费', '公务用车运行维护费'],
  /** Table 9's own header row (seed: “预算单位 年度 总计 因公出国(境)费 公务接待费 …”): half-width brackets. */
  table9: ['因公出国(境)费', '公务接待费', '公务用车购置及运行维护费', '公务用车购置费', '公务用车运行维护费'],
};

describe('the names catalogue (src/schema/vocabulary.ts)', () => {
  it('names every funding source, kind of general appropriation and 三公 line, as the tables head them', () => {
    expect(SOURCES.map(sourceHeading)).toEqual(PUBLISHED.sources);
    expect(GENERAL_KINDS.map((k) => GENERAL_KIND_NAMES[k].zh)).toEqual(PUBLISHED.kinds);
    const tp = THREE_PUBLIC_NAMES;
    expect([tp.abroad, tp.reception, tp.vehicles, tp.vehicle_purchase, tp.vehicle_running].map((n) => n.zh)).toEqual(PUBLISHED.threePublic);
    for (const s of SOURCES) expect(SOURCE_NAMES[s].en.trim()).not.toBe('');
  });

  it('has Table 9’s variant of the 三公 names, as the published table prints them', () => {
    const keys = ['abroad', 'reception', 'vehicles', 'vehicle_purchase', 'vehicle_running'] as const;
    expect(keys.map(threePublicHeading)).toEqual(PUBLISHED.table9);
  });

  it('is the only definition: no other file in the folders that use it spells one of its names as a literal', () => {
    const names = [
      ...Object.values(SOURCE_NAMES),
      ...Object.values(GENERAL_KIND_NAMES),
      ...Object.values(THREE_PUBLIC_NAMES),
      UNIT_FUNDS_NAME,
      GOVERNMENT_NAME,
    ].map((n) => n.zh);
    const found: string[] = [];
    for (const f of USERS.flatMap((d) => files(join(ROOT, d)))) {
      if (f.endsWith(join('schema', 'vocabulary.ts'))) continue;
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        for (const n of names) if (new RegExp(`(['"\`])${n}\\1`).test(line)) found.push(`${relative(ROOT, f)}:${i + 1}: ${n}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('feeds the rules’ explanations: sum/income spells the split with the catalogue’s names', () => {
    const doc = catalog().rules.find((r) => r.id === 'sum/income')!;
    expect(doc.explain.zh).toContain(`${SOURCE_NAMES.general.zh} = ${PUBLISHED.kinds.join(' + ')}`);
    const src = catalog().rules.find((r) => r.id === 'shape/unknown-source')!;
    for (const s of SOURCES) expect(src.explain.zh).toContain(`${s}（${SOURCE_NAMES[s].zh}）`);
  });
});
