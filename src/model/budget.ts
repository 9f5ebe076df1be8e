import type { Dec } from '../money/decimal.js';
import type { Span } from '../source/span.js';
import type { GeneralKind, ProjectKind, Source } from '../schema/vocabulary.js';

/**
 * The loaded budget of one department-year: every fact once, with where it was written.
 * Tables and narrative are views over this model (see src/document). Field names mirror the
 * YAML source format (docs/format.md), so a diagnostic path and a YAML key read the same.
 */

/** The unit all amounts of a department-year are written in. */
export type Unit = '万元' | '元';

/**
 * A figure. `value` is what the document publishes: the written figure when the source declares
 * it, otherwise the one computed from its parts. `span` is present exactly when it was written.
 */
export interface Fig {
  readonly value: Dec;
  readonly span?: Span;
}

/** A written text with its place (for prose and names a diagnostic may point at). */
export interface Text {
  readonly text: string;
  readonly span?: Span;
}

/** Funding sources, the general appropriation's split (defined with the format's vocabulary). */
export { SOURCES, GENERAL_KINDS, PROJECT_KINDS, type Source, type GeneralKind, type ProjectKind } from '../schema/vocabulary.js';

export interface BasicProject {
  readonly basic: Fig;
  readonly project: Fig;
}

/** A classification row (functional 类/款/项 or economic 类/款). */
export interface ClassRow {
  readonly code: Text; // "201", "20103", "2010350"; economic "301", "30101"
  readonly name: Text;
  /** 1 for 类, 2 for 款, 3 for 项 (from the code length). */
  readonly level: 1 | 2 | 3;
  readonly total: Fig;
  readonly basic: Fig;
  readonly project: Fig;
  /**
   * Amounts by funding source. Written only on leaf rows; when the source omits it, the whole row
   * is `general`. Parent rows get the sums of their children.
   */
  readonly by_source: Readonly<Partial<Record<Source, BasicProject>>>;
  /** Whether the basic column was written (a written 0 puts the row in Table 4; an omitted one does not). */
  readonly basic_written: boolean;
  /** Government procurement (Table 3); functional rows only. */
  readonly procurement?: Procurement;
  /** The fiscal appropriation by fund as a summary table prints it on this row, when written (checked against by_source). */
  readonly funds?: Readonly<Partial<Record<Fund, Fig>>>;
  /** The row's income by source (an income table per 科目); written figures, else derived from total and by_source. Functional rows only. */
  readonly income?: RowIncome;
  /** The basic column split into 人员经费 and 公用经费 (economic rows), when written or computed from children that write it. */
  readonly personnel?: Fig;
  readonly public?: Fig;
  /** What the money is mainly for (主要用于…), as the narrative lists the row. */
  readonly purpose?: Text;
  /** Where the row starts in the source. */
  readonly span: Span;
}

/** The three government funds (财政拨款): the parts of a fiscal appropriation. */
export const FUNDS = ['general', 'gov_fund', 'soe'] as const;
export type Fund = (typeof FUNDS)[number];
/** Whether a column or key names one of the funds (a summary by 类's fund columns, a row's `funds`). */
export const isFund = (k: string): k is Fund => (FUNDS as readonly string[]).includes(k);

/** 合计 | 财政拨款收入 | 事业收入 | 事业单位经营收入 | 其他收入 of one functional row. */
export const ROW_INCOME_KEYS = ['fiscal', 'business', 'operating', 'other'] as const;
export interface RowIncome {
  readonly total: Fig;
  readonly fiscal: Fig;
  readonly business: Fig;
  readonly operating: Fig;
  readonly other: Fig;
}

export interface Procurement {
  readonly total: Fig; // “<年度> 年政府采购项目 小计”
  readonly sme: Fig; // 其中：面向中小企业政府采购项目
  readonly micro: Fig; // 其中：面向小型、微型企业政府采购项目
}

/** A classification table: the department total row plus the rows in source order. */
export interface Classification {
  readonly total: ClassRow; // the department row (code "", name = department)
  readonly rows: readonly ClassRow[];
}

