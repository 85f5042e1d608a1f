/**
 * The municipality's (or, for state vocational schools, the state's) work on
 * what its schools sent (issue 9): the queue of plans waiting for it, the
 * review and decision, budget and payments, the accountant's workbooks, its
 * settings, the youth NGO projects register, late schools, and the decisions
 * packages back to the schools.
 *
 * Access follows the service's own rule for each (services/decisions):
 * reading is `imported.read`; deciding and recording payments are
 * `exchange.import` (the coordinator's work on what was imported); settings,
 * budget, projects and every file written are `exchange.export` (what goes
 * out to the schools). Files are chosen in main with the save dialog; the
 * renderer never names a path.
 */
import { z } from 'zod';
import { APPROVAL_POLICIES, DECISION_OUTCOMES, PAYEES, queueRowSchema } from '../../domain/decisions';
import { orgRefSchema, semesterIdInputSchema } from '../../domain/exchange';
import { AUTHORITIES, channel, signedIn } from '../channel';

const READ = signedIn('imported.read', AUTHORITIES);
const DECIDE = signedIn('exchange.import', AUTHORITIES);
const OUTGOING = signedIn('exchange.export', AUTHORITIES);

const MAX_CENTS = 1_000_000_000;
const cents = z.number().int('errors.field.notAllowed').min(0, 'errors.field.notAllowed').max(MAX_CENTS, 'errors.field.notAllowed');
const idSchema = z.string().min(1, 'errors.field.required').max(100, 'errors.field.tooLong');
const schoolIdSchema = z.string().min(1, 'errors.field.required').max(64, 'errors.field.tooLong');
const kindCodeSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'errors.field.notAllowed');
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.field.date');
const optionalSemester = z.object({ semesterId: semesterIdInputSchema.optional() });
const measureNo = z.number().int().min(1).max(999);

export const reviewMeasureSchema = z.object({
  no: z.number(),
  id: z.string(),
  kindCode: z.string(),
  category: z.string(),
  plannedCents: z.number().nullable(),
  plannedMinutes: z.number().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  riskFactorIds: z.array(z.string()),
  updatedAt: z.string(),
});

export const budgetLineSchema = z.object({ kindCode: z.string(), budgetCents: z.number(), approvedCents: z.number(), leftCents: z.number() });
export type BudgetLine = z.infer<typeof budgetLineSchema>;

export const planReviewSchema = z.object({
  schoolId: z.string(),
  schoolName: z.string(),
  semesterId: z.string(),
  planId: z.string(),
  planCode: z.string(),
  status: z.string(),
  classLabel: z.string(),
  studentName: z.string(),
  consentRecorded: z.boolean(),
  consentOn: z.string().nullable(),
  risks: z.array(z.object({ id: z.string(), group: z.string(), labelLv: z.string(), labelEn: z.string() })),
  measures: z.array(reviewMeasureSchema),
  budgetLeft: z.array(budgetLineSchema),
  history: z.array(
    z.object({
      id: z.string(),
      outcome: z.enum(DECISION_OUTCOMES),
      comment: z.string(),
      decidedAt: z.string(),
      decidedBy: z.string(),
      measures: z.array(z.object({ measureId: z.string(), kindCode: z.string(), approvedCents: z.number().nullable(), refused: z.boolean() })),
    }),
  ),
});
export type PlanReview = z.infer<typeof planReviewSchema>;

export const settingsViewSchema = z.object({
  version: z.number(),
  updatedAt: z.string(),
  approvalPolicy: z.enum(APPROVAL_POLICIES),
  rates: z.array(z.object({ kindCode: z.string(), rateCents: z.number().nullable(), capCents: z.number().nullable() })),
  deadlines: z.array(z.string()),
  youthProjectCapCents: z.number(),
});

export const payableSchema = z.object({
  schoolId: z.string(),
  schoolName: z.string(),
  planId: z.string(),
  planCode: z.string(),
  measureId: z.string(),
  kindCode: z.string(),
  approvedCents: z.number(),
  paidCents: z.number(),
});
export type Payable = z.infer<typeof payableSchema>;

export const paymentViewSchema = z.object({
  id: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  planId: z.string(),
  planCode: z.string(),
  measureId: z.string(),
  kindCode: z.string(),
  paidOn: z.string(),
  cents: z.number(),
  payee: z.enum(PAYEES),
  reference: z.string(),
});
export type PaymentView = z.infer<typeof paymentViewSchema>;

export const youthProjectViewSchema = z.object({
  id: z.string(),
  version: z.number(),
  title: z.string(),
  ngo: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  budgetCents: z.number(),
  updatedAt: z.string(),
});
export type YouthProjectView = z.infer<typeof youthProjectViewSchema>;
export const youthProjectParticipantSchema = z.object({
  projectId: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  planId: z.string(),
  planCode: z.string(),
  measureId: z.string(),
  kindCode: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});
export type YouthProjectParticipant = z.infer<typeof youthProjectParticipantSchema>;

const decisionsExportSchema = z.object({
  path: z.string(),
  schoolId: z.string(),
  packageId: z.string(),
  seq: z.number(),
  semesterId: z.string(),
  counts: z.record(z.string(), z.number()),
});

