import { z } from 'zod';
import { SOURCES } from './vocabulary.js';

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
  staffing: Staffing,
});

export const DepartmentSchema = z.strictObject({
  name: Text,
  supervisor: Text,
  year: Year,
  unit: z.enum(['万元', '元']),
  duties: z.array(Text),
  goals: Text,
  units: z.array(UnitSchema).min(1),
  staffing_total: Staffing.optional(),
  /** The report definition to lay the document out by: a name under profiles/ or a path to a profile file. */
  profile: z.string().min(1).optional(),
});

export const ProseSchema = z.strictObject({
  change_reason: Text,
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

export const FunctionalRow = z.strictObject({
  code: Code,
  name: Text,
  total: opt,
  basic: opt,
  project: opt,
  procurement: ProcurementSchema.optional(),
  by_source: RowBySource.optional(),
});

export const EconomicRow = z.strictObject({
  code: Code,
  name: Text,
  total: opt,
  basic: opt,
  project: opt,
  by_source: RowBySource.optional(),
});

export const FunctionalSchema = z.strictObject({
  total: z.strictObject({ total: opt, basic: opt, project: opt, procurement: ProcurementSchema.optional() }).optional(),
  rows: z.array(FunctionalRow).min(1),
});

export const EconomicSchema = z.strictObject({
  total: z.strictObject({ total: opt, basic: opt, project: opt }).optional(),
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
  kind: z.enum(['performance', 'special', 'investment']),
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
});

export const ProcurementPlanSchema = z.strictObject({ total: opt, goods: opt, works: opt, services: opt });

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

export const ThreePublicSchema = z.strictObject({
  this_year: ThreePublicYearSchema,
  /** Omitted: the prior year's this_year row, from its data (as prior_year). */
  last_year: ThreePublicYearSchema.optional(),
  change: ThreePublicChangeSchema.optional(),
});

export const AssetsSchema = z.strictObject({
  as_of: Text,
  vehicles: Count,
  general_equipment: Count,
  special_equipment: Count,
  planned: z
    .strictObject({ vehicles: Count.optional(), general_equipment: Count.optional(), special_equipment: Count.optional() })
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
  comparison: ComparisonSchema.optional(),
  income: IncomeSchema,
  expenditure: ExpenditureSchema.optional(),
  functional: FunctionalSchema,
  economic: EconomicSchema,
  summary: SummarySchema,
  projects: z.array(ProjectSchema),
  procurement: ProcurementPlanSchema,
  three_public: ThreePublicSchema,
  running_cost: Amount,
  assets: AssetsSchema,
  performance: PerformanceSchema,
  /**
   * Texts carried over by `budget init`, still to review: path → short hash of the text as copied
   * (src/years/draft.ts; `years/carried-over`). Not part of the document.
   */
  review: z.record(z.string(), Text).optional(),
});

export type SourceInput = z.infer<typeof SourceSchema>;
