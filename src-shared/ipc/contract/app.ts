import { z } from 'zod';
import { channel, PUBLIC, SCHOOL_ONLY, signedIn } from '../channel';
import { municipalitySchema, organisationSchema, schoolProfileInputSchema } from '../../domain/organisation';

export const appChannels = {
  /** Facts the UI needs before anything else: is the app set up, its version. */
  'app:info': channel(
    z.object({}),
    z.object({
      appVersion: z.string(),
      schemaVersion: z.number().int(),
      organisation: organisationSchema.nullable(),
    }),
    PUBLIC,
  ),
  'catalog:municipalities': channel(z.object({}), z.array(municipalitySchema), PUBLIC),
  'org:get': channel(z.object({}), organisationSchema.nullable(), PUBLIC),
  /** First run: the school's profile. Later: changing it (coordinator only). */
  'org:saveSchoolProfile': channel(schoolProfileInputSchema, organisationSchema, signedIn('school.admin', SCHOOL_ONLY)),
} as const;
