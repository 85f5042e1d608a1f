/**
 * Setting up a school's installation, in ONE transaction: the profile, the
 * first coordinator, the default calendar (current and previous school
 * year) and the risk catalogue. Either all of it exists afterwards or none
 * of it does. Works only while the installation is not set up.
 */
import type { Kysely } from 'kysely';
import type { Municipality, SchoolProfileInput } from '../../../src-shared/domain/organisation';
import type { RiskCatalogueFile } from '../../../src-shared/domain/risk-catalogue';
import type { Actor } from '../../../src-shared/domain/roles';
import type { FirstCoordinatorInput } from '../../../src-shared/domain/staff';
import { AppError, type FieldError } from '../../../src-shared/ipc/result';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { prefixed, setUpWithFirstCoordinator, type SetUpResult } from './first-coordinator';
import { validateSchoolProfile, writeSchoolProfile, type OrganisationService } from './organisation-service';
import { DEFAULT_SCRYPT, type ScryptParams } from './password-hash';
import { addCatalogueFactors } from '../school/risk-catalogue-service';

export type { SetUpResult } from './first-coordinator';

export interface SetUpInput {
  profile: SchoolProfileInput;
  /** Omitted only by `pumpurs init` without --admin-user: the first coordinator then signs up in the app. */
  coordinator?: FirstCoordinatorInput;
}

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
    return setUpWithFirstCoordinator(
      { db: this.db, clock: this.clock, organisation: this.organisation, hashParams: this.hashParams },
      {
        mode: 'school',
        errors,
        profile,
        coordinator: input.coordinator,
        options,
        writeOrganisation: async (trx, checked, at) => {
          await writeSchoolProfile(trx, checked, at);
          return undefined;
        },
        inTransaction: (trx, actor, at) => addCatalogueFactors(trx, this.catalogue, actor, at),
      },
    );
  }
}
