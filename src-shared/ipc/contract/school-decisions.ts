/**
 * The school's side of its municipality's work (issue 9): where the plans
 * stand with the municipality, one plan's decisions and payments, the youth
 * NGO projects register, and the import of a decisions package.
 *
 * The decisions package is chosen in main through the open dialog (the
 * renderer never names a path); the preview checks it completely inside a
 * transaction that is rolled back and returns a `token`, which the confirming
 * call names (kept per window for 30 minutes). Refusals carry the stable
 * codes of docs/package-format.md with their `errors.code.<CODE>` message.
 */
import { z } from 'zod';
import { importBatchResultSchema } from '../../domain/exchange';
import { decisionsOverviewSchema, planDecisionsSchema, receivedYouthProjectSchema } from '../../domain/school-decisions';
import { channel, SCHOOL_ONLY, signedIn } from '../channel';

const READ = signedIn('school.read', SCHOOL_ONLY);
const IMPORT = signedIn('exchange.import', SCHOOL_ONLY);
const tokenSchema = z.string().regex(/^[0-9a-f]{32}$/, 'errors.field.invalid');

export const schoolDecisionChannels = {
  /** Who the plans wait for, the package deadline, and every plan that stands somewhere with the municipality (codes and states). */
  'decisions:overview': channel(z.object({}), decisionsOverviewSchema, READ),
  /** One plan's decisions (newest first, flagged ones too), its measures' planned, approved and paid amounts, the payments. */
  'decisions:forPlan': channel(z.object({ planId: z.string().min(1).max(64) }), planDecisionsSchema, READ),
  /** The youth NGO initiative projects the municipality sent down. */
  'decisions:receivedProjects': channel(z.object({}), z.array(receivedYouthProjectSchema), READ),
  /** Checks decisions packages chosen in the open dialog and says what importing them would do; imports nothing. */
  'decisions:importPreview': channel(
    z.object({}),
    z.object({ cancelled: z.boolean(), token: z.string().nullable(), result: importBatchResultSchema.nullable() }),
    IMPORT,
  ),
  /** Imports the previewed packages, one transaction each; a result per file. */
  'decisions:importCommit': channel(z.object({ token: tokenSchema }), importBatchResultSchema, IMPORT),
} as const;
