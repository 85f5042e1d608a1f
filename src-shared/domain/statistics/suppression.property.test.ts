import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressList, suppressTable, type CountTable, type SuppressedTable } from './suppression';

/**
 * An attacker's view, written independently of the algorithm: every table of
 * whole numbers that agrees with what was published (published cells and
 * totals as printed, every hidden cell at least 1 because zeros are shown,
 * rows and columns adding up to their totals). A hidden cell is protected
 * when such a table exists with another value in that cell. The search
 * backtracks over the hidden cells, forcing any cell that is the last
 * unknown of a sum.
 */
function extended(t: CountTable) {
  const rows = t.cells.length;
  const cols = t.cells[0]!.length;
  const R = rows + (t.colTotals ? 1 : 0);
  const C = cols + (t.rowTotals ? 1 : 0);
  const v = (r: number, c: number): number | undefined => {
    if (r < rows && c < cols) return t.cells[r]![c]!;
    if (r < rows && c === cols && t.rowTotals) return t.cells[r]!.reduce((a, b) => a + b, 0);
    if (r === rows && c < cols && t.colTotals) return t.cells.reduce((a, row) => a + row[c]!, 0);
    if (r === rows && c === cols && t.rowTotals && t.colTotals) return t.cells.flat().reduce((a, b) => a + b, 0);
    return undefined;
  };
  // Each sum: cells (r, c, sign) that must add to zero.
  const sums: { r: number; c: number; sign: number }[][] = [];
  if (t.rowTotals)
    for (let r = 0; r < R; r++)
      if (r < rows || t.colTotals) sums.push([...Array.from({ length: cols }, (_, c) => ({ r, c, sign: 1 })), { r, c: cols, sign: -1 }]);
  if (t.colTotals)
    for (let c = 0; c < C; c++)
      if (c < cols || t.rowTotals) sums.push([...Array.from({ length: rows }, (_, r) => ({ r, c, sign: 1 })), { r: rows, c, sign: -1 }]);
  return { R, C, v, sums };
}

function published(s: SuppressedTable, r: number, c: number, rows: number, cols: number): number | null | undefined {
  if (r < rows && c < cols) return s.cells[r]![c];
  if (r < rows && c === cols) return s.rowTotals?.[r];
  if (r === rows && c < cols) return s.colTotals?.[c];
  return s.grandTotal;
}

/** Whether hidden cell `target` can take another value in some table consistent with what was published. */
function attackerCanMove(t: CountTable, s: SuppressedTable, target: [number, number]): boolean {
  const { R, C, v, sums } = extended(t);
  const rows = t.cells.length;
  const cols = t.cells[0]!.length;
  const hidden: [number, number][] = [];
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) if (v(r, c) !== undefined && published(s, r, c, rows, cols) === null) hidden.push([r, c]);
  // A hidden cell in no sum can be anything: it is protected, and it cannot pin any other cell.
  const inSum = (r: number, c: number) => sums.some((sum) => sum.some((x) => x.r === r && x.c === c));
  if (!inSum(target[0], target[1])) return true;
  const constrained = hidden.filter(([r, c]) => inSum(r, c));
  // Branch on the target first, with every value but its true one, so that any consistent table ends the search.
  constrained.sort((a, b) => Number(b[0] === target[0] && b[1] === target[1]) - Number(a[0] === target[0] && a[1] === target[1]));
  const cap = t.cells.flat().reduce((a, b) => a + b, 0) * 2 + 5;
  const assign = new Map<string, number>();
  const val = (r: number, c: number): number | undefined => {
    const p = published(s, r, c, rows, cols);
    if (p !== null && p !== undefined) return p;
    return assign.get(`${r},${c}`);
  };
  let budget = 200_000;
  const search = (): boolean => {
    if (--budget < 0) throw new Error('attacker search too large: shrink the generated tables');
    // Force any sum with exactly one unknown; fail on a sum that cannot hold.
    const forced: string[] = [];
    for (;;) {
      let progress = false;
      for (const sum of sums) {
        const unknown = sum.filter((x) => val(x.r, x.c) === undefined);
        const known = sum.filter((x) => val(x.r, x.c) !== undefined).reduce((a, x) => a + x.sign * val(x.r, x.c)!, 0);
        const lo = known + unknown.reduce((a, x) => a + (x.sign > 0 ? 1 : -cap), 0);
        const hi = known + unknown.reduce((a, x) => a + (x.sign > 0 ? cap : -1), 0);
        if (lo > 0 || hi < 0) return undo(forced, false);
        if (unknown.length === 0) {
          if (known !== 0) return undo(forced, false);
        } else if (unknown.length === 1) {
          const u = unknown[0]!;
          const x = -known * u.sign;
          if (!Number.isInteger(x) || x < 1 || x > cap) return undo(forced, false);
          assign.set(`${u.r},${u.c}`, x);
          forced.push(`${u.r},${u.c}`);
          progress = true;
        }
      }
      if (!progress) break;
    }
    const next = constrained.find(([r, c]) => val(r, c) === undefined);
    if (!next) {
      const ok = val(target[0], target[1]) !== v(target[0], target[1]);
      return undo(forced, ok);
    }
    for (let x = 1; x <= cap; x++) {
      if (next[0] === target[0] && next[1] === target[1] && x === v(target[0], target[1])) continue;
      assign.set(`${next[0]},${next[1]}`, x);
      if (search()) return undo(forced, true);
    }
    assign.delete(`${next[0]},${next[1]}`);
    return undo(forced, false);
  };
  const undo = (keys: string[], result: boolean) => {
    for (const k of keys) assign.delete(k);
    return result;
  };
  return search();
}

