/**
 * Exchange channels: setting up a municipality or the state, this
 * installation's keys, enrolment and trust, the school's export, the
 * importer, and the municipality's read-only views of imported data.
 *
 * Files are always chosen in main through the native dialog; the renderer
 * never names a path. A preview returns a `token` for the files it read; the
 * confirming call names the token (kept per window for 30 minutes).
 * Refusals carry the stable codes of docs/package-format.md with their
 * `errors.code.<CODE>` message.
 */
import { z } from 'zod';
import {
  authorityProfileInputSchema,
  enrolledOrgSchema,
  exportLedgerRowSchema,
  exportResultSchema,
  fingerprintSchema,
  importBatchResultSchema,
  importFileResultSchema,
  installationKeysViewSchema,
  keyFilePreviewSchema,
  muniCountsSchema,
  muniPlansSchema,
  muniSchoolsSchema,
  semesterIdInputSchema,
  streamAcceptedSchema,
  streamResetReasonSchema,
} from '../../domain/exchange';
import { organisationSchema } from '../../domain/organisation';
import { actorSchema, firstCoordinatorSchema } from '../../domain/staff';
import { AUTHORITIES, channel, EVERY_MODE, PUBLIC, signedIn } from '../channel';

/** A school's app imports nothing: the municipality or the state does. */
const IMPORTER = signedIn('exchange.import', AUTHORITIES, { wrongModeKey: 'errors.exchange.importNotHere' });
const tokenSchema = z.string().regex(/^[0-9a-f]{32}$/, 'errors.field.invalid');
const fingerprintInputSchema = z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.tooLong');
const optionalSemester = z.object({ semesterId: semesterIdInputSchema.optional() });

export const exchangeChannels = {
  /**
   * First run of a municipality's or the state's installation: profile,
   * first coordinator, calendar and keys; signs this window in.
   * (A school uses org:setUp.) ALREADY_SET_UP once done.
   */
  'org:setUpAuthority': channel(
    z.object({ profile: authorityProfileInputSchema, coordinator: firstCoordinatorSchema }),
    z.object({ organisation: organisationSchema, actor: actorSchema }),
    PUBLIC,
  ),

  /** This installation's organisation id and signing-key fingerprint (12 groups of 5 digits, and hex). */
  'exchange:keys': channel(z.object({}), installationKeysViewSchema, signedIn('exchange.enrol', EVERY_MODE)),
  /** Saves the public key card (save dialog). */
  'exchange:exportCard': channel(
    z.object({}),
    z.object({ cancelled: z.boolean(), path: z.string().nullable(), fingerprint: fingerprintSchema.nullable() }),
    signedIn('exchange.enrol', EVERY_MODE),
  ),

  /**
   * Reads a key card (or a rotation or revocation statement) chosen in the
   * open dialog: the organisation and the fingerprint to compare by phone,
   * and what confirming would do. 'enrol': a sender (municipality, state);
   * 'trust': our recipient (school, municipality). Another key for an
   * enrolled sender is KEY_CHANGED, unless `replaceKey` (enrol only: the
   * sender lost its key) asks for the replacement's preview (action
   * 'replace'), to be confirmed with `exchange:enrol {replaceKey: true}`.
   */
  'exchange:enrolPreview': channel(
    z.object({ purpose: z.enum(['enrol', 'trust']).default('enrol'), replaceKey: z.boolean().default(false) }),
    z.object({ cancelled: z.boolean(), token: z.string().nullable(), preview: keyFilePreviewSchema.nullable() }),
    signedIn('exchange.enrol', EVERY_MODE),
  ),
  /** Enrols the previewed sender; `fingerprint` is what the coordinator compared (digits, hex or key id). */
  'exchange:enrol': channel(
    z.object({ token: tokenSchema, fingerprint: fingerprintInputSchema, replaceKey: z.boolean().default(false) }),
    enrolledOrgSchema,
    signedIn('exchange.enrol', EVERY_MODE),
  ),
  /** Trusts the previewed recipient card (or applies its rotation or revocation). */
  'exchange:trust': channel(z.object({ token: tokenSchema, fingerprint: fingerprintInputSchema }), enrolledOrgSchema, signedIn('exchange.enrol', EVERY_MODE)),
  /** Enrolled senders or the trusted recipient, with their current fingerprints. */
  'exchange:enrolled': channel(z.object({ role: z.enum(['sender', 'recipient']) }), z.array(enrolledOrgSchema), signedIn('exchange.enrol', EVERY_MODE)),

  /** A school's package for its recipient, for one semester (default: the current one); save dialog; progress events. */
  'exchange:export': channel(
    optionalSemester,
    z.object({ cancelled: z.boolean(), result: exportResultSchema.nullable() }),
    signedIn('exchange.export', EVERY_MODE),
  ),
  /** Checks one package completely (open dialog) and says what importing it would do; imports nothing. */
  /** The packages this installation made, newest first (at most the last 200): the export ledger. */
  'exchange:exports': channel(z.object({}), z.array(exportLedgerRowSchema), signedIn('exchange.export', EVERY_MODE)),
  'exchange:verify': channel(z.object({}), z.object({ cancelled: z.boolean(), result: importFileResultSchema.nullable() }), IMPORTER),
  /**
   * The dry run: packages chosen in the open dialog (several files, or a
   * folder's *.pumpurs), checked in sender and seq order, with created /
   * updated / unchanged / withdrawn / conflicts per record type.
   */
  'exchange:importPreview': channel(
    z.object({ folder: z.boolean().default(false) }),
    z.object({ cancelled: z.boolean(), token: z.string().nullable(), result: importBatchResultSchema.nullable() }),
    IMPORTER,
  ),
  /** Imports the previewed files, one transaction each; progress events; a result per file. */
  'exchange:importCommit': channel(z.object({ token: tokenSchema }), importBatchResultSchema, IMPORTER),

  /**
   * A sender lost its data (restored an older backup, or was set up again)
   * and its package was refused STREAM_RESTARTED: the coordinator, after
   * asking the sender, chooses that package (open dialog) and accepts its new
   * numbering with a reason. Audited; everything held is kept; packages of
   * the old numbering stay refused. The package is then imported as usual.
   * An authority accepts a school's (or municipality's) reports stream; a
   * school its municipality's (or the state's) decisions stream.
   */
  'exchange:acceptStream': channel(
    z.object({ reason: streamResetReasonSchema }),
    z.object({ cancelled: z.boolean(), accepted: streamAcceptedSchema.nullable() }),
    signedIn('exchange.enrol', EVERY_MODE),
  ),

  /** Enrolled schools, each one's last package for the semester (or none yet) and open alerts. */
  'muni:schools': channel(optionalSemester, muniSchoolsSchema, signedIn('imported.read', AUTHORITIES)),
  /** One school's imported plans for a semester (read-only). */
  'muni:plans': channel(
    z.object({ schoolId: z.string().min(1).max(64), semesterId: semesterIdInputSchema.optional() }),
    muniPlansSchema,
    signedIn('imported.read', AUTHORITIES),
  ),
  /** Plans, measures, deliveries, minutes and cents per school and measure kind. */
  'muni:counts': channel(optionalSemester, muniCountsSchema, signedIn('imported.read', AUTHORITIES)),
} as const;
