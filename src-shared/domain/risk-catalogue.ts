/**
 * The risk catalogue: PuMPuRS's four groups of risk factors. A default
 * catalogue ships as data (resources/catalogues/risk-factors.json, versioned);
 * a coordinator adds custom factors and retires ones the school does not use.
 */
import { z } from 'zod';

export const RISK_GROUPS = ['school', 'personal', 'family', 'economic'] as const;
export type RiskGroup = (typeof RISK_GROUPS)[number];

/** Factor ids are `<group>.<name>`, e.g. "school.absences". */
export const RISK_FACTOR_ID = /^(school|personal|family|economic)\.[a-zA-Z0-9][a-zA-Z0-9]*$/;

/** "2025.1" style: dot-separated numbers. */
export const CATALOGUE_VERSION = /^\d+(\.\d+)*$/;

export const riskCatalogueFileSchema = z
  .object({
    version: z.string().regex(CATALOGUE_VERSION),
    factors: z
      .array(
        z.object({
          id: z.string().regex(RISK_FACTOR_ID),
          group: z.enum(RISK_GROUPS),
          lv: z.string().trim().min(1).max(200),
          en: z.string().trim().min(1).max(200),
        }),
      )
      .min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.factors.forEach((f, i) => {
      if (seen.has(f.id)) ctx.addIssue({ code: 'custom', path: ['factors', i, 'id'], message: `duplicate id ${f.id}` });
      if (!f.id.startsWith(`${f.group}.`)) ctx.addIssue({ code: 'custom', path: ['factors', i, 'id'], message: `${f.id} is not in group ${f.group}` });
      seen.add(f.id);
    });
  });
export type RiskCatalogueFile = z.infer<typeof riskCatalogueFileSchema>;

/** Compares "2025.1" and "2025.10" as numbers, segment by segment. */
export function compareCatalogueVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

export const riskFactorSchema = z.object({
  id: z.string(),
  group: z.enum(RISK_GROUPS),
  labelLv: z.string(),
  labelEn: z.string(),
  source: z.enum(['catalogue', 'custom']),
  catalogueVersion: z.string(),
  sortOrder: z.number().int(),
  retiredAt: z.string().nullable(),
  /** Referenced by a screening answer or a measure: it can be retired, never deleted. */
  used: z.boolean(),
});
export type RiskFactor = z.infer<typeof riskFactorSchema>;

export const customRiskFactorInputSchema = z.object({
  group: z.enum(RISK_GROUPS, 'errors.field.required'),
  labelLv: z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.tooLong'),
  labelEn: z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.tooLong'),
});
export type CustomRiskFactorInput = z.input<typeof customRiskFactorInputSchema>;
