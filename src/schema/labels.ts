import type { Path } from '../source/tree.js';
import { GENERAL_KIND_NAMES as GK, GOVERNMENT_NAME, SOURCE_NAMES as S, sourceHeading, THREE_PUBLIC_NAMES as TP, UNIT_FUNDS_NAME } from './vocabulary.js';

/** Chinese names of the format's keys, for messages a finance officer reads. */
export const KEY_ZH: Readonly<Record<string, string>> = {
  department: '部门', name: '名称', supervisor: '主管部门', year: '年度', unit: '金额单位',
  duties: '部门职责', goals: '主要工作目标', units: '基层单位', divisions: '下设部门',
  staffing: '人员编制', staffing_total: '部门人员合计', admin_quota: '行政编制数',
  admin_actual: '实有在编人数（行政）', inst_quota: '事业编制数', inst_actual: '实有在编人数（事业）',
  retired_veteran: '离休', retired: '退休', prose: '说明文字', change_reason: '预算收支增减主要原因',
  running_cost_note: '机关运行经费说明', other_notes: '其他需要说明情况', prior_year: '上年比较数',
  income_total: '上年收入', expenditure_total: '上年支出', running_cost: '机关运行经费',
  comparison: '比上年增减', change: '增减变化', percent: '增减百分比', income: '收入',
  total: '合计', current_total: '本年合计', government: GOVERNMENT_NAME.zh, general: S.general.zh,
  basic: '基本支出', performance: '绩效', special: GK.special.zh, investment: GK.investment.zh,
  gov_fund: S.gov_fund.zh, soe: S.soe.zh, special_account: S.special_account.zh,
  unit_funds: UNIT_FUNDS_NAME.zh, business: sourceHeading('unit_business'), operating: sourceHeading('unit_operating'),
  superior: sourceHeading('unit_superior'), affiliated: sourceHeading('unit_affiliated'), other: '其他',
  carryover: S.carryover.zh, expenditure: '支出',
  carry_forward: '结转下年', functional: '支出功能分类', economic: '支出经济分类', rows: '科目行',
  code: '科目编码', project: '项目支出', procurement: '政府采购', sme: '面向中小企业',
  micro: '面向小型、微型企业', by_source: '按资金来源', summary: '支出构成',
  personnel: '人员支出', public: '公用支出', household: '对个人和家庭的补助支出', amount: '金额',
  includes: '主要包括', codes: '对应经济分类科目', projects: '项目', kind: '项目类别', items: '明细',
  purpose: '用途', goal: '总体目标', indicators: '绩效指标', label: '指标类别', text: '指标内容',
  goods: '货物采购', works: '工程采购', services: '服务采购', three_public: '“三公”经费',
  this_year: '本年', last_year: '上年', abroad: TP.abroad.zh, reception: TP.reception.zh,
  vehicles: '车辆', vehicle_purchase: TP.vehicle_purchase.zh, vehicle_running: TP.vehicle_running.zh,
  assets: '国有资产占用情况', as_of: '截至时间', general_equipment: '通用设备', special_equipment: '专用设备',
  planned: '计划新增', tasks: '年度主要任务', content: '主要内容', fiscal: '财政拨款',
  total_fiscal: '合计·财政拨款', total_other: '合计·其他资金', ref: '对应', level1: '一级指标',
  level2: '二级指标', level3: '三级指标', target: '目标值', review: '待复核的沿用文字（budget init）',
  unit_counts: '单位数', admin: '行政单位', civil_service: '参公单位', institution: '事业单位',
  funds: '财政拨款按资金性质', overview: '部门简介', statement: '项目经费情况说明', heading: '标题',
  reasons: '增减原因', equipment: '单价100万元以上设备', vehicle_kinds: '车辆（按用途）', count: '数量',
  performance_targets: '绩效目标设置情况', running_cost_unit: '机关运行经费金额单位', region: '所属地区',
};

export function keyZh(k: string | number | undefined): string {
  if (typeof k === 'number') return `第 ${k + 1} 项`;
  if (k === undefined) return '';
  return Object.hasOwn(KEY_ZH, k) ? KEY_ZH[k] : k;
}
