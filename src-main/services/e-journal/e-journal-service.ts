/**
 * E-journal early warning at school: previews and imports exports (each
 * import kept as history, one transaction, audited), mapping presets,
 * thresholds, and the views that point staff at students: the register's
 * signal map, a student's trend, and the list suggested for screening.
 * Signals are pointers, not verdicts: nothing here changes a screening or a
 * plan. Indicators stay at school (the exchange export never reads these
 * tables) and reading a student's indicators is audited like their card.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  JOURNAL_THRESHOLD_DEFAULTS,
  JOURNAL_THRESHOLDS_SETTING,
  journalMappingSchema,
  journalThresholdsSchema,
  presetNameSchema,
  signalsOf,
  type JournalIndicators,
  type JournalMapping,
  type JournalPreset,
  type JournalReport,
  type JournalSignalMap,
  type JournalSuggestions,
  type JournalThresholds,
  type JournalTrend,
} from '../../../src-shared/domain/e-journal';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import type { DB } from '../../db/schema';
import type { JournalIndicatorTable } from '../../db/journal-tables';
import type { Clock } from '../../ports/clock';
import { requireMode, requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';
import type { CalendarService } from '../school/calendar-service';
import { getSemester } from '../school/school-work-checks';
import { computeIndicators } from './indicators';
import { matchToRegister } from './match';
import { parseJournal } from './parse-journal';
import { readGrid } from './read-grid';

export interface JournalImportInput {
  bytes: Uint8Array;
  fileName: string;
  /** The semester the export covers; default: the current one. */
  semesterId?: string;
  /** A saved preset to apply first. */
  presetName?: string;
  /** The user's confirmed or fixed mapping (header key → role); wins over the preset. */
  mapping?: JournalMapping;
  /** Save the mapping used (preset + fixes) under this name. */
  savePresetAs?: string;
}

interface Analysis {
  report: JournalReport;
  rows: (Omit<JournalIndicatorTable, 'import_id'> & { indicators: JournalIndicators })[];
  mapping: JournalMapping;
}

const toIndicators = (r: JournalIndicatorTable): JournalIndicators => ({
  unexcusedLessons: r.unexcused_lessons,
  excusedLessons: r.excused_lessons,
  lessons: r.lessons,
  unexcusedShare: r.lessons ? Math.round((r.unexcused_lessons / r.lessons) * 10000) / 10000 : null,
  absenceShare: r.lessons ? Math.round(((r.unexcused_lessons + r.excused_lessons) / r.lessons) * 10000) / 10000 : null,
  insufficientMarks: r.insufficient_marks,
  notAssessed: r.not_assessed,
  average: r.average,
  averageDrop: r.average_drop,
});

