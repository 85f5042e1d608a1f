import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OrgMode } from '../../src-shared/domain/organisation';
import type { Actor } from '../../src-shared/domain/roles';
import { AppError } from '../../src-shared/ipc/result';
import type { Logger } from '../ports/logger';
import { writePending } from '../services/exchange/files';
import { createRouter, type CallContext, type Handlers, type RouterDeps } from './router';

const ctx: CallContext = { clientId: 'test', emit: () => undefined };

function recordingLogger() {
  const lines: { level: string; event: string; fields?: Record<string, unknown> }[] = [];
  const log: Logger = {
    info: (event, fields) => lines.push({ level: 'info', event, ...(fields ? { fields } : {}) }),
    warn: (event, fields) => lines.push({ level: 'warn', event, ...(fields ? { fields } : {}) }),
    error: (event, fields) => lines.push({ level: 'error', event, ...(fields ? { fields } : {}) }),
  };
  return { log, lines };
}

/** A set-up school where nobody is signed in, unless a test says otherwise. */
function deps(log: Logger, over: { mode?: OrgMode | null; actor?: Actor | null; expired?: boolean } = {}): RouterDeps {
  return {
    log,
    sessions: { touch: async () => ({ actor: over.actor ?? null, expired: over.expired ?? false }) },
    mode: async () => (over.mode === undefined ? 'school' : over.mode),
  };
}

/** Handlers that fail loudly if called, with the ones a test needs replaced. */
function handlers(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get(target, key: string) {
      return target[key as keyof Handlers] ?? (() => Promise.reject(new Error(`unexpected call to ${key}`)));
    },
  });
}

