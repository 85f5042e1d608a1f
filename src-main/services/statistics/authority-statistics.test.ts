/**
 * The statistics of a municipality and the state, over real imports (real
 * SQLite, real packages): two demo schools send to their municipality,
 * which forwards to the state. The analytic model is filled in the import's
 * transaction; the figures agree with the school's own; small counts are
 * hidden; the state's drill-down by municipality and school agrees with
 * its totals.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n, keyFromData } from '../../../src-shared/i18n/index';
import { estimateEffect, type EffectEstimate } from '../../../src-shared/domain/statistics/effectiveness';
import { STILL_IN_EDUCATION } from '../../../src-shared/domain/statistics/grade-band';
import { stratify } from './effectiveness-query';
import { reportTables } from './report-tables';
import { toCsv, toXlsx } from './table-export';
import { ACTOR, link, movableClock, type Installation } from '../exchange/testing/exchange-fixture';
import { municipalityNamed, schoolIn, stateInstallation, tmpFile } from '../exchange/testing/national-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
const SEMESTER = '2025/26-1';
let schoolA: Installation;
let schoolB: Installation;
let muni: Installation;
let state: Installation;

beforeAll(async () => {
  schoolA = await schoolIn(clock, {
    municipality: 'Madonas novads',
    regNo: '4313900456',
    name: 'Madonas pilsētas vidusskola',
    seed: 7,
    students: 160,
    today: '2026-02-10',
  });
  schoolB = await schoolIn(clock, {
    municipality: 'Madonas novads',
    regNo: '4313900789',
    name: 'Lubānas vidusskola',
    seed: 8,
    students: 60,
    today: '2026-02-10',
  });
  muni = await municipalityNamed(clock, 'Madonas novads');
  state = await stateInstallation(clock);
  for (const school of [schoolA, schoolB]) {
    await link(school, muni);
    const file = tmpFile(school, 'report.pumpurs');
    await school.app.services.exchange.exporter.export(ACTOR, { path: file, semesterId: SEMESTER });
    expect((await muni.app.services.exchange.importer.commit(ACTOR, [file])).files[0]?.status).toBe('imported');
  }
  await link(muni, state);
  const file = tmpFile(muni, 'state.pumpurs');
  await muni.app.services.exchange.exporter.export(ACTOR, { path: file, semesterId: SEMESTER });
  expect((await state.app.services.exchange.importer.commit(ACTOR, [file])).files[0]?.status).toBe('imported');
}, 180_000);
afterAll(async () => {
  for (const i of [schoolA, schoolB, muni, state]) await i?.close();
});

const row = (o: { tables: { id: string; rows: { key: string; total: number | null; values: (number | null)[] }[] }[] }, table: string, key: string) =>
  o.tables.find((t) => t.id === table)?.rows.find((r) => r.key === key);

describe('authority statistics', () => {
  it('the import fills the analytic model in its transaction', () => {
    const n = (inst: Installation, table: string) => (inst.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const imported = (inst: Installation, type: string) =>
      (inst.raw.prepare('SELECT count(*) AS n FROM imported_record WHERE record_type = ? AND withdrawn_at IS NULL').get(type) as { n: number }).n;
    expect(n(muni, 'stat_student')).toBe(imported(muni, 'student'));
    expect(n(state, 'stat_plan')).toBe(imported(state, 'plan'));
    expect(n(muni, 'stat_student')).toBeGreaterThan(10);
    expect(n(muni, 'stat_plan')).toBeGreaterThan(5);
    expect(n(state, 'stat_measure')).toBeGreaterThan(5);
    expect(n(state, 'stat_source')).toBe(1);
  });

  it('the municipality sees the same screened and at-risk counts as its schools together', async () => {
    const own = await Promise.all([schoolA, schoolB].map((s) => s.app.services.statistics.overview(ACTOR, { semesterId: SEMESTER, breakdown: 'none' })));
    const atRisk = own.reduce((a, o) => a + (row(o, 'students', 'atRisk')?.total ?? 0), 0);
    const screened = own.reduce((a, o) => a + (row(o, 'students', 'screened')?.total ?? 0), 0);
    const m = await muni.app.services.authorityStatistics.overview(ACTOR, { semesterId: SEMESTER, breakdown: 'none' });
    expect(m.threshold).toBe(5);
    expect(row(m, 'students', 'screened')?.total).toBe(screened);
    expect(row(m, 'students', 'atRisk')?.total).toBe(atRisk);
    expect(m.units?.level).toBe('school');
    expect(m.units?.rows.map((r) => r.name).sort()).toEqual(['Lubānas vidusskola', 'Madonas pilsētas vidusskola']);
    // Drill-down to one school: its own figures.
    const one = await muni.app.services.authorityStatistics.overview(ACTOR, { semesterId: SEMESTER, breakdown: 'none', senderId: '4313900789' });
    expect(row(one, 'students', 'screened')?.total).toBe(row(own[1]!, 'students', 'screened')?.total);
  });

  it('no published count is from 1 to 4, at the municipality or the state, in any breakdown', async () => {
    for (const inst of [muni, state]) {
      for (const breakdown of ['none', 'gradeBand', 'gender'] as const) {
        const o = await inst.app.services.authorityStatistics.overview(ACTOR, { semesterId: SEMESTER, breakdown });
        const numbers = [
          ...o.tables.flatMap((t) => t.rows.flatMap((r) => [...r.values, r.total])),
          ...o.measures.flatMap((m) => [m.plans, m.measures]),
          ...(o.units?.rows.flatMap((r) => r.values) ?? []),
          ...(o.units?.totals ?? []),
        ];
        expect(numbers.filter((v) => v !== null && v >= 1 && v < 5)).toEqual([]);
        if (breakdown === 'gradeBand') expect(numbers.filter((v) => v === null).length).toBeGreaterThan(0);
      }
    }
  });

  it('the state drills down from the municipality to its schools, and the schools add up to the municipality where both are shown', async () => {
    const top = await state.app.services.authorityStatistics.overview(ACTOR, { semesterId: SEMESTER, breakdown: 'none' });
    expect(top.units?.level).toBe('municipality');
    const madona = top.units?.rows.find((r) => r.name === 'Madonas novads');
    expect(madona).toBeDefined();
    const down = await state.app.services.authorityStatistics.overview(ACTOR, { semesterId: SEMESTER, breakdown: 'none', senderId: madona!.id });
    expect(down.units?.level).toBe('school');
    expect(down.units?.rows).toHaveLength(2);
    down.units!.totals.forEach((total, i) => {
      // A total hidden at the top stays hidden below; a shown one equals the top's.
      if (madona!.values[i] === null) expect(total).toBeNull();
      else if (total !== null) expect(total).toBe(madona!.values[i]);
    });
  });

  it('effect estimates and trends come from the same model', async () => {
    const effect = await state.app.services.authorityStatistics.effectiveness(ACTOR, { semesterIds: [] });
    expect(effect.kinds.length).toBeGreaterThan(3);
    // Every kind held, in order (read from the overview's measure figures since migration 0016).
    for (const inst of [state, muni]) {
      const held = (inst.raw.prepare('SELECT DISTINCT kind_code FROM stat_measure ORDER BY kind_code').all() as { kind_code: string }[]).map(
        (k) => k.kind_code,
      );
      const listed = (await inst.app.services.authorityStatistics.effectiveness(ACTOR, { semesterIds: [] })).kinds.map((k) => k.kindCode);
      expect(listed).toEqual(held);
    }
    for (const k of effect.kinds) {
      for (const e of [k.risksLessened, k.stillInEducation]) {
        if (e.kind === 'notEnoughData') for (const n of [e.exposed, e.comparison]) expect(n === null || n === 0 || n >= 5).toBe(true);
      }
    }
    // The municipality (from the schools' own packages) and the state (from the minimised report) estimate the same.
    const atMuni = await muni.app.services.authorityStatistics.effectiveness(ACTOR, { semesterIds: [] });
    expect(atMuni.kinds).toEqual(effect.kinds);
    // Twelve evaluated plans: too few for an estimate; the small n themselves are hidden, not shown.
    expect(effect.kinds.some((k) => k.stillInEducation.kind === 'notEnoughData' && k.stillInEducation.exposed === null)).toBe(true);
    const trends = await muni.app.services.authorityStatistics.trends(ACTOR, {});
    expect(trends.rows.map((r) => r.semesterId)).toEqual([SEMESTER]);
    expect(trends.rows[0]!.values[0]).toBe(
      row(await muni.app.services.authorityStatistics.overview(ACTOR, { semesterId: SEMESTER, breakdown: 'none' }), 'students', 'screened')?.total,
    );
  });

  it('the effect estimates from grouped counts equal the row-by-row computation they replaced, at the municipality and the state, in every scope', async () => {
    // The former computation: two subqueries per unit for the kinds its plan held and that reached it, one unit per row, stratified in JavaScript.
    const before = (inst: Installation, kind: string, where: string, threshold: number) => {
      const risks = inst.raw
        .prepare(
          `SELECT ro.risk_group || '|' || ro.grade_band || '|' || ro.period AS stratum, ro.change,
            (SELECT group_concat(DISTINCT m.kind_code) FROM stat_measure m WHERE m.sender_id = ro.sender_id AND m.period = ro.period AND m.plan_id = ro.plan_id) AS kinds,
            (SELECT group_concat(DISTINCT m.kind_code) FROM stat_measure m JOIN stat_measure_risk mr ON mr.sender_id = m.sender_id AND mr.period = m.period AND mr.measure_id = m.measure_id
              WHERE m.sender_id = ro.sender_id AND m.period = ro.period AND m.plan_id = ro.plan_id AND m.deliveries > 0 AND mr.factor_key = ro.factor_key) AS linked
          FROM stat_risk_outcome ro WHERE ${where.replaceAll('$', 'ro')}`,
        )
        .all() as { stratum: string; change: string; kinds: string | null; linked: string | null }[];
      const plans = inst.raw
        .prepare(
          `SELECT p.risk_groups || '|' || p.grade_band || '|' || p.period AS stratum, p.outcome,
            (SELECT group_concat(DISTINCT m.kind_code) FROM stat_measure m WHERE m.sender_id = p.sender_id AND m.period = p.period AND m.plan_id = p.plan_id) AS kinds,
            (SELECT group_concat(DISTINCT m.kind_code) FROM stat_measure m WHERE m.sender_id = p.sender_id AND m.period = p.period AND m.plan_id = p.plan_id AND m.deliveries > 0) AS delivered
          FROM stat_plan p WHERE p.outcome IS NOT NULL AND ${where.replaceAll('$', 'p')}`,
        )
        .all() as { stratum: string; outcome: string; kinds: string | null; delivered: string | null }[];
      const split = (v: string | null) => new Set(v ? v.split(',') : []);
      const stayed = new Set<string>(STILL_IN_EDUCATION);
      const units = (rows: { stratum: string; event: boolean; kinds: Set<string>; reached: Set<string> }[]) =>
        stratify(
          rows.filter((u) => u.reached.has(kind) || !u.kinds.has(kind)).map((u) => ({ stratum: u.stratum, exposed: u.reached.has(kind), event: u.event })),
        );
      const few = (n: number | null) => (n !== null && n > 0 && n < threshold ? null : n);
      const hide = (e: EffectEstimate) => (e.kind === 'notEnoughData' ? { ...e, exposed: few(e.exposed), comparison: few(e.comparison) } : e);
      return {
        risksLessened: hide(
          estimateEffect(
            units(risks.map((r) => ({ stratum: r.stratum, event: r.change === 'lessened', kinds: split(r.kinds), reached: split(r.linked) }))),
            threshold,
          ),
        ),
        stillInEducation: hide(
          estimateEffect(
            units(plans.map((r) => ({ stratum: r.stratum, event: stayed.has(r.outcome), kinds: split(r.kinds), reached: split(r.delivered) }))),
            threshold,
          ),
        ),
      };
    };
    let estimates = 0;
    // At the lowest threshold too, so that figures (not only "not enough data") are compared on this small fixture.
    for (const threshold of [5, 2])
      for (const [inst, scopes] of [
        [muni, [{}, { senderId: '4313900456' }]],
        [
          state,
          [
            {},
            { senderId: (state.raw.prepare('SELECT sender_id FROM stat_plan LIMIT 1').get() as { sender_id: string }).sender_id },
            { schoolId: '4313900789' },
          ],
        ],
      ] as const) {
        for (const scope of scopes as readonly { senderId?: string; schoolId?: string }[]) {
          for (const semesterIds of [[], [SEMESTER]]) {
            inst.raw
              .prepare(
                "INSERT INTO setting (key, value, updated_at) VALUES ('statistics.threshold', ?, 'x') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
              )
              .run(String(threshold));
            const now = await inst.app.services.authorityStatistics.effectiveness(ACTOR, { semesterIds, ...scope });
            const where = [
              semesterIds.length ? `$.period = '${SEMESTER}'` : '1 = 1',
              scope.senderId ? `$.sender_id = '${scope.senderId}'` : '1 = 1',
              scope.schoolId ? `$.school_id = '${scope.schoolId}'` : '1 = 1',
            ].join(' AND ');
            expect(now.kinds.length).toBeGreaterThan(2);
            for (const k of now.kinds) {
              expect(
                { risksLessened: k.risksLessened, stillInEducation: k.stillInEducation },
                `${k.kindCode} ${JSON.stringify(scope)} ${semesterIds.join()}`,
              ).toEqual(before(inst, k.kindCode, where, now.threshold));
              if (k.risksLessened.kind === 'estimate') estimates++;
              if (k.stillInEducation.kind === 'estimate') estimates++;
            }
          }
        }
      }
    for (const inst of [muni, state]) inst.raw.prepare("DELETE FROM setting WHERE key = 'statistics.threshold'").run();
    // Not only "not enough data" on both sides: real estimates were compared.
    expect(estimates).toBeGreaterThan(0);
  });

  it('a school cannot ask for authority statistics', async () => {
    await expect(schoolA.app.services.authorityStatistics.overview(ACTOR, { semesterId: SEMESTER, breakdown: 'none' })).rejects.toMatchObject({
      code: expect.any(String),
    });
  });

  it('exports the state’s tables as XLSX and CSV with the same protection (read back)', async () => {
    const i18n = await createI18n('lv');
    const t = (key: string, params?: Record<string, unknown>) => i18n.t(keyFromData(key), params);
    const services = state.app.services;
    const report = await reportTables(
      { mode: 'state', school: services.statistics, authority: services.authorityStatistics },
      ACTOR,
      { name: 'all', semesterId: SEMESTER, breakdown: 'gradeBand' },
      t,
      'lv',
    );
    expect(report.tables.map((x) => x.name)).toEqual([
      'students',
      'riskGroups',
      'riskFactors',
      'plansByStatus',
      'outcomes',
      'measures',
      'units',
      'trends',
      'effectiveness',
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(report.tables, report.note)) as unknown as ArrayBuffer);
    const students = wb.getWorksheet('Izvērtētie skolēni');
    expect(students?.getRow(1).getCell(2).value).toBe('1.–4. klase');
    const values: unknown[] = [];
    let hidden = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row, r) => {
        if (r > 1)
          row.eachCell((c) => {
            values.push(c.value);
            if (c.value === '•') hidden++;
          });
      }),
    );
    const counts = ['Izvērtētie skolēni', 'Skolēni ar risku pa grupām', 'Plāni pa statusiem'].flatMap((name) => {
      const out: unknown[] = [];
      wb.getWorksheet(name)?.eachRow((row, r) => {
        if (r > 1)
          row.eachCell((c, col) => {
            if (col > 1) out.push(c.value);
          });
      });
      return out;
    });
    expect(counts.filter((v) => typeof v === 'number' && v >= 1 && v < 5)).toEqual([]);
    expect(counts.some((v) => typeof v === 'number' && v >= 5)).toBe(true);
    expect(hidden).toBeGreaterThan(0);
    expect(values).toContain(report.note);
    const csv = toCsv(report.tables, report.note);
    expect(csv.startsWith('\uFEFFIzvērtētie skolēni\r\n')).toBe(true);
    expect(csv).toContain(';1.–4. klase;');
    expect(csv).toContain('•');
  });
});
