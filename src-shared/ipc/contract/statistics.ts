/** Channels of the statistics screen: the school's own figures; the municipality's and the state's, protected; exports of both. */
import { z } from 'zod';
import { AUTHORITIES, channel, EVERY_MODE, SCHOOL_ONLY, signedIn } from '../channel';
import { idSchema } from '../../domain/plan-fields';
import { programmeIndicatorsSchema } from '../../domain/statistics/indicators';
import { BREAKDOWNS, statEffectivenessSchema, statOverviewSchema, statTrendsSchema } from '../../domain/statistics/report';

const scope = { senderId: idSchema.optional(), schoolId: idSchema.optional() };
const exportInput = z.object({
  semesterId: idSchema,
  breakdown: z.enum(BREAKDOWNS),
  format: z.enum(['xlsx', 'csv']),
  language: z.enum(['lv', 'en']).default('lv'),
  ...scope,
});
/** The small-number threshold as the settings screen shows it: the value and where it comes from. */
const thresholdView = z.object({ value: z.number().int(), source: z.enum(['policy', 'stored', 'default']) });
const exportOutput = z.object({ saved: z.boolean(), path: z.string().nullable() });

export const statisticsChannels = {
  /** Count tables for a semester, broken down by one dimension. */
  'stats:overview': channel(z.object({ semesterId: idSchema, breakdown: z.enum(BREAKDOWNS) }), statOverviewSchema, signedIn('school.read', SCHOOL_ONLY)),
  /** Effect estimates per measure kind over the chosen semesters (all when empty). */
  'stats:effectiveness': channel(z.object({ semesterIds: z.array(idSchema).max(40) }), statEffectivenessSchema, signedIn('school.read', SCHOOL_ONLY)),
  /** The school's tables as they leave it (small counts hidden), saved as XLSX or CSV where the user chooses. */
  'stats:export': channel(exportInput.omit({ senderId: true, schoolId: true }), exportOutput, signedIn('school.read', SCHOOL_ONLY)),
  /** A municipality's / the state's tables (protected), for everything held, one sender or one school. */
  'stats:authorityOverview': channel(
    z.object({ semesterId: idSchema, breakdown: z.enum(BREAKDOWNS), ...scope }),
    statOverviewSchema,
    signedIn('imported.read', AUTHORITIES),
  ),
  'stats:authorityEffectiveness': channel(
    z.object({ semesterIds: z.array(idSchema).max(40), ...scope }),
    statEffectivenessSchema,
    signedIn('imported.read', AUTHORITIES),
  ),
  /** Key figures per semester (protected). */
  'stats:trends': channel(z.object(scope), statTrendsSchema, signedIn('imported.read', AUTHORITIES)),
  /** The semesters the analytic model holds, newest first. */
  'stats:semesters': channel(z.object({}), z.array(z.string()), signedIn('imported.read', AUTHORITIES)),
  'stats:authorityExport': channel(exportInput, exportOutput, signedIn('imported.read', AUTHORITIES)),
  /** Programme indicators over the chosen semesters (all held when empty), protected. */
  'stats:indicators': channel(z.object({ semesterIds: z.array(idSchema).max(40) }), programmeIndicatorsSchema, signedIn('imported.read', AUTHORITIES)),
  /** The same indicators as XLSX (Latvian or English headers, numbers as numbers), saved where the user chooses. */
  'stats:indicatorsExport': channel(
    z.object({ semesterIds: z.array(idSchema).max(40), language: z.enum(['lv', 'en']).default('lv') }),
    exportOutput,
    signedIn('imported.read', AUTHORITIES),
  ),
  /** The small-number threshold (setting `statistics.threshold`) in any mode: the coordinator's settings. */
  'stats:threshold': channel(z.object({}), thresholdView, signedIn('school.admin', EVERY_MODE)),
  /** Changes it (2 to 50, whole numbers); audited as an update of the setting. */
  'stats:setThreshold': channel(z.object({ value: z.number().int().min(2).max(50) }), thresholdView, signedIn('school.admin', EVERY_MODE)),
} as const;