describe('router', () => {
  it('refuses unknown channels with UNKNOWN_CHANNEL', async () => {
    const router = createRouter(handlers({}), deps(recordingLogger().log));
    const result = await router.invoke('fs:readFile', {}, ctx);
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', messageKey: 'errors.code.UNKNOWN_CHANNEL' } });
    expect(await router.invoke({ toString: () => 'x' }, {}, ctx)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await router.invoke('__proto__', {}, ctx)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('parses input before the handler runs and reports field errors as i18n keys', async () => {
    let called = false;
    const router = createRouter(
      handlers({
        'org:saveSchoolProfile': () => {
          called = true;
          throw new Error('must not run');
        },
      }),
      deps(recordingLogger().log),
    );
    const result = await router.invoke('org:saveSchoolProfile', { name: '', regNo: '12', municipality: 'Rīga', schoolType: 'x' }, ctx);
    expect(called).toBe(false);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    const fields = Object.fromEntries((result.error.details?.fields ?? []).map((f) => [f.path, f.messageKey]));
    expect(fields).toEqual({ name: 'errors.field.required', regNo: 'errors.field.regNo', schoolType: 'errors.field.required' });
  });

  it('passes AppErrors through as data, and hides anything else behind INTERNAL', async () => {
    const { log, lines } = recordingLogger();
    const router = createRouter(
      handlers({
        'org:get': () => {
          throw new AppError('FORBIDDEN');
        },
        'catalog:municipalities': () => {
          throw new Error('SQLITE_ERROR: no such table: secret_stuff');
        },
      }),
      deps(log),
    );
    expect(await router.invoke('org:get', {}, ctx)).toEqual({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.code.FORBIDDEN' } });
    const hidden = await router.invoke('catalog:municipalities', {}, ctx);
    expect(hidden).toEqual({ ok: false, error: { code: 'INTERNAL', messageKey: 'errors.code.INTERNAL' } });
    expect(JSON.stringify(hidden)).not.toContain('SQLITE');
    expect(lines.some((l) => l.level === 'error' && String(l.fields?.error).includes('SQLITE_ERROR'))).toBe(true);
  });

  it('logs the cause of an AppError in main and never sends it to the page', async () => {
    const { log, lines } = recordingLogger();
    const eacces = Object.assign(new Error("EACCES: permission denied, open '/home/anna/plans.pdf'"), { code: 'EACCES' });
    const router = createRouter(handlers({ 'org:get': () => Promise.reject(new AppError('IO_ERROR', { cause: eacces })) }), deps(log));
    const reply = await router.invoke('org:get', {}, ctx);
    expect(reply).toEqual({ ok: false, error: { code: 'IO_ERROR', messageKey: 'errors.code.IO_ERROR' } });
    expect(JSON.stringify(reply)).not.toContain('EACCES');
    expect(lines.filter((l) => l.level === 'error' && String(l.fields?.cause).includes('EACCES: permission denied'))).toHaveLength(1);
    expect(lines.find((l) => String(l.fields?.cause).includes('EACCES'))?.fields).toMatchObject({ channel: 'org:get', code: 'IO_ERROR' });
  });

  it('a real file-system failure turned into IO_ERROR reaches the log with its cause (the errno and the path)', async () => {
    const { log, lines } = recordingLogger();
    const missing = join(tmpdir(), `pumpurs-no-such-folder-${process.pid}-${Date.now()}`, 'package.pumpurs');
    const router = createRouter(handlers({ 'org:get': async () => (await writePending(missing, Buffer.from('x')), null) }), deps(log));
    const reply = await router.invoke('org:get', {}, ctx);
    expect(reply).toMatchObject({ ok: false, error: { code: 'IO_ERROR' } });
    expect(JSON.stringify(reply)).not.toContain('ENOENT');
    const logged = lines.filter((l) => l.level === 'error' && l.event === 'ipc.failedWithCause');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.fields).toMatchObject({ channel: 'org:get', code: 'IO_ERROR' });
    expect(String(logged[0]!.fields?.cause)).toContain('ENOENT');
    expect(String(logged[0]!.fields?.cause)).toContain('pumpurs-no-such-folder-');
  });

  it('checks the output too, so main never sends what the contract does not allow', async () => {
    const router = createRouter(
      handlers({ 'catalog:municipalities': () => [{ kind: 'novads', name: 'X', passwordHash: 'leak' }] as never }),
      deps(recordingLogger().log),
    );
    const result = await router.invoke('catalog:municipalities', {}, ctx);
    // zod strips unknown keys from objects: the extra field never leaves main.
    expect(result).toEqual({ ok: true, value: [{ kind: 'novads', name: 'X' }] });

    const bad = createRouter(handlers({ 'catalog:municipalities': () => [{ kind: 'city' }] as never }), deps(recordingLogger().log));
    expect(await bad.invoke('catalog:municipalities', {}, ctx)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  describe("checks the channel's declared access before the handler runs", () => {
    const author: Actor = { userId: 'u-author', name: 'Author', roles: ['planAuthor'] };
    const director: Actor = { userId: 'u-director', name: 'Director', roles: ['director'] };
    const seen: CallContext[] = [];
    const spy = handlers({
      'plans:create': (_input, c) => {
        seen.push(c);
        return Promise.reject(new AppError('NOT_FOUND'));
      },
      'org:get': (_input, c) => {
        seen.push(c);
        return null;
      },
    });
    const input = { studentId: 'nav-tada', semesterId: '2025/26-1' };
    const call = (over: Parameters<typeof deps>[1], ctxOver: Partial<CallContext> = {}) =>
      createRouter(spy, deps(recordingLogger().log, over)).invoke('plans:create', input, { ...ctx, ...ctxOver });

    it("hands the actor to a signed-in channel's handler that holds the permission", async () => {
      seen.length = 0;
      expect(await call({ actor: author })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(seen).toHaveLength(1);
      expect((seen[0] as CallContext & { actor?: Actor }).actor).toEqual(author);
    });

    it('refuses before the handler: not set up, wrong mode, nobody signed in, no permission', async () => {
      seen.length = 0;
      expect(await call({ actor: author, mode: null })).toMatchObject({ ok: false, error: { code: 'NOT_SET_UP' } });
      expect(await call({ actor: author, mode: 'municipality' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', details: { params: { mode: 'municipality' } } },
      });
      expect(await call({ actor: null })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
      expect(await call({ actor: director })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { params: { permission: 'plan.write' } } } });
      expect(seen).toHaveLength(0);
    });

    it('tells the window when its session went idle', async () => {
      const emitted: unknown[] = [];
      expect(await call({ actor: null, expired: true }, { emit: (event, payload) => emitted.push([event, payload]) })).toMatchObject({
        ok: false,
        error: { code: 'NOT_SIGNED_IN' },
      });
      expect(emitted).toEqual([['session:changed', { signedIn: false }]]);
    });

    it('asks a channel of every mode only for the session (before set-up: NOT_SIGNED_IN, as before)', async () => {
      const router = createRouter(handlers({}), deps(recordingLogger().log, { mode: null }));
      expect(await router.invoke('calendar:current', {}, ctx)).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    });

    it('lets anyone call a public channel, even before set-up', async () => {
      seen.length = 0;
      const router = createRouter(spy, deps(recordingLogger().log, { mode: null, actor: null }));
      expect(await router.invoke('org:get', {}, ctx)).toEqual({ ok: true, value: null });
      expect(seen).toHaveLength(1);
      expect('actor' in (seen[0] as object)).toBe(false);
    });
  });
});