export class EJournalService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
  ) {}

  private async guard(actor: Actor | null, permission: 'school.read' | 'student.write' | 'school.admin'): Promise<Actor> {
    const who = requirePermission(actor, permission);
    await requireMode(this.db, ['school']);
    return who;
  }

  // ---- thresholds ----

  async thresholds(actor: Actor): Promise<{ thresholds: JournalThresholds; isDefault: boolean }> {
    await this.guard(actor, 'school.read');
    return this.currentThresholds();
  }

  private async currentThresholds(): Promise<{ thresholds: JournalThresholds; isDefault: boolean }> {
    const row = await this.db.selectFrom('setting').select('value').where('key', '=', JOURNAL_THRESHOLDS_SETTING).executeTakeFirst();
    if (row) {
      try {
        const parsed = journalThresholdsSchema.safeParse(JSON.parse(row.value));
        if (parsed.success) return { thresholds: parsed.data, isDefault: false };
      } catch {
        // an unreadable stored value counts as not set
      }
    }
    return { thresholds: { ...JOURNAL_THRESHOLD_DEFAULTS }, isDefault: true };
  }

  /** Sets the thresholds (school admin); `null` goes back to the defaults. */
  async saveThresholds(actor: Actor, thresholds: JournalThresholds | null): Promise<{ thresholds: JournalThresholds; isDefault: boolean }> {
    const who = await this.guard(actor, 'school.admin');
    const now = this.clock.now();
    if (thresholds !== null && !journalThresholdsSchema.safeParse(thresholds).success)
      throw AppError.validation([{ path: 'thresholds', messageKey: 'errors.field.invalid' }]);
    await this.db.transaction().execute(async (trx) => {
      if (thresholds === null) await trx.deleteFrom('setting').where('key', '=', JOURNAL_THRESHOLDS_SETTING).execute();
      else {
        const value = JSON.stringify(thresholds);
        await trx
          .insertInto('setting')
          .values({ key: JOURNAL_THRESHOLDS_SETTING, value, updated_at: now.toISOString() })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now.toISOString() }))
          .execute();
      }
      await recordAudit(trx, who, now, { action: 'update', entity: 'setting', entityId: JOURNAL_THRESHOLDS_SETTING });
    });
    return this.currentThresholds();
  }

  // ---- presets ----

  async presets(actor: Actor): Promise<JournalPreset[]> {
    await this.guard(actor, 'school.read');
    const rows = await this.db.selectFrom('journal_preset').selectAll().orderBy('name').execute();
    return rows.flatMap((r) => {
      const mapping = journalMappingSchema.safeParse(JSON.parse(r.mapping));
      return mapping.success ? [{ name: r.name, mapping: mapping.data, updatedAt: r.updated_at }] : [];
    });
  }

  async savePreset(actor: Actor, name: string, mapping: JournalMapping): Promise<JournalPreset> {
    const who = await this.guard(actor, 'student.write');
    const at = this.clock.now();
    await this.db.transaction().execute(async (trx) => this.writePreset(trx, who, at, name, mapping));
    return { name: name.trim(), mapping, updatedAt: at.toISOString() };
  }

  async deletePreset(actor: Actor, name: string): Promise<void> {
    const who = await this.guard(actor, 'student.write');
    const at = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom('journal_preset').where('name', '=', name).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) throw new AppError('NOT_FOUND', { messageKey: 'errors.journal.presetNotFound' });
      await recordAudit(trx, who, at, { action: 'delete', entity: 'journal_preset', entityId: name });
    });
  }

  private async writePreset(trx: Kysely<DB>, who: Actor, at: Date, rawName: string, rawMapping: JournalMapping): Promise<void> {
    const name = presetNameSchema.safeParse(rawName);
    const mapping = journalMappingSchema.safeParse(rawMapping);
    if (!name.success) throw AppError.validation([{ path: 'presetName', messageKey: 'errors.field.required' }]);
    if (!mapping.success) throw AppError.validation([{ path: 'mapping', messageKey: 'errors.field.invalid' }]);
    const value = JSON.stringify(mapping.data);
    const iso = at.toISOString();
    const existing = await trx.selectFrom('journal_preset').select('name').where('name', '=', name.data).executeTakeFirst();
    await trx
      .insertInto('journal_preset')
      .values({ name: name.data, mapping: value, saved_by: who.userId, created_at: iso, updated_at: iso })
      .onConflict((oc) => oc.column('name').doUpdateSet({ mapping: value, saved_by: who.userId, updated_at: iso }))
      .execute();
    await recordAudit(trx, who, at, { action: existing ? 'update' : 'create', entity: 'journal_preset', entityId: name.data });
  }

  // ---- import ----

  /** Reads, maps, matches and computes, writing nothing (the wizard's preview, the CLI's --dry-run). */
  async preview(actor: Actor, input: JournalImportInput): Promise<JournalReport> {
    await this.guard(actor, 'student.write');
    return (await this.analyse(input)).report;
  }

  /**
   * Imports: one transaction with the import's history row, the matched
   * students' indicators, the preset (when asked to save one) and an audit
   * entry. A file that still needs a mapping is refused, nothing written.
   */
  async import(actor: Actor, input: JournalImportInput): Promise<JournalReport> {
    const who = await this.guard(actor, 'student.write');
    const analysis = await this.analyse(input);
    if (analysis.report.status !== 'ok') {
      throw new AppError('RULE_VIOLATION', {
        messageKey: 'errors.journal.needsMapping',
        details: { params: { headers: analysis.report.problems.map((p) => p.header ?? p.problem).join(', ') } },
      });
    }
    const id = randomUUID();
    const at = this.clock.now();
    const { report } = analysis;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('journal_import')
        .values({
          id,
          semester_id: report.semesterId,
          imported_at: at.toISOString(),
          imported_by: who.userId,
          file_name: report.fileName,
          file_sha256: createHash('sha256').update(input.bytes).digest('hex'),
          format: report.format,
          layout: report.layout,
          preset_name: report.presetName,
          mapping: JSON.stringify(analysis.mapping),
          students_read: report.studentsRead,
          matched: report.matched,
          unmatched: report.unmatched.filter((u) => u.reason !== 'severalInClass').length,
          ambiguous: report.unmatched.filter((u) => u.reason === 'severalInClass').length,
          skipped_rows: report.skipped.length,
        })
        .execute();
      const rows = analysis.rows.map(({ indicators: _i, ...row }) => ({ ...row, import_id: id }));
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto('journal_indicator')
          .values(rows.slice(i, i + 500))
          .execute();
      if (input.savePresetAs) await this.writePreset(trx, who, at, input.savePresetAs, analysis.mapping);
      await recordAudit(trx, who, at, {
        action: 'import',
        entity: 'journal_import',
        entityId: id,
        detail: {
          semesterId: report.semesterId,
          matched: report.matched,
          unmatched: report.unmatched.length,
          skipped: report.skipped.length,
          signalled: report.signalled,
        },
      });
    });
    return { ...report, importId: id };
  }

  private async analyse(input: JournalImportInput): Promise<Analysis> {
    const semesterId = input.semesterId ?? (await this.calendar.currentSemesterId(this.db));
    if (!semesterId) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.journal.noSemester' });
    const semester = await getSemester(this.db, semesterId);
    let preset: JournalMapping = {};
    if (input.presetName) {
      const row = await this.db.selectFrom('journal_preset').select('mapping').where('name', '=', input.presetName).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', { messageKey: 'errors.journal.presetNotFound', details: { params: { name: input.presetName } } });
      preset = journalMappingSchema.parse(JSON.parse(row.mapping));
    }
    const userMapping = input.mapping ? journalMappingSchema.parse(input.mapping) : {};
    const grid = await readGrid(input.bytes);
    const parsed = parseJournal(grid, { ...preset, ...userMapping });
    // The mapping this import used, as a preset would store it: every header with its role.
    const mapping: JournalMapping = {};
    for (const c of parsed.columns) if (c.role) mapping[c.key] = c.role;

    const base: JournalReport = {
      status: parsed.status,
      fileName: input.fileName.slice(0, 255),
      format: parsed.format,
      encoding: parsed.encoding ?? null,
      separator: parsed.separator ?? null,
      headerRow: parsed.headerRow,
      layout: parsed.layout,
      columns: parsed.columns,
      problems: parsed.problems,
      semesterId,
      presetName: input.presetName ?? null,
      studentsRead: parsed.students.length,
      matched: 0,
      unmatched: [],
      skipped: parsed.skipped,
      signalled: 0,
      importId: null,
    };
    if (parsed.status !== 'ok') return { report: base, rows: [], mapping };

    const register = await this.db.selectFrom('student').select(['id', 'personal_code', 'first_name', 'last_name', 'grade', 'class_label']).execute();
    const outcome = matchToRegister(
      parsed.students,
      register.map((s) => ({
        id: s.id,
        personalCode: s.personal_code,
        firstName: s.first_name,
        lastName: s.last_name,
        grade: s.grade,
        classLabel: s.class_label,
      })),
    );
    const previous = await this.previousAverages(semester.starts_on);
    const { thresholds } = await this.currentThresholds();
    let signalled = 0;
    const rows = outcome.matched.map(({ parsed: p, studentId }) => {
      const indicators = computeIndicators(p, previous.get(studentId) ?? null);
      if (signalsOf(indicators, thresholds).length > 0) signalled++;
      return {
        student_id: studentId,
        unexcused_lessons: indicators.unexcusedLessons,
        excused_lessons: indicators.excusedLessons,
        lessons: indicators.lessons,
        insufficient_marks: indicators.insufficientMarks,
        not_assessed: indicators.notAssessed,
        average: indicators.average,
        average_drop: indicators.averageDrop,
        indicators,
      };
    });
    return {
      report: {
        ...base,
        matched: outcome.matched.length,
        unmatched: outcome.unmatched.map((u) => ({
          rows: u.parsed.rows,
          name: u.parsed.name,
          classLabel: u.parsed.classLabel,
          hasCode: u.parsed.personalCode !== null,
          reason: u.reason,
          candidates: u.candidates,
        })),
        signalled,
      },
      rows,
      mapping,
    };
  }

  /** Each student's average in the latest earlier semester that has one (from that semester's latest import). */
  private async previousAverages(before: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('journal_indicator as i')
      .innerJoin('journal_import as j', 'j.id', 'i.import_id')
      .innerJoin('semester as s', 's.id', 'j.semester_id')
      .select(['i.student_id', 'i.average', 'j.semester_id'])
      .where('s.starts_on', '<', before)
      .where('i.average', 'is not', null)
      .orderBy('s.starts_on', 'desc')
      .orderBy('j.imported_at', 'desc')
      .execute();
    const out = new Map<string, number>();
    for (const r of rows) if (!out.has(r.student_id) && r.average !== null) out.set(r.student_id, r.average);
    return out;
  }

  // ---- where signals show ----

  /** The import the views use: the latest of the current semester, else the latest of any earlier one. */
  private async latestImport(): Promise<{ id: string; semester_id: string; imported_at: string } | null> {
    const current = await this.calendar.currentSemesterId(this.db);
    const base = this.db
      .selectFrom('journal_import as j')
      .innerJoin('semester as s', 's.id', 'j.semester_id')
      .select(['j.id', 'j.semester_id', 'j.imported_at']);
    if (current) {
      const inCurrent = await base.where('j.semester_id', '=', current).orderBy('j.imported_at', 'desc').limit(1).executeTakeFirst();
      if (inCurrent) return inCurrent;
    }
    return (await base.orderBy('s.starts_on', 'desc').orderBy('j.imported_at', 'desc').limit(1).executeTakeFirst()) ?? null;
  }

  /** Signal kinds per student from the latest import: the register's column and filter. */
  async signalMap(actor: Actor): Promise<JournalSignalMap> {
    await this.guard(actor, 'school.read');
    const latest = await this.latestImport();
    if (!latest) return { semesterId: null, importedAt: null, students: [] };
    const { thresholds } = await this.currentThresholds();
    const rows = await this.db.selectFrom('journal_indicator').selectAll().where('import_id', '=', latest.id).execute();
    return {
      semesterId: latest.semester_id,
      importedAt: latest.imported_at,
      students: rows.flatMap((r) => {
        const kinds = signalsOf(toIndicators(r), thresholds).map((s) => s.kind);
        return kinds.length > 0 ? [{ studentId: r.student_id, kinds }] : [];
      }),
    };
  }

  /** One student's indicators per semester (latest import of each), oldest first. Audited as an opening of their data. */
  async trend(actor: Actor, studentId: string): Promise<JournalTrend> {
    const who = await this.guard(actor, 'school.read');
    const { thresholds } = await this.currentThresholds();
    return this.db.transaction().execute(async (trx) => {
      const student = await trx.selectFrom('student').select('id').where('id', '=', studentId).executeTakeFirst();
      if (!student) throw new AppError('NOT_FOUND', { messageKey: 'errors.student.notFound' });
      const rows = await trx
        .selectFrom('journal_indicator as i')
        .innerJoin('journal_import as j', 'j.id', 'i.import_id')
        .innerJoin('semester as s', 's.id', 'j.semester_id')
        .selectAll('i')
        .select(['j.semester_id', 'j.imported_at', 's.starts_on'])
        .where('i.student_id', '=', studentId)
        .orderBy('s.starts_on', 'asc')
        .orderBy('j.imported_at', 'desc')
        .execute();
      const seen = new Set<string>();
      const periods: JournalTrend['periods'] = [];
      for (const r of rows) {
        if (seen.has(r.semester_id)) continue;
        seen.add(r.semester_id);
        const indicators = toIndicators(r);
        periods.push({ semesterId: r.semester_id, importedAt: r.imported_at, indicators, signals: signalsOf(indicators, thresholds) });
      }
      await recordAudit(trx, who, this.clock.now(), { action: 'open', entity: 'journal_indicator', entityId: studentId });
      return { periods };
    });
  }

  /**
   * Students with signals in the latest import who have no screening yet in
   * that import's semester, each with the signals as the reason. A
   * suggestion only: staff decide whom to screen.
   */
  async suggestions(actor: Actor): Promise<JournalSuggestions> {
    const who = await this.guard(actor, 'school.read');
    const latest = await this.latestImport();
    if (!latest) return { semesterId: null, importedAt: null, students: [] };
    const { thresholds } = await this.currentThresholds();
    const rows = await this.db
      .selectFrom('journal_indicator as i')
      .innerJoin('student as st', 'st.id', 'i.student_id')
      .leftJoin('screening as sc', (join) => join.onRef('sc.student_id', '=', 'i.student_id').on('sc.semester_id', '=', latest.semester_id))
      .selectAll('i')
      .select(['st.first_name', 'st.last_name', 'st.grade', 'st.class_label', 'st.status'])
      .where('i.import_id', '=', latest.id)
      .where('sc.id', 'is', null)
      .where('st.status', '=', 'active')
      .orderBy('st.grade')
      .orderBy('st.class_label')
      .orderBy('st.last_name')
      .orderBy('st.first_name')
      .execute();
    const students = rows.flatMap((r) => {
      const signals = signalsOf(toIndicators(r), thresholds);
      return signals.length > 0
        ? [{ studentId: r.student_id, firstName: r.first_name, lastName: r.last_name, grade: r.grade, classLabel: r.class_label, signals }]
        : [];
    });
    await recordAudit(this.db, who, this.clock.now(), {
      action: 'open',
      entity: 'journal_suggestions',
      entityId: latest.id,
      detail: { count: students.length },
    });
    return { semesterId: latest.semester_id, importedAt: latest.imported_at, students };
  }
}
