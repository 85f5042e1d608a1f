/**
 * The analytic model of a municipality and the state (migration 0011):
 * typed rows derived from what a sender sent for a period, rebuilt in the
 * same transaction as each import (import-service.ts calls rebuildAnalytics
 * right after the records are written), so every dashboard query reads
 * plain columns and never parses JSON.
 *
 * Both package kinds are normalised to one shape:
 * - a school's report at its municipality (sender = the school): risk
 *   factors by id (a school's own factor as its group only, as at the
 *   state), deliveries summed per measure;
 * - the report to the state (sender = a municipality or a state vocational
 *   school): the records as minimised at the sender.
 * A kind a school added itself becomes '<category>.other' in both.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_MEASURE_KIND_CODES } from '../../../src-shared/domain/state-report';
import { STILL_IN_EDUCATION } from '../../../src-shared/domain/statistics/grade-band';
import { gradeBandOf, insertSchoolReportRows, type ParsedRecord } from './analytic-rows';

type Raw = Database.Database;

/** A factor's key: the catalogue id, or 'group:<group>' for a factor the school added (or one the sender did not name). */
export const factorKey = (riskFactorId: string | null, group: string, catalogue = true): string =>
  riskFactorId !== null && catalogue ? riskFactorId : `group:${group}`;

const DELETE_TABLES = [
  'stat_student',
  'stat_factor',
  'stat_plan',
  'stat_measure',
  'stat_measure_risk',
  'stat_risk_outcome',
  'stat_unit_total',
  'stat_overview_count',
  'stat_overview_measure',
] as const;

/*
 * The rebuild is set-based SQL over the sender's live records of the period
 * (issue 12): SQLite reads the JSON (json_extract, json_each) where it lies,
 * instead of every record travelling to JavaScript to be parsed and each
 * analytic row travelling back as its own INSERT. Each step reads the rows
 * the step before wrote (stat_factor → stat_student → stat_plan →
 * stat_risk_outcome, stat_measure → stat_measure_risk), so every join is on
 * a primary key. The rules are those of the JavaScript model it replaced,
 * kept as the reference in testing/analytic-reference.ts; analytic-model.test.ts
 * holds the two equal over real imports, one package at a time.
 */

/** The live records of (sender, period). */
const LIVE = `live AS (
  SELECT record_type, record_id, record FROM imported_record
  WHERE sender_id = $sender AND period = $period AND withdrawn_at IS NULL
)`;
/**
 * One live record of (sender, period) by type and id: a primary-key lookup.
 * (Joining derived tables instead let SQLite loop over one for each row of
 * the other: quadratic in the records of a large school.) Both importers
 * insist that an outcome's id is its plan's id, so an outcome is found this way too.
 */
const record = (alias: string, type: string, id: string) =>
  `imported_record ${alias} ON ${alias}.sender_id = $sender AND ${alias}.period = $period AND ${alias}.record_type = '${type}'
     AND ${alias}.record_id = ${id} AND ${alias}.withdrawn_at IS NULL`;
/** A factor of a school report, by id, with the school report's own factor record as f (its group when the school report names it otherwise, or 'school'). */
const schoolFactorGroup = (group: string) => `coalesce(f.record ->> '$.group', ${group}, 'school')`;
const schoolFactorKey = (id: string, group: string) =>
  `CASE WHEN coalesce((f.record ->> '$.source') = 'catalogue', 0) THEN ${id} ELSE 'group:' || ${schoolFactorGroup(group)} END`;
/** A factor reference of a report to the state: { riskFactorId | null, group }. */
const refKey = (ref: string) => `coalesce(${ref} ->> '$.riskFactorId', 'group:' || (${ref} ->> '$.group'))`;

const THIS = 'sender_id = $sender AND period = $period';

