/** Kysely types for migration 0011 (the analytic model of a municipality and the state). Column names as in SQL. */
export interface StatSourceTable {
  sender_id: string;
  period: string;
  built_at: string;
}
interface StudentDims {
  gender: string;
  education_level: string;
  grade_band: string;
}
export interface StatStudentTable extends StudentDims {
  sender_id: string;
  period: string;
  school_id: string;
  student_id: string;
  screened: 0 | 1;
  at_risk: 0 | 1;
  /** Risk groups present at screening, sorted, comma-separated ('' when none). */
  risk_groups: string;
}
export interface StatFactorTable extends StudentDims {
  sender_id: string;
  period: string;
  school_id: string;
  student_id: string;
  /** A catalogue factor id, or 'group:<group>' for a school's own factor. */
  factor_key: string;
  risk_group: string;
}
export interface StatPlanTable extends StudentDims {
  sender_id: string;
  period: string;
  school_id: string;
  plan_id: string;
  student_id: string;
  status: string;
  outcome: string | null;
  risk_groups: string;
  /** Migration 0012: the plan's measure kinds, and those with a delivery; sorted, comma-separated ('' when none). */
  kinds: string;
  delivered_kinds: string;
}
export interface StatMeasureTable extends StudentDims {
  sender_id: string;
  period: string;
  school_id: string;
  measure_id: string;
  plan_id: string;
  /** A default kind's code, or '<category>.other' for a kind a school added. */
  kind_code: string;
  category: string;
  planned_minutes: number;
  planned_cents: number;
  deliveries: number;
  delivered_minutes: number;
  delivered_cents: number;
  approved_cents: number | null;
  paid_cents: number | null;
}
export interface StatMeasureRiskTable {
  sender_id: string;
  period: string;
  measure_id: string;
  factor_key: string;
}
export interface StatRiskOutcomeTable {
  sender_id: string;
  period: string;
  school_id: string;
  plan_id: string;
  factor_key: string;
  risk_group: string;
  change: string;
  grade_band: string;
  /** Migration 0012: the plan's measure kinds, and those delivered and linked to this risk; sorted, comma-separated ('' when none). */
  plan_kinds: string;
  reached_kinds: string;
}
/** Migration 0014: per (sender, period, school) the trend figures and the drill-down columns, summed from the rows above at each import. */
export interface StatUnitTotalTable {
  sender_id: string;
  period: string;
  school_id: string;
  students: number;
  screened: number;
  at_risk: number;
  plans: number;
  evaluated: number;
  stayed: number;
  left_education: number;
  measures: number;
  delivered_minutes: number;
  delivered_cents: number;
}
/** Migration 0014: the units of the effect estimates per (period, unit, stratum, event, kind), summed over senders; kind '' counts every unit. */
export interface StatEffectCountTable {
  period: string;
  unit: 'risk' | 'plan';
  stratum: string;
  event: 0 | 1;
  kind_code: string;
  units: number;
  reached: number;
}
/** Migration 0015: one overview cell per (period, sender, table, key, grade band, gender, education level), counted from the rows above at each import. */
export interface StatOverviewCountTable {
  period: string;
  sender_id: string;
  tbl: 'students' | 'riskGroups' | 'riskFactors' | 'plansByStatus' | 'outcomes';
  key: string;
  grade_band: string;
  gender: string;
  education_level: string;
  n: number;
}
/** Migration 0015: the overview cells summed over every sender, per (period, table, key, grade band, gender, education level). */
export interface StatOverviewAllTable {
  period: string;
  tbl: StatOverviewCountTable['tbl'];
  key: string;
  grade_band: string;
  gender: string;
  education_level: string;
  n: number;
}
/** Migration 0015: the overview's measure figures per (period, sender, kind, category); approved and paid NULL when no measure carried one. */
export interface StatOverviewMeasureTable {
  period: string;
  sender_id: string;
  kind_code: string;
  category: string;
  plans: number;
  measures: number;
  planned_minutes: number;
  planned_cents: number;
  delivered_minutes: number;
  delivered_cents: number;
  deliveries: number;
  approved_cents: number | null;
  paid_cents: number | null;
}
export interface StatTables {
  stat_source: StatSourceTable;
  stat_student: StatStudentTable;
  stat_factor: StatFactorTable;
  stat_plan: StatPlanTable;
  stat_measure: StatMeasureTable;
  stat_measure_risk: StatMeasureRiskTable;
  stat_risk_outcome: StatRiskOutcomeTable;
  stat_unit_total: StatUnitTotalTable;
  stat_effect_count: StatEffectCountTable;
  stat_overview_count: StatOverviewCountTable;
  stat_overview_all: StatOverviewAllTable;
  stat_overview_measure: StatOverviewMeasureTable;
}
