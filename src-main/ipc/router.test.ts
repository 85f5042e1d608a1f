import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/ipc/result';
import type { Logger } from '../ports/logger';
import { createRouter, type CallContext, type Handlers } from './router';

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
    const router = createRouter(handlers({}), recordingLogger().log);
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
      recordingLogger().log,
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
      log,
    );
    expect(await router.invoke('org:get', {}, ctx)).toEqual({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.code.FORBIDDEN' } });
    const hidden = await router.invoke('catalog:municipalities', {}, ctx);
    expect(hidden).toEqual({ ok: false, error: { code: 'INTERNAL', messageKey: 'errors.code.INTERNAL' } });
    expect(JSON.stringify(hidden)).not.toContain('SQLITE');
    expect(lines.some((l) => l.level === 'error' && String(l.fields?.error).includes('SQLITE_ERROR'))).toBe(true);
  });

  it('checks the output too, so main never sends what the contract does not allow', async () => {
    const router = createRouter(
      handlers({ 'catalog:municipalities': () => [{ kind: 'novads', name: 'X', passwordHash: 'leak' }] as never }),
      recordingLogger().log,
    );
    const result = await router.invoke('catalog:municipalities', {}, ctx);
    // zod strips unknown keys from objects: the extra field never leaves main.
    expect(result).toEqual({ ok: true, value: [{ kind: 'novads', name: 'X' }] });

    const bad = createRouter(handlers({ 'catalog:municipalities': () => [{ kind: 'city' }] as never }), recordingLogger().log);
    expect(await bad.invoke('catalog:municipalities', {}, ctx)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
