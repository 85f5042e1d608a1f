/**
 * A school report's factor and student rows built from the parsed records
 * (analytic-rows.ts, the import's path) equal those SQLite builds from the
 * stored JSON (analytic-model.ts, the path of buildMissingAnalytics and
 * retention), and so does everything built after them from those rows (the
 * plans read the students' groups; the summary counts read both), on varied
 * slices: catalogue and own factors, factors the school names with another
 * group, answers present, absent and unknown, answers naming a factor no
 * longer held, students screened twice or never, vocational and general
 * students of every grade, and records withdrawn by a later edition.
 * analytic-model.test.ts holds the two paths equal over real imports.
 */
import { describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/connection';
import { rebuildAnalytics } from './analytic-model';
import { AT, PERIOD, sliceOf, storeSlice } from './testing/varied-slices';
import { useTempDatabase } from '../../db/testing/use-temp-database';

const SLICE_TABLES = ['stat_student', 'stat_factor', 'stat_plan', 'stat_measure', 'stat_measure_risk', 'stat_risk_outcome', 'stat_unit_total'] as const;
const SUMMED_TABLES = ['stat_overview_count', 'stat_overview_all', 'stat_overview_measure', 'stat_effect_count'] as const;

let opened: OpenedDatabase;

useTempDatabase('file', (database) => {
  opened = database;
});

function snapshot(sender: string): Record<string, string[]> {
  const raw = opened.raw;
  const rows = (sql: string, ...args: string[]) => (raw.prepare(sql).all(...args) as object[]).map((r) => JSON.stringify(r)).sort();
  return Object.fromEntries([
    ...SLICE_TABLES.map((t) => [t, rows(`SELECT * FROM ${t} WHERE sender_id = ? AND period = ?`, sender, PERIOD)]),
    ...SUMMED_TABLES.map((t) => [t, rows(`SELECT * FROM ${t}`)]),
  ]);
}

describe('factor and student rows from parsed records', () => {
  it('equal those SQLite builds from the stored records, and so does everything built from them, on 60 varied slices', () => {
    const raw = opened.raw;
    let factorRows = 0;
    let atRisk = 0;
    let notScreened = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const sender = `school-${seed}`;
      const slice = sliceOf(seed);
      raw.transaction(() => storeSlice(raw, sender, slice))();
      raw.transaction(() => rebuildAnalytics(raw, sender, PERIOD, AT))();
      const fromSql = snapshot(sender);
      raw.transaction(() => rebuildAnalytics(raw, sender, PERIOD, AT, slice.live))();
      const fromRecords = snapshot(sender);
      for (const t of [...SLICE_TABLES, ...SUMMED_TABLES]) expect(fromRecords[t], `seed ${seed}: ${t}`).toEqual(fromSql[t]);
      factorRows += fromSql.stat_factor!.length;
      atRisk += fromSql.stat_student!.filter((r) => (JSON.parse(r) as { at_risk: number }).at_risk === 1).length;
      notScreened += fromSql.stat_student!.filter((r) => (JSON.parse(r) as { screened: number }).screened === 0).length;
    }
    // Not an empty comparison: factor rows, students at risk and students never screened all occur.
    expect(factorRows).toBeGreaterThan(500);
    expect(atRisk).toBeGreaterThan(100);
    expect(notScreened).toBeGreaterThan(10);
    const keys = raw.prepare("SELECT count(*) AS own, sum(factor_key LIKE 'group:%') AS grouped FROM stat_factor").get() as { own: number; grouped: number };
    expect(keys.grouped).toBeGreaterThan(50);
    expect(keys.own - keys.grouped).toBeGreaterThan(50);
    // And the rest: measures of every kind rule, delivered ones, risks evaluated, reached by a delivered measure.
    const count = (sql: string) => (raw.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT count(DISTINCT kind_code) AS n FROM stat_measure WHERE kind_code LIKE '%.other'")).toBeGreaterThanOrEqual(3);
    expect(count('SELECT count(*) AS n FROM stat_measure WHERE deliveries > 1')).toBeGreaterThan(20);
    expect(count("SELECT count(*) AS n FROM stat_plan WHERE delivered_kinds LIKE '%,%'")).toBeGreaterThan(5);
    expect(count("SELECT count(*) AS n FROM stat_risk_outcome WHERE reached_kinds <> ''")).toBeGreaterThan(20);
    expect(count("SELECT count(*) AS n FROM stat_risk_outcome WHERE factor_key LIKE 'group:%'")).toBeGreaterThan(20);
    expect(count('SELECT count(*) AS n FROM stat_measure_risk')).toBeGreaterThan(100);
  });

  it('a slice without risk factor records is read as a state report by both paths', () => {
    const raw = opened.raw;
    const sender = 'school-no-factors';
    const slice = sliceOf(99);
    const noFactors = { live: slice.live.filter((r) => r.type !== 'riskFactor'), withdrawn: slice.withdrawn };
    raw.transaction(() => storeSlice(raw, sender, noFactors))();
    raw.transaction(() => rebuildAnalytics(raw, sender, PERIOD, AT))();
    const fromSql = snapshot(sender);
    raw.transaction(() => rebuildAnalytics(raw, sender, PERIOD, AT, noFactors.live))();
    expect(snapshot(sender)).toEqual(fromSql);
  });
});
