/**
 * A hand-built Document shaped like the reference disclosure (seeds/000_*.txt): cover, 目录, the
 * narrative parts with an in-text table, and tables of every layout the renderer must handle:
 * two-sided (表1), a four-row header tree with 15 figure columns in landscape (表2), a long table
 * that breaks across pages (表3), spans in the body with a note (表9), an empty table with its note
 * (表10) and a form-like landscape table with colSpan/rowSpan body cells (表十二).
 *
 * Built by hand, not by src/document, so the renderer is tested against independent input.
 */
import type {
  Block,
  Cell,
  ColumnSpec,
  Document,
  HeaderNode,
  NumberCell,
  Row,
  Section,
  Table,
  TextCell,
} from '../../../src/document/model.js';

/** "5158" → "5,158": thousands separators, written out here independently of src/. */
export function grouped(v: string): string {
  const neg = v.startsWith('-');
  const [int, frac] = (neg ? v.slice(1) : v).split('.');
  const g = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + g + (frac !== undefined ? '.' + frac : '');
}

export const n = (v: string): NumberCell => ({ kind: 'number', value: v, decimals: 0, text: grouped(v) });
export const t = (text: string, indent = 0): TextCell => ({ kind: 'text', text, indent });
const h = (label: string, children?: HeaderNode[]): HeaderNode => (children ? { label, children } : { label });
const col = (kind: ColumnSpec['kind'], width: number): ColumnSpec => ({ kind, width });
const row = (cells: Cell[], style?: Row['style']): Row => (style ? { cells, style } : { cells });
const heading = (level: 1 | 2 | 3, text: string, id: string, toc = level < 3): Block => ({
  kind: 'heading',
  level,
  text,
  id,
  toc,
});
const p = (text: string): Block => ({ kind: 'paragraph', text, indent: true });

export const DEPT = '深圳市福田区数据管理中心';
const headerLine = { left: `部门名称：${DEPT}`, right: '单位：万元' };

// ---------------------------------------------------------------- tables

/** 表1: income on the left, expenditure on the right. */
export const table1: Table = {
  kind: 'table',
  id: 'table-1',
  caption: '表1',
  title: '收支总表',
  shortName: '表1 收支总表',
  headerLine,
  orientation: 'portrait',
  header: [h('收入', [h('项目'), h('2023年预算数')]), h('支出', [h('项目'), h('2023年预算数')])],
  columns: [col('text', 30), col('number', 12), col('text', 34), col('number', 12)],
  rows: [
    row([t('一、政府预算拨款'), n('5158'), t('一、一般公共服务支出'), n('4959')]),
    row([t('1.一般公共预算拨款', 1), n('5158'), t('政府办公厅（室）及相关机构事务', 1), n('4959')]),
    row([t('2.政府性基金预算拨款', 1), n('0'), t('事业运行', 2), n('4959')]),
    row([t('3.国有资本经营预算拨款', 1), n('0'), t('二、社会保障和就业支出'), n('99')]),
    row([t('二、财政专户管理资金'), n('0'), t('行政事业单位养老支出', 1), n('98')]),
    row([t('三、单位资金'), n('0'), t('事业单位离退休', 2), n('22')]),
    row([t('1.事业收入', 1), n('0'), t('机关事业单位基本养老保险缴费支出', 2), n('58')]),
    row([t('2.事业单位经营收入', 1), n('0'), t('机关事业单位职业年金缴费支出', 2), n('18')]),
    row([t('3.上级补助收入', 1), n('0'), t('其他社会保障和就业支出', 1), n('1')]),
    row([t('4.附属单位上缴收入', 1), n('0'), t('其他社会保障和就业支出', 2), n('1')]),
    row([t('5.其他收入', 1), n('0'), t('三、卫生健康支出'), n('15')]),
    row([t(''), t(''), t('行政事业单位医疗', 1), n('15')]),
    row([t(''), t(''), t('事业单位医疗', 2), n('15')]),
    row([t(''), t(''), t('四、住房保障支出'), n('85')]),
    row([t(''), t(''), t('住房改革支出', 1), n('85')]),
    row([t(''), t(''), t('住房公积金', 2), n('58')]),
    row([t(''), t(''), t('购房补贴', 2), n('27')]),
    row([t('本年收入合计'), n('5158'), t('本年支出合计'), n('5158')], 'total'),
    row([t('上年结余、结转'), n('0'), t('结转下年'), n('0')]),
    row([t('收入总计'), n('5158'), t('支出总计'), n('5158')], 'total'),
  ],
  notes: [
    '注：财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况。',
    '本套报表金额单位转换时可能存在尾数误差。',
  ],
  toc: true,
};

