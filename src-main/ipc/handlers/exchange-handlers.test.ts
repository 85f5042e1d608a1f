/**
 * The exchange channels end to end through the real router: a school and a
 * municipality set up over IPC, files chosen only through the (scripted)
 * native dialogs, previews handing out one-use tokens, progress events, and
 * every output passing its channel's schema.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../src-shared/ipc/contract/index';
import { createApp, type AppInstance } from '../../app/create-app';
import { encodeSignedStatement, fingerprintOf, makeKeyCard } from '../../package-format/index';
import { makeParty } from '../../package-format/test-support/fixtures';
import { makeTempDir, type TempDir } from '../../db/testing/temp-db';
import { fixedClock } from '../../ports/clock';
import { createScriptedDialogs } from '../../ports/dialogs';
import { silentLogger } from '../../ports/logger';
import { pathsFor } from '../../ports/paths';
import { createFileSecretStore } from '../../ports/secret-store';
import { generateDemoData } from '../../services/demo-data/demo-data';
import { loadRiskCatalogue } from '../../services/school/risk-catalogue-service';
import { RESOURCES_DIR } from '../../services/exchange/testing/exchange-fixture';
import type { CallContext } from '../router';
import { FAST_SCRYPT } from '../../services/testing/fast-scrypt';

const clock = fixedClock('2026-02-10T10:00:00.000Z');
const coordinator = { username: 'ilze', displayName: 'Ilze Koordinatore', password: 'droša parole 1' };

interface Side {
  app: AppInstance;
  dialogs: ReturnType<typeof createScriptedDialogs>;
  events: { event: EventName; payload: unknown }[];
  call(channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; messageKey: string } }>;
}

let tmp: TempDir;
let school: Side;
let muni: Side;
const file = (name: string) => join(tmp.dir, name);

async function side(name: string): Promise<Side> {
  const paths = pathsFor(join(tmp.dir, name), RESOURCES_DIR);
  const dialogs = createScriptedDialogs();
  const app = await createApp(
    { paths, clock, log: silentLogger, secrets: createFileSecretStore(paths.secretsDir), dialogs, appVersion: 'test' },
    { hashParams: FAST_SCRYPT },
  );
  const events: Side['events'] = [];
  const ctx: CallContext = { clientId: 'w1', emit: (event, payload) => events.push({ event, payload }) };
  return { app, dialogs, events, call: (channel, input) => app.router.invoke(channel, input, ctx) as never };
}

function value<T>(result: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

beforeAll(async () => {
  tmp = await makeTempDir('pumpurs-exchange-ipc-');
  school = await side('school');
  muni = await side('municipality');
}, 60_000);
afterAll(async () => {
  await school.app.close();
  await muni.app.close();
  await tmp.remove();
});

describe('exchange channels', () => {
  it('set a municipality up over IPC, signing the window in; the school too', async () => {
    const bad = await muni.call('org:setUpAuthority', { profile: { mode: 'municipality', municipality: 'Atlantīda' }, coordinator });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'profile.municipality', messageKey: 'errors.field.municipality' }] } },
    });
    const set = await muni.call('org:setUpAuthority', { profile: { mode: 'municipality', municipality: 'Madonas novads' }, coordinator });
    expect(set).toMatchObject({ ok: true, value: { organisation: { mode: 'municipality', regNo: 'madonas-novads' }, actor: { roles: ['coordinator'] } } });
    expect(muni.events).toEqual([{ event: 'session:changed', payload: { signedIn: true } }]);
    expect(await muni.call('org:setUpAuthority', { profile: { mode: 'state' }, coordinator })).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });

    const profile = { name: 'Madonas pilsētas vidusskola', regNo: '4313900456', municipality: 'Madonas novads', schoolType: 'general' };
    expect((await school.call('org:setUp', { profile, coordinator })).ok).toBe(true);
    await generateDemoData(school.app.database.db, { students: 80, today: '2026-02-10', riskCatalogue: await loadRiskCatalogue(RESOURCES_DIR) });
  });

  it('show the keys made at set-up and save the card through the save dialog', async () => {
    const keys = value<{ org: { id: string }; fingerprint: { digits: string } }>(await school.call('exchange:keys', {}));
    expect(keys.org.id).toBe('4313900456');
    expect(await school.call('exchange:exportCard', {})).toEqual({ ok: true, value: { cancelled: true, path: null, fingerprint: null } });
    school.dialogs.answers.save.push(file('school.card.json'));
    expect(value(await school.call('exchange:exportCard', {}))).toEqual({ cancelled: false, path: file('school.card.json'), fingerprint: keys.fingerprint });
  });

  it('enrol from a chosen card with a one-use token, and trust back', async () => {
    muni.dialogs.answers.open.push([file('school.card.json')]);
    const preview = value<{ token: string; preview: { action: string; fingerprint: { digits: string } } }>(await muni.call('exchange:enrolPreview', {}));
    expect(preview.preview.action).toBe('enrol');
    expect(await muni.call('exchange:enrol', { token: preview.token, fingerprint: '1' })).toMatchObject({
      ok: false,
      error: { messageKey: 'errors.exchange.fingerprintDiffers' },
    });
    expect(await muni.call('exchange:enrol', { token: preview.token, fingerprint: preview.preview.fingerprint.digits })).toMatchObject({
      ok: false,
      error: { messageKey: 'errors.exchange.choiceExpired' },
    });
    muni.dialogs.answers.open.push([file('school.card.json')]);
    const again = value<{ token: string }>(await muni.call('exchange:enrolPreview', { purpose: 'enrol' }));
    expect(await muni.call('exchange:trust', { token: again.token, fingerprint: preview.preview.fingerprint.digits })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    muni.dialogs.answers.open.push([file('school.card.json')]);
    const third = value<{ token: string }>(await muni.call('exchange:enrolPreview', { purpose: 'enrol' }));
    expect(value(await muni.call('exchange:enrol', { token: third.token, fingerprint: preview.preview.fingerprint.digits }))).toMatchObject({
      action: 'enrol',
      org: { id: '4313900456' },
    });
    expect(value<unknown[]>(await muni.call('exchange:enrolled', { role: 'sender' }))).toHaveLength(1);

    muni.dialogs.answers.save.push(file('muni.card.json'));
    const card = value<{ fingerprint: { hex: string } }>(await muni.call('exchange:exportCard', {}));
    school.dialogs.answers.open.push([file('muni.card.json')]);
    const trust = value<{ token: string }>(await school.call('exchange:enrolPreview', { purpose: 'trust' }));
    expect(value(await school.call('exchange:trust', { token: trust.token, fingerprint: card.fingerprint.hex }))).toMatchObject({
      action: 'enrol',
      role: 'recipient',
    });
  });

  it('export with progress events, then preview a folder and commit it by token', async () => {
    await mkdir(file('outbox'));
    school.dialogs.answers.save.push(file('outbox/report.pumpurs'));
    school.events.length = 0;
    const exported = value<{ cancelled: boolean; result: { seq: number } }>(await school.call('exchange:export', {}));
    expect(exported).toMatchObject({ cancelled: false, result: { seq: 1 } });
    expect(school.events.filter((e) => e.event === 'task:progress').map((e) => (e.payload as { labelKey: string }).labelKey)).toEqual([
      'exchange.progress.collect',
      'exchange.progress.encrypt',
      'exchange.progress.write',
      'exchange.progress.done',
    ]);

    muni.dialogs.answers.open.push([file('outbox/report.pumpurs')]);
    expect(value(await muni.call('exchange:verify', {}))).toMatchObject({ cancelled: false, result: { status: 'ready' } });

    muni.dialogs.answers.open.push([file('outbox')]);
    const preview = value<{ token: string; result: { committed: boolean; files: { status: string }[] } }>(
      await muni.call('exchange:importPreview', { folder: true }),
    );
    expect(preview.result).toMatchObject({ committed: false, files: [{ status: 'ready' }] });
    muni.events.length = 0;
    const done = value<{ committed: boolean; files: { status: string }[] }>(await muni.call('exchange:importCommit', { token: preview.token }));
    expect(done).toMatchObject({ committed: true, files: [{ status: 'imported' }] });
    expect(muni.events.filter((e) => e.event === 'task:progress').at(-1)).toEqual({
      event: 'task:progress',
      payload: { taskId: 'exchange:importCommit', done: 1, total: 1, labelKey: 'exchange.progress.done' },
    });
    expect(await muni.call('exchange:importCommit', { token: preview.token })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('serve the municipality views, and keep them from a school and from a role without the permission', async () => {
    const schools = value<{ schools: { lastPackage: { seq: number } | null }[] }>(await muni.call('muni:schools', {}));
    expect(schools.schools[0]?.lastPackage?.seq).toBe(1);
    const plans = value<{ plans: unknown[] }>(await muni.call('muni:plans', { schoolId: '4313900456' }));
    expect(plans.plans.length).toBeGreaterThan(0);
    expect(value<{ rows: unknown[] }>(await muni.call('muni:counts', { semesterId: '2025/26-2' })).rows.length).toBeGreaterThan(0);
    expect(await muni.call('muni:plans', { schoolId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await muni.call('muni:counts', { semesterId: '2025-2' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    school.dialogs.answers.open.push([file('outbox/report.pumpurs')]);
    expect(await school.call('exchange:importPreview', {})).toMatchObject({ ok: false, error: { messageKey: 'errors.exchange.importNotHere' } });
    const viewer = { userId: 'u-ro', name: 'Viewer', roles: ['readOnly' as const] };
    await expect(muni.app.services.exchange.enrolment.preview(viewer, file('school.card.json'), 'enrol')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(muni.app.services.exchange.importer.preview(viewer, [file('outbox/report.pumpurs')])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await muni.app.services.exchange.imported.schools(viewer)).schools).toHaveLength(1);
  });

  it('replace a lost key only through a preview that asked for the replacement', async () => {
    const fresh = await makeParty('4313900456', 'school');
    await writeFile(
      file('school-new.card.json'),
      encodeSignedStatement(
        makeKeyCard({ org: { kind: 'school', id: '4313900456', name: 'Madonas pilsētas vidusskola' }, keys: fresh.keys, createdAt: clock.now() }),
      ),
    );
    muni.dialogs.answers.open.push([file('school-new.card.json')]);
    expect(await muni.call('exchange:enrolPreview', { purpose: 'enrol' })).toMatchObject({ ok: false, error: { code: 'KEY_CHANGED' } });
    muni.dialogs.answers.open.push([file('school-new.card.json')]);
    const asked = value<{
      token: string;
      preview: { action: string; seqAfter: number; fingerprint: { digits: string }; pinnedFingerprint: { digits: string } };
    }>(await muni.call('exchange:enrolPreview', { purpose: 'enrol', replaceKey: true }));
    expect(asked.preview).toMatchObject({ action: 'replace', seqAfter: 1, fingerprint: fingerprintOf(fresh.keys.signing.keyId) });
    // Confirming without replaceKey stays KEY_CHANGED.
    expect(await muni.call('exchange:enrol', { token: asked.token, fingerprint: asked.preview.fingerprint.digits })).toMatchObject({
      ok: false,
      error: { code: 'KEY_CHANGED' },
    });
    muni.dialogs.answers.open.push([file('school-new.card.json')]);
    const again = value<{ token: string }>(await muni.call('exchange:enrolPreview', { purpose: 'enrol', replaceKey: true }));
    expect(value(await muni.call('exchange:enrol', { token: again.token, fingerprint: asked.preview.fingerprint.digits, replaceKey: true }))).toMatchObject({
      action: 'replace',
    });
    const enrolled = value<{ fingerprint: { digits: string } }[]>(await muni.call('exchange:enrolled', { role: 'sender' }));
    expect(enrolled.map((e) => e.fingerprint.digits)).toEqual([asked.preview.fingerprint.digits]);
  });
});
