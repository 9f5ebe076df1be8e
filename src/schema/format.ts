import { z } from 'zod';
import { PROJECT_KINDS, SOURCES } from './vocabulary.js';

/**
 * The source format of one department-year, as zod schemas (documented key by key in
 * docs/format.md). Every object is strict: an unknown key is an error with a suggestion.
 * Amounts are YAML numbers (an unquoted `1,234` is accepted, see plain.ts); the exact decimal is
 * read later from the written text, never from the JS number validated here.
 * Rule of omission: an omitted part is 0; an omitted total or subtotal is computed from its parts.
 */

/** An amount in the department's unit (万元 or 元), any decimals; a budget figure is never negative. */
/**
 * A budget year: a whole number from 1949 to 2999. Dates in the document are made from it (a year
 * such as 300000 has no date and once crashed the build: Invalid time value).
 */
export const YEAR_RANGE = { min: 1949, max: 2999 } as const;
const Year = z.number().int().min(YEAR_RANGE.min).max(YEAR_RANGE.max);

export const Amount = z.number().nonnegative();
/** A change or difference (增减变化, 增减百分比): may be negative. */
export const Change = z.number();
/** A count of people, vehicles or pieces of equipment. */
export const Count = z.number().int().nonnegative();
/** A text; a number written where a text is expected (`target: 95`) is taken as written. */
export const Text = z.union([z.string(), z.number()]);
/** A classification code: digits, written plain (`201`) or quoted (`"201"`). */
export const Code = z.union([z.string(), z.number()]);

const opt = Amount.optional();

export const Staffing = z.strictObject({
  admin_quota: Count, // 行政编制数
  admin_actual: Count, // 实有在编人数（行政）
  inst_quota: Count, // 事业编制数
  inst_actual: Count, // 实有在编人数（事业）
  retired_veteran: Count, // 离休
  retired: Count, // 退休
});

export const UnitSchema = z.strictObject({
  name: Text,
  divisions: z.array(Text).optional(),
  /** Optional: a layout that prints no head counts does not make the data invent them. */
  staffing: Staffing.optional(),
});

/** How many units of each kind the department holds (行政单位 N 家，参公单位 N 家，事业单位 N 家). */
export const UnitCountsSchema = z.strictObject({ admin: Count.optional(), civil_service: Count.optional(), institution: Count.optional() });

/** A unit an amount may be written in when a section's figures are published in another unit than the tables'. */
export const MoneyUnit = z.enum(['万元', '元']);

export const DepartmentSchema = z.strictObject({
  name: Text,
  supervisor: Text.optional(),
  /** The region the department belongs to, as a cover names it (某某市某某区); optional. */
  region: Text.optional(),
  year: Year,
  unit: z.enum(['万元', '元']),
  duties: z.array(Text),
  goals: Text.optional(),
  units: z.array(UnitSchema).min(1),
  unit_counts: UnitCountsSchema.optional(),
  staffing_total: Staffing.optional(),
  /** The report definition to lay the document out by: a name under profiles/ or a path to a profile file. */
  profile: z.string().min(1).optional(),
});

export const ProseSchema = z.strictObject({
  change_reason: Text,
  /** A sentence introducing the department before its duties (…是…的部门。). */
  overview: Text.optional(),
  running_cost_note: Text.optional(),
  other_notes: z.array(Text).optional(),
});

/**
 * The prior-year figures the document compares with. Each is optional: an omitted one is the
 * prior year's own published figure, from the previous year's data (`<year − 1>` next to this
 * directory); without that data it must be declared (`shape/missing-prior-year`).
 */
export const PriorYearSchema = z.strictObject({
  year: Year.optional(),
  income_total: opt,
  expenditure_total: opt,
  running_cost: opt,
  /** The prior year's appropriations by fund, for a narrative that compares each fund (in the department's unit). */
  general: opt,
  gov_fund: opt,
  soe: opt,
});

export const ComparisonSchema = z.strictObject({
  change: Change.optional(),
  percent: Change.optional(),
});