function statements(isStateReport: boolean): string[] {
  const schoolId = (r: string) => (isStateReport ? `coalesce(${r}.record ->> '$.schoolId', '')` : '$sender');
  const dims = (r: string) =>
    `coalesce(${r}.record ->> '$.gender', ''), coalesce(${r}.record ->> '$.educationLevel', ''),
     pumpurs_grade_band(${r}.record ->> '$.grade', ${r}.record ->> '$.educationLevel')`;
  const found = isStateReport
    ? `SELECT sc.record ->> '$.studentId' AS student_id, ${refKey('p.value')} AS factor_key, p.value ->> '$.group' AS risk_group
       FROM live sc, json_each(sc.record, '$.present') p WHERE sc.record_type = 'screening'`
    : `SELECT sc.record ->> '$.studentId' AS student_id,
         ${schoolFactorKey("a.value ->> '$.riskFactorId'", "a.value ->> '$.group'")} AS factor_key,
         ${schoolFactorGroup("a.value ->> '$.group'")} AS risk_group
       FROM live sc JOIN json_each(sc.record, '$.answers') a LEFT JOIN ${record('f', 'riskFactor', "a.value ->> '$.riskFactorId'")}
       WHERE sc.record_type = 'screening' AND a.value ->> '$.answer' = 'present'`;
  const riskOutcome = isStateReport
    ? { key: refKey('r.value'), group: "r.value ->> '$.group'", join: '' }
    : {
        key: schoolFactorKey("coalesce(r.value ->> '$.riskFactorId', '')", "r.value ->> '$.group'"),
        group: schoolFactorGroup("r.value ->> '$.group'"),
        join: `LEFT JOIN ${record('f', 'riskFactor', "coalesce(r.value ->> '$.riskFactorId', '')")}`,
      };
  const code = "m.record ->> '$.kindCode'";
  const prefix = `CASE WHEN instr(${code}, '.') > 0 THEN substr(${code}, 1, instr(${code}, '.') - 1) ELSE coalesce(${code}, '') END`;
  const category = isStateReport
    ? "coalesce(m.record ->> '$.category', '')"
    : `coalesce(k.record ->> '$.category', CASE WHEN ${prefix} IN ('consultation', 'compensation', 'ngo') THEN ${prefix} ELSE 'consultation' END)`;
  const list = [
    `INSERT OR IGNORE INTO stat_factor (sender_id, period, school_id, student_id, factor_key, risk_group, gender, education_level, grade_band)
     WITH ${LIVE}, found AS (${found})
     SELECT $sender, $period, ${schoolId('s')}, x.student_id, x.factor_key, x.risk_group, ${dims('s')}
     FROM found x JOIN ${record('s', 'student', 'x.student_id')}`,
    `INSERT INTO stat_student (sender_id, period, school_id, student_id, gender, education_level, grade_band, screened, at_risk, risk_groups)
     -- Materialized: each student's groups are looked up once (inlined, the lookup ran for at_risk and again for risk_groups).
     WITH ${LIVE}, g AS MATERIALIZED (
       SELECT s.record_id AS student_id,
         (SELECT group_concat(risk_group, ',' ORDER BY risk_group) FROM (SELECT DISTINCT risk_group FROM stat_factor WHERE ${THIS} AND student_id = s.record_id)) AS risk_groups,
         s.record FROM live s WHERE s.record_type = 'student'
     )
     SELECT $sender, $period, ${schoolId('s')}, s.student_id, ${dims('s')},
       s.student_id IN (SELECT record ->> '$.studentId' FROM live WHERE record_type = 'screening'), s.risk_groups IS NOT NULL, coalesce(s.risk_groups, '')
     FROM g s`,
    `INSERT INTO stat_plan (sender_id, period, school_id, plan_id, student_id, status, outcome, gender, education_level, grade_band, risk_groups)
     WITH ${LIVE}
     SELECT $sender, $period, s.school_id, p.record_id, s.student_id, coalesce(p.record ->> '$.status', ''),
       CASE WHEN json_type(o.record, '$.studentOutcome') = 'text' THEN o.record ->> '$.studentOutcome' END,
       s.gender, s.education_level, s.grade_band, s.risk_groups
     FROM live p JOIN stat_student s ON s.sender_id = $sender AND s.period = $period AND s.student_id = p.record ->> '$.studentId'
     LEFT JOIN ${record('o', 'outcome', 'p.record_id')}
     WHERE p.record_type = 'plan'`,
    `INSERT OR IGNORE INTO stat_risk_outcome (sender_id, period, school_id, plan_id, factor_key, risk_group, change, grade_band)
     WITH ${LIVE}
     SELECT $sender, $period, sp.school_id, sp.plan_id, ${riskOutcome.key}, ${riskOutcome.group}, r.value ->> '$.change', sp.grade_band
     FROM live o JOIN stat_plan sp ON sp.sender_id = $sender AND sp.period = $period AND sp.plan_id = o.record_id
     JOIN json_each(o.record, '$.risks') r ${riskOutcome.join}
     WHERE o.record_type = 'outcome'`,
    `INSERT INTO stat_measure (sender_id, period, school_id, measure_id, plan_id, kind_code, category, planned_minutes, planned_cents, deliveries,
       delivered_minutes, delivered_cents, approved_cents, paid_cents, gender, education_level, grade_band)
     WITH ${LIVE}, c AS (
       SELECT m.record_id AS id, m.record, ${code} AS code, ${category} AS category
       FROM live m ${isStateReport ? '' : `LEFT JOIN ${record('k', 'measureKind', `coalesce(${code}, '')`)}`}
       WHERE m.record_type = 'measure'
     )
     SELECT $sender, $period, sp.school_id, m.id, sp.plan_id,
       CASE WHEN m.code IN (SELECT value FROM json_each($defaultKinds)) THEN m.code ELSE m.category || '.other' END, m.category,
       coalesce(m.record ->> '$.plannedMinutes', 0), coalesce(m.record ->> '$.plannedCents', 0),
       ${
         isStateReport
           ? `coalesce(m.record ->> '$.deliveries', 0), coalesce(m.record ->> '$.deliveredMinutes', 0), coalesce(m.record ->> '$.deliveredCents', 0),
              m.record ->> '$.approvedCents', m.record ->> '$.paidCents'`
           : '0, 0, 0, NULL, NULL'
       },
       sp.gender, sp.education_level, sp.grade_band
     FROM c m JOIN stat_plan sp ON sp.sender_id = $sender AND sp.period = $period AND sp.plan_id = m.record ->> '$.planId'`,
    isStateReport
      ? `INSERT OR IGNORE INTO stat_measure_risk (sender_id, period, measure_id, factor_key)
         WITH ${LIVE}
         SELECT $sender, $period, sm.measure_id, ${refKey('r.value')}
         FROM live m JOIN stat_measure sm ON sm.sender_id = $sender AND sm.period = $period AND sm.measure_id = m.record_id
         JOIN json_each(m.record, '$.risks') r
         WHERE m.record_type = 'measure'`
      : `INSERT OR IGNORE INTO stat_measure_risk (sender_id, period, measure_id, factor_key)
         WITH ${LIVE}
         SELECT $sender, $period, sm.measure_id, ${schoolFactorKey('r.value', 'NULL')}
         FROM live m JOIN stat_measure sm ON sm.sender_id = $sender AND sm.period = $period AND sm.measure_id = m.record_id
         JOIN json_each(m.record, '$.riskFactorIds') r LEFT JOIN ${record('f', 'riskFactor', 'r.value')}
         WHERE m.record_type = 'measure'`,
  ];
  // A school's deliveries, summed per measure and written onto the measures held (each a primary-key lookup).
  if (!isStateReport) {
    list.push(`UPDATE stat_measure SET deliveries = d.n, delivered_minutes = d.minutes, delivered_cents = d.cents
     FROM (
       SELECT record ->> '$.measureId' AS measure_id, count(*) AS n, sum(coalesce(record ->> '$.minutes', 0)) AS minutes, sum(coalesce(record ->> '$.cents', 0)) AS cents
       FROM imported_record WHERE ${THIS} AND withdrawn_at IS NULL AND record_type = 'delivery' GROUP BY record ->> '$.measureId'
     ) AS d
     WHERE stat_measure.sender_id = $sender AND stat_measure.period = $period AND stat_measure.measure_id = d.measure_id`);
  }
  return list;
}

