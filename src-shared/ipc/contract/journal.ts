/**
 * E-journal early warning (school only): the import wizard (the file is
 * chosen in main's open dialog and kept under a token for the window), the
 * mapping presets, the thresholds, and the views that show signals.
 */
import { z } from 'zod';
import {
  columnRoleSchema,
  journalPresetSchema,
  journalReportSchema,
  journalSignalMapSchema,
  journalSuggestionsSchema,
  journalThresholdsSchema,
  journalThresholdsViewSchema,
  journalTrendSchema,
  presetNameSchema,
} from '../../domain/e-journal';
import { channel, SCHOOL_ONLY, signedIn } from '../channel';

const tokenSchema = z.string().regex(/^[0-9a-f]{32}$/);
const semesterId = z.string().min(1).max(20).optional();
/** The user's mapping as a list (inputs carry no records): header key → role. */
const mappingInput = z.array(z.object({ key: z.string().min(1).max(200), role: columnRoleSchema })).max(200);
const options = { presetName: presetNameSchema.optional(), semesterId, mapping: mappingInput.optional() };

export const journalChannels = {
  /** Open dialog (CSV or XLSX), then the first preview; the file's bytes stay in main under `token`. */
  'journal:choose': channel(
    z.object({ presetName: presetNameSchema.optional(), semesterId }),
    z.object({ cancelled: z.boolean(), token: z.string().nullable(), report: journalReportSchema.nullable() }),
    signedIn('student.write', SCHOOL_ONLY),
  ),
  /** Preview again with a preset or the user's mapping; writes nothing. */
  'journal:preview': channel(z.object({ token: tokenSchema, ...options }), journalReportSchema, signedIn('student.write', SCHOOL_ONLY)),
  /** Imports the chosen file (one transaction); may save the mapping as a preset. Uses up the token. */
  'journal:import': channel(
    z.object({ token: tokenSchema, ...options, savePresetAs: presetNameSchema.optional() }),
    journalReportSchema,
    signedIn('student.write', SCHOOL_ONLY),
  ),
  'journal:presets': channel(z.object({}), z.array(journalPresetSchema), signedIn('school.read', SCHOOL_ONLY)),
  'journal:deletePreset': channel(z.object({ name: presetNameSchema }), z.object({}), signedIn('student.write', SCHOOL_ONLY)),
  'journal:thresholds': channel(z.object({}), journalThresholdsViewSchema, signedIn('school.read', SCHOOL_ONLY)),
  /** A coordinator sets the thresholds; null goes back to the defaults. */
  'journal:saveThresholds': channel(
    z.object({ thresholds: journalThresholdsSchema.nullable() }),
    journalThresholdsViewSchema,
    signedIn('school.admin', SCHOOL_ONLY),
  ),
  /** Signal kinds per student from the latest import: the register's column and filter. */
  'journal:signalMap': channel(z.object({}), journalSignalMapSchema, signedIn('school.read', SCHOOL_ONLY)),
  /** One student's indicators per semester (audited as an opening of their data). */
  'journal:trend': channel(z.object({ studentId: z.string().min(1).max(100) }), journalTrendSchema, signedIn('school.read', SCHOOL_ONLY)),
  /** Students with signals and no screening yet in that semester, with the reasons. */
  'journal:suggestions': channel(z.object({}), journalSuggestionsSchema, signedIn('school.read', SCHOOL_ONLY)),
} as const;
