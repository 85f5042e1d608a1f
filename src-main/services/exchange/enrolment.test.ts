/**
 * Enrolment and trust: a key is pinned only after the fingerprint is
 * confirmed; another key for the same organisation is KEY_CHANGED unless a
 * rotation signed by the old key brings it (or a lost key is replaced after
 * a new comparison); revocations narrow what a key may sign; who may enrol
 * or trust whom. Then the state path: a state vocational school sends
 * straight to the state, with pseudonyms instead of identities.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { EXCHANGE_SCHEMA_VERSION, RECORD_FILES, RECORD_TYPES, SCHOOL_REPORT_KIND } from '../../../src-shared/domain/exchange';
import type { OrgMode } from '../../../src-shared/domain/organisation';
import {
  encodeSignedStatement,
  fingerprintOf,
  makeKeyCard,
  makeKeyRevocation,
  makeKeyRotation,
  writePackage,
  type PackageRecord,
  type WritePackageInput,
} from '../../package-format/index';
import { makeParty, type Party } from '../../package-format/test-support/fixtures';
import { selfOrg } from './keys-service';
import { collectSchoolReport } from './school-report';
import { ACTOR, dumpDatabase, link, makeAuthority, makeSchool, movableClock, partyOf, SCHOOL_REG_NO, type Installation } from './testing/exchange-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
let school: Installation;
let files: WritePackageInput['files'];
let muni: Installation;
let me: Party;

async function cardFile(dir: string, party: Party, org: { kind?: OrgMode; id?: string; name?: string } = {}): Promise<string> {
  const path = join(dir, `${randomUUID()}.card.json`);
  const card = makeKeyCard({
    org: { kind: org.kind ?? party.kind, id: org.id ?? party.id, name: org.name ?? `Org ${party.id}` },
    keys: party.keys,
    createdAt: clock.now(),
  });
  await writeFile(path, encodeSignedStatement(card));
  return path;
}

async function statementFile(dir: string, statement: unknown): Promise<string> {
  const path = join(dir, `${randomUUID()}.json`);
  await writeFile(path, encodeSignedStatement(statement as never));
  return path;
}

function input(sender: Party, seq: number): WritePackageInput {
  return {
    sender: { id: sender.id, kind: sender.kind, signingKey: sender.keys.signing.privateKey },
    recipients: [{ id: me.id, ageRecipient: me.keys.age.recipient, keyId: me.keys.age.keyId }],
    kind: SCHOOL_REPORT_KIND,
    period: { schoolYear: '2025/26', semester: 2 },
    seq,
    prevSums: null,
    packageId: randomUUID(),
    createdAt: '2026-02-10T09:00:00.000Z',
    appVersion: '0.1.0',
    schemaVersion: EXCHANGE_SCHEMA_VERSION,
    files,
  };
}

async function importPackage(w: WritePackageInput) {
  const path = join(muni.tmp.dir, `${randomUUID()}.pumpurs`);
  await writeFile(path, await writePackage(w));
  return (await muni.app.services.exchange.importer.commit(ACTOR, [path])).files[0]!;
}

const enrolment = () => muni.app.services.exchange.enrolment;

beforeAll(async () => {
  school = await makeSchool(clock, { students: 40, today: '2026-02-10' });
  const records = collectSchoolReport(school.app.database.raw, { semesterId: '2025/26-2' });
  files = RECORD_TYPES.map((t) => ({ name: RECORD_FILES[t], records: records[t] as unknown as PackageRecord[] }));
});
afterAll(async () => {
  await school.close();
});
beforeEach(async () => {
  muni = await makeAuthority(clock);
  me = await partyOf(muni);
});
afterEach(async () => {
  await muni.close();
});

describe('enrolment', () => {
  it('previews without changing anything, and pins only with the fingerprint the coordinator compared', async () => {
    const sender = await makeParty(SCHOOL_REG_NO, 'school');
    const path = await cardFile(muni.tmp.dir, sender);
    const before = dumpDatabase(muni.raw);
    const preview = await enrolment().preview(ACTOR, path, 'enrol');
    expect(preview).toMatchObject({
      statement: 'card',
      action: 'enrol',
      org: { id: SCHOOL_REG_NO, kind: 'school' },
      fingerprint: fingerprintOf(sender.keys.signing.keyId),
      pinnedFingerprint: null,
    });
    await expect(enrolment().confirm(ACTOR, { path, purpose: 'enrol', fingerprint: fingerprintOf(me.keys.signing.keyId).digits })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      messageKey: 'errors.exchange.fingerprintDiffers',
    });
    expect(dumpDatabase(muni.raw)).toEqual(before);
    const done = await enrolment().confirm(ACTOR, { path, purpose: 'enrol', fingerprint: preview.fingerprint.digits.replace(/ /g, '') });
    expect(done).toMatchObject({ action: 'enrol', role: 'sender', revokedAfterSeq: null });
    expect((await enrolment().confirm(ACTOR, { path, purpose: 'enrol', fingerprint: preview.fingerprint.hex })).action).toBe('unchanged');
    expect(muni.raw.prepare("SELECT action, entity, entity_id FROM audit_log WHERE entity = 'exchange_org'").all()).toEqual([
      { action: 'create', entity: 'exchange_org', entity_id: SCHOOL_REG_NO },
    ]);
  });

  it('refuses another key for an enrolled school (KEY_CHANGED) until a rotation signed by the old key brings it', async () => {
    const old = await makeParty(SCHOOL_REG_NO, 'school');
    const next: Party = { ...(await makeParty(SCHOOL_REG_NO, 'school')) };
    await enrolment().confirm(ACTOR, { path: await cardFile(muni.tmp.dir, old), purpose: 'enrol', fingerprint: old.keys.signing.keyId });
    expect((await importPackage(input(old, 1))).status).toBe('imported');

    const nextCard = await cardFile(muni.tmp.dir, next);
    await expect(enrolment().preview(ACTOR, nextCard, 'enrol')).rejects.toMatchObject({ code: 'KEY_CHANGED' });
    expect((await importPackage(input(next, 2))).code).toBe('SIGNER_UNKNOWN');

    const newCard = makeKeyCard({ org: { kind: 'school', id: SCHOOL_REG_NO, name: 'Madonas pilsētas vidusskola' }, keys: next.keys, createdAt: clock.now() });
    const rotation = await statementFile(
      muni.tmp.dir,
      makeKeyRotation({ oldSigning: old.keys.signing, newCard, newSigning: next.keys.signing, seqAfter: 2, createdAt: clock.now() }),
    );
    const preview = await enrolment().preview(ACTOR, rotation, 'enrol');
    expect(preview).toMatchObject({ statement: 'rotation', action: 'rotate', seqAfter: 2, pinnedFingerprint: fingerprintOf(old.keys.signing.keyId) });
    await enrolment().confirm(ACTOR, { path: rotation, purpose: 'enrol', fingerprint: next.keys.signing.keyId });

    expect((await importPackage(input(next, 2))).code).toBe('SIGNER_REVOKED');
    expect((await importPackage(input(old, 3))).code).toBe('SIGNER_REVOKED');
    expect((await importPackage(input(old, 2))).status).toBe('imported');
    expect((await importPackage(input(next, 3))).status).toBe('imported');
    expect(muni.raw.prepare('SELECT state, valid_after_seq, revoked_after_seq FROM exchange_key ORDER BY state').all()).toEqual([
      { state: 'current', valid_after_seq: 2, revoked_after_seq: null },
      { state: 'replaced', valid_after_seq: 0, revoked_after_seq: 2 },
    ]);
  });

  it('applies revocations (only ever narrowing) and replaces a lost key after a new comparison', async () => {
    const lost = await makeParty(SCHOOL_REG_NO, 'school');
    await enrolment().confirm(ACTOR, { path: await cardFile(muni.tmp.dir, lost), purpose: 'enrol', fingerprint: lost.keys.signing.keyId });
    const revoke = async (after: number) =>
      enrolment().confirm(ACTOR, {
        path: await statementFile(muni.tmp.dir, makeKeyRevocation({ signing: lost.keys.signing, revokedAfterSeq: after, createdAt: clock.now() })),
        purpose: 'enrol',
        fingerprint: lost.keys.signing.keyId,
      });
    expect((await revoke(5)).revokedAfterSeq).toBe(5);
    expect((await revoke(9)).revokedAfterSeq).toBe(5);
    expect((await importPackage(input(lost, 1))).status).toBe('imported');

    const fresh = await makeParty(SCHOOL_REG_NO, 'school');
    const card = await cardFile(muni.tmp.dir, fresh);
    await expect(enrolment().confirm(ACTOR, { path: card, purpose: 'enrol', fingerprint: fresh.keys.signing.keyId })).rejects.toMatchObject({
      code: 'KEY_CHANGED',
    });
    // The preview says KEY_CHANGED unless asked what replacing would do; asking changes nothing.
    await expect(enrolment().preview(ACTOR, card, 'enrol')).rejects.toMatchObject({ code: 'KEY_CHANGED' });
    const before = dumpDatabase(muni.raw);
    expect(await enrolment().preview(ACTOR, card, 'enrol', true)).toMatchObject({
      statement: 'card',
      action: 'replace',
      fingerprint: fingerprintOf(fresh.keys.signing.keyId),
      pinnedFingerprint: fingerprintOf(lost.keys.signing.keyId),
      seqAfter: 1,
    });
    expect(dumpDatabase(muni.raw)).toEqual(before);
    const replaced = await enrolment().confirm(ACTOR, { path: card, purpose: 'enrol', fingerprint: fresh.keys.signing.keyId, replaceKey: true });
    expect(replaced).toMatchObject({ action: 'replace', fingerprint: fingerprintOf(fresh.keys.signing.keyId) });
    expect((await importPackage(input(lost, 2))).code).toBe('SIGNER_REVOKED');
    expect((await importPackage(input(fresh, 2))).status).toBe('imported');
  });

  it('says who may enrol or trust whom', async () => {
    const otherMunicipality = await makeParty('cesu-novads', 'municipality');
    await expect(enrolment().preview(ACTOR, await cardFile(muni.tmp.dir, otherMunicipality), 'enrol')).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      messageKey: 'errors.exchange.cannotEnrolKind',
    });
    await expect(enrolment().preview(ACTOR, await cardFile(muni.tmp.dir, me), 'enrol')).rejects.toMatchObject({ messageKey: 'errors.exchange.ownCard' });
    // The school trusts only its own municipality.
    const schoolEnrolment = school.app.services.exchange.enrolment;
    await expect(schoolEnrolment.preview(ACTOR, await cardFile(muni.tmp.dir, otherMunicipality), 'trust')).rejects.toMatchObject({
      messageKey: 'errors.exchange.wrongRecipient',
      details: { params: { expected: 'madonas-novads', found: 'cesu-novads' } },
    });
    await expect(schoolEnrolment.preview(ACTOR, await cardFile(muni.tmp.dir, otherMunicipality), 'enrol')).rejects.toMatchObject({
      messageKey: 'errors.exchange.cannotEnrolKind',
    });
    // One key, two organisations: the second is refused.
    const sender = await makeParty(SCHOOL_REG_NO, 'school');
    await enrolment().confirm(ACTOR, { path: await cardFile(muni.tmp.dir, sender), purpose: 'enrol', fingerprint: sender.keys.signing.keyId });
    await expect(enrolment().preview(ACTOR, await cardFile(muni.tmp.dir, sender, { id: '4313900789' }), 'enrol')).rejects.toMatchObject({
      code: 'SIGNER_SENDER_MISMATCH',
    });
  });

  it('refuses files that are not key statements, and damaged cards', async () => {
    const junk = join(muni.tmp.dir, 'junk.json');
    await writeFile(junk, '{"hello": 1}');
    await expect(enrolment().preview(ACTOR, junk, 'enrol')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', messageKey: 'errors.exchange.notAKeyFile' });
    const sender = await makeParty(SCHOOL_REG_NO, 'school');
    const card = makeKeyCard({ org: { kind: 'school', id: SCHOOL_REG_NO, name: 'Skola' }, keys: sender.keys, createdAt: clock.now() });
    const edited = join(muni.tmp.dir, 'edited.json');
    await writeFile(edited, JSON.stringify({ ...card, statement: { ...card.statement, org: { ...card.statement.org, name: 'Cita skola' } } }));
    await expect(enrolment().preview(ACTOR, edited, 'enrol')).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
    await expect(enrolment().preview(ACTOR, join(muni.tmp.dir, 'missing.json'), 'enrol')).rejects.toMatchObject({ code: 'IO_ERROR' });
  });
});

describe('a state vocational school and the state', () => {
  it('sends straight to the state a minimised state report, students as pseudonyms only, stable across packages', async () => {
    const vocational = await makeSchool(clock, {
      students: 60,
      today: '2026-02-10',
      regNo: '4313900111',
      name: 'Valsts tehnikums',
      schoolType: 'stateVocational',
    });
    const state = await makeAuthority(clock, 'state');
    try {
      expect(await selfOrg(state.app.database.db)).toMatchObject({ kind: 'state', id: 'ikvd' });
      await expect(vocational.app.services.exchange.enrolment.preview(ACTOR, await cardFile(vocational.tmp.dir, me), 'trust')).rejects.toMatchObject({
        messageKey: 'errors.exchange.wrongRecipient',
      });
      await link(vocational, state);
      const path = join(vocational.tmp.dir, 'report.pumpurs');
      const exported = await vocational.app.services.exchange.exporter.export(ACTOR, { path, semesterId: '2025/26-2' });
      expect(exported.recipient).toMatchObject({ kind: 'state', id: 'ikvd' });
      const result = await state.app.services.exchange.importer.commit(ACTOR, [path]);
      expect(result.files[0]).toMatchObject({ status: 'imported' });

      const students = (state.raw.prepare("SELECT record FROM imported_record WHERE record_type = 'student'").all() as { record: string }[]).map(
        (r) => JSON.parse(r.record) as Record<string, unknown>,
      );
      expect(students.length).toBeGreaterThan(0);
      for (const s of students) {
        expect(Object.keys(s).sort()).toEqual(['birthYear', 'educationLevel', 'gender', 'grade', 'id', 'leftMonth', 'pseudonym', 'schoolId', 'status']);
      }
      const codes = vocational.raw.prepare('SELECT personal_code, last_name FROM student').all() as { personal_code: string; last_name: string }[];
      const everything = JSON.stringify(state.raw.prepare('SELECT record FROM imported_record').all());
      expect(codes.filter((c) => everything.includes(c.personal_code) || everything.includes(`"${c.last_name}"`))).toEqual([]);

      clock.set('2026-02-11T10:00:00.000Z');
      const again = join(vocational.tmp.dir, 'report-2.pumpurs');
      await vocational.app.services.exchange.exporter.export(ACTOR, { path: again, semesterId: '2025/26-2' });
      const second = await state.app.services.exchange.importer.commit(ACTOR, [again]);
      expect(second.files[0]?.summary?.byType.student).toMatchObject({ unchanged: students.length, updated: 0, created: 0 });
    } finally {
      clock.set('2026-02-10T10:00:00.000Z');
      await vocational.close();
      await state.close();
    }
  });
});
