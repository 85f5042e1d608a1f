/**
 * print:savePdf through the real router: it needs a session, says so where
 * there is no printer, asks where to save, renders the caller's window and
 * writes the file; a cancelled dialog saves nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type AppInstance } from '../../app/create-app';
import { makeTempDir, type TempDir } from '../../db/testing/temp-db';
import { createScriptedDialogs } from '../../ports/dialogs';
import { silentLogger } from '../../ports/logger';
import type { PagePrinter } from '../../ports/page-printer';
import { pathsFor } from '../../ports/paths';
import { createFileSecretStore } from '../../ports/secret-store';
import type { CallContext } from '../router';
import { FAST_SCRYPT } from '../../services/testing/fast-scrypt';

const resourcesDir = join(import.meta.dirname, '..', '..', '..', 'resources');
const profile = { name: 'Madonas pilsētas vidusskola', regNo: '4313900456', municipality: 'Madonas novads', schoolType: 'general' };
const coordinator = { username: 'ilze', displayName: 'Ilze Koordinatore', password: 'droša parole 1' };
const ctx = (clientId: string): CallContext => ({ clientId, emit: () => undefined });

let tmp: TempDir;
let app: AppInstance | null = null;
let printed: string[];
const dialogs = createScriptedDialogs();
const printer: PagePrinter = {
  async printToPdf(clientId) {
    printed.push(clientId);
    return new TextEncoder().encode('%PDF-1.4 test');
  },
};

async function start(withPrinter: boolean): Promise<AppInstance> {
  const paths = pathsFor(tmp.dir, resourcesDir);
  app = await createApp(
    {
      paths,
      clock: { now: () => new Date('2025-10-15T08:00:00Z') },
      log: silentLogger,
      secrets: createFileSecretStore(paths.secretsDir),
      dialogs,
      appVersion: 'test',
      ...(withPrinter ? { pagePrinter: printer } : {}),
    },
    { hashParams: FAST_SCRYPT },
  );
  return app;
}

beforeEach(async () => {
  tmp = await makeTempDir();
  printed = [];
  dialogs.answers.save.length = 0;
});
afterEach(async () => {
  await app?.close();
  app = null;
  await tmp.remove();
});

describe('print:savePdf', () => {
  it('needs a session, and a printer', async () => {
    const a = await start(false);
    expect(await a.router.invoke('print:savePdf', { fileName: 'IAP-1.pdf' }, ctx('w1'))).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    await a.router.invoke('org:setUp', { profile, coordinator }, ctx('w1'));
    expect(await a.router.invoke('print:savePdf', { fileName: 'IAP-1.pdf' }, ctx('w1'))).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION', messageKey: 'errors.print.unavailable' },
    });
  });

  it('refuses a file name that is not a plain .pdf name', async () => {
    const a = await start(true);
    await a.router.invoke('org:setUp', { profile, coordinator }, ctx('w1'));
    expect(await a.router.invoke('print:savePdf', { fileName: '../x.pdf' }, ctx('w1'))).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it("writes the caller's window as PDF where the person chose; a cancelled dialog saves nothing", async () => {
    const a = await start(true);
    await a.router.invoke('org:setUp', { profile, coordinator }, ctx('w1'));
    const target = join(tmp.dir, 'IAP.pdf');
    dialogs.answers.save.push(target, null);
    expect(await a.router.invoke('print:savePdf', { fileName: 'IAP-1.pdf' }, ctx('w1'))).toEqual({ ok: true, value: { saved: true } });
    expect(printed).toEqual(['w1']);
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.4 test');
    expect(await a.router.invoke('print:savePdf', { fileName: 'IAP-1.pdf' }, ctx('w1'))).toEqual({ ok: true, value: { saved: false } });
    expect(printed).toEqual(['w1']);
    // The saved file is an export in the audit log; the cancelled one is not.
    const exports = a.database.raw.prepare("SELECT entity, entity_id FROM audit_log WHERE action = 'export'").all();
    expect(exports).toEqual([{ entity: 'pdf', entity_id: 'IAP-1.pdf' }]);
  });
});
