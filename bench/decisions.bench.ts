/**
 * The municipality's decision queue at scale (issue 9): 60 enrolled schools
 * and 3,000 plans waiting for it (plus 1,000 it has decided), made as
 * synthetic imported records (the importer's own output format) in a real
 * municipality installation, with the queue's typed rows rebuilt per
 * school as each import does (queue-model.ts, not timed). Opening the queue
 * (the service: settings, the latest decisions, plans, measures, the
 * waiting rule, one row per plan) against the same three SQL queries run
 * raw (prepared statements, rows fetched, nothing else); filtering it (the
 * screen's filterQueue over the opened rows) against the raw SQL query with
 * the same condition as a WHERE clause.
 */
import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../src-main/package-format/canonical-json';
import { ACTOR, makeAuthority, movableClock } from '../src-main/services/exchange/testing/exchange-fixture';
import { queueMeasuresSql, queuePlansSql } from '../src-main/services/decisions/authority-decision-service';
import { rebuildQueue } from '../src-main/services/decisions/queue-model';
import { filterQueue } from '../src-shared/domain/decisions';
import { ms, ratio, time, type BenchResult } from './measure';

const SCHOOLS = 60;
const WAITING = 3_000;
const DECIDED = 1_000;
const PERIOD = '2025/26-2';
const UPDATED = '2026-01-20T10:00:00.000Z';