export const decisionChannels = {
  /** Plans waiting for this authority in a semester (default: the current one), oldest first. */
  'decisions:queue': channel(optionalSemester, z.array(queueRowSchema), READ),
  /** One waiting (or decided) plan: risks, numbered measures, consent, budget left, earlier decisions. Audited as an opening. */
  'decisions:review': channel(z.object({ schoolId: schoolIdSchema, planId: idSchema, semesterId: semesterIdInputSchema.optional() }), planReviewSchema, READ),
  /**
   * Approve (optionally smaller amounts per compensation measure, by measure
   * number), return with a comment, or refuse measures with a comment.
   * Going over a kind's budget needs `overBudgetReason`.
   */
  'decisions:decide': channel(
    z.object({
      schoolId: schoolIdSchema,
      planId: idSchema,
      semesterId: semesterIdInputSchema.optional(),
      outcome: z.enum(DECISION_OUTCOMES),
      amounts: z
        .array(z.object({ no: measureNo, cents }))
        .max(200)
        .default([]),
      refused: z.array(measureNo).max(200).default([]),
      comment: z.string().max(2000, 'errors.field.tooLong').default(''),
      overBudgetReason: z.string().max(2000, 'errors.field.tooLong').default(''),
    }),
    z.object({ id: z.string(), schoolId: z.string(), planId: z.string(), planCode: z.string(), outcome: z.enum(DECISION_OUTCOMES) }),
    DECIDE,
  ),

  /** Approval policy, rates and caps per kind, package deadlines, youth project cap. */
  'decisions:settings': channel(z.object({}), settingsViewSchema, READ),
  'decisions:saveSettings': channel(
    z.object({
      approvalPolicy: z.enum(APPROVAL_POLICIES),
      rates: z.array(z.object({ kindCode: kindCodeSchema, rateCents: cents.nullable(), capCents: cents.nullable() })).max(200),
      deadlines: z.array(daySchema).max(20),
      youthProjectCapCents: cents,
    }),
    settingsViewSchema,
    OUTGOING,
  ),

  /** The semester's budget per compensation kind and what approvals have used. */
  'decisions:budget': channel(optionalSemester, z.object({ semesterId: z.string(), kinds: z.array(budgetLineSchema) }), READ),
  'decisions:setBudget': channel(
    z.object({ semesterId: semesterIdInputSchema.optional(), kindCode: kindCodeSchema, cents }),
    z.object({ ok: z.literal(true) }),
    OUTGOING,
  ),
  /** Approved compensation measures with what has been paid of each. */
  'decisions:payables': channel(optionalSemester, z.array(payableSchema), READ),
  /** The semester's payments, newest first. */
  'decisions:payments': channel(optionalSemester, z.array(paymentViewSchema), READ),
  'decisions:recordPayment': channel(
    z.object({
      schoolId: schoolIdSchema,
      planId: idSchema,
      measureId: idSchema,
      paidOn: daySchema,
      cents: cents.min(1, 'errors.field.notAllowed'),
      payee: z.enum(PAYEES),
      reference: z.string().max(100, 'errors.field.tooLong'),
    }),
    z.object({ id: z.string() }),
    DECIDE,
  ),
  /** The accountant's payment list or budget report (save dialog). */
  'decisions:exportXlsx': channel(
    z.object({ report: z.enum(['payments', 'budget']), semesterId: semesterIdInputSchema.optional() }),
    z.object({ cancelled: z.boolean(), path: z.string().nullable() }),
    OUTGOING,
  ),

  /** Enrolled schools with no package made by the last deadline that has passed. */
  'decisions:lateSchools': channel(optionalSemester, z.object({ deadline: z.string().nullable(), schools: z.array(orgRefSchema) }), READ),

  /** The youth NGO initiative projects register. */
  'decisions:youthProjects': channel(z.object({}), z.array(youthProjectViewSchema), READ),
  /** Who takes part in each project in a semester (default: the current one): plan code, school and measure from the imported school reports; no names. */
  'decisions:youthProjectParticipants': channel(
    optionalSemester,
    z.object({ semesterId: z.string(), participants: z.array(youthProjectParticipantSchema) }),
    READ,
  ),
  'decisions:saveYouthProject': channel(
    z.object({
      id: idSchema.optional(),
      title: z.string().max(200, 'errors.field.tooLong'),
      ngo: z.string().max(200, 'errors.field.tooLong'),
      startsOn: daySchema,
      endsOn: daySchema,
      budgetCents: cents,
    }),
    z.object({ id: z.string() }),
    OUTGOING,
  ),

  /** Enrolled schools, the last decisions package each was sent, and whether there is something new for it. */
  'decisions:outbox': channel(
    optionalSemester,
    z.object({
      semesterId: z.string(),
      schools: z.array(z.object({ school: orgRefSchema, hasNews: z.boolean(), lastSeq: z.number().nullable(), lastSentAt: z.string().nullable() })),
    }),
    OUTGOING,
  ),
  /** One school's decisions package (save dialog). */
  'decisions:exportFor': channel(
    z.object({ schoolId: schoolIdSchema, semesterId: semesterIdInputSchema.optional() }),
    z.object({ cancelled: z.boolean(), result: decisionsExportSchema.nullable() }),
    OUTGOING,
  ),
  /** One package per school with something new, into a folder (folder dialog). */
  'decisions:exportAll': channel(optionalSemester, z.object({ cancelled: z.boolean(), results: z.array(decisionsExportSchema) }), OUTGOING),
} as const;
