/**
 * The organisation's profile: made once at set-up, changed later by a
 * coordinator.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../../src-shared/domain/roles';
import { schoolProfileInputSchema, type Municipality, type Organisation, type SchoolProfileInput } from '../../../src-shared/domain/organisation';
import { AppError } from '../../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import type { Clock } from '../../ports/clock';
import type { DB, Db, OrganisationTable } from '../../db/schema';
import { requireMode, requirePermission } from './access';
import { recordAudit } from '../audit';

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

  /** Set up = the profile exists and so does a first staff account (see `isSetUpIn`). */
  async isSetUp(): Promise<boolean> {
    return isSetUpIn(this.db);
  }

  /**
   * Writes the profile without a signed-in user: only for `pumpurs init`
   * style set-ups and tests. The app goes through SetUpService.setUp
   * (org:setUp) and updateSchoolProfile.
   */
  async saveSchoolProfile(input: SchoolProfileInput): Promise<Organisation> {
    const profile = validateSchoolProfile(input, this.municipalities);
    await writeSchoolProfile(this.db, profile, this.clock.now());
    const saved = await this.get();
    if (!saved) throw new AppError('INTERNAL');
    return saved;
  }

  /** Changes the profile after set-up: coordinators only, audited. */
  async updateSchoolProfile(actor: Actor, input: SchoolProfileInput): Promise<Organisation> {
    if (!(await this.isSetUp())) throw new AppError('NOT_SET_UP', { messageKey: 'errors.org.useSetUp' });
    requirePermission(actor, 'school.admin');
    // A municipality's or the state's profile is made by org:setUpAuthority; a school profile would replace its identity.
    await requireMode(this.db, ['school']);
    const profile = validateSchoolProfile(input, this.municipalities);
    const at = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await writeSchoolProfile(trx, profile, at);
      await recordAudit(trx, actor, at, { action: 'update', entity: 'organisation', entityId: '1' });
    });
    const saved = await this.get();
    if (!saved) throw new AppError('INTERNAL');
    return saved;
  }
}

/**
 * Whether set-up is complete: the organisation's profile exists and at least
 * one staff account does (the first coordinator). A profile without an
 * account (made by `pumpurs init` without --admin-user) still lets org:setUp create the first coordinator.
 */
export async function isSetUpIn(db: Db): Promise<boolean> {
  const org = await db.selectFrom('organisation').select('id').where('id', '=', 1).executeTakeFirst();
  if (!org) return false;
  return (await db.selectFrom('staff_user').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Parses a profile and checks its municipality against the list; field errors otherwise. */
export function validateSchoolProfile(input: SchoolProfileInput, municipalities: readonly Municipality[]): SchoolProfile {
  const parsed = schoolProfileInputSchema.safeParse(input);
  if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
  const profile = parsed.data;
  if (!municipalities.some((m) => m.name === profile.municipality)) {
    throw AppError.validation([{ path: 'municipality', messageKey: 'errors.field.municipality' }]);
  }
  return profile;
}

type SchoolProfile = z.output<typeof schoolProfileInputSchema>;

/** Creates the school's profile, or updates it (keeping the mode). */
export async function writeSchoolProfile(db: Db, profile: SchoolProfile, at: Date): Promise<void> {
  const now = at.toISOString();
  await db
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