export const IncomeSchema = z.strictObject({
  total: opt,
  current_total: opt,
  government: opt,
  general: z
    .strictObject({ total: opt, basic: opt, performance: opt, special: opt, investment: opt })
    .optional(),
  gov_fund: opt,
  soe: opt,
  special_account: opt,
  unit_funds: z
    .strictObject({ total: opt, business: opt, operating: opt, superior: opt, affiliated: opt, other: opt })
    .optional(),
  carryover: opt,
});

export const ExpenditureSchema = z.strictObject({
  current_total: opt,
  carry_forward: opt,
  total: opt,
});

export const BasicProjectSchema = z.strictObject({ basic: opt, project: opt });

/** Amounts of a leaf row by funding source (keys: SOURCES of src/model/budget.ts). */
export const RowBySource = z.strictObject(
  Object.fromEntries(SOURCES.map((s) => [s, BasicProjectSchema.optional()])) as Record<
    (typeof SOURCES)[number],
    z.ZodOptional<typeof BasicProjectSchema>
  >,
);

export const ProcurementSchema = z.strictObject({ total: Amount, sme: opt, micro: opt });

/** A row's fiscal appropriation by fund as a summary table prints it per 类/款 (合计 by fund), written on any level. */
export const FundsSchema = z.strictObject({ general: opt, gov_fund: opt, soe: opt });

/** A functional row's income by source as an income table prints it per 科目 (合计 | 财政拨款收入 | 事业收入 | 事业单位经营收入 | 其他收入). */
export const RowIncomeSchema = z.strictObject({ total: opt, fiscal: opt, business: opt, operating: opt, other: opt });

export const FunctionalRow = z.strictObject({
  code: Code,
  name: Text,
  total: opt,
  basic: opt,
  project: opt,
  procurement: ProcurementSchema.optional(),
  by_source: RowBySource.optional(),
  funds: FundsSchema.optional(),
  income: RowIncomeSchema.optional(),
  /** The basic column split into 人员经费 and 公用经费 (a summary by 类 of a unit's budget prints it). */
  personnel: opt,
  public: opt,
  /** What the row's money is mainly for, as the narrative lists it (主要用于…). */
  purpose: Text.optional(),
});

export const EconomicRow = z.strictObject({
  code: Code,
  name: Text,
  total: opt,
  basic: opt,
  project: opt,
  by_source: RowBySource.optional(),
  /** The basic column split into 人员经费 and 公用经费, as an economic table of basic spending prints it. */
  personnel: opt,
  public: opt,
});

export const FunctionalSchema = z.strictObject({
  total: z.strictObject({ total: opt, basic: opt, project: opt, procurement: ProcurementSchema.optional() }).optional(),
  rows: z.array(FunctionalRow).min(1),
});

export const EconomicSchema = z.strictObject({
  total: z.strictObject({ total: opt, basic: opt, project: opt, personnel: opt, public: opt }).optional(),
  rows: z.array(EconomicRow).min(1),
});

const SummaryLine = z.strictObject({ amount: opt, includes: Text, codes: z.array(Code).optional() });

export const SummarySchema = z.strictObject({
  total: opt,
  personnel: SummaryLine,
  public: SummaryLine,
  household: SummaryLine,
  project: opt,
});

export const ProjectSchema = z.strictObject({
  name: Text,
  code: Code.optional(),
  amount: opt,
  /** Omitted: performance (a layout that does not split the general appropriation by project kind). */
  kind: z.enum(PROJECT_KINDS).optional(),
  by_source: z
    .strictObject(
      Object.fromEntries(SOURCES.map((s) => [s, opt])) as Record<(typeof SOURCES)[number], typeof opt>,
    )
    .optional(),
  items: z.array(z.strictObject({ name: Text, amount: Amount, purpose: Text.optional() })).optional(),
  performance: z
    .strictObject({
      goal: Text,
      indicators: z.array(z.strictObject({ label: Text, text: Text })),
    })
    .optional(),
  /** A key project's statement as the narrative prints it: headed sections of text (项目概述, 立项依据, …). */
  statement: z.array(z.strictObject({ heading: Text, text: z.array(Text) })).optional(),
});

export const ProcurementPlanSchema = z.strictObject({
  /** The unit of this section's figures when the narrative publishes them in another unit than the tables. */
  unit: MoneyUnit.optional(),
  total: opt,
  goods: opt,
  works: opt,
  services: opt,
  /** 面向中小企业预留 and, of it, 预留给小型和微型企业. */
  sme: opt,
  micro: opt,
});

