/**
 * Programme indicators for reporting (issue #11 item 7): over a period of
 * semesters, the unique students supported (with a plan that had at least
 * one delivery) by gender and education level, the schools and
 * municipalities taking part, the measures delivered and the compensations
 * paid. Computed by main from the analytic model (authority modes) and
 * protected there: counts from 1 to the threshold minus one are hidden with
 * complementary suppression (suppression.ts), and the money of a hidden
 * count is hidden with it.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative().nullable();

export const programmeIndicatorsSchema = z.object({
  /** The period's semesters, oldest first. */
  semesterIds: z.array(z.string()),
  threshold: z.number().int().positive(),
  /** Unique students supported: rows are education levels, columns genders. */
  students: z.object({
    levels: z.array(z.string()),
    genders: z.array(z.string()),
    cells: z.array(z.array(count)),
    levelTotals: z.array(count),
    genderTotals: z.array(count),
    total: count,
  }),
  schools: z.number().int().nonnegative(),
  municipalities: z.number().int().nonnegative(),
  /** Measures with at least one delivery, and the deliveries. */
  measuresDelivered: count,
  deliveries: count,
  /** Hours of consultations delivered (minutes). */
  consultationMinutes: z.number().int().nonnegative().nullable(),
  /** Compensations delivered (claimed), approved and paid, in cents; null where hidden or unknown. */
  compensationDeliveredCents: z.number().int().nonnegative().nullable(),
  compensationPaidCents: z.number().int().nonnegative().nullable(),
});
export type ProgrammeIndicators = z.infer<typeof programmeIndicatorsSchema>;
