/**
 * Setting up a school's installation, in ONE transaction: the profile, the
 * first coordinator, the default calendar (current and previous school
 * year) and the risk catalogue. Either all of it exists afterwards or none
 * of it does. Works only while the installation is not set up.
 */
import type { Kysely } from 'kysely';
import { localIsoDate } from '../../src-shared/domain/iso-date';
import type { Municipality, Organisation, SchoolProfileInput } from '../../src-shared/domain/organisation';
import type { RiskCatalogueFile } from '../../src-shared/domain/risk-catalogue';
import type { Actor } from '../../src-shared/domain/roles';
import { firstCoordinatorSchema, type FirstCoordinatorInput } from '../../src-shared/domain/staff';
import { AppError, type FieldError } from '../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../src-shared/ipc/zod-issues';
import type { DB } from '../db/schema';
import type { Clock } from '../ports/clock';
import { recordAudit } from './audit';
import { ensureDefaultYears } from './calendar-service';
import { isSetUpIn, validateSchoolProfile, writeSchoolProfile, type OrganisationService } from './organisation-service';
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from './password-hash';
import { addCatalogueFactors } from './risk-catalogue-service';
import { insertStaffUser } from './staff-service';

export interface SetUpInput {
  profile: SchoolProfileInput;
  /** Omitted only by `pumpurs init` without --admin-user: the first coordinator then signs up in the app. */
  coordinator?: FirstCoordinatorInput;
}

export interface SetUpResult {
  organisation: Organisation;
  /** The first coordinator, when one was made. */
  coordinator: Actor | null;
}

const prefixed = (prefix: string, errors: FieldError[]) => errors.map((e) => ({ ...e, path: `${prefix}.${e.path}` }));

export class SetUpService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly organisation: OrganisationService,
    private readonly municipalities: readonly Municipality[],
    private readonly catalogue: RiskCatalogueFile,
    private readonly hashParams: ScryptParams = DEFAULT_SCRYPT,
  ) {}

  /**
   * Sets the school up. `by` is who the audit log names when no coordinator
   * is made (the CLI's actor); otherwise the new coordinator is the actor.
   * With `requireNoProfile` (the CLI), an existing profile also counts as set up.
   */
  async setUp(input: SetUpInput, options: { by?: Actor; requireNoProfile?: boolean } = {}): Promise<SetUpResult> {
    const errors: FieldError[] = [];
    let profile: ReturnType<typeof validateSchoolProfile> | null = null;
    try {
      profile = validateSchoolProfile(input.profile, this.municipalities);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
      errors.push(...prefixed('profile', err.details?.fields ?? []));
    }
    const coordinator = input.coordinator === undefined ? null : firstCoordinatorSchema.safeParse(input.coordinator);
    if (coordinator && !coordinator.success) errors.push(...prefixed('coordinator', fieldErrorsFromZod(coordinator.error)));
    if (errors.length > 0 || !profile) throw AppError.validation(errors);
    if (!coordinator && !options.by) throw new Error('setUp: without a coordinator, say who is acting');

    const passwordHash = coordinator?.success ? await hashPassword(coordinator.data.password, this.hashParams) : null;
    const at = this.clock.now();
    const checkedProfile = profile;
    const made = await this.db.transaction().execute(async (trx) => {
      if (await isSetUpIn(trx)) throw new AppError('ALREADY_SET_UP');
      if (options.requireNoProfile && (await trx.selectFrom('organisation').select('id').executeTakeFirst())) throw new AppError('ALREADY_SET_UP');
      await writeSchoolProfile(trx, checkedProfile, at);
      let actor = options.by ?? null;
      let newCoordinator: Actor | null = null;
      if (coordinator?.success && passwordHash) {
        const { username, displayName } = coordinator.data;
        const id = await insertStaffUser(trx, { username, displayName, passwordHash, roles: ['coordinator'], specialistKind: null }, at);
        newCoordinator = { userId: id, name: displayName, roles: ['coordinator'] };
        actor = newCoordinator;
      }
      if (!actor) throw new AppError('INTERNAL');
      await recordAudit(trx, actor, at, { action: 'create', entity: 'organisation', entityId: '1' });
      if (newCoordinator) {
        await recordAudit(trx, actor, at, { action: 'create', entity: 'staff_user', entityId: newCoordinator.userId, detail: { roles: ['coordinator'] } });
      }
      await ensureDefaultYears(trx, actor, at, localIsoDate(at));
      await addCatalogueFactors(trx, this.catalogue, actor, at);
      return newCoordinator;
    });
    const organisation = await this.organisation.get();
    if (!organisation) throw new AppError('INTERNAL');
    return { organisation, coordinator: made };
  }
}
