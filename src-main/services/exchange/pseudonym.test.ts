/**
 * The pseudonymisation secret and the pseudonym: normalisation, stability,
 * the secret made at set-up for whoever reports to the state (and only
 * for them), made on first need for an older installation, kept in the
 * SecretStore and nowhere else.
 */
import { createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileSecretStore } from '../../ports/secret-store';
import { pathsFor } from '../../ports/paths';
import { makeTempDir } from '../../db/testing/temp-db';
import { birthYearFromPersonalCode, ensurePseudonymSecret, normalisePersonalCode, PSEUDONYM_SECRET, pseudonymiserFor } from './pseudonym';
import { ACTOR, makeAuthority, movableClock, openInstallation, RESOURCES_DIR, type Installation } from './testing/exchange-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
const opened: Installation[] = [];
afterAll(async () => {
  for (const inst of opened) await inst.close();
});
const secretOf = (inst: Installation) => createFileSecretStore(pathsFor(inst.dataDir, RESOURCES_DIR).secretsDir).get(PSEUDONYM_SECRET);

describe('pseudonym', () => {
  it('is HMAC-SHA-256 of the code with spaces and hyphen removed, under the secret', () => {
    const secret = Buffer.alloc(32, 7);
    const p = pseudonymiserFor(secret);
    const expected = createHmac('sha256', secret).update('12030512345').digest('hex');
    for (const spelling of ['120305-12345', '12030512345', ' 120305 12345 ', '120305\u00a0-12345']) expect(p.pseudonym(spelling)).toBe(expected);
    expect(normalisePersonalCode('320000-12345')).toBe('32000012345');
    expect(pseudonymiserFor(Buffer.alloc(32, 8)).pseudonym('120305-12345')).not.toBe(expected);
    expect(p.pseudonym('120305-12346')).not.toBe(expected);
    expect(p.opaqueId('plan', 'a/b')).toMatch(/^[0-9a-f]{32}$/);
    expect(p.opaqueId('plan', 'a/b')).not.toBe(p.opaqueId('measure', 'a/b'));
    expect(() => pseudonymiserFor(Buffer.alloc(16))).toThrow(RangeError);
  });

  it('birth year from a legacy code only', () => {
    expect(birthYearFromPersonalCode('120305-12345')).toBe(1905);
    expect(birthYearFromPersonalCode('120310-21234')).toBe(2010);
    expect(birthYearFromPersonalCode('320000-12345')).toBeNull();
    expect(birthYearFromPersonalCode('991399-21234')).toBeNull();
    expect(birthYearFromPersonalCode('12')).toBeNull();
  });

  it('the secret: made once on first need, then the same; a short one is replaced', async () => {
    const tmp = await makeTempDir('pumpurs-pseudonym-');
    try {
      const store = createFileSecretStore(tmp.dir);
      const first = await ensurePseudonymSecret(store);
      expect(first.length).toBe(32);
      expect((await ensurePseudonymSecret(store)).equals(first)).toBe(true);
      await store.set(PSEUDONYM_SECRET, Buffer.alloc(8));
      const replaced = await ensurePseudonymSecret(store);
      expect(replaced.length).toBe(32);
      expect(replaced.equals(Buffer.alloc(8))).toBe(false);
    } finally {
      await tmp.remove();
    }
  });

  it('is made at set-up for a municipality and a state vocational school, not for a general school or the state', async () => {
    const muni = await makeAuthority(clock);
    opened.push(muni);
    expect((await secretOf(muni))?.length).toBe(32);
    const state = await makeAuthority(clock, 'state');
    opened.push(state);
    expect(await secretOf(state)).toBeNull();
    for (const schoolType of ['general', 'stateVocational'] as const) {
      const school = await openInstallation(clock, 'pumpurs-school-');
      opened.push(school);
      await school.app.services.setUp.setUp(
        { profile: { name: 'Skola', regNo: '4313900456', municipality: 'Madonas novads', schoolType } },
        { by: ACTOR, requireNoProfile: true },
      );
      await school.app.services.exchange.keys.ensure();
      expect((await secretOf(school))?.length ?? null).toBe(schoolType === 'general' ? null : 32);
    }
    // Never in the database.
    const hex = (await secretOf(muni))!.toString('hex');
    const tables = muni.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    for (const { name } of tables) expect(JSON.stringify(muni.raw.prepare(`SELECT * FROM "${name}"`).all())).not.toContain(hex);
  });
});
