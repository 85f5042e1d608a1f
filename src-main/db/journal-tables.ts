/** Kysely types for migration 0007 (e-journal early warning). Column names as in SQL. */
export interface JournalPresetTable {
  name: string;
  mapping: string;
  saved_by: string;
  created_at: string;
  updated_at: string;
}
export interface JournalImportTable {
  id: string;
  semester_id: string;
  imported_at: string;
  imported_by: string;
  file_name: string;
  file_sha256: string;
  format: 'csv' | 'xlsx';
  layout: 'perStudent' | 'perSubject';
  preset_name: string | null;
  mapping: string;
  students_read: number;
  matched: number;
  unmatched: number;
  ambiguous: number;
  skipped_rows: number;
}
export interface JournalIndicatorTable {
  import_id: string;
  student_id: string;
  unexcused_lessons: number;
  excused_lessons: number;
  lessons: number | null;
  insufficient_marks: number;
  not_assessed: number;
  average: number | null;
  average_drop: number | null;
}
export interface JournalTables {
  journal_preset: JournalPresetTable;
  journal_import: JournalImportTable;
  journal_indicator: JournalIndicatorTable;
}