const STAYED = `(${STILL_IN_EDUCATION.map((o) => `'${o}'`).join(', ')})`;

/**
 * The summary counts of migration 0014 (the same SQL), of one (sender,
 * period) or, for a full rebuild, of everything:
 * - unitTotals: the key figures per school (stat_unit_total) that trends and
 *   the drill-down table sum;
 * - effectCounts: the units of the effect estimates per period, stratum,
 *   event and kind (stat_effect_count), summed over senders: a slice adds
 *   its counts ($sign = 1) after its rows are built and subtracts them
 *   ($sign = -1) before they are deleted, so the table always holds the sum
 *   over what is held (as long as every write to the analytic tables goes
 *   through rebuildAnalytics or rebuildSummaries: a direct DELETE or INSERT
 *   elsewhere would leave the summed tables wrong). A kind's row counts the units whose plan held it or
 *   that it reached (units) and those it reached (reached); kind '' counts
 *   every unit. The kinds are matched in the comma-separated effect columns
 *   as the estimate reads them (split on commas);
 * - overviewCounts, overviewMeasures (migration 0015): the cells and the
 *   measure figures of a semester's overview per sender
 *   (stat_overview_count, stat_overview_measure) that the overview of a
 *   sender sums, and overviewAll: the cells summed over senders
 *   (stat_overview_all, kept by $sign like the effect counts) that the
 *   overview of everything reads.
 */
