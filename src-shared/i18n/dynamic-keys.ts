/**
 * Keys built at run time (`schoolType.${type}`): each family names its prefix
 * and every value it can take, so the catalogue test can check that each
 * value has a string in both languages and that no key under the prefix is
 * dead. Add a family here whenever code builds a key from a value.
 */
import { APPROVAL_POLICIES, AUTHORITY_STATES, DECISION_OUTCOMES, DECISION_SUMMARY_TYPES, PAYEES } from '../domain/decisions';
import { COLUMN_KINDS, JOURNAL_THRESHOLD_DEFAULTS, MAPPING_PROBLEMS, SIGNAL_KINDS, SKIP_REASONS, UNMATCHED_REASONS } from '../domain/e-journal';
import { IMPORT_FILE_STATUSES, KEY_FILE_ACTIONS, OUTCOME_KINDS, RECORD_TYPES } from '../domain/exchange';
import { AUDIT_ACTIONS, AUDIT_CHAIN_PROBLEMS, BACKUP_INVALID_REASONS, BACKUP_KINDS } from '../domain/data-safety';
import { MEASURE_CATEGORIES } from '../domain/measure-kinds';
import { ORG_MODES, SCHOOL_TYPES } from '../domain/organisation';
import { WAITING_REASONS } from '../domain/plan';
import { READINESS_ITEMS } from '../domain/plan-readiness';
import { PLAN_STATUSES } from '../domain/plan-lifecycle';
import { RISK_GROUPS } from '../domain/risk-catalogue';
import { RISK_LEVELS } from '../domain/risk-level';
import { ROLES } from '../domain/roles';
import { SPECIALIST_KINDS } from '../domain/staff';
import { EDUCATION_LEVELS, GENDERS, GUARDIAN_RELATIONS, STUDENT_STATUSES } from '../domain/student';
import { STUDENT_OUTCOMES } from '../domain/semester-end';
import { GRADE_BANDS } from '../domain/statistics/grade-band';
import { BREAKDOWNS, STAT_TABLES, TREND_METRICS, UNIT_METRICS } from '../domain/statistics/report';
import { STATE_RECORD_TYPES } from '../domain/state-report';
import { ERROR_CODES } from '../ipc/result';
import { PACKAGE_PROBLEM_CODES } from './catalogue/exchange-ui';

export const DYNAMIC_KEY_FAMILIES: Record<string, readonly string[]> = {
  'schoolType.': SCHOOL_TYPES,
  'app.language.': ['lv', 'en'],
  'errors.code.': ERROR_CODES,
  'role.': ROLES,
  'planStatus.': PLAN_STATUSES,
  'riskGroup.': RISK_GROUPS,
  'riskGroup.short.': RISK_GROUPS,
  'home.waiting.': WAITING_REASONS,
  'measureCategory.': MEASURE_CATEGORIES,
  'riskLevel.': RISK_LEVELS,
  'studentOutcome.': STUDENT_OUTCOMES,
  'studentStatus.': STUDENT_STATUSES,
  'gender.': GENDERS,
  'educationLevel.': EDUCATION_LEVELS,
  'guardianRelation.': GUARDIAN_RELATIONS,
  'specialistKind.': SPECIALIST_KINDS,
  'roleHint.': ROLES,
  'authorityRoleHint.': ['coordinator', 'readOnly'],
  'orgKind.': ORG_MODES,
  'statistics.breakdown.': BREAKDOWNS,
  'settings.riskRule.': ['minGroups', 'minPresent'],
  'statistics.gradeBand.': GRADE_BANDS,
  'statistics.table.': STAT_TABLES,
  'statistics.row.': ['screened', 'atRisk', 'notAtRisk'],
  'statistics.unit.': UNIT_METRICS,
  'statistics.kind.other.': ['consultation', 'compensation', 'ngo'],
  'cli.report.name.': ['overview', 'measures', 'units', 'trends', 'effectiveness'],
  'statistics.trend.': TREND_METRICS,
  'national.recordType.': STATE_RECORD_TYPES,
  'exchange.recordType.': [...RECORD_TYPES, ...DECISION_SUMMARY_TYPES],
  'exchange.outcome.': OUTCOME_KINDS,
  'exchange.fileStatus.': IMPORT_FILE_STATUSES,
  'exchangeUi.whatToDo.': PACKAGE_PROBLEM_CODES,
  'exchangeUi.keyFile.action.': KEY_FILE_ACTIONS,
  'exchangeUi.keyFile.done.': KEY_FILE_ACTIONS,
  'muni.setup.kind.': ORG_MODES,
  'muni.plans.filter.consent.': ['yes', 'no'],
  'muni.setup.kindHint.': ORG_MODES,
  'cli.import.status.': IMPORT_FILE_STATUSES,
  'cli.keyFile.action.': KEY_FILE_ACTIONS,
  'cli.keyFile.done.': KEY_FILE_ACTIONS,
  'decisions.authorityState.': AUTHORITY_STATES,
  'schoolDecisions.decided.': DECISION_OUTCOMES,
  'schoolDecisions.outcome.': DECISION_OUTCOMES,
  'schoolDecisions.payee.': PAYEES,
  'cli.decide.done.': DECISION_OUTCOMES,
  // The municipality's decision screens (features/decisions).
  'authority.outcome.': DECISION_OUTCOMES,
  'authority.payee.': PAYEES,
  'authority.settings.policy.': APPROVAL_POLICIES,
  'authority.review.outcome.': DECISION_OUTCOMES,
  'authority.review.submit.': DECISION_OUTCOMES,
  'authority.review.confirm.title.': DECISION_OUTCOMES,
  'authority.review.confirm.body.': DECISION_OUTCOMES,
  'authority.review.confirm.do.': DECISION_OUTCOMES,
  'authority.review.done.': DECISION_OUTCOMES,
  'journal.layout.': ['perStudent', 'perSubject'],
  'journal.role.': [...COLUMN_KINDS, 'unknown'],
  'journal.problem.': MAPPING_PROBLEMS,
  'journal.skip.': SKIP_REASONS,
  'journal.unmatched.': UNMATCHED_REASONS,
  'journal.signal.': SIGNAL_KINDS,
  'journal.signal.short.': SIGNAL_KINDS,
  'journal.threshold.': Object.keys(JOURNAL_THRESHOLD_DEFAULTS).flatMap((k) => [k, `${k}.help`]),
  'dataSafety.backupKind.': BACKUP_KINDS,
  'dataSafety.backup.invalid.': BACKUP_INVALID_REASONS,
  'dataSafety.audit.problem.': AUDIT_CHAIN_PROBLEMS,
  'dataSafety.audit.action.': AUDIT_ACTIONS,
  'plans.readiness.': READINESS_ITEMS,
};
