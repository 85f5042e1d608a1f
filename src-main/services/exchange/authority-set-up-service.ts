/**
 * Setting up a municipality's or the state's installation, the sibling of
 * the school's SetUpService: in ONE transaction the organisation (mode,
 * name, id), the first coordinator and the default calendar (semesters are
 * how imported data is browsed). No risk catalogue: imported records carry
 * the sender's own. A municipality's id is `municipalityCode(name)` of a
 * name from the shipped list; the state's is STATE_ORG_ID. The
 * installation's keys are made right after (ExchangeKeyService.ensure).
 *
 * In these modes the staff roles keep their names: 'coordinator' is the
 * municipal (or state) coordinator, 'readOnly' a viewer of imported data.
 */
import type { Kysely } from 'kysely';
import { authorityProfileInputSchema, municipalityCode, STATE_ORG_ID, STATE_ORG_NAME, type AuthorityProfileInput } from '../../../src-shared/domain/exchange';
import type { Municipality } from '../../../src-shared/domain/organisation';
import type { Actor } from '../../../src-shared/domain/roles';
import type { FirstCoordinatorInput } from '../../../src-shared/domain/staff';
import type { FieldError } from '../../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { prefixed, setUpWithFirstCoordinator, type SetUpResult } from '../accounts/first-coordinator';
import type { OrganisationService } from '../accounts/organisation-service';
import { DEFAULT_SCRYPT, type ScryptParams } from '../accounts/password-hash';
import type { ExchangeKeyService } from './keys-service';

export interface AuthoritySetUpInput {
  profile: AuthorityProfileInput;
  coordinator?: FirstCoordinatorInput;
}

export class AuthoritySetUpService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly organisation: OrganisationService,
    private readonly municipalities: readonly Municipality[],
    private readonly keys: ExchangeKeyService,
    private readonly hashParams: ScryptParams = DEFAULT_SCRYPT,
  ) {}

  async setUp(input: AuthoritySetUpInput, options: { by?: Actor; requireNoProfile?: boolean } = {}): Promise<SetUpResult> {
    const errors: FieldError[] = [];
    const profile = authorityProfileInputSchema.safeParse(input.profile);
    if (!profile.success) errors.push(...prefixed('profile', fieldErrorsFromZod(profile.error)));
    let identity: { id: string; name: string; municipality: string } | null = null;
    if (profile.success && profile.data.mode === 'municipality') {
      const name = profile.data.municipality ?? '';
      const found = this.municipalities.find((m) => m.name === name);
      if (!found) errors.push({ path: 'profile.municipality', messageKey: name === '' ? 'errors.field.required' : 'errors.field.municipality' });
      else identity = { id: municipalityCode(found.name), name: found.name, municipality: found.name };
    } else if (profile.success) {
      identity = { id: STATE_ORG_ID, name: STATE_ORG_NAME, municipality: '' };
    }
    const checked = profile.success && identity ? { mode: profile.data.mode, org: identity } : null;
    return setUpWithFirstCoordinator(
      { db: this.db, clock: this.clock, organisation: this.organisation, hashParams: this.hashParams },
      {
        mode: checked?.mode ?? null,
        errors,
        profile: checked,
        coordinator: input.coordinator,
        options,
        writeOrganisation: async (trx, { mode, org }, at) => {
          const now = at.toISOString();
          await trx
            .insertInto('organisation')
            .values({ id: 1, mode, name: org.name, reg_no: org.id, municipality: org.municipality, school_type: null, created_at: now, updated_at: now })
            .execute();
          return { mode, id: org.id };
        },
        afterCommit: () => this.keys.ensure(),
      },
    );
  }
}