function summaryStatements(slice: boolean) {
  const where = (alias = '') => (slice ? `${alias}sender_id = $sender AND ${alias}period = $period` : '1 = 1');
  // The unit totals' three reads go by the primary key (sender_id, period, …): left to itself
  // SQLite took the stat_*_period indexes (period only), which hold every sender's rows of the
  // period, and the scan grew with each import (665 packages of one semester: 54 s of the
  // import's 115 s). The unary + keeps the period term off an index.
  const byKey = slice ? 'sender_id = $sender AND +period = $period' : '1 = 1';
  const unitTotals = `INSERT INTO stat_unit_total (sender_id, period, school_id, students, screened, at_risk, plans, evaluated, stayed, left_education,
      measures, delivered_minutes, delivered_cents)
    SELECT sender_id, period, school_id, sum(students), sum(screened), sum(at_risk), sum(plans), sum(evaluated), sum(stayed), sum(left_education),
      sum(measures), sum(delivered_minutes), sum(delivered_cents)
    FROM (
      SELECT sender_id, period, school_id, count(*) AS students, coalesce(sum(screened), 0) AS screened, coalesce(sum(at_risk), 0) AS at_risk,
        0 AS plans, 0 AS evaluated, 0 AS stayed, 0 AS left_education, 0 AS measures, 0 AS delivered_minutes, 0 AS delivered_cents
      FROM stat_student WHERE ${byKey} GROUP BY sender_id, period, school_id
      UNION ALL
      SELECT sender_id, period, school_id, 0, 0, 0, count(*), coalesce(sum(outcome IS NOT NULL), 0), coalesce(sum(outcome IN ${STAYED}), 0),
        coalesce(sum(outcome = 'leftEducation'), 0), 0, 0, 0
      FROM stat_plan WHERE ${byKey} GROUP BY sender_id, period, school_id
      UNION ALL
      SELECT sender_id, period, school_id, 0, 0, 0, 0, 0, 0, 0, count(*), coalesce(sum(delivered_minutes), 0), coalesce(sum(delivered_cents), 0)
      FROM stat_measure WHERE ${byKey} GROUP BY sender_id, period, school_id
    )
    GROUP BY sender_id, period, school_id`;
  const sign = slice ? '$sign * ' : '';
  const effectCounts = `INSERT INTO stat_effect_count (period, unit, stratum, event, kind_code, units, reached)
    WITH k AS (
      SELECT DISTINCT sender_id, period, kind_code FROM stat_measure WHERE ${where()} AND kind_code <> '' AND instr(kind_code, ',') = 0
    ), u AS (
      SELECT sender_id, period, 'risk' AS unit, risk_group || '|' || grade_band AS stratum, change = 'lessened' AS event,
        ',' || plan_kinds || ',' AS kinds, ',' || reached_kinds || ',' AS reached
      FROM stat_risk_outcome WHERE ${where()}
      UNION ALL
      SELECT sender_id, period, 'plan', risk_groups || '|' || grade_band, outcome IN ${STAYED}, ',' || kinds || ',', ',' || delivered_kinds || ','
      FROM stat_plan WHERE ${where()} AND outcome IS NOT NULL
    )
    SELECT * FROM (
      SELECT period, unit, stratum, event, '' AS kind_code, ${sign}count(*) AS units, 0 AS reached FROM u GROUP BY period, unit, stratum, event
      UNION ALL
      SELECT u.period, u.unit, u.stratum, u.event, k.kind_code, ${sign}count(*), ${sign}sum(instr(u.reached, ',' || k.kind_code || ',') > 0)
      FROM u JOIN k ON k.sender_id = u.sender_id AND k.period = u.period
      WHERE instr(u.kinds, ',' || k.kind_code || ',') > 0 OR instr(u.reached, ',' || k.kind_code || ',') > 0
      GROUP BY u.period, u.unit, u.stratum, u.event, k.kind_code
    ) WHERE true
    ON CONFLICT (period, unit, stratum, event, kind_code) DO UPDATE SET units = units + excluded.units, reached = reached + excluded.reached`;
  // Migration 0015: the cells and measure figures of a semester's overview per sender (the same SQL).
  const overviewCounts = `INSERT INTO stat_overview_count (period, sender_id, tbl, key, grade_band, gender, education_level, n)
    SELECT period, sender_id, 'students', CASE WHEN at_risk = 1 THEN 'atRisk' ELSE 'notAtRisk' END AS k, grade_band, gender, education_level, count(*)
    FROM stat_student WHERE ${where()} AND screened = 1 GROUP BY period, sender_id, k, grade_band, gender, education_level
    UNION ALL
    SELECT period, sender_id, 'riskGroups', risk_group, grade_band, gender, education_level, count(*)
    FROM (SELECT DISTINCT period, sender_id, student_id, risk_group, grade_band, gender, education_level FROM stat_factor WHERE ${where()})
    GROUP BY period, sender_id, risk_group, grade_band, gender, education_level
    UNION ALL
    SELECT period, sender_id, 'riskFactors', factor_key, grade_band, gender, education_level, count(*)
    FROM stat_factor WHERE ${where()} GROUP BY period, sender_id, factor_key, grade_band, gender, education_level
    UNION ALL
    SELECT period, sender_id, 'plansByStatus', status, grade_band, gender, education_level, count(*)
    FROM stat_plan WHERE ${where()} GROUP BY period, sender_id, status, grade_band, gender, education_level
    UNION ALL
    SELECT period, sender_id, 'outcomes', outcome, grade_band, gender, education_level, count(*)
    FROM stat_plan WHERE ${where()} AND outcome IS NOT NULL GROUP BY period, sender_id, outcome, grade_band, gender, education_level`;
  const overviewMeasures = `INSERT INTO stat_overview_measure (period, sender_id, kind_code, category, plans, measures, planned_minutes, planned_cents,
      delivered_minutes, delivered_cents, deliveries, approved_cents, paid_cents)
    SELECT period, sender_id, kind_code, category, count(DISTINCT plan_id), count(*), sum(planned_minutes), sum(planned_cents), sum(delivered_minutes),
      sum(delivered_cents), sum(deliveries), sum(approved_cents), sum(paid_cents)
    FROM stat_measure WHERE ${where()} GROUP BY period, sender_id, kind_code, category`;
  // The cells summed over every sender: a slice adds its cells ($sign = 1) after they are built and subtracts them ($sign = -1) before they go.
  const overviewAll = `INSERT INTO stat_overview_all (period, tbl, key, grade_band, gender, education_level, n)
    SELECT period, tbl, key, grade_band, gender, education_level, ${sign}sum(n) FROM stat_overview_count WHERE ${where()}
    GROUP BY period, tbl, key, grade_band, gender, education_level
    ON CONFLICT (period, tbl, key, grade_band, gender, education_level) DO UPDATE SET n = n + excluded.n`;
  return { unitTotals, effectCounts, overviewCounts, overviewMeasures, overviewAll };
}

