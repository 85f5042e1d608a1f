/**
 * The organisation an installation belongs to: a school, a municipality or
 * the state. One database per organisation.
 */
import { z } from 'zod';

export const ORG_MODES = ['school', 'municipality', 'state'] as const;
export type OrgMode = (typeof ORG_MODES)[number];

/** State vocational schools send their packages straight to the state. */
export const SCHOOL_TYPES = ['general', 'vocational', 'stateVocational'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

/** A school's registration number in the state register (VIIS): 10 digits. */
export const REG_NO_PATTERN = /^\d{10}$/;

export const schoolProfileInputSchema = z.object({
  name: z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.tooLong'),
  regNo: z.string().trim().regex(REG_NO_PATTERN, 'errors.field.regNo'),
  municipality: z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.tooLong'),
  schoolType: z.enum(SCHOOL_TYPES, 'errors.field.required'),
});
export type SchoolProfileInput = z.input<typeof schoolProfileInputSchema>;

export const organisationSchema = z.object({
  mode: z.enum(ORG_MODES),
  name: z.string(),
  regNo: z.string(),
  municipality: z.string(),
  schoolType: z.enum(SCHOOL_TYPES).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const municipalitySchema = z.object({
  kind: z.enum(['valstspilseta', 'novads']),
  name: z.string(),
});
export type Municipality = z.infer<typeof municipalitySchema>;
