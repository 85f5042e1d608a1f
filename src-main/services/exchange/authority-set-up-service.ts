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
import { localIsoDate } from '../../../src-shared/domain/iso-date';
import type { Municipality } from '../../../src-shared/domain/organisation';
import type { Actor } from '../../../src-shared/domain/roles';
import { firstCoordinatorSchema, type FirstCoordinatorInput } from '../../../src-shared/domain/staff';
import { AppError, type FieldError } from '../../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { recordAudit } from '../audit';
import { ensureDefaultYears } from '../calendar-service';
import { isSetUpIn, type OrganisationService } from '../organisation-service';
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from '../password-hash';
import type { SetUpResult } from '../set-up-service';
import { insertStaffUser } from '../staff-service';
import type { ExchangeKeyService } from './keys-service';

export interface AuthoritySetUpInput {
  profile: AuthorityProfileInput;
  coordinator?: FirstCoordinatorInput;
}

const prefixed = (prefix: string, errors: FieldError[]) => errors.map((e) => ({ ...e, path: `${prefix}.${e.path}` }));

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
    const coordinator = input.coordinator === undefined ? null : firstCoordinatorSchema.safeParse(input.coordinator);
    if (coordinator && !coordinator.success) errors.push(...prefixed('coordinator', fieldErrorsFromZod(coordinator.error)));
    if (errors.length > 0 || !profile.success || !identity) throw AppError.validation(errors);
    if (!coordinator && !options.by) throw new Error('setUp: without a coordinator, say who is acting');

    const passwordHash = coordinator?.success ? await hashPassword(coordinator.data.password, this.hashParams) : null;
    const at = this.clock.now();
    const now = at.toISOString();
    const mode = profile.data.mode;
    const org = identity;
    const made = await this.db.transaction().execute(async (trx) => {
      if (await isSetUpIn(trx)) throw new AppError('ALREADY_SET_UP');
      if (options.requireNoProfile && (await trx.selectFrom('organisation').select('id').executeTakeFirst())) throw new AppError('ALREADY_SET_UP');
      const existing = await trx.selectFrom('organisation').select('mode').where('id', '=', 1).executeTakeFirst();
      if (existing && existing.mode !== mode) throw new AppError('ALREADY_SET_UP');
      await trx
        .insertInto('organisation')
        .values({ id: 1, mode, name: org.name, reg_no: org.id, municipality: org.municipality, school_type: null, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: org.name, reg_no: org.id, municipality: org.municipality, updated_at: now }))
        .execute();
      let actor = options.by ?? null;
      let newCoordinator: Actor | null = null;
      if (coordinator?.success && passwordHash) {
        const { username, displayName } = coordinator.data;
        const id = await insertStaffUser(trx, { username, displayName, passwordHash, roles: ['coordinator'], specialistKind: null }, at);
        newCoordinator = { userId: id, name: displayName, roles: ['coordinator'] };
        actor = newCoordinator;
      }
      if (!actor) throw new AppError('INTERNAL');
      await recordAudit(trx, actor, at, { action: 'create', entity: 'organisation', entityId: '1', detail: { mode, id: org.id } });
      if (newCoordinator) {
        await recordAudit(trx, actor, at, { action: 'create', entity: 'staff_user', entityId: newCoordinator.userId, detail: { roles: ['coordinator'] } });
      }
      await ensureDefaultYears(trx, actor, at, localIsoDate(at));
      return newCoordinator;
    });
    await this.keys.ensure();
    const organisation = await this.organisation.get();
    if (!organisation) throw new AppError('INTERNAL');
    return { organisation, coordinator: made };
  }
}