/** Rebuilds every summary count (the tables of migrations 0014 and 0015) from the analytic rows held: for rows written other than by rebuildAnalytics (the bench). */
export function rebuildSummaries(raw: Raw): void {
  const all = summaryStatements(false);
  raw.transaction(() => {
    raw.exec(
      'DELETE FROM stat_unit_total; DELETE FROM stat_effect_count; DELETE FROM stat_overview_count; DELETE FROM stat_overview_all; DELETE FROM stat_overview_measure;',
    );
    raw.exec(all.unitTotals);
    raw.exec(all.effectCounts);
    raw.exec(all.overviewCounts);
    raw.exec(all.overviewAll);
    raw.exec(all.overviewMeasures);
  })();
}

const prepared = new WeakMap<
  Raw,
  {
    school: Database.Statement[];
    state: Database.Statement[];
    kind: Database.Statement;
    deletes: Database.Statement[];
    source: Database.Statement;
    unitTotals: Database.Statement;
    effectCounts: Database.Statement;
    overviewCounts: Database.Statement;
    overviewMeasures: Database.Statement;
    overviewAll: Database.Statement;
    dropZeroCells: Database.Statement;
    dropZeroCounts: Database.Statement;
  }
>();

/** The statements of a connection, prepared once (and the grade band, registered once, from its one definition). */
function statementsOf(raw: Raw) {
  let found = prepared.get(raw);
  if (found) return found;
  raw.function('pumpurs_grade_band', { deterministic: true }, gradeBandOf);
  found = {
    school: statements(false).map((sql) => raw.prepare(sql)),
    state: statements(true).map((sql) => raw.prepare(sql)),
    // A state report carries school records; a school report its risk factors (an empty one neither: read as a state report, as before).
    kind: raw.prepare(
      `SELECT EXISTS (SELECT 1 FROM imported_record WHERE ${THIS} AND record_type = 'school' AND withdrawn_at IS NULL) AS schools,
              EXISTS (SELECT 1 FROM imported_record WHERE ${THIS} AND record_type = 'riskFactor' AND withdrawn_at IS NULL) AS factors`,
    ),
    deletes: DELETE_TABLES.map((t) => raw.prepare(`DELETE FROM ${t} WHERE ${THIS}`)),
    unitTotals: raw.prepare(summaryStatements(true).unitTotals),
    effectCounts: raw.prepare(summaryStatements(true).effectCounts),
    overviewCounts: raw.prepare(summaryStatements(true).overviewCounts),
    overviewMeasures: raw.prepare(summaryStatements(true).overviewMeasures),
    overviewAll: raw.prepare(summaryStatements(true).overviewAll),
    dropZeroCells: raw.prepare('DELETE FROM stat_overview_all WHERE period = $period AND n = 0'),
    dropZeroCounts: raw.prepare('DELETE FROM stat_effect_count WHERE period = $period AND units = 0 AND reached = 0'),
    source: raw.prepare(
      'INSERT INTO stat_source (sender_id, period, built_at) VALUES ($sender, $period, $at) ON CONFLICT (sender_id, period) DO UPDATE SET built_at = excluded.built_at',
    ),
  };
  prepared.set(raw, found);
  return found;
}

