/**
 * A school that lost its PC and is set up again (issue 13, item 5: "starting
 * again with a replaced key can send again"): a fresh installation with new
 * keys and the same registration number, real packages and real encrypted
 * databases.
 *
 * - its new key card is refused by the municipality (KEY_CHANGED) and its
 *   first package too (SIGNER_UNKNOWN), each with a clear code, nothing
 *   changed;
 * - the coordinator re-enrols the key (`replaceKey`, after comparing the new
 *   fingerprint); the package, numbered 1 again, is then STREAM_RESTARTED;
 * - the coordinator accepts the new stream (audited); the package imports;
 *   every record held before is still held;
 * - a package the old installation made before the loss (old key) never
 *   comes back; the new installation's next package imports without a
 *   warning.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR, dumpDatabase, link, makeAuthority, makeSchool, movableClock, type Installation } from './testing/exchange-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
let oldSchool: Installation;
let newSchool: Installation;
let muni: Installation;
let semesterId: string;

async function exportAt(school: Installation, iso: string, name: string): Promise<string> {
  clock.set(iso);
  const path = join(school.tmp.dir, `${name}.pumpurs`);
  await school.app.services.exchange.exporter.export(ACTOR, { path, semesterId });
  return path;
}

async function importAt(iso: string, path: string) {
  clock.set(iso);
  const file = (await muni.app.services.exchange.importer.commit(ACTOR, [path])).files[0];
  if (!file) throw new Error('no result');
  return file;
}

const heldKeys = () =>
  (muni.raw.prepare('SELECT period, record_type, record_id FROM imported_record ORDER BY 1, 2, 3').all() as object[]).map((r) => JSON.stringify(r));

beforeAll(async () => {
  oldSchool = await makeSchool(clock, { students: 20, today: '2026-02-10' });
  muni = await makeAuthority(clock);
  await link(oldSchool, muni);
  semesterId = (oldSchool.raw.prepare("SELECT id FROM semester WHERE starts_on <= '2026-02-10' ORDER BY starts_on DESC LIMIT 1").get() as { id: string }).id;
});
afterAll(async () => {
  await oldSchool.close();
  await newSchool?.close();
  await muni.close();
});

describe('a school set up again with a new key sends again', () => {
  let never: string;
  let first: string;
  let heldBefore: string[];

  it('the old installation: packages 1 and 2 imported, 3 made but never delivered', async () => {
    expect((await importAt('2026-02-10T10:05:00.000Z', await exportAt(oldSchool, '2026-02-10T10:00:00.000Z', 'old-1'))).status).toBe('imported');
    expect((await importAt('2026-02-11T10:05:00.000Z', await exportAt(oldSchool, '2026-02-11T10:00:00.000Z', 'old-2'))).status).toBe('imported');
    never = await exportAt(oldSchool, '2026-02-12T10:00:00.000Z', 'old-3');
    heldBefore = heldKeys();
    expect(heldBefore.length).toBeGreaterThan(0);
  });

  it('the fresh installation (new keys, same registration number) is refused with clear codes, nothing changed', async () => {
    clock.set('2026-02-20T09:00:00.000Z');
    newSchool = await makeSchool(clock, { students: 12, today: '2026-02-20', seed: 11 });
    const oldOrg = oldSchool.raw.prepare('SELECT reg_no FROM organisation').get();
    expect(newSchool.raw.prepare('SELECT reg_no FROM organisation').get()).toEqual(oldOrg);
    // The school trusts its municipality's card again (the municipality's key did not change).
    const muniCard = join(newSchool.tmp.dir, 'muni.card.json');
    const m = await muni.app.services.exchange.keys.exportCard(ACTOR, muniCard);
    await newSchool.app.services.exchange.enrolment.confirm(ACTOR, { path: muniCard, purpose: 'trust', fingerprint: m.fingerprint.hex });
    first = await exportAt(newSchool, '2026-02-20T10:00:00.000Z', 'new-1');
    const before = dumpDatabase(muni.raw);
    expect(await importAt('2026-02-20T10:05:00.000Z', first)).toMatchObject({ status: 'refused', code: 'SIGNER_UNKNOWN' });
    const card = join(muni.tmp.dir, 'new-school.card.json');
    const saved = await newSchool.app.services.exchange.keys.exportCard(ACTOR, card);
    await expect(
      muni.app.services.exchange.enrolment.confirm(ACTOR, { path: card, purpose: 'enrol', fingerprint: saved.fingerprint.digits }),
    ).rejects.toMatchObject({ code: 'KEY_CHANGED' });
    expect(dumpDatabase(muni.raw)).toEqual(before);
  });

  it('the coordinator re-enrols the key; the package is then STREAM_RESTARTED, not imported', async () => {
    const card = join(muni.tmp.dir, 'new-school.card.json');
    const preview = await muni.app.services.exchange.enrolment.preview(ACTOR, card, 'enrol', true);
    expect(preview).toMatchObject({ action: 'replace', seqAfter: 2 });
    await muni.app.services.exchange.enrolment.confirm(ACTOR, { path: card, purpose: 'enrol', fingerprint: preview.fingerprint.digits, replaceKey: true });
    const before = dumpDatabase(muni.raw);
    expect(await importAt('2026-02-20T10:10:00.000Z', first)).toMatchObject({ status: 'refused', code: 'STREAM_RESTARTED', detail: 'seq-reused', seq: 1 });
    expect(dumpDatabase(muni.raw)).toEqual(before);
  });

  it('the coordinator accepts the new stream (audited); the package imports and everything held is kept', async () => {
    const accepted = await muni.app.services.exchange.importer.acceptStream(ACTOR, { path: first, reason: 'Phoned the director: new PC, set up again' });
    expect(accepted).toMatchObject({ stream: 1, fromSeq: 1, heldNewestSeq: 2, heldPackages: 2 });
    const audit = muni.raw.prepare("SELECT detail FROM audit_log WHERE entity = 'exchange_stream'").all() as { detail: string }[];
    expect(audit.map((a) => JSON.parse(a.detail))).toEqual([
      expect.objectContaining({ action: 'acceptStream', fromSeq: 1, reason: 'Phoned the director: new PC, set up again' }),
    ]);
    expect(await importAt('2026-02-20T10:15:00.000Z', first)).toMatchObject({ status: 'imported', code: null, seq: 1, warnings: [] });
    const after = new Set(heldKeys());
    expect(heldBefore.filter((k) => !after.has(k))).toEqual([]);
    expect(muni.raw.prepare('SELECT stream, seq FROM exchange_import ORDER BY stream, seq').all()).toEqual([
      { stream: 0, seq: 1 },
      { stream: 0, seq: 2 },
      { stream: 1, seq: 1 },
    ]);
  });

  it('the old installation never comes back; the new one goes on without a warning', async () => {
    const before = dumpDatabase(muni.raw);
    // The old key was revoked after the last package imported from it (2) when the new one was enrolled.
    expect(await importAt('2026-02-21T10:05:00.000Z', never)).toMatchObject({ status: 'refused', code: 'SIGNER_REVOKED', detail: 'seq-after-revocation' });
    const late = await exportAt(oldSchool, '2026-02-21T11:00:00.000Z', 'old-4');
    expect(await importAt('2026-02-21T11:05:00.000Z', late)).toMatchObject({ status: 'refused', code: 'SIGNER_REVOKED', detail: 'seq-after-revocation' });
    expect(await importAt('2026-02-21T11:05:00.000Z', first)).toMatchObject({ status: 'alreadyImported' });
    expect(dumpDatabase(muni.raw)).toEqual(before);
    expect(await importAt('2026-02-22T10:05:00.000Z', await exportAt(newSchool, '2026-02-22T10:00:00.000Z', 'new-2'))).toMatchObject({
      status: 'imported',
      seq: 2,
      warnings: [],
    });
  });
});
