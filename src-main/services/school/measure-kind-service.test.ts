import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../ports/clock';
import { MeasureKindService } from './measure-kind-service';
import { actorOf, makeSchoolFixture, type SchoolFixture } from '../testing/school-fixture';

let fx: SchoolFixture;
let service: MeasureKindService;
beforeEach(async () => {
  fx = await makeSchoolFixture();
  service = new MeasureKindService(fx.db, fixedClock('2025-09-15T10:00:00Z'));
});
afterEach(() => fx.close());

describe('measure kinds', () => {
  it('ship 15 defaults with Latvian and English labels and no caps', async () => {
    const kinds = await service.list(actorOf('readOnly'));
    expect(kinds).toHaveLength(15);
    expect(kinds[0]).toMatchObject({
      code: 'consultation.teacher',
      unit: 'minutes',
      labelLv: 'Pedagoga konsultācija',
      capCents: null,
      rateCents: null,
      active: true,
    });
    expect(kinds.filter((k) => k.category === 'compensation').every((k) => k.unit === 'cents')).toBe(true);
  });

  it('let a school admin set caps and rates, switch a kind off and add one; the category stays fixed', async () => {
    const coordinator = actorOf('coordinator');
    const meals = {
      code: 'compensation.meals',
      category: 'compensation' as const,
      labelLv: 'Ēdināšana',
      labelEn: 'Meals',
      rateCents: 350,
      capCents: 10000,
      active: true,
    };
    const kinds = await service.update(coordinator, {
      kinds: [
        meals,
        { code: 'ngo.project', category: 'ngo', labelLv: 'NVO', labelEn: 'NGO', rateCents: null, capCents: null, active: false },
        {
          code: 'consultation.speechTherapist',
          category: 'consultation',
          labelLv: 'Logopēds',
          labelEn: 'Speech therapist',
          rateCents: 2000,
          capCents: null,
          active: true,
        },
      ],
    });
    expect(kinds.find((k) => k.code === 'compensation.meals')).toMatchObject({ capCents: 10000, rateCents: 350, labelLv: 'Ēdināšana' });
    expect(kinds.find((k) => k.code === 'ngo.project')?.active).toBe(false);
    expect(kinds.find((k) => k.code === 'consultation.speechTherapist')).toMatchObject({ unit: 'minutes' });
    await expect(service.update(coordinator, { kinds: [{ ...meals, code: 'compensation.meals', category: 'consultation' }] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(service.update(coordinator, { kinds: [{ ...meals, capCents: 12.5 }] })).rejects.toMatchObject({
      details: { fields: [{ path: 'kinds.0.capCents', messageKey: 'errors.field.wholeCents' }] },
    });
    const audit = await fx.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'measureKind').execute();
    expect(audit).toHaveLength(3);
  });

  it('are changed only by a school admin', async () => {
    for (const key of ['author', 'director', 'specialist'] as const) {
      await expect(service.update(actorOf(key), { kinds: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
