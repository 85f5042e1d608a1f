import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RISK_GROUPS, type RiskCatalogueFile } from '../../../src-shared/domain/risk-catalogue';
import type { Actor } from '../../../src-shared/domain/roles';
import type { OpenedDatabase } from '../../db/connection';
import { fixedClock } from '../../ports/clock';
import { RiskCatalogueService, addCatalogueFactors, loadRiskCatalogue, parseRiskCatalogue } from './risk-catalogue-service';
import { useTempDatabase } from '../../db/testing/use-temp-database';

const clock = fixedClock('2025-10-01T10:00:00Z');
const coordinator: Actor = { userId: 'u-coord', name: 'K', roles: ['coordinator'] };
const author: Actor = { userId: 'u-author', name: 'A', roles: ['planAuthor'] };
const resourcesDir = join(import.meta.dirname, '..', '..', '..', 'resources');

let database: OpenedDatabase;
let shipped: RiskCatalogueFile;
let risks: RiskCatalogueService;
useTempDatabase('test', async (opened) => {
  database = opened;
  shipped = await loadRiskCatalogue(resourcesDir);
  risks = new RiskCatalogueService(database.db, clock, shipped);
  await addCatalogueFactors(database.db, shipped, coordinator, clock.now());
});

/** Makes a screening that answers `factorId` as present. */
async function useInScreening(factorId: string): Promise<void> {
  const db = database.db;
  await db.insertInto('school_year').values({ id: '2025/26', starts_on: '2025-09-01', ends_on: '2026-08-31' }).execute();
  await db.insertInto('semester').values({ id: '2025/26-1', school_year_id: '2025/26', number: 1, starts_on: '2025-09-01', ends_on: '2025-12-19' }).execute();
  await db
    .insertInto('staff_user')
    .values({ id: 'u-author', username: 'anna', display_name: 'A', password_hash: 'x', specialist_kind: null, created_at: 'x', updated_at: 'x' })
    .execute();
  await db
    .insertInto('student')
    .values({
      id: 's1',
      first_name: 'J',
      last_name: 'B',
      personal_code: '321234-56789',
      birth_date: null,
      gender: 'male',
      education_level: 'general',
      grade: 7,
      enrolled_on: null,
      left_on: null,
      created_at: 'x',
      updated_at: 'x',
    })
    .execute();
  await db
    .insertInto('screening')
    .values({ id: 'sc1', student_id: 's1', semester_id: '2025/26-1', screened_on: '2025-09-20', screened_by: 'u-author', created_at: 'x', updated_at: 'x' })
    .execute();
  await db.insertInto('screening_answer').values({ screening_id: 'sc1', risk_factor_id: factorId, answer: 'present', justification: 'Novērots' }).execute();
}

