/**
 * Who is signed in, per client (an Electron window or a test page: the
 * router's CallContext.clientId). Sessions live in memory only: restarting
 * the app signs everyone out. A session ends after `session.idleMinutes`
 * (setting, default 15) without a call. The actor is read from the database
 * on every call, so a role change or deactivation takes effect at once.
 *
 * Sign-in failures count per account, and per name for names that are not
 * accounts, so the answer never tells which names exist: an unknown name
 * answers "locked out" after exactly the same failures, for exactly as long,
 * as a real account would. (Unknown names are counted in memory only, keyed
 * by a hash of the name: people type passwords into that field, so the name
 * itself is never stored or logged.)
 *
 * The lock is a delay, not a wall. After `auth.maxFailedAttempts` (default
 * 5) failures in a row the account is locked for 30 seconds, even for the
 * right password; every further failure after a lock has run out doubles it
 * (1, 2, 4 minutes…), up to `auth.lockoutMinutes` (default 5, at most 15).
 * Failures while locked are not counted, so they do not extend the lock.
 * Why: someone guessing passwords gets a handful of tries, then one every
 * few minutes (a few hundred a day, hopeless against the password rules),
 * while a colleague who types wrong passwords into someone else's name on
 * purpose can lock them out for minutes at a time only, never for hours;
 * and a coordinator can reset the password at any time. A success resets
 * the count.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../src-shared/domain/roles';
import { normaliseUsername, PASSWORD_MAX_LENGTH } from '../../../src-shared/domain/staff';
import { AppError } from '../../../src-shared/ipc/result';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { recordAudit } from '../audit';
import { DEFAULT_SCRYPT, hashPassword, makeDummyHash, needsRehash, verifyPassword, type ScryptParams } from './password-hash';
import type { SettingsService } from '../school/settings-service';
import { loadActor } from './staff-service';

interface Session {
  userId: string;
  lastActiveMs: number;
}

export interface SessionState {
  actor: Actor | null;
  idleMinutes: number;
  /** True when this look ended a session that had been idle too long. */
  expired: boolean;
}

/** Who the audit log names for a failed sign-in to an account nobody is signed in to. */
const ANONYMOUS: Actor = { userId: 'anonymous', name: 'anonymous', roles: [] };

/** The first lock; each further failure doubles it, up to the cap. */
const FIRST_LOCK_MS = 30_000;
/** Names that are not accounts tracked at once (oldest forgotten first): bounded memory. */
const MAX_TRACKED_UNKNOWN_NAMES = 10_000;

/** How long `failures` failures in a row lock an account (null: not locked). See the file comment. */
export function lockDurationMs(failures: number, maxFailures: number, capMinutes: number): number | null {
  if (failures < maxFailures) return null;
  return Math.min(capMinutes * 60_000, FIRST_LOCK_MS * 2 ** Math.min(failures - maxFailures, 30));
}