function hiddenCells(t: CountTable, s: SuppressedTable): [number, number][] {
  const rows = t.cells.length;
  const cols = t.cells[0]!.length;
  const out: [number, number][] = [];
  for (let r = 0; r <= rows; r++) for (let c = 0; c <= cols; c++) if (published(s, r, c, rows, cols) === null) out.push([r, c]);
  return out;
}

const smallCount = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 12 }));

describe('suppressTable', () => {
  it('hides counts from 1 to 4, shows zeros and counts of 5 or more', () => {
    const s = suppressTable({ cells: [[0, 7, 9, 5]], rowTotals: false, colTotals: false });
    expect(s.cells).toEqual([[0, 7, 9, 5]]);
    const t = suppressTable({ cells: [[3, 7, 9, 5]], rowTotals: false, colTotals: false });
    expect(t.cells).toEqual([[null, 7, 9, 5]]);
    expect(t.primary).toBe(1);
  });

  it('hides a second cell where a total would give the first away', () => {
    const s = suppressList([3, 12, 7, 9]);
    expect(s.counts[0]).toBeNull();
    expect(s.counts.filter((x) => x === null)).toHaveLength(2);
    expect(s.counts[2]).toBeNull(); // the smallest of the rest
    expect(s.total).toBe(31);
  });

  it('hides the total when it is the only other number in its line', () => {
    const s = suppressList([3, 0, 0]);
    expect(s.counts).toEqual([null, 0, 0]);
    expect(s.total).toBeNull();
  });

  it('protects a block of ones pinned by tight totals, which the greedy rule alone leaves open', () => {
    // Rows [1,1,9] and [1,1,9]: greedy hides the 2×2 block of ones, yet with every hidden cell ≥ 1 and row
    // sums 11, column sums 2 and 2, each one is determined. The exact check must hide more.
    const t: CountTable = {
      cells: [
        [1, 1, 9],
        [1, 1, 9],
      ],
      rowTotals: true,
      colTotals: true,
    };
    const s = suppressTable(t);
    for (const cell of hiddenCells(t, s)) expect(attackerCanMove(t, s, cell), `cell ${cell.join(',')}`).toBe(true);
    expect(s.complementary).toBeGreaterThan(0);
  });

  it('property: no hidden cell of a random table with totals can be worked out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((rows) =>
          fc.integer({ min: 1, max: 3 }).chain((cols) =>
            fc.record({
              cells: fc.array(fc.array(smallCount, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
              rowTotals: fc.boolean(),
              colTotals: fc.boolean(),
            }),
          ),
        ),
        (t) => {
          const s = suppressTable(t);
          // Everything published is the true value; every hidden cell has another possible value.
          const rows = t.cells.length;
          const cols = t.cells[0]!.length;
          const { v } = extended(t);
          for (let r = 0; r <= rows; r++) {
            for (let c = 0; c <= cols; c++) {
              const p = published(s, r, c, rows, cols);
              if (p !== null && p !== undefined) expect(p).toBe(v(r, c));
              const truth = v(r, c);
              if (truth !== undefined && truth >= 1 && truth < 5) expect(p).toBeNull();
            }
          }
          for (const cell of hiddenCells(t, s)) expect(attackerCanMove(t, s, cell), `cell ${cell.join(',')} of ${JSON.stringify(t)}`).toBe(true);
        },
      ),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it('property: one-dimensional lists with a total', () => {
    fc.assert(
      fc.property(fc.array(smallCount, { minLength: 1, maxLength: 8 }), (counts) => {
        const t: CountTable = { cells: counts.map((n) => [n]), rowTotals: false, colTotals: true };
        const s = suppressTable(t);
        for (const cell of hiddenCells(t, s)) expect(attackerCanMove(t, s, cell)).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('property: column totals hidden in a parent table stay hidden, and every hidden cell stays undetermined', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((rows) =>
          fc.integer({ min: 1, max: 4 }).chain((cols) =>
            fc.record({
              cells: fc.array(fc.array(smallCount, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
              hiddenColTotals: fc.array(fc.boolean(), { minLength: cols, maxLength: cols }),
            }),
          ),
        ),
        ({ cells, hiddenColTotals }) => {
          const t: CountTable = { cells, rowTotals: false, colTotals: true, hiddenColTotals };
          const s = suppressTable(t);
          hiddenColTotals.forEach((h, c) => {
            const total = cells.reduce((a, row) => a + row[c]!, 0);
            if (h && total !== 0) expect(s.colTotals![c]).toBeNull();
          });
          for (const cell of hiddenCells(t, s)) expect(attackerCanMove(t, s, cell), `cell ${cell.join(',')} of ${JSON.stringify(t)}`).toBe(true);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('refuses negative or fractional counts', () => {
    expect(() => suppressTable({ cells: [[-1]], rowTotals: false, colTotals: false })).toThrow();
    expect(() => suppressTable({ cells: [[1.5]], rowTotals: false, colTotals: false })).toThrow();
  });
});
