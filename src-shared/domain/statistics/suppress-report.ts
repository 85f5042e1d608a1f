/**
 * Small-cell protection applied to the statistics report (suppression.ts
 * does the work; this says which numbers are linked to which):
 *
 * - students: at risk + not at risk = screened, per column and in total, so
 *   the table is [atRisk, notAtRisk] × columns with row totals and the
 *   "screened" row as its column totals;
 * - risk groups and factors: a student may count in several rows, so only
 *   each row's total over the columns links cells;
 * - plans by status and outcomes: rows × columns with row and column totals
 *   (the column totals are not shown, but hiding as if they were is safe);
 * - measures: a kind whose count of plans is small is hidden whole (its
 *   hours and money with it); no total over kinds is published;
 * - units (schools / municipalities): each metric is a column whose total is
 *   published; `hiddenTotals` carries totals hidden in a parent table (the
 *   municipality's row at the state), so they stay hidden here;
 * - trends: no totals are published, small counts are hidden, and money and
 *   hours of a semester go with its count of measures.
 */
import type { StatOverview, StatTable, StatTrends, UnitTable } from './report';
import { suppressTable } from './suppression';

const vals = (v: readonly (number | null)[]) => v.map((x) => x ?? 0);

function suppressCrossTable(table: StatTable, withColTotals: boolean, threshold: number): StatTable {
  if (table.rows.length === 0) return table;
  const multi = (table.rows[0]?.values.length ?? 0) > 1;
  const s = suppressTable({ cells: table.rows.map((r) => vals(r.values)), rowTotals: multi, colTotals: withColTotals }, threshold);
  return {
    id: table.id,
    rows: table.rows.map((r, i) => ({ ...r, values: s.cells[i]!, total: multi ? s.rowTotals![i]! : s.cells[i]![0]! })),
  };
}

function suppressStudents(table: StatTable, threshold: number): StatTable {
  const screened = table.rows.find((r) => r.key === 'screened');
  const inner = table.rows.filter((r) => r.key !== 'screened');
  if (!screened || inner.length === 0) return suppressCrossTable(table, true, threshold);
  const multi = screened.values.length > 1;
  const s = suppressTable({ cells: inner.map((r) => vals(r.values)), rowTotals: multi, colTotals: true }, threshold);
  const top = { ...screened, values: s.colTotals!, total: multi ? (s.grandTotal ?? null) : s.colTotals![0]! };
  return { id: table.id, rows: [top, ...inner.map((r, i) => ({ ...r, values: s.cells[i]!, total: multi ? s.rowTotals![i]! : s.cells[i]![0]! }))] };
}

const small = (n: number | null, threshold: number) => n !== null && n >= 1 && n < threshold;

export function suppressOverview(overview: StatOverview, threshold: number): StatOverview {
  const tables = overview.tables.map((t) => {
    if (t.id === 'students') return suppressStudents(t, threshold);
    if (t.id === 'riskGroups' || t.id === 'riskFactors') return suppressCrossTable(t, false, threshold);
    return suppressCrossTable(t, true, threshold);
  });
  const measures = overview.measures.map((m) =>
    small(m.plans, threshold) || small(m.measures, threshold)
      ? {
          ...m,
          plans: null,
          measures: null,
          plannedMinutes: null,
          deliveredMinutes: null,
          plannedCents: null,
          deliveredCents: null,
          participations: null,
          approvedCents: null,
          paidCents: null,
        }
      : m,
  );
  return { ...overview, tables, measures, units: overview.units ? suppressUnits(overview.units, threshold) : (overview.units ?? null), threshold };
}

export function suppressUnits(units: UnitTable, threshold: number, hiddenTotals?: readonly boolean[]): UnitTable {
  if (units.rows.length === 0) return units;
  const s = suppressTable(
    { cells: units.rows.map((r) => vals(r.values)), rowTotals: false, colTotals: true, ...(hiddenTotals ? { hiddenColTotals: hiddenTotals } : {}) },
    threshold,
  );
  return { ...units, rows: units.rows.map((r, i) => ({ ...r, values: s.cells[i]! })), totals: s.colTotals! };
}

/** Trend rows: counts (all but the money/hours columns at `derived`) hidden when small; derived values hidden with the count of measures (`base`). */
export function suppressTrends(trends: StatTrends, threshold: number, derived: { columns: readonly number[]; base: number }): StatTrends {
  return {
    threshold,
    rows: trends.rows.map((r) => {
      const hideDerived = small(r.values[derived.base] ?? null, threshold);
      return {
        ...r,
        values: r.values.map((v, i) => (derived.columns.includes(i) ? (hideDerived ? null : v) : small(v, threshold) ? null : v)),
      };
    }),
  };
}
