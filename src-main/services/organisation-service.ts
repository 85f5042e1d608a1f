/**
 * The organisation's profile: made once at set-up, changed later by a
 * coordinator.
 */
import type { Kysely } from 'kysely';
import {
  schoolProfileInputSchema,
  type Municipality,
  type Organisation,
  type SchoolProfileInput,
} from '../../src-shared/domain/organisation';
import { AppError } from '../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../src-shared/ipc/zod-issues';
import type { Clock } from '../ports/clock';
import type { DB, OrganisationTable } from '../db/schema';

export class OrganisationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly municipalities: readonly Municipality[],
  ) {}

  async get(): Promise<Organisation | null> {
    const row = await this.db.selectFrom('organisation').selectAll().where('id', '=', 1).executeTakeFirst();
    return row ? toOrganisation(row) : null;
  }

  async isSetUp(): Promise<boolean> {
    return (await this.get()) !== null;
  }

  /** Creates the school's profile, or updates it (keeping the mode). */
  async saveSchoolProfile(input: SchoolProfileInput): Promise<Organisation> {
    const parsed = schoolProfileInputSchema.safeParse(input);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const profile = parsed.data;
    if (!this.municipalities.some((m) => m.name === profile.municipality)) {
      throw AppError.validation([{ path: 'municipality', messageKey: 'errors.field.municipality' }]);
    }
    const now = this.clock.now().toISOString();
    await this.db
      .insertInto('organisation')
      .values({
        id: 1,
        mode: 'school',
        name: profile.name,
        reg_no: profile.regNo,
        municipality: profile.municipality,
        school_type: profile.schoolType,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          name: profile.name,
          reg_no: profile.regNo,
          municipality: profile.municipality,
          school_type: profile.schoolType,
          updated_at: now,
        }),
      )
      .execute();
    const saved = await this.get();
    if (!saved) throw new AppError('INTERNAL');
    return saved;
  }
}

function toOrganisation(row: OrganisationTable): Organisation {
  return {
    mode: row.mode,
    name: row.name,
    regNo: row.reg_no,
    municipality: row.municipality,
    schoolType: row.school_type,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
