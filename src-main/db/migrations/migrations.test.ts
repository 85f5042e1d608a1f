/**
 * Migrations are append-only, and each one upgrades a database of the
 * previous version without losing its rows. Add an upgrade test here for
 * every new migration: build the fixture at the previous version, fill it,
 * migrate, check.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../connection';
import { makeTempDir, openTempDatabase, type TempDir } from '../testing/temp-db';
import { rebuildQueue } from '../../services/decisions/queue-model';
import { buildMissingAnalytics, fillEffectColumns, rebuildAnalytics, rebuildSummaries } from '../../services/statistics/analytic-model';
import { rebuildAnalytics as referenceRebuild } from '../../services/statistics/testing/analytic-reference';
import { seededRandom as rng } from '../../../src-shared/domain/seeded-random';
import { holdRandomStateReport, rebuiltSummarySnapshot, summarySnapshot } from '../../services/statistics/testing/summaries';
import { MIGRATION_NAMES } from './index';

const dir = join(import.meta.dirname);
const lock = JSON.parse(readFileSync(join(dir, 'migrations.lock.json'), 'utf8')) as Record<string, string>;

let tmp: TempDir;
beforeEach(async () => {
  tmp = await makeTempDir();
});
afterEach(async () => {
  await tmp.remove();
});

describe('migrations', () => {
  it('are all listed in index.ts, in file-name order', () => {
    const files = readdirSync(dir)
      .filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(MIGRATION_NAMES).toEqual(files);
    MIGRATION_NAMES.forEach((name, i) => expect(name.startsWith(String(i + 1).padStart(4, '0'))).toBe(true));
  });

  it('are never edited once locked (append-only)', () => {
    for (const name of MIGRATION_NAMES) {
      const hash = createHash('sha256')
        .update(readFileSync(join(dir, `${name}.ts`)))
        .digest('hex');
      expect(lock[name], `${name} is not in migrations.lock.json: run node scripts/update-migrations-lock.mjs`).toBeDefined();
      expect(hash, `${name} changed after it was locked: add a new migration instead`).toBe(lock[name]);
    }
  });

  it('0002-school-data upgrades a 0001 database and keeps its organisation', async () => {
    const old = await openTempDatabase(tmp.dir, '0001-organisation');
    old.raw
      .prepare(
        "INSERT INTO organisation (id, mode, name, reg_no, municipality, school_type, created_at, updated_at) VALUES (1, 'school', 'Skola', '4313900456', 'Rīga', 'general', 'x', 'x')",
      )
      .run();
    await old.close();

    const upgraded = await openTempDatabase(tmp.dir, '0002-school-data');
    expect(upgraded.raw.prepare('SELECT name, reg_no FROM organisation').all()).toEqual([{ name: 'Skola', reg_no: '4313900456' }]);
    const tables = (upgraded.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const table of ['student', 'plan', 'measure', 'delivery', 'audit_log', 'screening_answer']) expect(tables).toContain(table);
    await upgraded.close();
  });

  it('0003-default-measure-kinds seeds 15 kinds on a 0002 database and keeps a kind an admin already set', async () => {
    const old = await openTempDatabase(tmp.dir, '0002-school-data');
    old.raw
      .prepare(
        "INSERT INTO measure_kind (code, category, label_lv, label_en, unit, cap_cents) VALUES ('compensation.meals', 'compensation', 'Ēdiens', 'Food', 'cents', 5000)",
      )
      .run();
    await old.close();

    const upgraded = await openTempDatabase(tmp.dir, '0003-default-measure-kinds');
    const rows = upgraded.raw.prepare('SELECT code, category, label_en, rate_cents, cap_cents FROM measure_kind ORDER BY code').all() as {
      code: string;
      category: string;
      label_en: string;
      rate_cents: number | null;
      cap_cents: number | null;
    }[];
    expect(rows).toHaveLength(15);
    expect(rows.filter((r) => r.category === 'consultation')).toHaveLength(8);
    expect(rows.filter((r) => r.category === 'compensation')).toHaveLength(6);
    expect(rows.filter((r) => r.category === 'ngo')).toHaveLength(1);
    expect(rows.find((r) => r.code === 'compensation.meals')).toEqual({
      code: 'compensation.meals',
      category: 'compensation',
      label_en: 'Food',
      rate_cents: null,
      cap_cents: 5000,
    });
    expect(rows.filter((r) => r.code !== 'compensation.meals').every((r) => r.rate_cents === null && r.cap_cents === null)).toBe(true);
    await upgraded.close();
  });
  it('0007-e-journal upgrades a database with students, and its indicators go with their student', async () => {
    const old = await openTempDatabase(tmp.dir, '0005-normalise-usernames');
    old.raw.prepare("INSERT INTO school_year (id, starts_on, ends_on) VALUES ('2025/26', '2025-09-01', '2026-05-29')").run();
    old.raw
      .prepare("INSERT INTO semester (id, school_year_id, number, starts_on, ends_on) VALUES ('2025/26-1', '2025/26', 1, '2025-09-01', '2025-12-19')")
      .run();
    old.raw
      .prepare(
        "INSERT INTO student (id, first_name, last_name, personal_code, gender, education_level, grade, created_at, updated_at) VALUES ('s1', 'A', 'B', '010101-10000', 'male', 'general', 3, 'x', 'x')",
      )
      .run();
    await old.close();

    const upgraded = await openTempDatabase(tmp.dir, '0007-e-journal');
    const raw = upgraded.raw;
    expect(raw.prepare('SELECT id FROM student').all()).toEqual([{ id: 's1' }]);
    raw
      .prepare(
        "INSERT INTO journal_import (id, semester_id, imported_at, imported_by, file_name, file_sha256, format, layout, students_read, matched, unmatched, ambiguous, skipped_rows) VALUES ('i1', '2025/26-1', 'x', 'u', 'f.csv', ?, 'csv', 'perStudent', 1, 1, 0, 0, 0)",
      )
      .run('a'.repeat(64));
    const indicator = raw.prepare(
      "INSERT INTO journal_indicator (import_id, student_id, unexcused_lessons, excused_lessons, insufficient_marks, not_assessed, average) VALUES ('i1', ?, 3, 0, 0, 0, ?)",
    );
    indicator.run('s1', 7.5);
    expect(() => indicator.run('nobody', 5)).toThrow(/FOREIGN KEY/);
    expect(() =>
      raw
        .prepare(
          "INSERT INTO journal_indicator (import_id, student_id, unexcused_lessons, excused_lessons, insufficient_marks, not_assessed, average) VALUES ('i1', 's1', 1, 0, 0, 0, 11)",
        )
        .run(),
    ).toThrow(/CHECK|UNIQUE|PRIMARY/);
    raw.prepare("DELETE FROM student WHERE id = 's1'").run();
    expect(raw.prepare('SELECT count(*) AS n FROM journal_indicator').get()).toEqual({ n: 0 });
    expect(raw.prepare('SELECT count(*) AS n FROM journal_import').get()).toEqual({ n: 1 });
    await upgraded.close();
  });
});

describe('the audit log', () => {
  it('cannot be altered with SQL UPDATE or DELETE', async () => {
    const { raw, close } = await openTempDatabase(tmp.dir);
    raw
      .prepare(
        "INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id) VALUES ('2025-10-01T00:00:00Z', 'u1', 'A', 'create', 'student', 's1')",
      )
      .run();
    expect(() => raw.prepare("UPDATE audit_log SET actor_name = 'B'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(raw.prepare('SELECT actor_name FROM audit_log').all()).toEqual([{ actor_name: 'A' }]);
    await close();
  });

  it('0005-normalise-usernames lower-cases Latvian user names (NFC), audits each change, and leaves names that would collide', async () => {
    const old = await openTempDatabase(tmp.dir, '0004-exchange');
    const user = old.raw.prepare(
      "INSERT INTO staff_user (id, username, display_name, password_hash, created_at, updated_at) VALUES (?, ?, 'N', 'h', 'x', 'x')",
    );
    user.run('u1', 'ĀDAMS');
    user.run('u2', 'Zane');
    user.run('u3', 'anna');
    user.run('u4', 'E\u0304RIKA');
    user.run('u5', 'ŠTEINS');
    user.run('u6', 'šteins');
    await old.close();

    const upgraded = await openTempDatabase(tmp.dir, '0005-normalise-usernames');
    const raw = upgraded.raw;
    expect(raw.prepare('SELECT id, username FROM staff_user ORDER BY id').all()).toEqual([
      { id: 'u1', username: 'ādams' },
      { id: 'u2', username: 'zane' },
      { id: 'u3', username: 'anna' },
      { id: 'u4', username: 'ērika' },
      { id: 'u5', username: 'ŠTEINS' },
      { id: 'u6', username: 'šteins' },
    ]);
    expect(raw.prepare('SELECT actor_id, action, entity, entity_id FROM audit_log ORDER BY id').all()).toEqual(
      ['u1', 'u2', 'u4'].map((id) => ({ actor_id: 'app', action: 'update', entity: 'staff_user', entity_id: id })),
    );
    await upgraded.close();
  });

  it('0004-exchange upgrades a 0003 database with a school and its students, and holds one current key per organisation', async () => {
    const old = await openTempDatabase(tmp.dir, '0003-default-measure-kinds');
    old.raw
      .prepare(
        "INSERT INTO organisation (id, mode, name, reg_no, municipality, school_type, created_at, updated_at) VALUES (1, 'school', 'Skola', '4313900456', 'Rīga', 'general', 'x', 'x')",
      )
      .run();
    old.raw
      .prepare(
        "INSERT INTO student (id, first_name, last_name, personal_code, gender, education_level, grade, created_at, updated_at) VALUES ('s1', 'A', 'B', '010101-10000', 'male', 'general', 3, 'x', 'x')",
      )
      .run();
    await old.close();

    const upgraded = await openTempDatabase(tmp.dir, '0004-exchange');
    const raw = upgraded.raw;
    expect(raw.prepare('SELECT reg_no FROM organisation').all()).toEqual([{ reg_no: '4313900456' }]);
    expect(raw.prepare('SELECT id FROM student').all()).toEqual([{ id: 's1' }]);
    const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const table of ['exchange_org', 'exchange_key', 'exchange_out_stream', 'exchange_export', 'exchange_import', 'exchange_alert', 'imported_record']) {
      expect(tables).toContain(table);
    }
    raw
      .prepare(
        "INSERT INTO exchange_org (id, kind, name, role, enrolled_at, enrolled_by, updated_at) VALUES ('riga', 'municipality', 'Rīga', 'recipient', 'x', 'u', 'x')",
      )
      .run();
    const key = (id: string, state: string) =>
      raw
        .prepare(
          "INSERT INTO exchange_key (signing_key_id, org_id, signing_public_key_pem, age_recipient, age_key_id, card, state, added_at, added_by) VALUES (?, 'riga', 'pem', 'age1', ?, '{}', ?, 'x', 'u')",
        )
        .run(id.repeat(64), 'a'.repeat(64), state);
    key('1', 'current');
    expect(() => key('2', 'current')).toThrow(/UNIQUE/);
    key('3', 'replaced');
    expect(() => key('X', 'replaced')).toThrow(/CHECK/);
    expect(() =>
      raw
        .prepare(
          "INSERT INTO imported_record (sender_id, period, record_type, record_id, version, record, package_id, imported_at) VALUES ('nobody', '2025/26-1', 'plan', 'p', 1, '{}', 'x', 'x')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    await upgraded.close();
  });

  // A state report held before the analytic model existed (the two tests below).
  const holdStateReport = (raw0: OpenedDatabase['raw']) => {
    raw0
      .prepare(
        "INSERT INTO exchange_org (id, kind, name, role, enrolled_at, enrolled_by, updated_at) VALUES ('madona', 'municipality', 'Madonas novads', 'sender', 'x', 'u', 'x')",
      )
      .run();
    raw0
      .prepare(
        `INSERT INTO exchange_import (package_id, sender_id, seq, prev_sums, sums_hash, signer_key_id, kind, period, created_at, imported_at, operator_id, operator_name, summary, warnings)
           VALUES ('pk1', 'madona', 1, NULL, '${'a'.repeat(64)}', '${'b'.repeat(64)}', 'state-report', '2025/26-1', 'x', 'x', 'u', 'u', '{}', '[]')`,
      )
      .run();
    const record = (type: string, id: string, json: unknown) =>
      raw0
        .prepare(
          "INSERT INTO imported_record (sender_id, period, record_type, record_id, version, record, package_id, imported_at) VALUES ('madona', '2025/26-1', ?, ?, 1, ?, 'pk1', 'x')",
        )
        .run(type, id, JSON.stringify(json));
    record('school', '4313900456', { id: '4313900456', name: 'Skola' });
    record('student', 'st1', {
      id: 'st1',
      schoolId: '4313900456',
      pseudonym: 'a'.repeat(64),
      birthYear: 2012,
      gender: 'female',
      educationLevel: 'general',
      grade: 8,
      status: 'active',
      leftMonth: null,
    });
    record('screening', 'sc1', { id: 'sc1', studentId: 'st1', screenedMonth: '2025-10', present: [{ riskFactorId: 'school.absences', group: 'school' }] });
  };

  it('0010-statistics-model adds the analytic tables to a 0008 database and keeps what was imported', async () => {
    const old = await openTempDatabase(tmp.dir, '0008-audit-chain');
    holdStateReport(old.raw);
    await old.close();
    const upgraded = await openTempDatabase(tmp.dir, '0010-statistics-model');
    const raw = upgraded.raw;
    expect(raw.prepare('SELECT count(*) AS n FROM imported_record').get()).toEqual({ n: 3 });
    expect(raw.prepare('SELECT count(*) AS n FROM stat_student').get()).toEqual({ n: 0 });
    await upgraded.close();
  });

  it('a database holding imported records upgrades from 0010 to the latest schema and keeps them (0011 rebuilds the table they refer to)', async () => {
    const old = await openTempDatabase(tmp.dir, '0010-statistics-model');
    holdStateReport(old.raw);
    await old.close();
    const upgraded = await openTempDatabase(tmp.dir);
    const raw = upgraded.raw;
    expect(raw.prepare('SELECT count(*) AS n FROM imported_record').get()).toEqual({ n: 3 });
    expect(raw.prepare('SELECT count(*) AS n FROM exchange_import').get()).toEqual({ n: 1 });
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    // Foreign keys are enforced again once the migrations are done.
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    await upgraded.close();
  });

  it('what was imported before the analytic model is built on first use', async () => {
    // On today's schema: the builder writes the columns 0012 added.
    const db = await openTempDatabase(tmp.dir);
    const raw = db.raw;
    holdStateReport(raw);
    expect(buildMissingAnalytics(raw, '2026-01-01T00:00:00.000Z')).toBe(1);
    expect(raw.prepare('SELECT school_id, grade_band, screened, at_risk, risk_groups FROM stat_student').all()).toEqual([
      { school_id: '4313900456', grade_band: '7-9', screened: 1, at_risk: 1, risk_groups: 'school' },
    ]);
    expect(buildMissingAnalytics(raw, '2026-01-01T00:00:00.000Z')).toBe(0);
    await db.close();
  });

  it('0012-query-tables fills the decision queue and the effect columns from what an 0011 database holds, as the import would', async () => {
    const old = await openTempDatabase(tmp.dir, '0011-stream-reset');
    const raw0 = old.raw;
    const P = '2025/26-2';
    raw0
      .prepare(
        "INSERT INTO exchange_org (id, kind, name, role, enrolled_at, enrolled_by, updated_at) VALUES ('4313900456', 'school', 'Skola', 'sender', 'x', 'u', 'x')",
      )
      .run();
    raw0
      .prepare(
        `INSERT INTO exchange_import (package_id, sender_id, seq, prev_sums, sums_hash, signer_key_id, kind, period, created_at, imported_at, operator_id, operator_name, summary, warnings)
         VALUES ('pk1', '4313900456', 1, NULL, '${'a'.repeat(64)}', '${'b'.repeat(64)}', 'school-report', '${P}', 'x', 'x', 'u', 'u', '{}', '[]')`,
      )
      .run();
    const record = (type: string, id: string, json: unknown, withdrawn = false) =>
      raw0
        .prepare(
          `INSERT INTO imported_record (sender_id, period, record_type, record_id, version, record, package_id, imported_at, withdrawn_at) VALUES ('4313900456', '${P}', ?, ?, 1, ?, 'pk1', 'x', ?)`,
        )
        .run(type, id, JSON.stringify(json), withdrawn ? 'x' : null);
    const at = '2026-01-20T10:00:00.000Z';
    record('student', 'st1', { id: 'st1', grade: 7, classLabel: 'b' });
    record('measureKind', 'k1', { id: 'k1', category: 'compensation' });
    record('plan', 'p1', { id: 'p1', code: 'P-1', studentId: 'st1', status: 'approved', updatedAt: at });
    record('plan', 'p2', { id: 'p2', code: 'P-2', studentId: 'gone', status: 'active', updatedAt: at });
    record('plan', 'p3', { id: 'p3', code: 'P-3', studentId: 'st1', status: 'active', updatedAt: at }, true);
    record('measure', 'm1', { id: 'm1', planId: 'p1', kindCode: 'k1', plannedCents: 5000, updatedAt: at });
    record('measure', 'm2', { id: 'm2', planId: 'p1', kindCode: 'consultation.psychologist', plannedCents: null, updatedAt: at });
    record('measure', 'm3', { id: 'm3', planId: 'p1', kindCode: 'k1', plannedCents: 7000, updatedAt: at }, true);
    // The analytic model as 0010 left it: a plan with two kinds, one delivered and linked to one of its two risks.
    const dims = "'female', 'general', '7-9'";
    raw0.prepare(`INSERT INTO stat_plan VALUES ('4313900456', '${P}', '4313900456', 'p1', 'st1', 'approved', 'continues', ${dims}, 'school')`).run();
    raw0
      .prepare(`INSERT INTO stat_measure VALUES ('4313900456', '${P}', '4313900456', ?, 'p1', ?, 'consultation', 0, 0, ?, 0, 0, NULL, NULL, ${dims})`)
      .run('m1', 'consultation.psychologist', 2);
    raw0
      .prepare(`INSERT INTO stat_measure VALUES ('4313900456', '${P}', '4313900456', ?, 'p1', ?, 'consultation', 0, 0, ?, 0, 0, NULL, NULL, ${dims})`)
      .run('m2', 'consultation.teacher', 0);
    raw0.prepare(`INSERT INTO stat_measure_risk VALUES ('4313900456', '${P}', 'm1', 'school.absences')`).run();
    for (const f of ['school.absences', 'school.grades'])
      raw0.prepare(`INSERT INTO stat_risk_outcome VALUES ('4313900456', '${P}', '4313900456', 'p1', ?, 'school', 'lessened', '7-9')`).run(f);
    await old.close();

    const upgraded = await openTempDatabase(tmp.dir);
    const raw = upgraded.raw;
    const queue = () => ({
      plans: raw.prepare('SELECT * FROM queue_plan ORDER BY plan_id').all(),
      measures: raw.prepare('SELECT * FROM queue_measure ORDER BY measure_id').all(),
    });
    const backfilled = queue();
    expect(backfilled.plans).toEqual([
      { sender_id: '4313900456', period: P, plan_id: 'p1', code: 'P-1', status: 'approved', updated_at: at, grade: 7, class_label: 'b' },
      { sender_id: '4313900456', period: P, plan_id: 'p2', code: 'P-2', status: 'active', updated_at: at, grade: null, class_label: null },
    ]);
    expect(backfilled.measures).toEqual([
      { sender_id: '4313900456', period: P, plan_id: 'p1', measure_id: 'm1', kind_code: 'k1', category: 'compensation', planned_cents: 5000, updated_at: at },
      {
        sender_id: '4313900456',
        period: P,
        plan_id: 'p1',
        measure_id: 'm2',
        kind_code: 'consultation.psychologist',
        category: null,
        planned_cents: null,
        updated_at: at,
      },
    ]);
    const effects = () => ({
      plans: raw.prepare('SELECT plan_id, kinds, delivered_kinds FROM stat_plan').all(),
      risks: raw.prepare('SELECT factor_key, plan_kinds, reached_kinds FROM stat_risk_outcome ORDER BY factor_key').all(),
    });
    const filled = effects();
    expect(filled).toEqual({
      plans: [{ plan_id: 'p1', kinds: 'consultation.psychologist,consultation.teacher', delivered_kinds: 'consultation.psychologist' }],
      risks: [
        { factor_key: 'school.absences', plan_kinds: 'consultation.psychologist,consultation.teacher', reached_kinds: 'consultation.psychologist' },
        { factor_key: 'school.grades', plan_kinds: 'consultation.psychologist,consultation.teacher', reached_kinds: '' },
      ],
    });
    // What the import writes from the same records is what the migration wrote.
    raw.exec(
      "UPDATE stat_plan SET kinds = '', delivered_kinds = ''; UPDATE stat_risk_outcome SET plan_kinds = '', reached_kinds = ''; DELETE FROM queue_plan; DELETE FROM queue_measure;",
    );
    raw.transaction(() => {
      rebuildQueue(raw, '4313900456', P);
      fillEffectColumns(raw, { senderId: '4313900456', period: P });
    })();
    expect(queue()).toEqual(backfilled);
    expect(effects()).toEqual(filled);
    await upgraded.close();
  });
  it('0013-decisions-sent-mark gives change numbers to a 0011 database: its rows keep theirs (0), no school counts as sent yet', async () => {
    const old = await openTempDatabase(tmp.dir, '0011-stream-reset');
    const raw0 = old.raw;
    raw0
      .prepare(
        "INSERT INTO exchange_org (id, kind, name, role, enrolled_at, enrolled_by, updated_at) VALUES ('4313900456', 'school', 'Skola', 'sender', 'x', 'u', 'x')",
      )
      .run();
    raw0
      .prepare(
        `INSERT INTO authority_decision (id, school_id, period, plan_id, plan_code, plan_version, plan_updated_at, outcome, measures, comment, decided_at, decided_by, decided_by_name)
         VALUES ('d1', '4313900456', '2025/26-1', 'p1', 'IAP-1', 3, 'x', 'approved', '[]', '', '2025-10-15T10:00:00.000Z', 'u', 'U')`,
      )
      .run();
    await old.close();

    const upgraded = await openTempDatabase(tmp.dir, '0013-decisions-sent-mark');
    const raw = upgraded.raw;
    expect(raw.prepare('SELECT id, plan_code, change_no FROM authority_decision').all()).toEqual([{ id: 'd1', plan_code: 'IAP-1', change_no: 0 }]);
    expect(raw.prepare('SELECT id, last_no FROM authority_change_counter').all()).toEqual([{ id: 1, last_no: 0 }]);
    expect(raw.prepare('SELECT count(*) AS n FROM decisions_sent').get()).toEqual({ n: 0 });
    expect(() => raw.prepare('INSERT INTO authority_change_counter (id, last_no) VALUES (2, 0)').run()).toThrow(/CHECK/);
    await upgraded.close();
  });

  /** The three (sender, period) slices the summary upgrades are tested on. */
  const slices = [
    ['novads-1', '2025/26-1'],
    ['novads-2', '2025/26-1'],
    ['novads-1', '2025/26-2'],
  ] as const;

  /** A database at `version` holding a random state report per slice and the analytic rows built from it by the reference builder. */
  async function withImportsAsOf(version: string, seed: number) {
    const old = await openTempDatabase(tmp.dir, version);
    const r = rng(seed);
    for (const [sender, period] of slices) {
      holdRandomStateReport(old.raw, r, sender, period, 50);
      old.raw.transaction(() => referenceRebuild(old.raw, sender, period, 'x'))();
    }
    return { old, r };
  }

  it('0014-stat-summaries fills the summary counts from the analytic model a 0013 database holds, as the imports would have', async () => {
    // Imports as a 0013 app made them: imported records and the analytic rows built from them (the reference builder writes no summaries).
    const { old, r } = await withImportsAsOf('0013-decisions-sent-mark', 14);
    expect(old.raw.prepare('SELECT count(*) AS n FROM stat_plan').get()).not.toEqual({ n: 0 });
    await old.close();

    const upgraded = await openTempDatabase(tmp.dir);
    const raw = upgraded.raw;
    const backfilled = summarySnapshot(raw);
    expect(backfilled.units.length).toBe(slices.length * 3);
    expect(backfilled.effects.length).toBeGreaterThan(50);
    expect(backfilled).toEqual(rebuiltSummarySnapshot(raw));
    // Each import since subtracts what its (sender, period) counted and adds what it counts: the backfill is what they subtract.
    for (const [sender, period] of slices) raw.transaction(() => rebuildAnalytics(raw, sender, period, 'y'))();
    expect(summarySnapshot(raw)).toEqual(backfilled);
    holdRandomStateReport(raw, r, 'novads-2', '2025/26-1', 30);
    raw.transaction(() => rebuildAnalytics(raw, 'novads-2', '2025/26-1', 'z'))();
    expect(summarySnapshot(raw)).not.toEqual(backfilled);
    expect(summarySnapshot(raw)).toEqual(rebuiltSummarySnapshot(raw));
    await upgraded.close();
  });

  it('0015-overview-summaries fills the overview counts from the analytic model a 0014 database holds, as the imports would have', async () => {
    // Imports as a 0014 app made them, as far as the overview reads: the analytic rows (the tables of 0015 do not exist yet).
    const { old, r } = await withImportsAsOf('0014-stat-summaries', 15);
    expect(old.raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'stat_overview_count'").get()).toEqual({ n: 0 });
    expect(old.raw.prepare('SELECT count(*) AS n FROM stat_measure').get()).not.toEqual({ n: 0 });
    await old.close();

    const upgraded = await openTempDatabase(tmp.dir);
    const raw = upgraded.raw;
    const backfilled = summarySnapshot(raw);
    expect(backfilled.overviewCells.length).toBeGreaterThan(100);
    expect(new Set(backfilled.overviewMeasures.map((m) => (JSON.parse(m) as { sender_id: string; period: string }).period)).size).toBe(2);
    expect(backfilled.overviewCells).toEqual(rebuiltSummarySnapshot(raw).overviewCells);
    expect(backfilled.overviewAll.length).toBeGreaterThan(50);
    expect(backfilled.overviewAll).toEqual(rebuiltSummarySnapshot(raw).overviewAll);
    expect(backfilled.overviewMeasures).toEqual(rebuiltSummarySnapshot(raw).overviewMeasures);
    // Each import since replaces its (sender, period)'s counts: from the backfill it changes nothing until the records change.
    for (const [sender, period] of slices) raw.transaction(() => rebuildAnalytics(raw, sender, period, 'y'))();
    expect(summarySnapshot(raw).overviewCells).toEqual(backfilled.overviewCells);
    expect(summarySnapshot(raw).overviewAll).toEqual(backfilled.overviewAll);
    expect(summarySnapshot(raw).overviewMeasures).toEqual(backfilled.overviewMeasures);
    holdRandomStateReport(raw, r, 'novads-2', '2025/26-1', 30);
    raw.transaction(() => rebuildAnalytics(raw, 'novads-2', '2025/26-1', 'z'))();
    expect(summarySnapshot(raw).overviewCells).not.toEqual(backfilled.overviewCells);
    expect(summarySnapshot(raw).overviewCells).toEqual(rebuiltSummarySnapshot(raw).overviewCells);
    expect(summarySnapshot(raw).overviewAll).toEqual(rebuiltSummarySnapshot(raw).overviewAll);
    expect(summarySnapshot(raw).overviewMeasures).toEqual(rebuiltSummarySnapshot(raw).overviewMeasures);
    await upgraded.close();
  });

  it("0016-drop-measure-kind-index drops the measures' kind index of a 0015 database; the kinds of the overview's measure figures are every kind held", async () => {
    const index = "SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name = 'stat_measure_kind'";
    const { old } = await withImportsAsOf('0015-overview-summaries', 16);
    // The summaries as a 0015 app's imports kept them (the reference builder writes none).
    rebuildSummaries(old.raw);
    expect(old.raw.prepare(index).get()).toEqual({ n: 1 });
    await old.close();

    const upgraded = await openTempDatabase(tmp.dir);
    const raw = upgraded.raw;
    expect(raw.prepare(index).get()).toEqual({ n: 0 });
    // What the effect estimates list (authority-statistics.ts) in place of a seek through the index: the same kinds.
    const kinds = (sql: string) => (raw.prepare(sql).all() as { kind_code: string }[]).map((k) => k.kind_code);
    const held = kinds('SELECT DISTINCT kind_code FROM stat_measure ORDER BY kind_code');
    expect(held.length).toBeGreaterThan(3);
    expect(kinds('SELECT DISTINCT kind_code FROM stat_overview_measure ORDER BY kind_code')).toEqual(held);
    await upgraded.close();
  });
});
