import { describe, expect, test } from 'vitest';
import { budgetToDocument } from '../../src/document/index.js';
import type { Document, HeaderNode, NumberCell, Table } from '../../src/document/index.js';
import type { Budget, ClassRow, Fig } from '../../src/model/index.js';
import { dec, eq, sum } from '../../src/money/decimal.js';
import { loadBudget, loadProfile, loadTemplates } from './load.js';
const profile = loadProfile();

const budget = loadBudget('data/2023');
const templates = loadTemplates();
const build = (b: Budget = budget, opts = {}) => budgetToDocument(b, profile, templates, opts).doc as Document;
const doc = build();
const tablesOf = (d: Document) => d.sections.flatMap((s) => s.blocks).filter((b): b is Table => b.kind === 'table' && b.caption !== '');
const tables = tablesOf(doc);
const byCaption = (c: string, ts = tables) => ts.find((t) => t.caption === c)!;

const leaves = (ns: readonly HeaderNode[]): string[] => ns.flatMap((n) => (n.children ? leaves(n.children) : [n.label]));
const rowLabel = (t: Table, r: number) =>
  t.rows[r].cells
    .filter((c) => c && c.kind === 'text' && c.text !== '')
    .map((c) => c!.text)
    .slice(0, 2)
    .join(' ');

describe('table structure', () => {
  test('figure columns: Table 2 has 15, Table 4 has 12, Table 5 has 14 (the header trees the seed scrambles)', () => {
    const figures = (c: string) => byCaption(c).columns.filter((k) => k.kind === 'number').length;
    expect([figures('表2'), figures('表4'), figures('表5')]).toEqual([15, 12, 14]);
    expect(leaves(byCaption('表2').header)).toEqual([
      '预算单位', '收入总计', '小计', '基本支出拨款', '履职类项目拨款', '财政专项资金拨款', '政府投资项目拨款',
      '政府性基金预算拨款', '国有资本经营预算拨款', '财政专户管理资金',
      '事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入', '上年结余、结转',
    ]);
    expect(leaves(byCaption('表5').header)).toEqual([
      '支出项目类别', '2023 年预算总计', '小计', '履职类项目拨款', '财政专项资金拨款', '政府投资项目拨款',
      '政府性基金预算拨款', '国有资本经营预算拨款', '财政专户管理资金',
      '事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入', '上年结余、结转',
    ]);
    expect(byCaption('表1').header.map((h) => [h.label, h.children?.map((c) => c.label)])).toEqual([
      ['收 入', ['项 目', '2023 年预算数']],
      ['支 出', ['项 目', '2023 年预算数']],
    ]);
  });

  test('wide tables are landscape', () => {
    expect(tables.filter((t) => t.orientation === 'landscape').map((t) => t.caption)).toEqual(['表2', '表3', '表4', '表5', '表十二']); // 表3's nine columns too (issue 13)
  });

  test('every row covers every column exactly once (spans and null placeholders agree)', () => {
    for (const t of [...tables, ...doc.sections[0].blocks.filter((b): b is Table => b.kind === 'table')]) {
      const n = t.columns.length;
      if (t.header.length) expect(leaves(t.header).length, t.caption).toBe(n);
      const covered = t.rows.map(() => new Array<number>(n).fill(0));
      t.rows.forEach((row, r) => {
        expect(row.cells.length, `${t.caption} row ${r}`).toBe(n);
        row.cells.forEach((c, col) => {
          if (!c) return;
          for (let i = r; i < r + (c.rowSpan ?? 1); i++) for (let j = col; j < col + (c.colSpan ?? 1); j++) covered[i][j]++;
        });
      });
      t.rows.forEach((row, r) =>
        row.cells.forEach((c, col) => {
          expect(covered[r][col], `${t.caption} row ${r} col ${col}`).toBe(1);
        }),
      );
    }
  });

  test('Table 9 merges the department cell over its three rows; Table 12 merges repeated indicator levels', () => {
    const t9 = byCaption('表9');
    expect(t9.rows[0].cells[0]).toMatchObject({ text: '深圳市福田区数据管理中心', rowSpan: 3 });
    expect(t9.rows.map((r) => r.cells[1]?.text)).toEqual(['2022 年', '2023 年', '增减变化金额']);
    const t12 = byCaption('表十二');
    const level1 = t12.rows.flatMap((r) => (r.cells[1] && (r.cells[1].rowSpan ?? 1) > 1 ? [[r.cells[1].text, r.cells[1].rowSpan]] : []));
    // From the seed: 产出 has 12 数量 + 10 质量 + 6 时效 rows, 效益 11, 满意度 3; 年度主要任务 spans the task block.
    expect(level1).toEqual([
      ['任务名称', 2],
      ['产出', 28],
      ['效益', 11],
      ['满意度', 3],
    ]);
    const cost = t12.rows.find((r) => r.cells[1]?.text === '成本')!;
    expect(cost.cells[1]?.colSpan).toBe(2);
    expect(cost.cells[2]).toBeNull();
  });
});

