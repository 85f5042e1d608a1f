/** Kysely types for migration 0002 (school data). Column names as in SQL. */
import type { Generated } from 'kysely';
import type { AuthorityState } from '../../src-shared/domain/decisions';

export type RoleCode = 'coordinator' | 'planAuthor' | 'specialist' | 'director' | 'readOnly';
export type PlanStatusCode = 'draft' | 'inApproval' | 'approved' | 'active' | 'underReview' | 'suspended' | 'inactive';

export interface SchoolYearTable {
  id: string;
  starts_on: string;
  ends_on: string;
}
export interface SemesterTable {
  id: string;
  school_year_id: string;
  number: 1 | 2;
  starts_on: string;
  ends_on: string;
}
export interface StaffUserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  specialist_kind: string | null;
  active: Generated<0 | 1>;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}
export interface StaffRoleTable {
  user_id: string;
  role: RoleCode;
}
export interface StudentTable {
  id: string;
  first_name: string;
  last_name: string;
  personal_code: string;
  birth_date: string | null;
  gender: 'female' | 'male';
  education_level: 'general' | 'vocational';
  grade: number;
  class_label: Generated<string>;
  programme: Generated<string>;
  enrolled_on: string | null;
  left_on: string | null;
  status: Generated<'active' | 'left' | 'graduated'>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface GuardianTable {
  id: string;
  student_id: string;
  name: string;
  relation: 'mother' | 'father' | 'guardian' | 'other';
  phone: Generated<string>;
  email: Generated<string>;
  created_at: string;
  updated_at: string;
}
export interface RiskFactorTable {
  id: string;
  risk_group: 'school' | 'personal' | 'family' | 'economic';
  label_lv: string;
  label_en: string;
  source: 'catalogue' | 'custom';
  catalogue_version: string;
  sort_order: Generated<number>;
  retired_at: string | null;
  created_at: string;
}
export interface MeasureKindTable {
  code: string;
  category: 'consultation' | 'compensation' | 'ngo';
  label_lv: string;
  label_en: string;
  unit: 'minutes' | 'cents' | 'participation';
  rate_cents: number | null;
  cap_cents: number | null;
  active: Generated<0 | 1>;
  sort_order: Generated<number>;
}
export interface ScreeningTable {
  id: string;
  student_id: string;
  semester_id: string;
  screened_on: string;
  screened_by: string;
  note: Generated<string>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface ScreeningAnswerTable {
  screening_id: string;
  risk_factor_id: string;
  answer: 'present' | 'absent' | 'unknown';
  justification: Generated<string>;
}
export interface PlanTable {
  id: string;
  code: string;
  student_id: string;
  semester_id: string;
  status: PlanStatusCode;
  goals: Generated<string>;
  author_id: string;
  consent_by: string | null;
  consent_relation: 'mother' | 'father' | 'guardian' | 'other' | 'student' | null;
  consent_on: string | null;
  previous_plan_id: string | null;
  closed_at: string | null;
  /** Where the plan stands with the municipality (migration 0006); null: it does not need it. */
  authority_state: Generated<AuthorityState | null>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface PlanStatusChangeTable {
  id: Generated<number>;
  plan_id: string;
  from_status: PlanStatusCode | null;
  to_status: PlanStatusCode;
  comment: Generated<string>;
  changed_by: string;
  changed_at: string;
}
export interface MeasureTable {
  id: string;
  plan_id: string;
  kind_code: string;
  planned_minutes: number | null;
  planned_cents: number | null;
  responsible_id: string | null;
  starts_on: string;
  ends_on: string;
  justification: string;
  /** The municipality's approved amount (migration 0006); null: none decided. */
  approved_cents: Generated<number | null>;
  /** 1: the municipality refused this measure. */
  authority_refused: Generated<0 | 1>;
  /** The youth NGO initiative project an NGO-participation measure joins (migration 0010): a received_youth_project id. */
  youth_project_id: Generated<string | null>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface MeasureRiskTable {
  measure_id: string;
  risk_factor_id: string;
}
export interface DeliveryTable {
  id: string;
  measure_id: string;
  delivered_on: string;
  specialist_id: string | null;
  minutes: number | null;
  student_confirmed: 0 | 1 | null;
  cents: number | null;
  receipt_ref: string | null;
  note: Generated<string>;
  over_plan_reason: string | null;
  recorded_by: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface MeasureOutcomeTable {
  measure_id: string;
  delivered: 'full' | 'partial' | 'none';
  evaluated_by: string;
  evaluated_at: string;
}
export interface RiskOutcomeTable {
  plan_id: string;
  risk_factor_id: string;
  change: 'lessened' | 'unchanged' | 'grew';
  evaluated_by: string;
  evaluated_at: string;
}
export interface PlanOutcomeTable {
  plan_id: string;
  student_outcome: 'continues' | 'extendedYear' | 'repeatsYear' | 'movedSchool' | 'leftEducation' | 'graduated';
  note: Generated<string>;
  evaluated_by: string;
  evaluated_at: string;
}
export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string;
  actor_name: string;
  action: 'create' | 'update' | 'delete' | 'open' | 'signIn' | 'signInFailed' | 'signOut' | 'export' | 'import';
  entity: string;
  entity_id: string;
  detail: Generated<string>;
  /** The hash chain (migration 0008, db/audit-chain.ts): filled by a trigger on insert, never by code. */
  prev_hash: Generated<string | null>;
  hash: Generated<string | null>;
}

export interface SchoolTables {
  school_year: SchoolYearTable;
  semester: SemesterTable;
  staff_user: StaffUserTable;
  staff_role: StaffRoleTable;
  student: StudentTable;
  guardian: GuardianTable;
  risk_factor: RiskFactorTable;
  measure_kind: MeasureKindTable;
  screening: ScreeningTable;
  screening_answer: ScreeningAnswerTable;
  plan: PlanTable;
  plan_status_change: PlanStatusChangeTable;
  measure: MeasureTable;
  measure_risk: MeasureRiskTable;
  delivery: DeliveryTable;
  measure_outcome: MeasureOutcomeTable;
  risk_outcome: RiskOutcomeTable;
  plan_outcome: PlanOutcomeTable;
  setting: SettingTable;
  audit_log: AuditLogTable;
}