const DEFAULT_KINDS_JSON = JSON.stringify(DEFAULT_MEASURE_KIND_CODES);

/**
 * Replaces the analytic rows of (sender, period) with ones derived from its live imported records. Run inside the import's transaction.
 *
 * `live`: the slice's live records as the caller parsed them, when it holds exactly those (the import, right after
 * ImportedStore.apply: a package is a full snapshot of the slice). A school report's rows are then built from them
 * (analytic-rows.ts) instead of by SQLite re-parsing the stored JSON; the summary counts as without.
 */
export function rebuildAnalytics(raw: Raw, senderId: string, period: string, at: string, live?: readonly ParsedRecord[]): void {
  const s = statementsOf(raw);
  const key = { sender: senderId, period };
  // What this (sender, period) counted leaves the summed effect counts and overview cells before its rows go (summaryStatements).
  s.effectCounts.run({ ...key, sign: -1 });
  s.overviewAll.run({ ...key, sign: -1 });
  for (const d of s.deletes) d.run(key);
  // The kind statement's test, on the records in hand when there are.
  const { schools, factors } =
    live === undefined
      ? (s.kind.get(key) as { schools: number; factors: number })
      : { schools: live.some((r) => r.type === 'school') ? 1 : 0, factors: live.some((r) => r.type === 'riskFactor') ? 1 : 0 };
  const isStateReport = schools === 1 || factors === 0;
  if (live !== undefined && !isStateReport) {
    insertSchoolReportRows(raw, senderId, period, live);
  } else {
    for (const statement of isStateReport ? s.state : s.school) {
      statement.run(statement.source.includes('$defaultKinds') ? { ...key, defaultKinds: DEFAULT_KINDS_JSON } : key);
    }
    fillEffectColumns(raw, { senderId, period });
  }
  s.effectCounts.run({ ...key, sign: 1 });
  s.dropZeroCounts.run({ period });
  s.unitTotals.run(key);
  // The school report's rows from the records in hand come with their overview cells (analytic-rows.ts).
  if (live === undefined || isStateReport) s.overviewCounts.run(key);
  s.overviewAll.run({ ...key, sign: 1 });
  s.dropZeroCells.run({ period });
  s.overviewMeasures.run(key);
  s.source.run({ ...key, at });
}