describe('totals: sumOf and the rounding differences (尾数误差)', () => {
  const numberCells = (t: Table) =>
    t.rows.flatMap((row, r) => row.cells.flatMap((c, col) => (c && c.kind === 'number' ? [{ c: c as NumberCell, r, col }] : [])));

  test('every sumOf points at number cells, and partsSum is set exactly when the parts do not add up', () => {
    let links = 0;
    for (const t of tables) {
      for (const { c } of numberCells(t)) {
        if (!c.sumOf) continue;
        links++;
        const parts = c.sumOf.map((ref) => {
          const p = t.rows[ref.row].cells[ref.col];
          expect(p?.kind).toBe('number');
          return dec((p as NumberCell).value);
        });
        const s = sum(parts);
        if (eq(s, dec(c.value))) expect(c.partsSum).toBeUndefined();
        else {
          expect(eq(dec(c.partsSum!), s)).toBe(true);
          expect(c.note).toContain('尾数误差');
        }
      }
    }
    expect(links).toBeGreaterThan(150);
  });

  test('a total whose other parts differ by rounding says so in its note (201: 796 + 4,164 = 4,960)', () => {
    const t3 = byCaption('表3');
    const r201 = t3.rows.findIndex((r) => r.cells[1]?.text === '201');
    const c = t3.rows[r201].cells[3] as NumberCell;
    expect(c.partsSum).toBeUndefined(); // its 款 row 20103 adds up exactly: that is the formula
    expect(c.sumOf).toEqual([{ row: r201 + 1, col: 3 }]);
    expect(c.note).toBe('公布数 4,959 万元，基本支出 + 项目支出 4,960 万元，相差 1 万元（尾数误差）。');
    let unused = 0;
    for (const t of tables) for (const row of t.rows) for (const x of row.cells) if (x?.kind === 'number' && x.note && !x.partsSum) unused++;
    expect(unused).toBeGreaterThan(0);
  });

  test('the published totals that differ from their parts are exactly the seed’s rounding cases', () => {
    const found = tables.flatMap((t) =>
      numberCells(t)
        .filter(({ c }) => c.partsSum !== undefined)
        .map(({ c, r, col }) => `${t.caption} | ${rowLabel(t, r)} | ${leaves(t.header)[col]} | ${c.text} ≠ ${c.partsSum}`),
    );
    // Worked out by hand from the seed's figures. A total with an exact set of parts links to it
    // (201's 支出总计 = its 款 row, 4,959); these have none: 事业运行's 796 + 4,164 = 4,960 against
    // 4,959, the department's basic 994 against its 类 rows 796 + 99 + 15 + 85 = 995, and
    // 商品和服务支出's basic 27 against its items 8 + 1 + 4 + 4 + 8 + 1 + 2 = 28 and its project
    // 4,164 against 4 + 541 + 34 + 1 + 3,583 = 4,163.
    expect(found.sort()).toEqual(
      [
        '表3 | 深圳市福田区数据管理中心 | 基本支出 | 994 ≠ 995',
        '表3 | 2010350 事业运行 | 支出总计 | 4,959 ≠ 4960',
        '表7 | 深圳市福田区数据管理中心 | 基本支出 | 994 ≠ 995',
        '表7 | 2010350 事业运行 | 支出总计 | 4,959 ≠ 4960',
        '表4 | 商品和服务支出 | 一般公共预算拨款 | 27 ≠ 28',
        '表8 | 302 商品和服务支出 | 基本支出 | 27 ≠ 28',
        '表8 | 302 商品和服务支出 | 项目支出 | 4,164 ≠ 4163',
      ].sort(),
    );
  });

  test('Table 1 totals point at their parts', () => {
    const t1 = byCaption('表1');
    const at = (label: string) => t1.rows.findIndex((r) => r.cells[0]?.kind === 'text' && r.cells[0].text === label);
    const current = t1.rows[at('本年收入合计')].cells[1] as NumberCell;
    expect(current.sumOf).toEqual([0, 4, 5].map((row) => ({ row, col: 1 })));
    const total = t1.rows[at('收入总计')].cells[3] as NumberCell;
    expect(total.sumOf).toEqual([
      { row: at('本年收入合计'), col: 3 },
      { row: at('上年结余、结转'), col: 3 },
    ]);
  });
});

