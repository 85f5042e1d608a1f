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
import { channel } from '../channel';

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
  ),
  /** Preview again with a preset or the user's mapping; writes nothing. */
  'journal:preview': channel(z.object({ token: tokenSchema, ...options }), journalReportSchema),
  /** Imports the chosen file (one transaction); may save the mapping as a preset. Uses up the token. */
  'journal:import': channel(z.object({ token: tokenSchema, ...options, savePresetAs: presetNameSchema.optional() }), journalReportSchema),
  'journal:presets': channel(z.object({}), z.array(journalPresetSchema)),
  'journal:deletePreset': channel(z.object({ name: presetNameSchema }), z.object({})),
  'journal:thresholds': channel(z.object({}), journalThresholdsViewSchema),
  /** A coordinator sets the thresholds; null goes back to the defaults. */
  'journal:saveThresholds': channel(z.object({ thresholds: journalThresholdsSchema.nullable() }), journalThresholdsViewSchema),
  /** Signal kinds per student from the latest import: the register's column and filter. */
  'journal:signalMap': channel(z.object({}), journalSignalMapSchema),
  /** One student's indicators per semester (audited as an opening of their data). */
  'journal:trend': channel(z.object({ studentId: z.string().min(1).max(100) }), journalTrendSchema),
  /** Students with signals and no screening yet in that semester, with the reasons. */
  'journal:suggestions': channel(z.object({}), journalSuggestionsSchema),
} as const;
