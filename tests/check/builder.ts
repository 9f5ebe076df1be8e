/**
 * Hand-built budgets for the rule tests, independent of the YAML format and the model builder:
 * every written figure gets its own fake source line, so a test can tell which figure a
 * diagnostic points at by comparing spans with the budget it built.
 */
import { dec } from '../../src/money/decimal.js';
import type { Budget, ClassRow, Fig, Source, BasicProject, Procurement } from '../../src/model/budget.js';
import type { Span } from '../../src/source/span.js';

let nextLine = 1;
export function span(file = 'hand.yaml'): Span {
  const line = nextLine++;
  return { file, line, col: 1, endLine: line, endCol: 2, offset: 0, length: 1 };
}

/** A written figure. */
export function w(text: string): Fig {
  return { value: dec(text), span: span() };
}
/** A computed figure (no span). */
export function c(text: string): Fig {
  return { value: dec(text) };
}

export type Cell = string | Fig | undefined;
const fig = (x: Cell, dflt = '0'): Fig => (x === undefined ? c(dflt) : typeof x === 'string' ? w(x) : x);

export function row(
  code: string,
  name: string,
  total: Cell,
  basic: Cell,
  project: Cell,
  opts: { proc?: [Cell, Cell, Cell]; by_source?: Partial<Record<Source, { basic?: Cell; project?: Cell }>> } = {},
): ClassRow {
  const t = fig(total);
  const b = fig(basic);
  const p = fig(project);
  const by_source: Partial<Record<Source, BasicProject>> = {};
  if (opts.by_source)
    for (const [s, v] of Object.entries(opts.by_source)) by_source[s as Source] = { basic: fig(v!.basic), project: fig(v!.project) };
  else by_source.general = { basic: b, project: p }; // as the builder fills an omitted split
  const procurement: Procurement | undefined = opts.proc && { total: fig(opts.proc[0]), sme: fig(opts.proc[1]), micro: fig(opts.proc[2]) };
  return {
    code: { text: code },
    name: { text: name },
    level: code === '' ? 1 : code.length === 3 ? 1 : code.length === 5 ? 2 : 3,
    total: t,
    basic: b,
    project: p,
    by_source,
    basic_written: basic !== undefined,
    ...(procurement ? { procurement } : {}),
    span: span(),
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? any : T[K] };

const z = () => w('0');
const zeros3p = () => ({ total: z(), abroad: z(), reception: z(), vehicles: z(), vehicle_purchase: z(), vehicle_running: z() });

/**
 * The seed's department-year (seeds/000_6f41c63c8f66b8fd.txt), typed in from the published tables.
 * `patch` edits the draft before it is returned (break one figure, drop a total, add a source).
 */
export function refBudget(patch?: (d: Mutable<Budget> & any) => void): Budget {
  const d: any = {
    dir: 'hand',
    department: {
      name: { text: '深圳市福田区数据管理中心' },
      supervisor: { text: '深圳市福田区政务服务数据管理局' },
      year: 2023,
      unit: '万元',
      units: [
        {
          name: { text: '深圳市福田区数据管理中心', span: span() },
          divisions: [],
          staffing: { admin_quota: w('0'), admin_actual: w('0'), inst_quota: w('18'), inst_actual: w('14'), retired_veteran: w('0'), retired: w('4') },
        },
      ],
      staffing_total: { admin_quota: w('0'), admin_actual: w('0'), inst_quota: w('18'), inst_actual: w('14'), retired_veteran: w('0'), retired: w('4') },
      duties: [],
      goals: { text: '' },
    },
    income: {
      total: w('5158'),
      current_total: w('5158'),
      government: w('5158'),
      general: w('5158'),
      general_kinds: { basic: w('994'), performance: w('4164'), special: w('0'), investment: w('0') },
      gov_fund: w('0'),
      soe: w('0'),
      special_account: w('0'),
      unit_funds: w('0'),
      unit: { business: w('0'), operating: w('0'), superior: w('0'), affiliated: w('0'), other: w('0') },
      carryover: w('0'),
    },
    expenditure: { current_total: w('5158'), carry_forward: w('0'), total: w('5158') },
    functional: {
      total: row('', '深圳市福田区数据管理中心', '5158', '994', '4164', { proc: ['512', '0', '0'] }),
      rows: [
        row('201', '一般公共服务支出', '4959', '796', '4164', { proc: ['512', '0', '0'] }),
        row('20103', '政府办公厅（室）及相关机构事务', '4959', '796', '4164', { proc: ['512', '0', '0'] }),
        row('2010350', '事业运行', '4959', '796', '4164', { proc: ['512', '0', '0'] }),
        row('208', '社会保障和就业支出', '99', '99', '0', { proc: ['0', '0', '0'] }),
        row('20805', '行政事业单位养老支出', '98', '98', '0', { proc: ['0', '0', '0'] }),
        row('2080502', '事业单位离退休', '22', '22', '0'),
        row('2080505', '机关事业单位基本养老保险缴费支出', '58', '58', '0'),
        row('2080506', '机关事业单位职业年金缴费支出', '18', '18', '0'),
        row('20899', '其他社会保障和就业支出', '1', '1', '0', { proc: ['0', '0', '0'] }),
        row('2089999', '其他社会保障和就业支出', '1', '1', '0'),
        row('210', '卫生健康支出', '15', '15', '0', { proc: ['0', '0', '0'] }),
        row('21011', '行政事业单位医疗', '15', '15', '0', { proc: ['0', '0', '0'] }),
        row('2101102', '事业单位医疗', '15', '15', '0'),
        row('221', '住房保障支出', '85', '85', '0', { proc: ['0', '0', '0'] }),
        row('22102', '住房改革支出', '85', '85', '0', { proc: ['0', '0', '0'] }),
        row('2210201', '住房公积金', '58', '58', '0'),
        row('2210203', '购房补贴', '27', '27', '0'),
      ],
    },
    economic: {
      total: row('', '深圳市福田区数据管理中心', '5158', '994', '4164'),
      rows: [
        row('301', '工资福利支出', '919', '919', '0'),
        row('30101', '基本工资', '270', '270', '0'),
        row('30102', '津贴补贴', '114', '114', '0'),
        row('30103', '奖金', '57', '57', '0'),
        row('30107', '绩效工资', '250', '250', '0'),
        row('30108', '机关事业单位基本养老保险缴费', '58', '58', '0'),
        row('30109', '职业年金缴费', '18', '18', '0'),
        row('30110', '职工基本医疗保险缴费', '15', '15', '0'),
        row('30112', '其他社会保障缴费', '1', '1', '0'),
        row('30113', '住房公积金', '58', '58', '0'),
        row('30199', '其他工资福利支出', '78', '78', '0'),
        row('302', '商品和服务支出', '4191', '27', '4164'),
        row('30201', '办公费', '8', '8', '0'),
        row('30206', '电费', '4', undefined, '4'),
        row('30207', '邮电费', '541', undefined, '541'),
        row('30209', '物业管理费', '1', '1', '0'),
        row('30211', '差旅费', '4', '4', '0'),
        row('30213', '维修（护）费', '4', '4', '0'),
        row('30226', '劳务费', '34', undefined, '34'),
        row('30228', '工会经费', '9', '8', '1'),
        row('30229', '福利费', '1', '1', '0'),
        row('30299', '其他商品和服务支出', '3585', '2', '3583'),
        row('303', '对个人和家庭的补助', '48', '48', '0'),
        row('30302', '退休费', '48', '48', '0'),
        row('30399', '其他对个人和家庭的补助', '0', '0', '0'),
      ],
    },
    projects: [
      {
        name: { text: '电子政务运行维护' },
        amount: w('4094'),
        kind: 'performance',
        by_source: {},
        items: [
          { name: { text: '数据资源运行维护' }, amount: w('1486') },
          { name: { text: '基础设施运行维护' }, amount: w('2163') },
          { name: { text: '信息安全运行维护' }, amount: w('252') },
          { name: { text: '应急项目和设备维修' }, amount: w('193') },
        ],
        span: span(),
      },
      {
        name: { text: '一般管理事务' },
        amount: w('70'),
        kind: 'performance',
        by_source: {},
        items: [
          { name: { text: '劳务派遣人员' }, amount: w('35') },
          { name: { text: '其他一般管理事务' }, amount: w('35') },
        ],
        span: span(),
      },
    ],
    summary: {
      total: w('5158'),
      personnel: { ...w('919'), includes: { text: '' } },
      public: { ...w('28'), includes: { text: '' } },
      household: { ...w('47'), includes: { text: '' } },
      project: w('4164'),
      codes: { personnel: ['301'], public: ['302'], household: ['303'] },
    },
    procurement: { unit: '万元', total: w('512'), goods: w('0'), works: w('0'), services: w('512') },
    three_public: { unit: '万元', this_year: zeros3p(), last_year: zeros3p(), change: zeros3p(), reasons: {} },
    running_cost: w('0'),
    running_cost_unit: '万元',
    assets: {
      as_of: { text: '' },
      vehicles: w('0'),
      general_equipment: w('62'),
      special_equipment: w('0'),
      vehicle_kinds: [],
      planned: { vehicles: w('0'), general_equipment: w('0'), special_equipment: w('0'), vehicle_kinds: [] },
    },
    performance: {
      tasks: [
        { name: { text: '一般管理事务' }, content: { text: '' }, total: w('70'), fiscal: w('70'), other: w('0'), ref: { project: '一般管理事务' }, span: span() },
        { name: { text: '电子政务运行维护' }, content: { text: '' }, total: w('4094'), fiscal: w('4094'), other: w('0'), ref: { project: '电子政务运行维护' }, span: span() },
        { name: { text: '人员类支出' }, content: { text: '' }, total: w('994'), fiscal: w('994'), other: w('0'), ref: { basic: true }, span: span() },
      ],
      total: w('5158'),
      total_fiscal: w('5158'),
      total_other: w('0'),
      goal: { text: '' },
      indicators: [],
    },
    prior: { year: 2022, income_total: w('5318'), expenditure_total: w('5318'), running_cost: w('0'), funds: {} },
    comparison: { change: w('-160'), percent: w('-3') },
    prose: { change_reason: { text: '' }, other_notes: [] },
  };
  patch?.(d);
  return d as Budget;
}

export function fRow(b: Budget, code: string): ClassRow {
  const r = code === '' ? b.functional.total : b.functional.rows.find((x) => x.code.text === code);
  if (!r) throw new Error(`no functional row ${code}`);
  return r;
}
export function eRow(b: Budget, code: string): ClassRow {
  const r = code === '' ? b.economic.total : b.economic.rows.find((x) => x.code.text === code);
  if (!r) throw new Error(`no economic row ${code}`);
  return r;
}
