/**
 * What a school's set-up (SetUpService) and a municipality's or the state's
 * (AuthoritySetUpService) share: checking the first coordinator, hashing the
 * password, and ONE transaction that writes the organisation, the first
 * coordinator, the default calendar and their audit entries. Each service
 * checks its own profile first and passes how to write it (and any extra
 * steps, e.g. the risk catalogue) here.
 */
import type { Kysely, Transaction } from 'kysely';
import { localIsoDate } from '../../../src-shared/domain/iso-date';
import type { Organisation, OrgMode } from '../../../src-shared/domain/organisation';
import type { Actor } from '../../../src-shared/domain/roles';
import { firstCoordinatorSchema, type FirstCoordinatorInput } from '../../../src-shared/domain/staff';
import { AppError, type FieldError } from '../../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { recordAudit } from '../audit';
import { ensureDefaultYears } from '../school/calendar-service';
import { isSetUpIn, type OrganisationService } from './organisation-service';
import { hashPassword, type ScryptParams } from './password-hash';
import { insertStaffUser } from './staff-service';

/** Field errors of one part of the input, their paths under `prefix` ('profile', 'coordinator'). */
export const prefixed = (prefix: string, errors: FieldError[]) => errors.map((e) => ({ ...e, path: `${prefix}.${e.path}` }));

export interface SetUpResult {
  organisation: Organisation;
  /** The first coordinator, when one was made. */
  coordinator: Actor | null;
}

export interface SetUpDeps {
  db: Kysely<DB>;
  clock: Clock;
  organisation: OrganisationService;
  hashParams: ScryptParams;
}

export interface SetUpSteps<P> {
  /** The installation mode this set-up channel makes ('school' for org:setUp). */
  mode: OrgMode | null;
  /** Errors found in the profile so far (paths already prefixed); coordinator errors are added after them. */
  errors: FieldError[];
  /** The checked profile, or null when it was not valid. */
  profile: P | null;
  coordinator?: FirstCoordinatorInput;
  options: { by?: Actor; requireNoProfile?: boolean };
  /** Writes the organisation in the transaction; returns the 'create organisation' audit detail, if any. */
  writeOrganisation(trx: Transaction<DB>, profile: P, at: Date): Promise<Record<string, unknown> | undefined>;
  /** More steps in the same transaction, after the calendar. */
  inTransaction?(trx: Transaction<DB>, actor: Actor, at: Date): Promise<unknown>;
  /** Steps after the transaction is committed, before the result is read. */
  afterCommit?(): Promise<unknown>;
}

/** Checks the first coordinator, then sets the installation up in one transaction. */
export async function setUpWithFirstCoordinator<P>(deps: SetUpDeps, steps: SetUpSteps<P>): Promise<SetUpResult> {
  const { errors, options, profile } = steps;
  const coordinator = steps.coordinator === undefined ? null : firstCoordinatorSchema.safeParse(steps.coordinator);
  if (coordinator && !coordinator.success) errors.push(...prefixed('coordinator', fieldErrorsFromZod(coordinator.error)));
  if (errors.length > 0 || profile === null) throw AppError.validation(errors);
  if (!coordinator && !options.by) throw new Error('setUp: without a coordinator, say who is acting');

  const passwordHash = coordinator?.success ? await hashPassword(coordinator.data.password, deps.hashParams) : null;
  const at = deps.clock.now();
  const made = await deps.db.transaction().execute(async (trx) => {
    if (await isSetUpIn(trx)) throw new AppError('ALREADY_SET_UP');
    const existing = await trx.selectFrom('organisation').select('mode').where('id', '=', 1).executeTakeFirst();
    // An organisation that exists is set up (e.g. by `pumpurs init` without a first coordinator):
    // the one set-up step left is adding that coordinator, through the channel of its own mode.
    // Its name, number, type and mode are never rewritten here, so whoever reaches the screen
    // first cannot turn a municipality into a school (or rename it); the coordinator changes
    // the profile afterwards, signed in and audited, like any other edit.
    if (existing && (options.requireNoProfile || !coordinator?.success || existing.mode !== steps.mode)) throw new AppError('ALREADY_SET_UP');
    const detail = existing ? undefined : await steps.writeOrganisation(trx, profile, at);
    let actor = options.by ?? null;
    let newCoordinator: Actor | null = null;
    if (coordinator?.success && passwordHash) {
      const { username, displayName } = coordinator.data;
      const id = await insertStaffUser(trx, { username, displayName, passwordHash, roles: ['coordinator'], specialistKind: null }, at);
      newCoordinator = { userId: id, name: displayName, roles: ['coordinator'] };
      actor = newCoordinator;
    }
    if (!actor) throw new AppError('INTERNAL');
    if (!existing) await recordAudit(trx, actor, at, { action: 'create', entity: 'organisation', entityId: '1', ...(detail ? { detail } : {}) });
    if (newCoordinator) {
      await recordAudit(trx, actor, at, { action: 'create', entity: 'staff_user', entityId: newCoordinator.userId, detail: { roles: ['coordinator'] } });
    }
    await ensureDefaultYears(trx, actor, at, localIsoDate(at));
    if (steps.inTransaction) await steps.inTransaction(trx, actor, at);
    return newCoordinator;
  });
  if (steps.afterCommit) await steps.afterCommit();
  const organisation = await deps.organisation.get();
  if (!organisation) throw new AppError('INTERNAL');
  return { organisation, coordinator: made };
}