export class SessionService {
  private readonly sessions = new Map<string, Session>();
  private dummyHash: Promise<string> | null = null;
  /** Failures per name that is not an account (key: SHA-256 of the normalised name). */
  private readonly unknownNames = new Map<string, { failures: number; lockedUntilMs: number }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly settings: SettingsService,
    private readonly hashParams: ScryptParams = DEFAULT_SCRYPT,
  ) {}

  async signIn(clientId: string, username: string, password: string): Promise<Actor> {
    const at = this.clock.now();
    const name = normaliseUsername(username);
    const user = name.length > 0 && name.length <= 64 && password.length <= PASSWORD_MAX_LENGTH ? await this.findUser(name, username.trim()) : undefined;
    if (!user) return this.failUnknown(name, password, at);
    if (user.locked_until && user.locked_until > at.toISOString()) {
      await recordAudit(this.db, ANONYMOUS, at, { action: 'signInFailed', entity: 'staff_user', entityId: user.id, detail: { reason: 'locked' } });
      throw lockedOut(user.locked_until, at);
    }
    const passwordOk = await verifyPassword(password, user.password_hash);
    // Attempts checked in parallel all read the row before any was counted: count and check the lock on the row as it is now.
    const fresh = await this.db.selectFrom('staff_user').select(['failed_attempts', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
    if (fresh.locked_until && fresh.locked_until > at.toISOString()) {
      await recordAudit(this.db, ANONYMOUS, at, { action: 'signInFailed', entity: 'staff_user', entityId: user.id, detail: { reason: 'locked' } });
      throw lockedOut(fresh.locked_until, at);
    }
    if (!passwordOk || user.active !== 1) {
      const maxAttempts = await this.settings.get('auth.maxFailedAttempts');
      const lockMinutes = await this.settings.get('auth.lockoutMinutes');
      const lockedUntil = await this.db.transaction().execute(async (trx) => {
        const now = await trx.selectFrom('staff_user').select('failed_attempts').where('id', '=', user.id).executeTakeFirstOrThrow();
        const attempts = passwordOk ? now.failed_attempts : now.failed_attempts + 1;
        const lockMs = passwordOk ? null : lockDurationMs(attempts, maxAttempts, lockMinutes);
        const lock = lockMs !== null;
        const until = lockMs === null ? null : new Date(at.getTime() + lockMs).toISOString();
        await trx.updateTable('staff_user').set({ failed_attempts: attempts, locked_until: until }).where('id', '=', user.id).execute();
        const reason = passwordOk ? 'inactive' : 'password';
        await recordAudit(trx, ANONYMOUS, at, { action: 'signInFailed', entity: 'staff_user', entityId: user.id, detail: { reason, locked: lock } });
        return until;
      });
      if (lockedUntil) throw lockedOut(lockedUntil, at);
      throw new AppError('INVALID_CREDENTIALS');
    }
    const rehash = needsRehash(user.password_hash, this.hashParams) ? await hashPassword(password, this.hashParams) : null;
    const actor = await this.db.transaction().execute(async (trx) => {
      const lock = await trx.selectFrom('staff_user').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
      if (lock.locked_until && lock.locked_until > at.toISOString()) throw lockedOut(lock.locked_until, at);
      await trx
        .updateTable('staff_user')
        .set({ failed_attempts: 0, locked_until: null, ...(rehash ? { password_hash: rehash } : {}) })
        .where('id', '=', user.id)
        .execute();
      const signedIn = await loadActor(trx, user.id);
      if (!signedIn) throw new AppError('INVALID_CREDENTIALS');
      await recordAudit(trx, signedIn, at, { action: 'signIn', entity: 'staff_user', entityId: user.id });
      return signedIn;
    });
    this.sessions.set(clientId, { userId: user.id, lastActiveMs: at.getTime() });
    return actor;
  }

  /**
   * A name that is no account: the same answers, after the same failures, as
   * for a real one (see the file comment), and the same work (a password
   * check against a dummy hash), so neither the answer nor its timing tells
   * which names exist.
   */
  private async failUnknown(name: string, password: string, at: Date): Promise<never> {
    const key = createHash('sha256').update(name).digest('hex');
    const lockedNow = (): number | null => {
      const entry = this.unknownNames.get(key);
      return entry && entry.lockedUntilMs > at.getTime() ? entry.lockedUntilMs : null;
    };
    const refuseLocked = async (untilMs: number): Promise<never> => {
      await recordAudit(this.db, ANONYMOUS, at, { action: 'signInFailed', entity: 'staff_user', entityId: 'unknown', detail: { reason: 'locked' } });
      throw lockedOut(new Date(untilMs).toISOString(), at);
    };
    const before = lockedNow();
    if (before !== null) return refuseLocked(before);
    await verifyPassword(password.slice(0, PASSWORD_MAX_LENGTH), await this.getDummyHash());
    const after = lockedNow(); // a parallel attempt may have locked it meanwhile
    if (after !== null) return refuseLocked(after);
    const maxAttempts = await this.settings.get('auth.maxFailedAttempts');
    const lockMinutes = await this.settings.get('auth.lockoutMinutes');
    const failures = (this.unknownNames.get(key)?.failures ?? 0) + 1;
    const lockMs = lockDurationMs(failures, maxAttempts, lockMinutes);
    this.unknownNames.delete(key);
    if (this.unknownNames.size >= MAX_TRACKED_UNKNOWN_NAMES) {
      const oldest = this.unknownNames.keys().next().value;
      if (oldest !== undefined) this.unknownNames.delete(oldest);
    }
    this.unknownNames.set(key, { failures, lockedUntilMs: lockMs === null ? 0 : at.getTime() + lockMs });
    await recordAudit(this.db, ANONYMOUS, at, {
      action: 'signInFailed',
      entity: 'staff_user',
      entityId: 'unknown',
      detail: { reason: 'unknownUser', locked: lockMs !== null },
    });
    if (lockMs !== null) throw lockedOut(new Date(at.getTime() + lockMs).toISOString(), at);
    throw new AppError('INVALID_CREDENTIALS');
  }

  /**
   * The account by its normalised name; failing that, by the name exactly as
   * typed, for an old account that migration 0005 could not normalise because
   * another account already had that spelling.
   */
  private async findUser(normalised: string, typed: string) {
    const byName = (n: string) => this.db.selectFrom('staff_user').selectAll().where('username', '=', n).executeTakeFirst();
    return (await byName(normalised)) ?? (typed !== normalised ? await byName(typed) : undefined);
  }

  /** Starts a session without a password: only for the coordinator just made at set-up. */
  async startSession(clientId: string, actor: Actor): Promise<void> {
    const at = this.clock.now();
    await recordAudit(this.db, actor, at, { action: 'signIn', entity: 'staff_user', entityId: actor.userId, detail: { via: 'setUp' } });
    this.sessions.set(clientId, { userId: actor.userId, lastActiveMs: at.getTime() });
  }

  /** Ends the client's session; returns whether there was one. */
  async signOut(clientId: string): Promise<boolean> {
    await this.resolve(clientId, false); // a session that already went idle ends as idle
    const session = this.sessions.get(clientId);
    if (!session) return false;
    this.sessions.delete(clientId);
    const actor = (await loadActor(this.db, session.userId)) ?? { userId: session.userId, name: session.userId, roles: [] };
    await recordAudit(this.db, actor, this.clock.now(), { action: 'signOut', entity: 'staff_user', entityId: session.userId });
    return true;
  }

  /** Ends every session of an account (after a password reset or deactivation). */
  endSessionsOf(userId: string): void {
    for (const [clientId, session] of this.sessions) if (session.userId === userId) this.sessions.delete(clientId);
  }

  /** Who is signed in on this client, without counting as activity. */
  async current(clientId: string): Promise<SessionState> {
    return this.resolve(clientId, false);
  }

  /** Who is signed in on this client; counts as activity (every call through a handler does). */
  async touch(clientId: string): Promise<SessionState> {
    return this.resolve(clientId, true);
  }

  /** The signed-in actor, or NOT_SIGNED_IN. */
  async requireActor(clientId: string): Promise<Actor> {
    const { actor } = await this.touch(clientId);
    if (!actor) throw new AppError('NOT_SIGNED_IN');
    return actor;
  }

  private async resolve(clientId: string, touch: boolean): Promise<SessionState> {
    const idleMinutes = await this.settings.get('session.idleMinutes');
    const session = this.sessions.get(clientId);
    if (!session) return { actor: null, idleMinutes, expired: false };
    const nowMs = this.clock.now().getTime();
    if (nowMs - session.lastActiveMs > idleMinutes * 60_000) {
      this.sessions.delete(clientId);
      const actor = (await loadActor(this.db, session.userId)) ?? { userId: session.userId, name: session.userId, roles: [] };
      await recordAudit(this.db, actor, this.clock.now(), { action: 'signOut', entity: 'staff_user', entityId: session.userId, detail: { reason: 'idle' } });
      return { actor: null, idleMinutes, expired: true };
    }
    const actor = await loadActor(this.db, session.userId);
    if (!actor) {
      this.sessions.delete(clientId);
      return { actor: null, idleMinutes, expired: true };
    }
    if (touch) session.lastActiveMs = nowMs;
    return { actor, idleMinutes, expired: false };
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= makeDummyHash(this.hashParams);
    return this.dummyHash;
  }
}

function lockedOut(until: string, at: Date): AppError {
  const minutes = Math.max(1, Math.ceil((new Date(until).getTime() - at.getTime()) / 60_000));
  return new AppError('INVALID_CREDENTIALS', { messageKey: 'errors.auth.lockedOut', details: { params: { minutes } } });
}
