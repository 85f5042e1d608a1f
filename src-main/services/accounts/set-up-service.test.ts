import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RiskCatalogueFile } from '../../../src-shared/domain/risk-catalogue';
import type { OpenedDatabase } from '../../db/connection';
import { fixedClock } from '../../ports/clock';
import { cliActor } from './access';
import { loadMunicipalities } from '../school/catalogues';
import { OrganisationService } from './organisation-service';
import { verifyPassword } from './password-hash';
import { loadRiskCatalogue } from '../school/risk-catalogue-service';
import { SetUpService } from './set-up-service';
import { useTempDatabase } from '../../db/testing/use-temp-database';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const clock = fixedClock('2025-10-15T10:00:00Z');
const resourcesDir = join(import.meta.dirname, '..', '..', '..', 'resources');
const profile = { name: 'Madonas pilsētas vidusskola', regNo: '4313900456', municipality: 'Madonas novads', schoolType: 'general' as const };
const coordinator = { username: 'ilze', displayName: 'Ilze Koordinatore', password: 'droša parole 1' };

let database: OpenedDatabase;
let organisation: OrganisationService;
let catalogue: RiskCatalogueFile;
let setUp: (cat?: RiskCatalogueFile) => SetUpService;
useTempDatabase('test', async (opened) => {
  database = opened;
  const municipalities = await loadMunicipalities(resourcesDir);
  catalogue = await loadRiskCatalogue(resourcesDir);
  organisation = new OrganisationService(database.db, clock, municipalities);
  setUp = (cat = catalogue) => new SetUpService(database.db, clock, organisation, municipalities, cat, FAST);
});

const count = async (table: 'organisation' | 'staff_user' | 'school_year' | 'semester' | 'risk_factor') =>
  (
    await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('setting up a school', () => {
  it('makes the profile, the first coordinator, the calendar and the risk catalogue together', async () => {
    expect(await organisation.isSetUp()).toBe(false);
    const result = await setUp().setUp({ profile, coordinator });
    expect(result.organisation).toMatchObject({ name: profile.name, mode: 'school' });
    expect(result.coordinator).toMatchObject({ name: 'Ilze Koordinatore', roles: ['coordinator'] });
    expect(await organisation.isSetUp()).toBe(true);
    expect([await count('staff_user'), await count('school_year'), await count('semester'), await count('risk_factor')]).toEqual([
      1,
      2,
      4,
      catalogue.factors.length,
    ]);
    const user = await database.db.selectFrom('staff_user').selectAll().executeTakeFirstOrThrow();
    expect(await verifyPassword('droša parole 1', user.password_hash)).toBe(true);
    const audit = await database.db.selectFrom('audit_log').select(['actor_id', 'action', 'entity']).execute();
    expect(audit.map((a) => a.entity)).toEqual(['organisation', 'staff_user', 'school_year', 'school_year', 'risk_catalogue']);
    expect(audit.every((a) => a.actor_id === user.id && a.action === 'create')).toBe(true);
  });

  it('works only once: then ALREADY_SET_UP, and nothing changes', async () => {
    await setUp().setUp({ profile, coordinator });
    await expect(setUp().setUp({ profile: { ...profile, name: 'Cita' }, coordinator: { ...coordinator, username: 'cits' } })).rejects.toMatchObject({
      code: 'ALREADY_SET_UP',
    });
    expect((await organisation.get())?.name).toBe(profile.name);
    expect(await count('staff_user')).toBe(1);
  });

  it('leaves nothing behind when any part fails (one transaction)', async () => {
    const broken = { version: '9', factors: [{ id: 'school.x', group: 'nonsense', lv: 'a', en: 'b' }] } as unknown as RiskCatalogueFile;
    await expect(setUp(broken).setUp({ profile, coordinator })).rejects.toThrow();
    for (const table of ['organisation', 'staff_user', 'school_year', 'semester', 'risk_factor'] as const) expect(await count(table), table).toBe(0);
    expect(await database.db.selectFrom('audit_log').select('id').execute()).toEqual([]);
  });

  it('reports every field problem at once, under profile.* and coordinator.*', async () => {
    await expect(setUp().setUp({ profile: { ...profile, regNo: '12' }, coordinator: { ...coordinator, password: 'short' } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        fields: [
          { path: 'profile.regNo', messageKey: 'errors.field.regNo' },
          { path: 'coordinator.password', messageKey: 'errors.field.passwordTooShort' },
        ],
      },
    });
    await expect(setUp().setUp({ profile: { ...profile, municipality: 'Atlantīda' }, coordinator })).rejects.toMatchObject({
      details: { fields: [{ path: 'profile.municipality', messageKey: 'errors.field.municipality' }] },
    });
    expect(await count('organisation')).toBe(0);
  });

  it('completes a set-up that has a profile but no account yet (old first-run screen, or init without an admin)', async () => {
    await organisation.saveSchoolProfile(profile);
    expect(await organisation.isSetUp()).toBe(false);
    // Only the coordinator is added: the profile is changed afterwards, signed in, in the settings.
    const { coordinator: ilze } = await setUp().setUp({ profile: { ...profile, name: 'Labots nosaukums' }, coordinator });
    expect(ilze?.roles).toEqual(['coordinator']);
    expect((await organisation.get())?.name).toBe(profile.name);
    expect(await organisation.isSetUp()).toBe(true);
  });

  it('can set up without a coordinator for the CLI, audited as the CLI actor, and refuses an existing profile then', async () => {
    const by = cliActor('admin');
    const result = await setUp().setUp({ profile }, { by, requireNoProfile: true });
    expect(result.coordinator).toBeNull();
    expect(await organisation.isSetUp()).toBe(false);
    expect(await count('risk_factor')).toBe(catalogue.factors.length);
    const actors = await database.db.selectFrom('audit_log').select('actor_id').distinct().execute();
    expect(actors).toEqual([{ actor_id: 'cli:admin' }]);
    await expect(setUp().setUp({ profile }, { by, requireNoProfile: true })).rejects.toMatchObject({ code: 'ALREADY_SET_UP' });
  });
});

describe('changing the profile after set-up', () => {
  it('needs a coordinator, and before set-up points to org:setUp', async () => {
    const author = { userId: 'x', name: 'A', roles: ['planAuthor' as const] };
    await expect(organisation.updateSchoolProfile(author, profile)).rejects.toMatchObject({ code: 'NOT_SET_UP', messageKey: 'errors.org.useSetUp' });
    const { coordinator: ilze } = await setUp().setUp({ profile, coordinator });
    await expect(organisation.updateSchoolProfile(author, { ...profile, name: 'X' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const updated = await organisation.updateSchoolProfile(ilze ?? author, { ...profile, name: 'Jauns nosaukums' });
    expect(updated.name).toBe('Jauns nosaukums');
    const last = await database.db.selectFrom('audit_log').select(['action', 'entity']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toEqual({ action: 'update', entity: 'organisation' });
  });
});