export interface Staffing {
  readonly admin_quota: Fig; // 行政编制数
  readonly admin_actual: Fig; // 实有在编人数（行政）
  readonly inst_quota: Fig; // 事业编制数
  readonly inst_actual: Fig; // 实有在编人数（事业）
  readonly retired_veteran: Fig; // 离休
  readonly retired: Fig; // 退休
}

export interface Unit_ {
  readonly name: Text;
  readonly divisions: readonly Text[]; // 下设部门
  /** Absent when the data writes none (a layout that prints no head counts). */
  readonly staffing?: Staffing;
}

export interface Department {
  readonly name: Text;
  readonly supervisor?: Text; // 主管部门
  readonly region?: Text; // the region a cover names (某某市某某区)
  readonly year: number;
  readonly unit: Unit;
  readonly units: readonly Unit_[]; // 基层单位
  readonly staffing_total?: Staffing; // declared department totals, checked against the units
  readonly duties: readonly Text[]; // 部门职责, one paragraph each
  readonly goals?: Text; // 主要工作目标
  /** 行政单位 / 参公单位 / 事业单位 counts, when written. */
  readonly unit_counts?: Readonly<Partial<Record<'admin' | 'civil_service' | 'institution', Fig>>>;
  /** The report definition (profile) the document is laid out by; absent: the default layout. */
  readonly profile?: Text;
}

/** Declared income (Table 2's row); checked against the expenditure by source. */
export interface Income {
  readonly total: Fig; // 收入总计
  readonly current_total: Fig; // 本年收入合计
  readonly government: Fig; // 政府预算拨款
  readonly general: Fig; // 一般公共预算拨款（小计）
  readonly general_kinds: Readonly<Record<GeneralKind, Fig>>;
  readonly gov_fund: Fig;
  readonly soe: Fig;
  readonly special_account: Fig;
  readonly unit_funds: Fig; // 单位资金（小计）
  readonly unit: Readonly<Record<'business' | 'operating' | 'superior' | 'affiliated' | 'other', Fig>>;
  readonly carryover: Fig; // 上年结余、结转
}

export interface ExpenditureTotals {
  readonly current_total: Fig; // 本年支出合计
  readonly carry_forward: Fig; // 结转下年
  readonly total: Fig; // 支出总计
}

export interface ProjectItem {
  readonly name: Text;
  readonly amount: Fig;
  readonly purpose?: Text; // e.g. 用于劳务派遣人员经费
}

export interface Indicator {
  readonly label: Text; // 数量指标
  readonly text: Text; // 1、系统巡检次数 4次；…
}

export interface Project {
  readonly name: Text;
  readonly code?: Text;
  readonly amount: Fig;
  readonly kind: ProjectKind;
  readonly by_source: Readonly<Partial<Record<Source, Fig>>>; // omitted: all general
  readonly items: readonly ProjectItem[];
  readonly performance?: { readonly goal: Text; readonly indicators: readonly Indicator[] };
  /** A key project's statement: headed sections of text. */
  readonly statement: readonly { readonly heading: Text; readonly text: readonly Text[] }[];
  readonly span: Span;
}

/** Part 3's breakdown of the total: 人员支出, 公用支出, 对个人和家庭的补助支出, 项目支出. */
export interface Summary {
  readonly total: Fig;
  readonly personnel: Fig & { readonly includes: Text };
  readonly public: Fig & { readonly includes: Text };
  readonly household: Fig & { readonly includes: Text };
  readonly project: Fig;
  /** False when the source has no summary section (the lines are then the economic rows' own). */
  readonly declared?: boolean;
  /** Economic codes whose basic column each line corresponds to (checked with rounding tolerance). */
  readonly codes: Readonly<Record<'personnel' | 'public' | 'household', readonly string[]>>;
}

export interface ProcurementPlan {
  /** The unit of these figures (the department's unless the section says otherwise). */
  readonly unit: Unit;
  readonly total: Fig;
  readonly goods: Fig;
  readonly works: Fig;
  readonly services: Fig;
  /** 面向中小企业预留 and 预留给小型和微型企业, when written. */
  readonly sme?: Fig;
  readonly micro?: Fig;
}

export interface ThreePublicYear {
  readonly total: Fig;
  readonly abroad: Fig;
  readonly reception: Fig;
  /** The subtotal of vehicle_purchase and vehicle_running (names: THREE_PUBLIC_NAMES in names.ts). */
  readonly vehicles: Fig;
  readonly vehicle_purchase: Fig;
  readonly vehicle_running: Fig;
}