/** The distinct measure kinds of a plan (alias: a table with sender_id, period, plan_id), sorted, comma-separated, '' when none. */
const kindsOf = (alias: string, extra = '') => `coalesce((SELECT group_concat(k, ',') FROM (SELECT DISTINCT m.kind_code AS k FROM stat_measure m
  WHERE m.sender_id = ${alias}.sender_id AND m.period = ${alias}.period AND m.plan_id = ${alias}.plan_id ${extra} ORDER BY k)), '')`;

/**
 * The effect columns (migration 0012; the same SQL): for each plan its
 * measure kinds and those with a delivery; for each evaluated risk its
 * plan's kinds and those delivered and linked to it. The effect estimates
 * group by them. Of one sender and period (the import's), or of everything.
 */
export function fillEffectColumns(raw: Raw, of?: { senderId: string; period: string }): void {
  if (of) {
    // Of one slice: each import's, so prepared once per connection (apart from the rebuild's: a database
    // at migration 0012 or 0013 has these tables, not the summaries').
    let slice = effectColumnsPrepared.get(raw);
    if (!slice) {
      slice = effectColumnStatements('WHERE sender_id = ? AND period = ?').map((sql) => raw.prepare(sql));
      effectColumnsPrepared.set(raw, slice);
    }
    for (const statement of slice) statement.run(of.senderId, of.period);
    return;
  }
  for (const sql of effectColumnStatements('')) raw.prepare(sql).run();
}

const effectColumnsPrepared = new WeakMap<Raw, Database.Statement[]>();

function effectColumnStatements(where: string): string[] {
  return [
    `UPDATE stat_plan SET kinds = ${kindsOf('stat_plan')}, delivered_kinds = ${kindsOf('stat_plan', 'AND m.deliveries > 0')} ${where}`,
    `UPDATE stat_risk_outcome SET plan_kinds = ${kindsOf('stat_risk_outcome')}, reached_kinds = ${kindsOf(
      'stat_risk_outcome',
      'AND m.deliveries > 0 AND EXISTS (SELECT 1 FROM stat_measure_risk mr WHERE mr.sender_id = m.sender_id AND mr.period = m.period AND mr.measure_id = m.measure_id AND mr.factor_key = stat_risk_outcome.factor_key)',
    )} ${where}`,
  ];
}

/** Builds every (sender, period) that holds imported records but no analytic rows yet (data imported before migration 0011). */
export function buildMissingAnalytics(raw: Raw, at: string): number {
  const missing = raw
    .prepare(
      'SELECT DISTINCT r.sender_id, r.period FROM imported_record r WHERE NOT EXISTS (SELECT 1 FROM stat_source s WHERE s.sender_id = r.sender_id AND s.period = r.period)',
    )
    .all() as { sender_id: string; period: string }[];
  if (missing.length === 0) return 0;
  raw.transaction(() => {
    for (const m of missing) rebuildAnalytics(raw, m.sender_id, m.period, at);
  })();
  return missing.length;
}