const threePublicRow = <T extends z.ZodType>(figure: T) =>
  z.strictObject({
    total: figure.optional(),
    abroad: figure.optional(),
    reception: figure.optional(),
    vehicles: figure.optional(),
    vehicle_purchase: figure.optional(),
    vehicle_running: figure.optional(),
  });

export const ThreePublicYearSchema = threePublicRow(Amount);
/** 增减变化: this year − last year, line by line (negative when spending falls). */
export const ThreePublicChangeSchema = threePublicRow(Change);

const ThreePublicReasons = z.strictObject({
  total: Text.optional(),
  abroad: Text.optional(),
  reception: Text.optional(),
  vehicles: Text.optional(),
  vehicle_purchase: Text.optional(),
  vehicle_running: Text.optional(),
});

export const ThreePublicSchema = z.strictObject({
  /** The unit of this section's figures (and of running_cost written with it) when a table publishes them in another unit. */
  unit: MoneyUnit.optional(),
  this_year: ThreePublicYearSchema,
  /** Omitted: the prior year's this_year row, from its data (as prior_year). */
  last_year: ThreePublicYearSchema.optional(),
  change: ThreePublicChangeSchema.optional(),
  /** Why each line changed or stayed (主要原因是…), per line. */
  reasons: ThreePublicReasons.optional(),
});


/** Vehicles by kind (部级领导干部用车, …), as a list in print order. */
const VehicleKinds = z.array(z.strictObject({ name: Text, count: Count }));

export const AssetsSchema = z.strictObject({
  as_of: Text,
  vehicles: Count,
  general_equipment: Count.optional(),
  special_equipment: Count.optional(),
  /** 单价 100 万元（含）以上设备（不含车辆）, when a layout counts equipment without the general/special split. */
  equipment: Count.optional(),
  vehicle_kinds: VehicleKinds.optional(),
  planned: z
    .strictObject({
      vehicles: Count.optional(),
      general_equipment: Count.optional(),
      special_equipment: Count.optional(),
      equipment: Count.optional(),
      vehicle_kinds: VehicleKinds.optional(),
    })
    .optional(),
});

export const TaskSchema = z.strictObject({
  name: Text,
  content: Text,
  total: opt,
  fiscal: opt,
  other: opt,
  ref: z.strictObject({ project: Text.optional(), basic: z.literal(true).optional() }).optional(),
});

export const PerformanceSchema = z.strictObject({
  tasks: z.array(TaskSchema),
  total: opt,
  total_fiscal: opt,
  total_other: opt,
  goal: Text,
  indicators: z.array(
    z.strictObject({ level1: Text, level2: Text.optional(), level3: Text, target: Text }),
  ),
});

/** All top-level sections of a department-year (spread over any number of files). */
export const SourceSchema = z.strictObject({
  department: DepartmentSchema,
  prose: ProseSchema,
  prior_year: PriorYearSchema.optional(),
  /** 绩效目标设置情况: how many units and projects set targets, over how much money (in `unit`, default the department's). */
  performance_targets: z.strictObject({ units: Count.optional(), projects: Count, amount: Amount, unit: MoneyUnit.optional() }).optional(),
  comparison: ComparisonSchema.optional(),
  income: IncomeSchema,
  expenditure: ExpenditureSchema.optional(),
  functional: FunctionalSchema,
  economic: EconomicSchema,
  summary: SummarySchema.optional(),
  projects: z.array(ProjectSchema),
  procurement: ProcurementPlanSchema,
  three_public: ThreePublicSchema,
  running_cost: Amount,
  /** The unit running_cost is written in when a table publishes it in another unit than the others (default the department's). */
  running_cost_unit: MoneyUnit.optional(),
  assets: AssetsSchema,
  performance: PerformanceSchema.optional(),
  /**
   * Texts carried over by `budget init`, still to review: path → short hash of the text as copied
   * (src/years/draft.ts; `years/carried-over`). Not part of the document.
   */
  review: z.record(z.string(), Text).optional(),
});

export type SourceInput = z.infer<typeof SourceSchema>;
