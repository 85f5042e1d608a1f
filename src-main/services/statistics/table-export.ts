/**
 * Statistics tables as they leave an installation: the protected report
 * (suppress-report.ts; hidden cells as "•") as flat tables with translated
 * headers, written as XLSX (numbers as numbers, one sheet per table, the
 * note under each) or CSV that Latvian Excel opens (UTF-8 with BOM, ';'
 * between fields, decimal comma). Used by the screen's export and by
 * `pumpurs report`.
 */
import ExcelJS from 'exceljs';
import type { StatEffectiveness, StatOverview, StatTrends } from '../../../src-shared/domain/statistics/report';
import { TREND_METRICS, UNIT_METRICS } from '../../../src-shared/domain/statistics/report';
import { keyFromData } from '../../../src-shared/i18n/index';

export type Translate = (key: string, params?: Record<string, unknown>) => string;
export type FlatCell = string | number | null;
export interface FlatTable {
  name: string;
  title: string;
  headers: string[];
  rows: FlatCell[][];
}

export const HIDDEN = '•';
export const REPORT_NAMES = ['overview', 'measures', 'units', 'trends', 'effectiveness'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

const euros = (cents: number | null | undefined): FlatCell => (cents === null || cents === undefined ? null : cents / 100);
const hours = (minutes: number | null): FlatCell => (minutes === null ? null : Math.round((minutes / 60) * 10) / 10);
const label = (lang: 'lv' | 'en', l: { labelLv?: string | undefined; labelEn?: string | undefined; key?: string }) =>
  (lang === 'en' ? l.labelEn : l.labelLv) ?? l.key ?? '';

const ROW_PREFIX: Record<string, string | null> = {
  students: 'statistics.row.',
  riskGroups: 'riskGroup.',
  riskFactors: null,
  plansByStatus: 'planStatus.',
  outcomes: 'studentOutcome.',
};

export function flattenOverview(o: StatOverview, t: Translate, lang: 'lv' | 'en'): FlatTable[] {
  const column = (c: string) =>
    o.breakdown === 'none'
      ? t('statistics.column.all')
      : o.breakdown === 'gradeBand'
        ? t(keyFromData(`statistics.gradeBand.${c}`))
        : o.breakdown === 'gender'
          ? t(keyFromData(`gender.${c}`))
          : t(keyFromData(`educationLevel.${c}`));
  const multi = o.columns.length > 1;
  const out: FlatTable[] = o.tables.map((table) => ({
    name: table.id,
    title: t(keyFromData(`statistics.table.${table.id}`)),
    headers: [t(keyFromData(`statistics.table.${table.id}`)), ...o.columns.map(column), ...(multi ? [t('statistics.column.total')] : [])],
    rows: table.rows.map((r) => {
      const prefix = ROW_PREFIX[table.id];
      return [prefix ? t(keyFromData(`${prefix}${r.key}`)) : label(lang, r), ...r.values, ...(multi ? [r.total] : [])];
    }),
  }));
  out.push({
    name: 'measures',
    title: t('statistics.measures.title'),
    headers: [
      t('statistics.measures.kind'),
      t('statistics.measures.plans'),
      t('statistics.measures.measures'),
      `${t('statistics.measures.planned')}, h`,
      `${t('statistics.measures.delivered')}, h`,
      `${t('statistics.measures.planned')}, €`,
      `${t('statistics.measures.delivered')}, €`,
      `${t('statistics.measures.approved')}, €`,
      `${t('statistics.measures.paid')}, €`,
    ],
    rows: o.measures.map((m) => [
      label(lang, m),
      m.plans,
      m.measures,
      m.category === 'consultation' ? hours(m.plannedMinutes) : '',
      m.category === 'consultation' ? hours(m.deliveredMinutes) : '',
      m.category === 'compensation' ? euros(m.plannedCents) : '',
      m.category === 'compensation' ? euros(m.deliveredCents) : '',
      m.category === 'compensation' ? euros(m.approvedCents) : '',
      m.category === 'compensation' ? euros(m.paidCents) : '',
    ]),
  });
  if (o.units) {
    out.push({
      name: 'units',
      title: t(o.units.level === 'school' ? 'statistics.units.school' : 'statistics.units.municipality'),
      headers: [t('statistics.units.name'), ...UNIT_METRICS.map((m) => t(keyFromData(`statistics.unit.${m}`)))],
      rows: [...o.units.rows.map((r) => [r.name, ...r.values]), [t('statistics.units.total'), ...o.units.totals]],
    });
  }
  return out;
}

export function flattenTrends(trends: StatTrends, t: Translate): FlatTable {
  const money = TREND_METRICS.indexOf('deliveredCents');
  return {
    name: 'trends',
    title: t('statistics.trends.title'),
    headers: [t('statistics.trends.semester'), ...TREND_METRICS.map((m) => t(keyFromData(`statistics.trend.${m}`)))],
    rows: trends.rows.map((r) => [r.semesterId, ...r.values.map((v, i) => (i === money ? euros(v) : v))]),
  };
}

export function flattenEffectiveness(e: StatEffectiveness, t: Translate, lang: 'lv' | 'en'): FlatTable {
  const cells = (x: StatEffectiveness['kinds'][number]['risksLessened']): FlatCell[] =>
    x.kind === 'estimate'
      ? [Math.round(x.difference * 1000) / 10, Math.round(x.lower * 1000) / 10, Math.round(x.upper * 1000) / 10, x.exposed, x.comparison]
      : [null, null, null, x.exposed, x.comparison];
  const side = (name: string) => [`${name}: Δ p.p.`, `${name}: 95% −`, `${name}: 95% +`, `${name}: n`, `${name}: n₀`];
  return {
    name: 'effectiveness',
    title: t('statistics.effect.title'),
    headers: [t('statistics.effect.kind'), ...side(t('statistics.effect.risks')), ...side(t('statistics.effect.stay'))],
    rows: e.kinds.map((k) => [label(lang, k), ...cells(k.risksLessened), ...cells(k.stillInEducation)]),
  };
}

/** CSV for Latvian Excel: BOM, ';' separator, decimal comma, hidden cells as "•", every table under its title. */
export function toCsv(tables: readonly FlatTable[], note: string | null): string {
  const field = (v: FlatCell): string => {
    if (v === null) return HIDDEN;
    const s = typeof v === 'number' ? String(v).replace('.', ',') : v;
    return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines: string[] = [];
  for (const [i, table] of tables.entries()) {
    if (i > 0) lines.push('');
    lines.push(field(table.title));
    lines.push(table.headers.map(field).join(';'));
    for (const row of table.rows) lines.push(row.map(field).join(';'));
  }
  if (note) lines.push('', field(note));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** XLSX: one sheet per table, headers bold, numbers as numbers, hidden cells as "•", the note under each table. */
export async function toXlsx(tables: readonly FlatTable[], note: string | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const table of tables) {
    let name = table.title.replace(/[[\]*?/\\:]/g, ' ').slice(0, 31);
    for (let n = 2; used.has(name); n++) name = `${name.slice(0, 28)} ${n}`;
    used.add(name);
    const ws = wb.addWorksheet(name);
    ws.addRow(table.headers).font = { bold: true };
    for (const row of table.rows) ws.addRow(row.map((v) => (v === null ? HIDDEN : v)));
    if (note) {
      ws.addRow([]);
      ws.addRow([note]);
    }
    ws.columns.forEach((c, i) => {
      c.width = i === 0 ? 40 : 14;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
