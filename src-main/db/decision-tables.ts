/** Kysely types for migration 0006 (the municipality's decisions, payments, projects; what a school received). Column names as in SQL. */
import type { Generated } from 'kysely';
import type { ApprovalPolicy, AuthorityState, DecisionOutcome, Payee } from '../../src-shared/domain/decisions';

export interface AuthoritySettingsTable {
  id: number;
  approval_policy: ApprovalPolicy;
  /** JSON: Rate[] */
  rates: Generated<string>;
  /** JSON: string[] (days) */
  deadlines: Generated<string>;
  youth_project_cap_cents: number;
  version: Generated<number>;
  updated_at: string;
  /** The number of the row's last change (migration 0013). */
  change_no: Generated<number>;
}
export interface AuthorityDecisionTable {
  id: string;
  school_id: string;
  period: string;
  plan_id: string;
  plan_code: string;
  plan_version: number;
  plan_updated_at: string;
  outcome: DecisionOutcome;
  /** JSON: {measureId, approvedCents, refused}[] */
  measures: Generated<string>;
  comment: Generated<string>;
  over_budget_reason: string | null;
  decided_at: string;
  decided_by: string;
  decided_by_name: string;
  change_no: Generated<number>;
}
export interface AuthorityBudgetTable {
  period: string;
  kind_code: string;
  cents: number;
  updated_at: string;
}
export interface AuthorityPaymentTable {
  id: string;
  school_id: string;
  period: string;
  plan_id: string;
  measure_id: string;
  kind_code: string;
  paid_on: string;
  cents: number;
  payee: Payee;
  reference: string;
  recorded_at: string;
  recorded_by: string;
  change_no: Generated<number>;
}
export interface YouthProjectTable {
  id: string;
  title: string;
  ngo: string;
  starts_on: string;
  ends_on: string;
  budget_cents: number;
  version: Generated<number>;
  updated_at: string;
  change_no: Generated<number>;
}
/** Migration 0013: the last change number given out (one row). */
export interface AuthorityChangeCounterTable {
  id: number;
  last_no: number;
}
/** Migration 0013: per school and semester, the last change number a decisions package carried. */
export interface DecisionsSentTable {
  school_id: string;
  period: string;
  change_no: number;
  package_id: string;
}
export interface ReceivedDecisionTable {
  id: string;
  authority_id: string;
  package_id: string;
  plan_id: string;
  plan_version: number;
  plan_updated_at: string;
  outcome: DecisionOutcome;
  measures: string;
  comment: string;
  decided_at: string;
  received_at: string;
  stale: 0 | 1;
}
export interface ReceivedSettingsTable {
  id: number;
  authority_id: string;
  package_id: string;
  record: string;
  received_at: string;
}
export interface ReceivedPaymentTable {
  id: string;
  package_id: string;
  plan_id: string;
  measure_id: string;
  paid_on: string;
  cents: number;
  payee: string;
  reference: string;
  received_at: string;
}
export interface ReceivedYouthProjectTable {
  id: string;
  package_id: string;
  title: string;
  ngo: string;
  starts_on: string;
  ends_on: string;
  budget_cents: number;
  received_at: string;
}
export type { AuthorityState };

/** Migration 0012: a live imported plan of a school report, typed for the decision queue (services/decisions/queue-model.ts). */
export interface QueuePlanTable {
  sender_id: string;
  period: string;
  plan_id: string;
  code: string;
  status: string;
  updated_at: string;
  /** The plan's student's grade and class label (null when the student record is missing). */
  grade: number | null;
  class_label: string | null;
}
/** Migration 0012: a live imported measure of a school report, typed for the decision queue. */
export interface QueueMeasureTable {
  sender_id: string;
  period: string;
  plan_id: string;
  measure_id: string;
  kind_code: string;
  /** The category of the sender's measure kind record (null when it sent none: the local kind's then). */
  category: string | null;
  planned_cents: number | null;
  updated_at: string;
}
export interface DecisionTables {
  queue_plan: QueuePlanTable;
  queue_measure: QueueMeasureTable;
  authority_settings: AuthoritySettingsTable;
  authority_decision: AuthorityDecisionTable;
  authority_budget: AuthorityBudgetTable;
  authority_payment: AuthorityPaymentTable;
  youth_project: YouthProjectTable;
  received_decision: ReceivedDecisionTable;
  received_settings: ReceivedSettingsTable;
  received_payment: ReceivedPaymentTable;
  received_youth_project: ReceivedYouthProjectTable;
  authority_change_counter: AuthorityChangeCounterTable;
  decisions_sent: DecisionsSentTable;
}
