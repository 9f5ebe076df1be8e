import { describe, expect, test } from 'vitest';
import { budgetToDocument } from '../../src/document/index.js';
import { amountDecimals, buildContext } from '../../src/document/narrative/context.js';
import type { Document } from '../../src/document/index.js';
import type { Budget, Fig } from '../../src/model/index.js';
import { dec } from '../../src/money/decimal.js';
import { loadBudget, loadProfile, loadTemplates } from './load.js';
const profile = loadProfile();

/**
 * The narrative of a department kept in 元 with two decimals (fixtures/synthetic-yuan-2024): its
 * figures print with two decimals, its counts (people, vehicles, equipment) as whole numbers.
 */
const templates = loadTemplates();
const narrative = (dir: string): string[] => {
  const doc = budgetToDocument(loadBudget(dir), profile, templates).doc as Document;
  return doc.sections[0].blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.kind === 'list' ? [...b.items] : []));
};
const yuan = narrative('fixtures/synthetic-yuan-2024');

describe('counts print as whole numbers in a 元 document', () => {
  test('Part 1: staffing of the department and of each unit (department.yaml)', () => {
    expect(yuan).toContain(
      '示例区城市更新服务中心包括示例区城市更新服务中心、示例区社区环境事务所共 2 家基层单位。' +
        '行政编制总数 5 人，实有在编人数 4 人；事业编制总数 28 人，实有在编人数 25 人；离休 1 人，退休 5 人。',
    );
    expect(yuan).toContain(
      '示例区城市更新服务中心下设综合部、项目部、技术部，共 3 个部门。' +
        '行政编制数 5 人，实有在编人数 4 人；事业编制数 20 人，实有在编人数 18 人；离休 0 人，退休 3 人。',
    );
    expect(yuan).toContain(
      '示例区社区环境事务所下设事务部，共 1 个部门。' +
        '行政编制数 0 人，实有在编人数 0 人；事业编制数 8 人，实有在编人数 7 人；离休 1 人，退休 2 人。',
    );
  });

  test('Part 8: assets held and planned (other.yaml)', () => {
    expect(yuan).toContain(
      '截至 2023 年 10 月，示例区城市更新服务中心共有车辆 2 辆；单价 50 万元以上通用设备 3 台（套），单价 100 万元以上专用设备 1 台（套）。',
    );
    expect(yuan).toContain('2024 年计划新增车辆 0 辆；新增单价 50 万元以上通用设备 1 台（套）；新增单价 100 万元以上专用设备 0 台（套）。');
  });
});

describe('no change from a non-zero base is worded 持平 (hand-built variations of data/2023)', () => {
  const reference = loadBudget('data/2023');
  const fig = (s: string): Fig => ({ value: dec(s) });
  const text = (b: Budget) => (budgetToDocument(b, profile, templates).doc as Document).sections[0].blocks.flatMap((x) => (x.kind === 'paragraph' ? [x.text] : []));

  test('Part 2: income and expenditure equal to the prior year’s', () => {
    // data/2023: income and expenditure 5,158 万元; the prior year set to the same figures.
    const b: Budget = { ...reference, prior: { ...reference.prior, income_total: fig('5158'), expenditure_total: fig('5158') } };
    const part2 = text(b).find((p) => p.includes('部门预算收入'))!;
    expect(part2).toBe('2023 年深圳市福田区数据管理中心部门预算收入 5,158 万元，与 2022 年持平。2023 年部门预算支出 5,158 万元，与 2022 年持平。');
    expect(part2).not.toContain('增加 0');
    expect(text(b)).toContain(`预算收支持平主要原因：${reference.prose.change_reason.text}`);
  });

  test('Parts 5 and 8: 三公 figures and 机关运行经费 equal to the prior year’s', () => {
    const tp = { total: fig('16'), abroad: fig('0'), reception: fig('2'), vehicles: fig('14'), vehicle_purchase: fig('4'), vehicle_running: fig('10') };
    const b: Budget = {
      ...reference,
      three_public: { ...reference.three_public, this_year: tp, last_year: tp },
      running_cost: fig('35'),
      prior: { ...reference.prior, running_cost: fig('35') },
    };
    const all = text(b).join('\n');
    expect(all).toContain('2023 年“三公”经费预算 16 万元，与 2022 年预算持平。');
    expect(all).toContain('2.公务接待费。2023 年预算数 2 万元，与 2022 年持平。');
    expect(all).toContain('公务用车购置费 2023 年预算数 4 万元，与 2022 年预算数持平。公务用车运行维护费 2023 年预算数 10 万元，与 2022 年预算数持平。');
    expect(all).toContain('机关运行经费财政拨款预算 35 万元，与 2022 年预算持平。');
    expect(all).not.toMatch(/增加 0 万元|增长 0%/);
  });

  test('a zero base stays 不可比 (as the reference document words 0 against 0)', () => {
    expect(text(reference).join('\n')).toContain('比 2022 年预算 0 万元，增长--（去年基数为 0，不可比）');
  });
});

describe('Part 6’s project total', () => {
  test('a 元 document keeps the thousands separators of an amount with decimals', () => {
    // economic.yaml: project expenditure 1,305,000.90 元.
    const part6 = yuan.find((p) => p.includes('涉及预算资金'))!;
    expect(part6).toContain('涉及预算资金 1,305,000.90 元，设置并编报');
  });
  test('whole 万元 take thousands separators like every other amount (issue 13 point 8: the published 4164 万元 was a slip)', () => {
    expect(narrative('data/2023').find((p) => p.includes('涉及预算资金'))).toContain('涉及预算资金 4,164 万元，');
  });
});

describe("the narrative's view of the functional rows", () => {
  // buildContext makes the rows' views when a template first reads them: a layout whose templates
  // list no rows (the default) makes none for a department of 10,000 rows.
  const b = loadBudget('fixtures/reference-shanghai-2026');
  const rows = b.functional.rows;

  test('each row with the names of its 类 and 款; the leaves are the rows with no deeper row after them', () => {
    const ctx = buildContext(b, amountDecimals(b));
    const views = ctx.functional_rows as { code: string; name: string; level: number; parents: string[] }[];
    expect(views.map((v) => v.code)).toEqual(rows.map((r) => r.code.text));
    for (const [i, r] of rows.entries()) {
      // the nearest row before it one level up, and that row's own parents (independently of the view)
      const up = rows.slice(0, i).reverse().find((x) => x.level === r.level - 1);
      const expected = r.level === 1 ? [] : [...(views[rows.indexOf(up!)].parents), up!.name.text];
      expect(views[i].parents, r.code.text).toEqual(expected);
    }
    const leaves = ctx.functional_leaves as { code: string }[];
    const leafCodes = rows.filter((r) => !rows.some((x) => x.code.text !== r.code.text && x.code.text.startsWith(r.code.text))).map((r) => r.code.text);
    expect(leaves.map((v) => v.code)).toEqual(leafCodes);
    expect(leafCodes.length).toBeGreaterThan(0);
    expect(leafCodes.length).toBeLessThan(rows.length);
  });

  test('made when read, not when the context is built', () => {
    let reads = 0;
    const counted = new Proxy(rows, {
      get(t, k, r) {
        if (typeof k === 'string' && /^\d+$/.test(k)) reads++;
        return Reflect.get(t, k, r);
      },
    });
    const ctx = buildContext({ ...b, functional: { ...b.functional, rows: counted } }, amountDecimals(b));
    expect(reads).toBe(0);
    const first = ctx.functional_leaves;
    expect(reads).toBeGreaterThan(0);
    expect(ctx.functional_leaves).toBe(first);
  });
});