/** 表2: 预算单位 + 15 figure columns under a header tree four rows deep; landscape. */
export const table2Figures = ['5158', '5158', '994', '4164', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'];
export const table2: Table = {
  kind: 'table',
  id: 'table-2',
  caption: '表2',
  title: '收入总表',
  shortName: '表2 收入总表',
  headerLine,
  orientation: 'landscape',
  header: [
    h('预算单位'),
    h('收入总计'),
    h('本年收入', [
      h('政府预算拨款', [
        h('一般公共预算拨款', [h('小计'), h('基本支出拨款'), h('履职类项目拨款'), h('财政专项资金拨款'), h('政府投资项目拨款')]),
        h('政府性基金预算拨款'),
        h('国有资本经营预算拨款'),
      ]),
      h('财政专户管理资金'),
      h('单位资金', [h('事业收入'), h('事业单位经营收入'), h('上级补助收入'), h('附属单位上缴收入'), h('其他收入')]),
    ]),
    h('上年结余、结转'),
  ],
  columns: [col('text', 20), ...table2Figures.map(() => col('number', 7))],
  rows: [row([t(DEPT), ...table2Figures.map(n)], 'total')],
  notes: [],
  toc: true,
};

/** Function classification lines: [code, name, total, basic, project]. Long enough to break pages. */
function classificationLines(): [string, string, string, string, string][] {
  const lines: [string, string, string, string, string][] = [
    ['201', '一般公共服务支出', '4959', '796', '4163'],
    ['20103', '政府办公厅（室）及相关机构事务', '4959', '796', '4163'],
    ['2010350', '事业运行', '4959', '796', '4163'],
    ['208', '社会保障和就业支出', '99', '99', '0'],
    ['20805', '行政事业单位养老支出', '98', '98', '0'],
    ['2080502', '事业单位离退休', '22', '22', '0'],
    ['2080505', '机关事业单位基本养老保险缴费支出', '58', '58', '0'],
    ['2080506', '机关事业单位职业年金缴费支出', '18', '18', '0'],
    ['20899', '其他社会保障和就业支出', '1', '1', '0'],
    ['2089999', '其他社会保障和就业支出', '1', '1', '0'],
    ['210', '卫生健康支出', '15', '15', '0'],
    ['21011', '行政事业单位医疗', '15', '15', '0'],
    ['2101102', '事业单位医疗', '15', '15', '0'],
    ['221', '住房保障支出', '85', '85', '0'],
    ['22102', '住房改革支出', '85', '85', '0'],
    ['2210201', '住房公积金', '58', '58', '0'],
    ['2210203', '购房补贴', '27', '27', '0'],
  ];
  // A larger department: more 项 under 政府办公厅（室）及相关机构事务, with distinct figures.
  const extra = ['行政运行', '一般行政管理事务', '机关服务', '专项服务', '专项业务活动', '政务公开审批', '信访事务', '参事事务'];
  for (let i = 0; i < 40; i++) {
    const code = `20104${String(i + 1).padStart(2, '0')}`;
    const total = String(1000 + i * 37);
    const basic = String(400 + i * 11);
    const project = String(1000 + i * 37 - (400 + i * 11));
    lines.push([code, `${extra[i % extra.length]}（${i + 1}）`, total, basic, project]);
  }
  return lines;
}
export const table3Lines = classificationLines();
/** The total of a figure column over the 项 (7-digit) lines. */
function sumOfItems(k: 2 | 3 | 4): string {
  return String(table3Lines.filter((l) => l[0].length === 7).reduce((s, l) => s + Number(l[k]), 0));
}

/** 表3: a long 类/款/项 table: header repeated on every page it spans. */
export const table3: Table = {
  kind: 'table',
  id: 'table-3',
  caption: '表3',
  title: '支出总表',
  shortName: '表3 支出总表',
  headerLine,
  orientation: 'portrait',
  header: [h('科目编码'), h('科目名称'), h('支出总计'), h('基本支出'), h('项目支出')],
  columns: [col('code', 12), col('text', 36), col('number', 12), col('number', 12), col('number', 12)],
  rows: [
    row([{ ...t('合计'), colSpan: 2, align: 'center' }, null, ...([2, 3, 4] as const).map((k) => n(sumOfItems(k)))], 'total'),
    ...table3Lines.map(([code, name, a, b, c]) =>
      row(
        [t(code), t(name, code.length === 3 ? 0 : code.length === 5 ? 1 : 2), n(a), n(b), n(c)],
        code.length === 3 ? 'subtotal' : undefined,
      ),
    ),
  ],
  notes: [],
  toc: true,
};

/** 表9: a body cell spanning three rows, a header group, and a note. */
export const table9: Table = {
  kind: 'table',
  id: 'table-9',
  caption: '表9',
  title: '一般公共预算“三公”经费支出表',
  shortName: '表9 一般公共预算“三公”经费支出表',
  headerLine,
  orientation: 'portrait',
  header: [
    h('预算单位'),
    h('年度'),
    h('总计'),
    h('因公出国(境)费'),
    h('公务接待费'),
    h('公务用车购置及运行维护费', [h('小计'), h('公务用车购置费'), h('公务用车运行维护费')]),
  ],
  columns: [col('text', 22), col('text', 11), ...Array.from({ length: 6 }, () => col('number', 10))],
  rows: [
    row([{ ...t(DEPT), rowSpan: 3 }, t('2022年'), n('12'), n('3'), n('4'), n('5'), n('0'), n('5')]),
    row([null, t('2023年'), n('10'), n('2'), n('4'), n('4'), n('0'), n('4')]),
    row([null, t('增减变化金额'), n('-2'), n('-1'), n('0'), n('-1'), n('0'), n('-1')]),
  ],
  notes: ['注：“三公”经费按一般公共预算口径统计。'],
  toc: true,
};

/** 表10: an empty table still appears, with its note. */
export const table10: Table = {
  kind: 'table',
  id: 'table-10',
  caption: '表10',
  title: '政府性基金预算支出表',
  shortName: '表10 政府性基金预算支出表',
  headerLine,
  orientation: 'portrait',
  header: [h('预算单位'), h('科目编码'), h('科目名称'), h('支出总计'), h('基本支出'), h('项目支出')],
  columns: [col('text', 22), col('code', 10), col('text', 22), col('number', 10), col('number', 10), col('number', 10)],
  rows: [row([t(DEPT), t(''), t(''), n('0'), n('0'), n('0')], 'total')],
  notes: ['注：本表本年无发生额。'],
  toc: true,
};

/** 表十二: a form, no header tree; labels and values laid out with spans in the body. */
const indicators: [string, string, string, string][] = [
  ['产出', '数量', '福田区5G专网服务工程完成量', '≥95%'],
  ['产出', '数量', '系统巡检次数', '≥4次'],
  ['产出', '数量', '电子政务接入点光纤线路租用数量', '110个'],
  ['产出', '质量', '信息化系统响应率', '≤0.1秒'],
  ['产出', '质量', '系统巡检达标率', '100%'],
  ['产出', '时效', '设备维修工作完成及时性', '24小时内'],
  ['产出', '成本', '支出进度达标率', '≥95%'],
  ['效益', '社会效益', '信息系统安全应急响应能力提升', '显著'],
  ['效益', '社会效益', '对推动“互联网+”发展的影响程度', '显著'],
  ['满意度', '服务对象满意度', '用户满意度', '≥90%'],
];
function table12Rows(): Row[] {
  const rows: Row[] = [
    row([t('名称', 0), { ...t(DEPT), colSpan: 2 }, null, t('主管部门'), { ...t('深圳市福田区政务服务数据管理局'), colSpan: 2 }, null]),
    row([{ ...t('年度主要任务'), rowSpan: 6, align: 'center' }, t('任务名称'), t('主要内容'), { ...t('预算金额（万元）'), colSpan: 3, align: 'center' }, null, null]),
    row([null, t(''), t(''), t('总额'), t('其中：财政拨款'), t('其中：其他资金')]),
    row([null, t('一般管理事务'), t('包括劳务派遣人员和其他一般管理事务'), n('70'), n('70'), n('0')]),
    row([null, t('电子政务运行维护'), t('包括数据资源运行维护、基础设施运行维护、信息安全运行维护及应急项目和设备维修'), n('4094'), n('4094'), n('0')]),
    row([null, t('人员类支出'), t('包括在职人员的经费和对个人与家庭人员补助'), n('994'), n('994'), n('0')]),
    row([null, { ...t('金额合计'), colSpan: 2, align: 'center' }, null, n('5158'), n('5158'), n('0')], 'total'),
    row([
      t('年度总体目标'),
      {
        ...t('通过本项目的实施：1、实施对各区政府核心系统的运维和保障。2、确保服务器、存储等设备的扩展需求和正常运行。3、保证福田区电子政务外网运行的网络设备、服务器、政府门户网站、数据库及其存储系统、业务应用系统等正常运行及网络和信息安全。'),
        colSpan: 5,
      },
      null,
      null,
      null,
      null,
    ]),
    row([{ ...t('年度绩效指标'), rowSpan: indicators.length + 1, align: 'center' }, t('一级指标'), t('二级指标'), { ...t('三级指标'), colSpan: 2 }, null, t('目标值')]),
  ];
  // 一级/二级 labels span their runs of rows.
  for (let i = 0; i < indicators.length; i++) {
    const [l1, l2, l3, target] = indicators[i];
    const run = (k: 0 | 1): number => {
      if (i > 0 && indicators[i - 1][k] === indicators[i][k] && (k === 0 || indicators[i - 1][0] === l1)) return 0;
      let j = i;
      while (j < indicators.length && indicators[j][k] === indicators[i][k] && (k === 0 || indicators[j][0] === l1)) j++;
      return j - i;
    };
    const span1 = run(0);
    const span2 = run(1);
    rows.push(
      row([
        null,
        span1 === 0 ? null : span1 > 1 ? { ...t(l1), rowSpan: span1 } : t(l1),
        span2 === 0 ? null : span2 > 1 ? { ...t(l2), rowSpan: span2 } : t(l2),
        { ...t(l3), colSpan: 2 },
        null,
        t(target),
      ]),
    );
  }
  return rows;
}
export const table12: Table = {
  kind: 'table',
  id: 'table-12',
  caption: '表十二',
  title: '整体支出绩效目标表',
  shortName: '表十二 整体支出绩效目标表',
  headerLine: { left: '2023年度', right: '单位：万元' },
  orientation: 'landscape',
  header: [],
  columns: [col('text', 12), col('text', 16), col('text', 34), col('number', 12), col('number', 12), col('number', 12)],
  rows: table12Rows(),
  notes: [],
  toc: true,
};

/** The in-text table of 第七部分 (no caption, no page of its own). */
export const projectTable: Table = {
  kind: 'table',
  id: 'part7-projects',
  caption: '',
  title: '',
  shortName: '重点项目绩效目标',
  orientation: 'portrait',
  header: [h('项目名称'), h('预算数（万元）'), h('绩效目标')],
  columns: [col('text', 18), col('number', 14), col('text', 50)],
  rows: [
    row([
      t('电子政务运行维护'),
      n('4094'),
      t('本项目的年度总体目标是：通过本项目的实施，保证“福田政府在线”网站和全区各单位的互联网业务；保证区政府政务内网、政务外网内运行的网络设备、服务器、数据库及其存储系统等正常运行及网络和信息安全。数量指标：系统巡检次数4次；设备维修及应急项目完成率100%。'),
    ]),
    row([t('一般管理事务'), n('70'), t('本项目的年度总体目标是：保障本单位日常事务管理工作正常进行。数量指标：劳务派遣工作完成率100%。')]),
  ],
  notes: [],
  toc: false,
};

// ---------------------------------------------------------------- narrative

const duties = [
  '(一)贯彻执行国家、省、市关于电子政务、数据管理、信息安全工作的法律、法规和政策，认真落实区相关规划、计划和工作方案任务。',
  '(二)承担区级电子政务基础设施建设，负责电子政务外网(含政务办公网和政务服务网)、电子政务内网、政务网光纤链路、政务云平台、计算机机房的建设、管理、维护；负责全区政务网络视频会议系统建设、管理、维护。',
  '(三)承担区级政务数据的归集、管理、分析和应用工作，具体对各部门涉及我区的政务共享数据资源实施数据接收、清洗和入库，负责基础信息资源库、主题信息资源库的建设和管理。',
  '(四)承担全区党政机关信息安全管理工作，负责区党政机关信息安全保障体系、网络信息安全监测预警体系、网络信任体系建设。',
  '(五)承担区政府门户网站建设工作，协助做好区政府门户网站政务公开工作，统筹协调全区政府网站建设和管理。',
  '(六)协助开展网格管理信息化建设工作。',
  '(七)承担数字政府相关绩效考核工作的具体落实。',
  '(八)完成上级部门交办的其他任务。',
];

const glossary = [
  '一、一般公共预算拨款收入：指本级财政当年拨付的一般公共预算资金。',
  '二、一般公共服务支出：反映政府提供一般公共服务的支出。',
  '三、住房保障支出：集中反映政府用于住房方面的支出。',
  '四、上年结转：指以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金。',
  '五、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。',
  '六、项目支出：指在基本支出之外为完成特定工作任务和事业发展目标所发生的支出。',
];

export const sections: Section[] = [
  {
    newPage: true,
    blocks: [
      heading(1, '一、文字部分', 'text-part'),
      heading(2, '第一部分 部门概况', 'part-1'),
      heading(3, '一、部门职责', 'part-1-1'),
      { kind: 'list', items: duties },
      heading(3, '二、机构设置情况', 'part-1-2'),
      p(`${DEPT}包括${DEPT}共 1 家基层单位。行政编制总数 0 人，实有在编人数 0 人；事业编制总数 18 人，实有在编人数 14 人；离休 0 人，退休 4 人。`),
      heading(3, '三、2023年主要工作目标', 'part-1-3'),
      p(`${DEPT}2023年主要工作目标包括：进一步优化完善区级电子政务基础设施，并做好运行维护，为区数字政府和智慧城市建设提供支撑保障；承担区级政务数据的归集、管理、分析和应用工作，建设完善基础数据管理平台和核心政务应用系统。`),
    ],
  },
  {
    newPage: false,
    blocks: [
      heading(2, '第二部分 部门预算收支总体情况', 'part-2'),
      p(`2023年${DEPT}部门预算收入 5,158 万元，比 2022 年减少 160 万元，下降 3%。2023年部门预算支出 5,158 万元，比 2022 年减少 160 万元，下降 3%。`),
      p('预算收支减少主要原因：压减开支，厉行节约，减少数据运行维护等相关费用。'),
      heading(2, '第三部分 部门预算支出具体情况', 'part-3'),
      p(`${DEPT}预算 5,158 万元，包括人员支出 919 万元、公用支出 28 万元、对个人和家庭的补助支出 47 万元、项目支出 4,164 万元。`),
      heading(2, '第七部分 重点项目预算绩效情况说明', 'part-7'),
      p('2023年，本部门重点项目绩效目标情况如下：'),
      projectTable,
      heading(2, '第九部分 名词解释', 'part-9'),
      { kind: 'list', items: glossary },
    ],
  },
  {
    newPage: true,
    blocks: [heading(1, '二、表格部分', 'table-part'), table1, table2, table3, table9, table10, table12],
  },
];

export const sampleDoc: Document = {
  meta: {
    title: `2023年${DEPT}部门预算`,
    author: DEPT,
    subject: '部门预算公开',
    keywords: ['部门预算', '2023', DEPT],
    created: '2023-02-10T00:00:00Z',
    lang: 'zh-CN',
  },
  cover: { title: `2023年${DEPT}部门预算`, lines: [DEPT, '二〇二三年二月'] },
  tocTitle: '目录',
  sections,
};

/** Every heading and table title in document order, for the read-back tests. */
export function outlineOrder(doc: Document): string[] {
  const out: string[] = [];
  for (const s of doc.sections) {
    for (const b of s.blocks) {
      if (b.kind === 'heading') out.push(b.text);
      else if (b.kind === 'table' && b.title !== '') out.push(b.title);
    }
  }
  return out;
}

/** A goal sentence of a performance table, repeated to make a row tall. */
export const GOAL = '本项目的年度总体目标是：保障某某区示例局日常工作正常运行。数量指标：完成率100%。';

/**
 * Filler lines, a heading, a paragraph, a lead-in and a two-row goals table (centred.test.ts and
 * rowsplit.test.ts move the page's foot around the table by the numbers of lines and goals).
 */
export function goalsDoc(lines: number, goals: number): Document {
  const filler: Block[] = Array.from({ length: lines }, (_, i) => ({ kind: 'paragraph', text: `第${i + 1}行。`, indent: true }));
  const table: Table = {
    ...projectTable,
    rows: [
      { cells: [t('示例项目甲'), n('1234'), t(GOAL.repeat(goals))] },
      { cells: [t('示例项目乙'), n('70'), t(GOAL)] },
    ],
  };
  return {
    ...sampleDoc,
    sections: [
      {
        newPage: true,
        blocks: [
          ...filler,
          { kind: 'heading', level: 3, text: '二、示例标题', id: 'h', toc: false },
          { kind: 'paragraph', text: GOAL.repeat(3), indent: true },
          { kind: 'paragraph', text: '本部门重点项目绩效目标情况如下：', indent: true },
          table,
        ],
      },
    ],
  };
}