export async function benchDecisionQueue(): Promise<BenchResult> {
  const clock = movableClock('2026-02-10T10:00:00.000Z');
  const muni = await makeAuthority(clock);
  try {
    const raw = muni.raw;
    const at = clock.now().toISOString();
    const insertOrg = raw.prepare(
      "INSERT INTO exchange_org (id, kind, name, role, enrolled_at, enrolled_by, updated_at) VALUES (?, 'school', ?, 'sender', ?, 'bench', ?)",
    );
    const insertImport = raw.prepare(
      "INSERT INTO exchange_import (package_id, sender_id, seq, prev_sums, sums_hash, signer_key_id, kind, period, created_at, imported_at, operator_id, operator_name, summary) VALUES (?, ?, 1, NULL, ?, ?, 'school-report', ?, ?, ?, 'bench', 'Bench', '{}')",
    );
    const insertRecord = raw.prepare(
      'INSERT INTO imported_record (sender_id, period, record_type, record_id, version, updated_at, record, package_id, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertDecision = raw.prepare(
      "INSERT INTO authority_decision (id, school_id, period, plan_id, plan_code, plan_version, plan_updated_at, outcome, measures, decided_at, decided_by, decided_by_name) VALUES (?, ?, ?, ?, ?, 3, ?, 'approved', ?, ?, 'bench', 'Bench')",
    );
    const total = WAITING + DECIDED;
    raw.transaction(() => {
      for (let s = 0; s < SCHOOLS; s++) {
        const schoolId = String(4313900000 + s);
        const packageId = randomUUID();
        insertOrg.run(schoolId, `Skola ${s + 1}`, at, at);
        insertImport.run(packageId, schoolId, 'a'.repeat(64), 'b'.repeat(64), PERIOD, at, at);
        const record = (type: string, id: string, value: Record<string, unknown>) =>
          insertRecord.run(schoolId, PERIOD, type, id, 3, UPDATED, canonicalJson(value), packageId, at);
        record('measureKind', 'compensation.publicTransport', {
          id: 'compensation.publicTransport',
          version: 1,
          updatedAt: null,
          category: 'compensation',
          unit: 'cents',
          labelLv: 'Transports',
          labelEn: 'Transport',
        });
        record('measureKind', 'consultation.psychologist', {
          id: 'consultation.psychologist',
          version: 1,
          updatedAt: null,
          category: 'consultation',
          unit: 'minutes',
          labelLv: 'Psihologs',
          labelEn: 'Psychologist',
        });
        for (let p = s; p < total; p += SCHOOLS) {
          const planId = `p${p}`;
          const code = `${schoolId}-${PERIOD}-${String(p).padStart(4, '0')}`;
          record('student', `s${p}`, {
            id: `s${p}`,
            version: 3,
            updatedAt: UPDATED,
            firstName: 'Anna',
            lastName: 'Ozola',
            personalCode: '010110-20000',
            gender: 'female',
            educationLevel: 'general',
            grade: 1 + (p % 12),
            classLabel: `${1 + (p % 12)}.${'abc'[p % 3]}`,
            programme: '',
            status: 'active',
            leftOn: null,
          });
          record('plan', planId, {
            id: planId,
            version: 3,
            updatedAt: `2026-01-${String(10 + (p % 18)).padStart(2, '0')}T10:00:00.000Z`,
            code,
            studentId: `s${p}`,
            semesterId: PERIOD,
            status: p % 2 ? 'approved' : 'active',
            consentRecorded: true,
            consentOn: '2026-01-05',
            previousPlanId: null,
            createdAt: UPDATED,
            closedAt: null,
          });
          const measures = [`m${p}a`, `m${p}b`];
          record('measure', measures[0] as string, {
            id: measures[0],
            version: 3,
            updatedAt: UPDATED,
            planId,
            kindCode: 'consultation.psychologist',
            plannedMinutes: 120,
            plannedCents: null,
            startsOn: '2026-01-12',
            endsOn: '2026-05-29',
            riskFactorIds: [],
          });
          record('measure', measures[1] as string, {
            id: measures[1],
            version: 3,
            updatedAt: UPDATED,
            planId,
            kindCode: 'compensation.publicTransport',
            plannedMinutes: null,
            plannedCents: 5000 + (p % 7) * 1000,
            startsOn: '2026-01-12',
            endsOn: '2026-05-29',
            riskFactorIds: [],
          });
          if (p >= WAITING) {
            insertDecision.run(
              randomUUID(),
              schoolId,
              PERIOD,
              planId,
              code,
              '2026-01-28T10:00:00.000Z',
              JSON.stringify(measures.map((m) => ({ measureId: m, kindCode: '', approvedCents: null, refused: false }))),
              '2026-02-01T10:00:00.000Z',
            );
          }
        }
      }
    })();
    // What each school's import does in its transaction: the queue's typed rows.
    raw.transaction(() => {
      for (let s = 0; s < SCHOOLS; s++) rebuildQueue(raw, String(4313900000 + s), PERIOD);
    })();

    const authority = muni.app.services.decisions.authority;
    const opened = await authority.queue(ACTOR, { semesterId: PERIOD });
    if (opened.length !== WAITING) throw new Error(`queue has ${opened.length} rows, expected ${WAITING}`);
    const open = await time(7, () => authority.queue(ACTOR, { semesterId: PERIOD }));

    // The same three queries the service runs (the same SQL text), raw: the decisions, plans with their school, measures summed per plan.
    const decisionsSql = raw.prepare(
      'SELECT school_id, plan_id, outcome, plan_updated_at, measures, decided_at, id FROM authority_decision WHERE period = ? ORDER BY decided_at, id',
    );
    const compiled = (q: { compile: (db: typeof muni.app.database.db) => { sql: string; parameters: readonly unknown[] } }) => {
      const c = q.compile(muni.app.database.db);
      return { statement: raw.prepare(c.sql), parameters: c.parameters };
    };
    const plansSql = compiled(queuePlansSql(PERIOD));
    const measuresSql = compiled(queueMeasuresSql(PERIOD));
    const baseline = await time(7, () => [
      decisionsSql.all(PERIOD),
      plansSql.statement.all(...plansSql.parameters),
      measuresSql.statement.all(...measuresSql.parameters),
    ]);

    // For comparison in the same run: the two queries the queue ran before its typed rows (migration 0012), raw, JSON parsed in SQL only.
    const formerPlans = raw.prepare(`SELECT p.sender_id, o.name, p.record, json_extract(s.record, '$.classLabel') AS class_label,
        json_extract(s.record, '$.firstName') AS first_name, json_extract(s.record, '$.lastName') AS last_name
      FROM imported_record p JOIN exchange_org o ON o.id = p.sender_id
      LEFT JOIN imported_record s ON s.sender_id = p.sender_id AND s.period = p.period AND s.record_type = 'student' AND s.record_id = json_extract(p.record, '$.studentId')
      WHERE p.period = ? AND p.record_type = 'plan' AND p.withdrawn_at IS NULL`);
    const formerMeasures = raw.prepare(`SELECT m.sender_id, m.record, m.updated_at, coalesce(json_extract(k.record, '$.category'), mk.category) AS category
      FROM imported_record m
      LEFT JOIN imported_record k ON k.sender_id = m.sender_id AND k.period = m.period AND k.record_type = 'measureKind' AND k.record_id = json_extract(m.record, '$.kindCode') AND k.withdrawn_at IS NULL
      LEFT JOIN measure_kind mk ON mk.code = json_extract(m.record, '$.kindCode')
      WHERE m.period = ? AND m.record_type = 'measure' AND m.withdrawn_at IS NULL`);
    const former = await time(7, () => [formerPlans.all(PERIOD), formerMeasures.all(PERIOD)]);

    const filter = { query: '7.a', kindCode: 'compensation.publicTransport', waitingSinceBefore: '2026-01-20' };
    const filtered = filterQueue(opened, filter);
    const filtering = await time(21, () => filterQueue(opened, filter));
    const filterSql = raw.prepare(`SELECT q.sender_id, q.plan_id FROM queue_plan q
      WHERE q.period = ? AND (CASE WHEN q.class_label GLOB '[0-9]*' THEN q.class_label ELSE q.grade || '.' || q.class_label END) LIKE '%7.a%'
        AND substr(q.updated_at, 1, 10) <= '2026-01-20'
        AND EXISTS (SELECT 1 FROM queue_measure m WHERE m.period = q.period AND m.sender_id = q.sender_id AND m.plan_id = q.plan_id AND m.kind_code = 'compensation.publicTransport')
        AND NOT EXISTS (SELECT 1 FROM authority_decision d WHERE d.school_id = q.sender_id AND d.plan_id = q.plan_id)`);
    const sqlCount = filterSql.all(PERIOD).length;
    const filterBaseline = await time(21, () => filterSql.all(PERIOD));

    return {
      name: `Decision queue: ${SCHOOLS} schools, ${WAITING} waiting plans (+${DECIDED} decided)`,
      lines: [
        `open (service): ${ms(open.medianMs)}   raw SQL (same three queries): ${ms(baseline.medianMs)}   ratio ${ratio(open.medianMs, baseline.medianMs)}   ${open.medianMs < 100 ? 'under' : 'OVER'} 100 ms`,
        `the former queries on imported JSON, raw (the old baseline, same run): ${ms(former.medianMs)}   open (service) / former raw ${ratio(open.medianMs, former.medianMs)}`,
        `filter (filterQueue over the opened rows): ${ms(filtering.medianMs)} for ${filtered.length} rows   raw SQL with the same WHERE: ${ms(filterBaseline.medianMs)} for ${sqlCount} rows   ratio ${ratio(filtering.medianMs, filterBaseline.medianMs)}`,
      ],
    };
  } finally {
    await muni.close();
  }
}