describe('other departments (hand-built variations of the reference year)', () => {
  const fig = (s: string): Fig => ({ value: dec(s) });

  test('amounts kept with two decimals print with two decimals everywhere', () => {
    const b: Budget = { ...budget, income: { ...budget.income, carryover: fig('0.00') } };
    const d = build(b);
    const t2 = byCaption('表2', tablesOf(d));
    expect(t2.rows[0].cells.slice(1, 4).map((c) => c?.text)).toEqual(['5,158.00', '5,158.00', '994.00']);
    const text = JSON.stringify(d.sections[0]);
    expect(text).toContain('部门预算收入 5,158.00 万元');
  });

  test('a 政府性基金 row appears in Table 10 (and Table 10 loses its note)', () => {
    const src = budget.functional.rows[0];
    const fundRow: ClassRow = {
      ...src,
      code: { text: '229' },
      name: { text: '其他支出' },
      level: 1,
      total: fig('30'),
      basic: fig('0'),
      project: fig('30'),
      by_source: { gov_fund: { basic: fig('0'), project: fig('30') } },
    };
    const b: Budget = { ...budget, functional: { ...budget.functional, rows: [...budget.functional.rows, fundRow] } };
    const t10 = byCaption('表10', tablesOf(build(b)));
    expect(t10.rows.map((r) => r.cells.filter((c) => c && c.text !== '').map((c) => c!.text).join(' '))).toEqual([
      '深圳市福田区数据管理中心 0 0 0',
      '229 其他支出 30 0 30',
    ]);
    expect(t10.notes).toEqual([]);
    // The same row is not general-budget money: Table 7 leaves it out.
    expect(byCaption('表7', tablesOf(build(b))).rows.some((r) => r.cells[1]?.text === '229')).toBe(false);
  });

  test('Part 2 words the change by its sign, and says 不可比 when the base is zero', () => {
    const part2 = (b: Budget) => {
      const blocks = build(b).sections[0].blocks;
      const i = blocks.findIndex((x) => x.kind === 'heading' && x.text.startsWith('第二部分'));
      return (blocks[i + 1] as { text: string }).text;
    };
    const up = part2({ ...budget, prior: { ...budget.prior, income_total: fig('4000'), expenditure_total: fig('4000') } });
    expect(up).toContain('比 2022 年增加 1,158 万元，增长 29%'); // 1158 / 4000 = 28.95%
    const zero = part2({ ...budget, prior: { ...budget.prior, income_total: fig('0'), expenditure_total: fig('0') } });
    expect(zero).toContain('比 2022 年增加 5,158 万元，增长--（去年基数为 0，不可比）');
  });
});

describe('metadata', () => {
  test('title, author and cover come from the data; the date from SOURCE_DATE_EPOCH or the year, never the clock', () => {
    expect(doc.meta.title).toBe('2023年深圳市福田区数据管理中心部门预算');
    expect(doc.cover.title).toBe('2023年深圳市福田区数据管理中心部门预算');
    expect(doc.meta.author).toBe('深圳市福田区数据管理中心');
    expect(doc.meta.lang).toBe('zh-CN');
    expect(doc.meta.created).toBe('2023-01-01T00:00:00.000Z');
    expect(build(budget, { sourceDateEpoch: 1700000000 }).meta.created).toBe('2023-11-14T22:13:20.000Z');
  });

  test('the labels a renderer prints of its own accord (XLSX sheet names, pointers, footer) are the document’s', () => {
    expect(doc.tocTitle).toBe('目录');
    expect(doc.labels).toEqual({ narrative: '文字部分', seeTable: '见工作表“{name}”', pageFooter: '第 {page} 页，共 {pages} 页' });
  });

  test('the same input gives the same document', () => {
    expect(JSON.stringify(build())).toBe(JSON.stringify(doc));
  });
});

describe('a parent row differing from its children by rounding (the roll-up, src/model/identities.ts)', () => {
  // 201's published total one more than its children's
  const rows = budget.functional.rows.map((r) => (r.code.text === '201' ? { ...r, total: { ...r.total, value: sum([r.total.value, dec('1')]) } } : r));
  const ts = tablesOf(build({ ...budget, functional: { ...budget.functional, rows } }));
  const noteOf = (t: Table, col: number, match: (row: Table['rows'][number]) => boolean) => {
    const c = t.rows.find(match)!.cells[col] as NumberCell;
    return { note: c.note, partsSum: c.partsSum };
  };

  test('keeps its published figure, with the difference worded as the summary words it (各组成项之和)', () => {
    const got = noteOf(byCaption('表1', ts), 3, (r) => /^一、.*一般公共服务/.test(r.cells[2]?.text ?? ''));
    expect(got.partsSum).toBeDefined();
    expect(got.note).toMatch(/^公布数 [\d,]+ 万元，各组成项之和 [\d,]+ 万元，相差 1 万元（尾数误差）。/);
  });

  test('and as the classification tables word it (下级各行之和)', () => {
    const got = noteOf(byCaption('表3', ts), 3, (r) => r.cells[1]?.text === '201');
    expect(got.note).toMatch(/^公布数 [\d,]+ 万元，下级各行之和 [\d,]+ 万元，相差 1 万元（尾数误差）。/);
  });
});
