/**
 * One statistics table from counted cells (key × column): the rows in the
 * given order, then any other keys found, sorted; a total per row. Shared by
 * the school's and the authorities' statistics services.
 */
import type { StatTable } from '../../../src-shared/domain/statistics/report';

export interface Cell {
  key: string;
  dim: string;
  n: number;
}

export function table(
  id: StatTable['id'],
  columns: readonly string[],
  cells: readonly Cell[],
  order: readonly string[],
  labels?: Map<string, { lv: string; en: string }>,
): StatTable {
  const keys = [...order, ...[...new Set(cells.map((c) => c.key))].filter((k) => !order.includes(k)).sort()];
  return {
    id,
    rows: keys.map((key) => {
      const values = columns.map((col) => cells.filter((c) => c.key === key && c.dim === col).reduce((a, c) => a + Number(c.n), 0));
      const label = labels?.get(key);
      return { key, ...(label ? { labelLv: label.lv, labelEn: label.en } : {}), values, total: values.reduce((a, b) => a + b, 0) };
    }),
  };
}
