/**
 * Who is signed in, per client (an Electron window or a test page: the
 * router's CallContext.clientId). Sessions live in memory only: restarting
 * the app signs everyone out. A session ends after `session.idleMinutes`
 * (setting, default 15) without a call. The actor is read from the database
 * on every call, so a role change or deactivation takes effect at once.
 *
 * Sign-in failures count per account: after `auth.maxFailedAttempts`
 * (default 5) in a row the account is locked for `auth.lockoutMinutes`
 * (default 5), even for the right password. The attempted user name is never
 * stored or logged (people type passwords into it).
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../src-shared/domain/roles';
import { normaliseUsername, PASSWORD_MAX_LENGTH } from '../../src-shared/domain/staff';
import { AppError } from '../../src-shared/ipc/result';
import type { DB } from '../db/schema';
import type { Clock } from '../ports/clock';
import { recordAudit } from './audit';
import { DEFAULT_SCRYPT, hashPassword, makeDummyHash, needsRehash, verifyPassword, type ScryptParams } from './password-hash';
import type { SettingsService } from './settings-service';
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

export class SessionService {
  private readonly sessions = new Map<string, Session>();
  private dummyHash: Promise<string> | null = null;

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
    if (!user) {
      // Same work as for a real account, so timing does not tell which names exist.
      await verifyPassword(password.slice(0, PASSWORD_MAX_LENGTH), await this.getDummyHash());
      await recordAudit(this.db, ANONYMOUS, at, { action: 'signInFailed', entity: 'staff_user', entityId: 'unknown', detail: { reason: 'unknownUser' } });
      throw new AppError('INVALID_CREDENTIALS');
    }
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
        const lock = attempts >= maxAttempts;
        const until = lock ? new Date(at.getTime() + lockMinutes * 60_000).toISOString() : null;
        await trx
          .updateTable('staff_user')
          .set({ failed_attempts: lock ? 0 : attempts, locked_until: until })
          .where('id', '=', user.id)
          .execute();
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