describe('the shipped risk catalogue', () => {
  it('is versioned and has concrete factors in all four groups, labelled in Latvian and English', () => {
    expect(shipped.version).toMatch(/^\d{4}\.\d+$/);
    for (const group of RISK_GROUPS) expect(shipped.factors.filter((f) => f.group === group).length, group).toBeGreaterThanOrEqual(4);
    const ids = shipped.factors.map((f) => f.id);
    for (const id of [
      'school.absences',
      'school.learningDifficulties',
      'school.peerConflicts',
      'personal.pregnancy',
      'personal.substanceUse',
      'family.lowParentalInvolvement',
      'economic.transport',
      'economic.meals',
      'economic.clothing',
      'economic.startingWork',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('refuses a malformed file: a duplicate id, or an id outside its group', () => {
    const factor = { id: 'school.absences', group: 'school', lv: 'a', en: 'b' };
    expect(() => parseRiskCatalogue(JSON.stringify({ version: '1', factors: [factor, factor] }))).toThrow(/duplicate/);
    expect(() => parseRiskCatalogue(JSON.stringify({ version: '1', factors: [{ ...factor, group: 'family' }] }))).toThrow(/not in group/);
  });
});

describe('RiskCatalogueService', () => {
  it('lists the seeded catalogue by group, in the file order', async () => {
    const list = await risks.list(author);
    expect(list.map((f) => f.id)).toEqual(RISK_GROUPS.flatMap((g) => shipped.factors.filter((f) => f.group === g).map((f) => f.id)));
    expect(list[0]).toMatchObject({ source: 'catalogue', catalogueVersion: shipped.version, retiredAt: null, used: false });
  });

  it('adds the new factors of a newer catalogue version at start, keeping retired ones retired and deleting nothing', async () => {
    await risks.setRetired(coordinator, 'school.overload', true);
    const custom = await risks.add(coordinator, { group: 'school', labelLv: 'Bieža skolu maiņa', labelEn: 'Frequent school changes' });
    const newer: RiskCatalogueFile = {
      version: '2025.10',
      factors: [
        ...shipped.factors.filter((f) => f.id !== 'economic.meals'),
        { id: 'school.digitalAccess', group: 'school', lv: 'Nav datora', en: 'No computer' },
      ],
    };
    expect(await new RiskCatalogueService(database.db, clock, newer).syncOnStart()).toEqual(['school.digitalAccess']);
    expect(await new RiskCatalogueService(database.db, clock, newer).syncOnStart()).toEqual([]);
    const list = await risks.list(author);
    expect(list.find((f) => f.id === 'school.digitalAccess')).toMatchObject({ catalogueVersion: '2025.10' });
    expect(list.find((f) => f.id === 'economic.meals')).toBeDefined();
    expect(list.find((f) => f.id === 'school.overload')?.retiredAt).not.toBeNull();
    expect(list.find((f) => f.id === custom.id)).toBeDefined();
  });

  it('does not sync before set-up, nor from an older or equal file', async () => {
    expect(await risks.syncOnStart()).toEqual([]);
    await database.db.deleteFrom('risk_factor').execute();
    const newer = { ...shipped, version: '2099.1' };
    expect(await new RiskCatalogueService(database.db, clock, newer).syncOnStart()).toEqual([]);
    expect(await database.db.selectFrom('risk_factor').select('id').execute()).toEqual([]);
  });

  it('adds custom factors for a coordinator only, with field errors for missing labels', async () => {
    const factor = await risks.add(coordinator, { group: 'family', labelLv: 'Bieža dzīvesvietas maiņa', labelEn: 'Frequent moves' });
    expect(factor).toMatchObject({ group: 'family', source: 'custom', used: false });
    expect(factor.id).toMatch(/^family\.custom[0-9a-f]{8}$/);
    await expect(risks.add(author, { group: 'family', labelLv: 'x', labelEn: 'y' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(risks.add(coordinator, { group: 'family', labelLv: ' ', labelEn: 'y' })).rejects.toMatchObject({
      details: { fields: [{ path: 'labelLv', messageKey: 'errors.field.required' }] },
    });
  });

  it('retires and restores a factor', async () => {
    expect((await risks.setRetired(coordinator, 'personal.temperament', true)).retiredAt).toBe('2025-10-01T10:00:00.000Z');
    expect((await risks.setRetired(coordinator, 'personal.temperament', false)).retiredAt).toBeNull();
    await expect(risks.setRetired(author, 'personal.temperament', true)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(risks.setRetired(coordinator, 'personal.nothing', true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deletes an unused custom factor, but never a catalogue factor or a used one', async () => {
    const unused = await risks.add(coordinator, { group: 'school', labelLv: 'a', labelEn: 'b' });
    await risks.delete(coordinator, unused.id);
    expect((await risks.list(author)).some((f) => f.id === unused.id)).toBe(false);

    await expect(risks.delete(coordinator, 'school.absences')).rejects.toMatchObject({ code: 'RULE_VIOLATION', messageKey: 'errors.risks.notCustom' });

    const used = await risks.add(coordinator, { group: 'school', labelLv: 'c', labelEn: 'd' });
    await useInScreening(used.id);
    expect((await risks.list(author)).find((f) => f.id === used.id)?.used).toBe(true);
    await expect(risks.delete(coordinator, used.id)).rejects.toMatchObject({ code: 'RULE_VIOLATION', messageKey: 'errors.risks.inUse' });
    expect((await risks.setRetired(coordinator, used.id, true)).retiredAt).not.toBeNull();

    const actions = await database.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id']).where('entity', '=', 'risk_factor').execute();
    expect(actions.filter((a) => a.action === 'delete')).toEqual([{ action: 'delete', entity: 'risk_factor', entity_id: unused.id }]);
  });
});