export interface ThreePublic {
  /** The unit of these figures (the department's unless the section says otherwise). */
  readonly unit: Unit;
  readonly this_year: ThreePublicYear;
  readonly last_year: ThreePublicYear;
  /** 增减变化金额, declared or computed (this year − last year). */
  readonly change: ThreePublicYear;
  readonly reasons: Readonly<Partial<Record<keyof ThreePublicYear, Text>>>;
}

export interface Assets {
  readonly as_of: Text; // e.g. 截至 2030 年 10 月 (the autumn before the budget year)
  readonly vehicles: Fig;
  readonly general_equipment: Fig; // 单价 50 万元以上通用设备（台/套）; 0 when not written
  readonly special_equipment: Fig; // 单价 100 万元以上专用设备（台/套）; 0 when not written
  readonly equipment?: Fig; // 单价 100 万元（含）以上设备（不含车辆）
  readonly vehicle_kinds: readonly VehicleKind[];
  readonly planned: {
    readonly vehicles: Fig;
    readonly general_equipment: Fig;
    readonly special_equipment: Fig;
    readonly equipment?: Fig;
    readonly vehicle_kinds: readonly VehicleKind[];
  };
}

export interface VehicleKind {
  readonly name: Text;
  readonly count: Fig;
}

export interface PerformanceTask {
  readonly name: Text;
  readonly content: Text;
  readonly total: Fig;
  readonly fiscal: Fig; // 其中：财政拨款
  readonly other: Fig; // 其中：其他资金
  /** What the task's amount must equal: a project by name, or the basic expenditure. */
  readonly ref?: { readonly project: string } | { readonly basic: true };
  readonly span: Span;
}

export interface PerformanceIndicator {
  readonly level1: Text; // 产出 / 成本 / 效益 / 满意度
  readonly level2: Text; // 数量 / 质量 / 时效 / …
  readonly level3: Text; // 三级指标
  readonly target: Text; // 目标值
}

/** Table 12 整体支出绩效目标表. */
export interface Performance {
  readonly tasks: readonly PerformanceTask[];
  readonly total: Fig;
  readonly total_fiscal: Fig;
  readonly total_other: Fig;
  readonly goal: Text; // 年度总体目标
  readonly indicators: readonly PerformanceIndicator[];
}

/** Prior-year figures the document compares with, when the previous year's data is not at hand. */
export interface PriorYear {
  readonly year: number;
  readonly income_total: Fig;
  readonly expenditure_total: Fig;
  readonly running_cost: Fig; // 机关运行经费
  /** The prior year's appropriation by fund, when written. */
  readonly funds: Readonly<Partial<Record<Fund, Fig>>>;
}

/** Department-specific prose of the narrative that is not a figure. */
export interface Prose {
  readonly change_reason: Text; // 预算收支增加/减少主要原因
  readonly running_cost_note?: Text; // 机关运行经费 explanation
  readonly overview?: Text; // a sentence introducing the department before its duties
  readonly other_notes: readonly Text[]; // 第八部分 三、其他
}

export interface Budget {
  readonly dir: string;
  readonly department: Department;
  readonly income: Income;
  readonly expenditure: ExpenditureTotals;
  readonly functional: Classification;
  readonly economic: Classification;
  readonly projects: readonly Project[];
  readonly summary: Summary;
  readonly procurement: ProcurementPlan;
  readonly three_public: ThreePublic;
  readonly running_cost: Fig; // 机关运行经费财政拨款预算 (this year)
  /** The unit running_cost is written in (the department's unless written with its own). */
  readonly running_cost_unit: Unit;
  /** 绩效目标设置情况, when written. */
  readonly performance_targets?: { readonly units?: Fig; readonly projects: Fig; readonly amount: Fig; readonly unit: Unit };
  readonly assets: Assets;
  readonly performance: Performance;
  readonly prior: PriorYear;
  /** Year-over-year change as the narrative states it, when declared (checked against computed). */
  readonly comparison?: { readonly change?: Fig; readonly percent?: Fig };
  readonly prose: Prose;
}
