/**
 * A hand-built Document for the XLSX renderer's tests, shaped like the reference disclosure's
 * tables (seeds/000_6f41c63c8f66b8fd.txt) but built here, independently of src/document:
 *   表1  a two-sided table (income left, expenditure right) with 类/款/项 indents and totals;
 *   表2  a 4-level header tree with 15 figure columns, landscape, scattered-column SUM;
 *   表3  a classification table: 类 subtotal rows summing their 款, 款 summing 项, a total row,
 *        row total = basic + project, and a rounding case (4,959 published, parts 4,960);
 *   表9  a table with a note;  表10 an empty table with a note;
 *   表十二 a form-like table with row and column spans and no header tree;
 *   and a narrative with an in-text table kept in 元 with two decimals.
 */
import type {
  Block,
  Cell,
  CellRef,
  Document,
  HeaderNode,
  NumberCell,
  Row,
  Table,
  TextCell,
} from '../../../src/document/model.js';

const DEPT = '示例区数据管理中心';
const HEADER_LINE = { left: `部门名称：${DEPT}`, right: '单位：万元' };

function group(n: string): string {
  return n.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function num(value: string, extra: Partial<NumberCell> = {}, decimals = 0): NumberCell {
  const [i, f = ''] = value.replace('-', '').split('.');
  const text = (value.startsWith('-') ? '-' : '') + group(i) + (decimals ? '.' + f.padEnd(decimals, '0') : '');
  return { kind: 'number', value, decimals, text, ...extra };
}

export function txt(text: string, extra: Partial<TextCell> & { colSpan?: number; rowSpan?: number } = {}): Cell {
  return { kind: 'text', text, ...extra };
}

/** The document words a rounding case's note (src/document does it the same way); whole 万元 here. */
function roundingNote(published: string, parts: string): string {
  const d = BigInt(published) - BigInt(parts);
  return `公布数 ${group(published)} 万元，各组成项之和 ${group(parts)} 万元，相差 ${group(String(d < 0n ? -d : d))} 万元（尾数误差）。`;
}

const leaf = (label: string): HeaderNode => ({ label });
const node = (label: string, ...children: HeaderNode[]): HeaderNode => ({ label, children });
const refs = (pairs: [number, number][]): CellRef[] => pairs.map(([row, col]) => ({ row, col }));
const col = (rows: number[], c: number): CellRef[] => rows.map((row) => ({ row, col: c }));

function table(t: Partial<Table> & Pick<Table, 'id' | 'caption' | 'title' | 'header' | 'columns' | 'rows'>): Table {
  return {
    kind: 'table',
    shortName: `${t.caption} ${t.title}`,
    headerLine: HEADER_LINE,
    orientation: 'portrait',
    notes: [],
    toc: true,
    ...t,
  };
}

// 表1 收支总表: two sides, 4 columns. Income rows 0–11, expenditure 类/款/项 rows 0–18,
// then 本年收入合计 (19), 上年结余 (20), 收入总计 (21).
function table1(): Table {
  const income: [string, string, number][] = [
    ['一、政府预算拨款', '5158', 0],
    ['1.一般公共预算拨款', '5158', 1],
    ['2.政府性基金预算拨款', '0', 1],
    ['3.国有资本经营预算拨款', '0', 1],
    ['二、财政专户管理资金', '0', 0],
    ['三、单位资金', '0', 0],
    ['1.事业收入', '0', 1],
    ['2.事业单位经营收入', '0', 1],
    ['3.上级补助收入', '0', 1],
    ['4.附属单位上缴收入', '0', 1],
    ['5.其他收入', '0', 1],
  ];
  const spend: [string, string, number, number[]?][] = [
    ['一、一般公共服务支出', '4959', 0, [1]],
    ['政府办公厅（室）及相关机构事务', '4959', 1, [2]],
    ['事业运行', '4959', 2],
    ['二、社会保障和就业支出', '99', 0, [4, 8]],
    ['行政事业单位养老支出', '98', 1, [5, 6, 7]],
    ['事业单位离退休', '22', 2],
    ['机关事业单位基本养老保险缴费支出', '58', 2],
    ['机关事业单位职业年金缴费支出', '18', 2],
    ['其他社会保障和就业支出', '1', 1, [9]],
    ['其他社会保障和就业支出', '1', 2],
    ['三、卫生健康支出', '15', 0, [11]],
    ['行政事业单位医疗', '15', 1, [12]],
    ['事业单位医疗', '15', 2],
    ['四、住房保障支出', '85', 0, [14]],
    ['住房改革支出', '85', 1, [15, 16]],
    ['住房公积金', '58', 2],
    ['购房补贴', '27', 2],
  ];
  const incomeSums: Record<number, number[]> = { 0: [1, 2, 3], 5: [6, 7, 8, 9, 10] };
  const rows: Row[] = [];
  for (let i = 0; i < spend.length; i++) {
    const inc = income[i];
    const [sname, sval, sind, sparts] = spend[i];
    rows.push({
      cells: [
        inc ? txt(inc[0], { indent: inc[2] }) : txt(''),
        inc ? num(inc[1], incomeSums[i] ? { sumOf: col(incomeSums[i], 1) } : {}) : txt(''),
        txt(sname, { indent: sind }),
        num(sval, sparts ? { sumOf: col(sparts, 3) } : {}),
      ],
    });
  }
  const n = spend.length; // 17
  rows.push({
    style: 'total',
    cells: [txt('本年收入合计', { align: 'center' }), num('5158', { sumOf: col([0, 4, 5], 1) }), txt('本年支出合计', { align: 'center' }), num('5158', { sumOf: col([0, 3, 10, 13], 3) })],
  });
  rows.push({ cells: [txt('上年结余、结转'), num('0'), txt('结转下年'), num('0')] });
  rows.push({
    style: 'total',
    cells: [txt('收入总计', { align: 'center' }), num('5158', { sumOf: col([n, n + 1], 1) }), txt('支出总计', { align: 'center' }), num('5158', { sumOf: col([n, n + 1], 3) })],
  });
  return table({
    id: 'table-1',
    caption: '表1',
    title: '收支总表',
    header: [node('收    入', leaf('项    目'), leaf('2023年预算数')), node('支    出', leaf('项    目'), leaf('2023年预算数'))],
    columns: [
      { width: 3, kind: 'text' },
      { width: 1, kind: 'number' },
      { width: 3, kind: 'text' },
      { width: 1, kind: 'number' },
    ],
    rows,
    notes: ['注：财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况。', '本套报表金额单位转换时可能存在尾数误差。'],
  });
}

// 表2 收入总表: 1 text column + 15 figure columns under a 4-level header.
function table2(): Table {
  const header: HeaderNode[] = [
    leaf('预算单位'),
    leaf('收入总计'),
    node(
      '本年收入',
      node(
        '政府预算拨款',
        node('一般公共预算拨款', leaf('小计'), leaf('基本支出拨款'), leaf('履职类项目拨款'), leaf('财政专项资金拨款'), leaf('政府投资项目拨款')),
        leaf('政府性基金预算拨款'),
        leaf('国有资本经营预算拨款'),
      ),
      leaf('财政专户管理资金'),
      node('单位资金', leaf('事业收入'), leaf('事业单位经营收入'), leaf('上级补助收入'), leaf('附属单位上缴收入'), leaf('其他收入')),
    ),
    leaf('上年结余、结转'),
  ];
  const values = ['5158', '5158', '994', '4164', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'];
  const cells: Cell[] = [txt(DEPT)];
  values.forEach((v, i) => {
    const c = i + 1;
    if (c === 1) cells.push(num(v, { sumOf: refs([[0, 2], [0, 7], [0, 8], [0, 9], [0, 10], [0, 11], [0, 12], [0, 13], [0, 14], [0, 15]]) }));
    else if (c === 2) cells.push(num(v, { sumOf: refs([[0, 3], [0, 4], [0, 5], [0, 6]]) }));
    else cells.push(num(v));
  });
  return table({
    id: 'table-2',
    caption: '表2',
    title: '收入总表',
    orientation: 'landscape',
    header,
    columns: [{ width: 3, kind: 'text' }, ...values.map(() => ({ width: 1, kind: 'number' as const }))],
    rows: [{ cells }],
  });
}

// 表3 支出总表: 科目编码 / 科目名称 / 支出总计 / 基本支出 / 项目支出.
// Row 0 合计; 类 rows sum their 款, 款 their 项; each 项 row's total = basic + project.
function table3(): Table {
  type Line = [code: string, name: string, total: string, basic: string, project: string, children?: number[]];
  const lines: Line[] = [
    ['', '合计', '5158', '994', '4164', [1, 4, 11, 14]],
    ['201', '一般公共服务支出', '4959', '796', '4164', [2]],
    ['20103', '政府办公厅（室）及相关机构事务', '4959', '796', '4164', [3]],
    ['2010350', '事业运行', '4959', '796', '4164'], // 796 + 4,164 = 4,960: rounding
    ['208', '社会保障和就业支出', '99', '99', '0', [5, 9]],
    ['20805', '行政事业单位养老支出', '98', '98', '0', [6, 7, 8]],
    ['2080502', '事业单位离退休', '22', '22', '0'],
    ['2080505', '机关事业单位基本养老保险缴费支出', '58', '58', '0'],
    ['2080506', '机关事业单位职业年金缴费支出', '18', '18', '0'],
    ['20899', '其他社会保障和就业支出', '1', '1', '0', [10]],
    ['2089999', '其他社会保障和就业支出', '1', '1', '0'],
    ['210', '卫生健康支出', '15', '15', '0', [12]],
    ['21011', '行政事业单位医疗', '15', '15', '0', [13]],
    ['2101102', '事业单位医疗', '15', '15', '0'],
    ['221', '住房保障支出', '85', '85', '0', [15]],
    ['22102', '住房改革支出', '85', '85', '0', [16, 17]],
    ['2210201', '住房公积金', '58', '58', '0'],
    ['2210203', '购房补贴', '27', '27', '0'],
  ];
  const rows: Row[] = lines.map(([code, name, total, basic, project, children], i) => {
    const depth = code.length === 3 ? 0 : code.length === 5 ? 1 : 2;
    const cells: Cell[] = [txt(code), txt(name, { indent: code ? depth : 0, align: code ? undefined : 'center' })];
    if (children) {
      // Totals and subtotals: every figure column sums the child rows. The 合计 basic column
      // is published as 994 while its 类 rows add up to 995 (796 + 99 + 15 + 85): rounding.
      [total, basic, project].forEach((v, k) => {
        const parts = String(children.reduce((acc, c) => acc + BigInt(lines[c][2 + k] as string), 0n));
        cells.push(num(v, parts === v ? { sumOf: col(children, 2 + k) } : { sumOf: col(children, 2 + k), partsSum: parts, note: roundingNote(v, parts) }));
      });
    } else {
      const parts = String(BigInt(basic) + BigInt(project));
      const rowSum = refs([[i, 3], [i, 4]]);
      cells.push(
        num(total, parts === total ? { sumOf: rowSum } : { sumOf: rowSum, partsSum: parts, note: roundingNote(total, parts) }),
        num(basic),
        num(project),
      );
    }
    return { cells, style: i === 0 ? 'total' : depth === 0 ? 'subtotal' : undefined };
  });
  return table({
    id: 'table-3',
    caption: '表3',
    title: '支出总表',
    header: [leaf('科目编码'), leaf('科目名称'), leaf('支出总计'), leaf('基本支出'), leaf('项目支出')],
    columns: [
      { width: 1, kind: 'code' },
      { width: 3, kind: 'text' },
      { width: 1, kind: 'number' },
      { width: 1, kind: 'number' },
      { width: 1, kind: 'number' },
    ],
    rows,
  });
}

// 表9 三公 with a 2-level header and a note.
function table9(): Table {
  const header: HeaderNode[] = [
    leaf('预算单位'),
    leaf('年度'),
    leaf('总计'),
    leaf('因公出国(境)费'),
    leaf('公务接待费'),
    node('公务用车购置及运行维护费', leaf('小计'), leaf('公务用车购置费'), leaf('公务用车运行维护费')),
  ];
  const figures = (r: number, vals: string[]): Cell[] => [
    num(vals[0], { sumOf: refs([[r, 3], [r, 4], [r, 5]]) }),
    num(vals[1]),
    num(vals[2]),
    num(vals[3], { sumOf: refs([[r, 6], [r, 7]]) }),
    num(vals[4]),
    num(vals[5]),
  ];
  const z = ['0', '0', '0', '0', '0', '0'];
  return table({
    id: 'table-9',
    caption: '表9',
    title: '一般公共预算“三公”经费支出表',
    header,
    columns: [
      { width: 3, kind: 'text' },
      { width: 1, kind: 'text' },
      ...z.map(() => ({ width: 1, kind: 'number' as const })),
    ],
    rows: [
      { cells: [txt(DEPT, { rowSpan: 3 }), txt('2022年', { align: 'center' }), ...figures(0, z)] },
      { cells: [null, txt('2023年', { align: 'center' }), ...figures(1, z)] },
      { cells: [null, txt('增减变化金额', { align: 'center' }), ...figures(2, z)] },
    ],
    notes: ['注：本表本年无发生额。'],
  });
}

// 表10: no rows at all, only the note.
function table10(): Table {
  return table({
    id: 'table-10',
    caption: '表10',
    title: '政府性基金预算支出表',
    header: [leaf('预算单位'), leaf('科目编码'), leaf('科目名称'), leaf('支出总计'), leaf('基本支出'), leaf('项目支出')],
    columns: [
      { width: 3, kind: 'text' },
      { width: 1, kind: 'code' },
      { width: 3, kind: 'text' },
      { width: 1, kind: 'number' },
      { width: 1, kind: 'number' },
      { width: 1, kind: 'number' },
    ],
    rows: [],
    notes: ['注：本表本年无发生额。'],
  });
}

// 表十二: a form. 6 columns, no header tree; spans in the body.
function table12(): Table {
  const r: Row[] = [];
  r.push({ cells: [txt('名称', { align: 'center' }), txt(DEPT, { colSpan: 2 }), null, txt('主管部门', { align: 'center' }), txt('示例区政务服务数据管理局', { colSpan: 2 }), null] });
  // rows 1–6: 年度主要任务 block
  r.push({ cells: [txt('年度主要任务', { rowSpan: 6, align: 'center' }), txt('任务名称', { rowSpan: 2, align: 'center' }), txt('主要内容', { rowSpan: 2, align: 'center' }), txt('预算金额（万元）', { colSpan: 3, align: 'center' }), null, null] });
  r.push({ cells: [null, null, null, txt('总额', { align: 'center' }), txt('其中：财政拨款', { align: 'center' }), txt('其中：其他资金', { align: 'center' })] });
  const tasks: [string, string, string, string, string][] = [
    ['一般管理事务', '包括劳务派遣人员和其他一般管理事务', '70', '70', '0'],
    ['电子政务运行维护', '包括数据资源运行维护、基础设施运行维护、信息安全运行维护及应急项目和设备维修', '4094', '4094', '0'],
    ['人员类支出', '包括在职人员的经费和对个人与家庭人员补助', '994', '994', '0'],
  ];
  tasks.forEach(([name, content, a, b, c], k) => {
    const i = 3 + k;
    r.push({ cells: [null, txt(name), txt(content), num(a, { sumOf: refs([[i, 4], [i, 5]]) }), num(b), num(c)] });
  });
  r.push({
    style: 'total',
    cells: [null, txt('金额合计', { colSpan: 2, align: 'center' }), null, num('5158', { sumOf: col([3, 4, 5], 3) }), num('5158', { sumOf: col([3, 4, 5], 4) }), num('0', { sumOf: col([3, 4, 5], 5) })],
  });
  // row 7: 年度总体目标
  r.push({ cells: [txt('年度总体目标', { align: 'center' }), txt('通过本项目的实施：1、实施对各区政府核心系统的运维和保障。2、确保服务器、存储等设备的扩展需求和正常运行。3、保证电子政务外网运行的网络设备、服务器、政府门户网站、数据库及其存储系统、业务应用系统等正常运行及网络和信息安全。', { colSpan: 5 }), null, null, null, null] });
  // rows 8–: 年度绩效指标
  r.push({ cells: [txt('年度绩效指标', { rowSpan: 6, align: 'center' }), txt('一级指标', { align: 'center' }), txt('二级指标', { align: 'center' }), txt('三级指标', { colSpan: 2, align: 'center' }), null, txt('目标值', { align: 'center' })] });
  r.push({ cells: [null, txt('产出', { rowSpan: 3, align: 'center' }), txt('数量', { rowSpan: 2, align: 'center' }), txt('系统巡检次数', { colSpan: 2 }), null, txt('≥4次', { align: 'center' })] });
  r.push({ cells: [null, null, null, txt('云平台及云桌面系统服务器维护数量', { colSpan: 2 }), null, txt('293台', { align: 'center' })] });
  r.push({ cells: [null, null, txt('质量', { align: 'center' }), txt('信息化系统故障率', { colSpan: 2 }), null, txt('≤2%', { align: 'center' })] });
  r.push({ cells: [null, txt('效益', { rowSpan: 2, align: 'center' }), txt('经济效益', { align: 'center' }), txt('不适用', { colSpan: 2 }), null, txt('不适用', { align: 'center' })] });
  r.push({ cells: [null, null, txt('社会效益', { align: 'center' }), txt('对工作效率、管理和决策支持的改善或提升程度', { colSpan: 2 }), null, txt('显著', { align: 'center' })] });
  return table({
    id: 'table-12',
    caption: '表十二',
    title: '整体支出绩效目标表',
    shortName: '表12 整体支出绩效目标表',
    headerLine: { left: '2023年度', right: '单位：万元' },
    orientation: 'landscape',
    header: [],
    columns: [
      { width: 2, kind: 'text' },
      { width: 2, kind: 'text' },
      { width: 4, kind: 'text' },
      { width: 1, kind: 'number' },
      { width: 1, kind: 'number' },
      { width: 1, kind: 'number' },
    ],
    rows: r,
  });
}

// An in-text table (no caption) kept in 元 with two decimals.
function inTextTable(): Table {
  return {
    kind: 'table',
    id: 'table-intext-1',
    caption: '',
    title: '',
    shortName: '',
    orientation: 'portrait',
    header: [leaf('项目'), leaf('金额（元）')],
    columns: [
      { width: 3, kind: 'text' },
      { width: 1, kind: 'number' },
    ],
    rows: [
      { cells: [txt('办公费'), num('1234.50', {}, 2)] },
      { cells: [txt('印刷费'), num('20.25', {}, 2)] },
      { style: 'total', cells: [txt('合计', { align: 'center' }), num('1254.75', { sumOf: col([0, 1], 1) }, 2)] },
    ],
    notes: [],
    toc: false,
  };
}

export function sampleDoc(): Document {
  const narrative: Block[] = [
    { kind: 'heading', level: 1, text: '一、文字部分', id: 'part-text', toc: true },
    { kind: 'heading', level: 2, text: '第一部分 部门概况', id: 'part-1', toc: true },
    { kind: 'heading', level: 3, text: '一、部门职责', id: 'part-1-1', toc: false },
    { kind: 'paragraph', indent: true, text: `${DEPT}为区政务服务数据管理局下属公益一类事业单位，主要职责是承担全区电子政务基础设施的建设、运行和维护，负责政务数据资源的汇聚、治理和共享开放。` },
    { kind: 'list', items: ['（一）承担电子政务网络运行维护。', '（二）承担政务数据资源管理。'] },
    { kind: 'heading', level: 2, text: '第四部分 一般公共预算“三公”经费支出情况说明', id: 'part-4', toc: true },
    { kind: 'paragraph', indent: true, text: '2023年办公费及印刷费安排如下：' },
    inTextTable(),
    { kind: 'pagebreak' },
    { kind: 'heading', level: 1, text: '二、表格部分', id: 'part-tables', toc: true },
  ];
  return {
    meta: {
      title: `2023年${DEPT}部门预算`,
      author: DEPT,
      subject: '部门预算公开',
      keywords: ['部门预算', '2023', DEPT],
      created: '2023-02-15T09:30:12Z',
      lang: 'zh-CN',
    },
    cover: { title: `2023年${DEPT}部门预算`, lines: [DEPT, '二〇二三年二月'] },
    tocTitle: '目录',
    labels: { narrative: '文字部分', seeTable: '见工作表“{name}”', pageFooter: '第 {page} 页，共 {pages} 页' },
    sections: [
      { newPage: false, blocks: narrative },
      { newPage: true, blocks: [table1(), table2(), table3(), table9(), table10(), table12()] },
    ],
  };
}
