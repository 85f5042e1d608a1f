/**
 * Small-cell protection for count tables that leave an installation (exports,
 * prints, every state screen): primary suppression of counts from 1 to
 * threshold − 1, then complementary suppression until no hidden cell can be
 * worked out from the published cells and totals.
 *
 * The model (docs/statistics.md): a table of non-negative integer counts with
 * optional row totals, column totals and a grand total. A reader knows every
 * published number, that every count is a whole number, and that a hidden
 * cell is not zero (zeros are published). A hidden cell is protected when at
 * least two values stay possible for it. We check that directly: for every
 * hidden cell we look for another table that agrees with everything
 * published — a ±1 change that runs around a cycle of hidden cells through
 * the row and column sums (the classic argument behind the "hypercube"
 * method), never lowering a hidden cell below 1. Where none exists we hide
 * one more cell beside it (the smallest non-zero one, so as little as
 * possible is lost) and look again. So the guarantee does not rest on the
 * greedy rule alone, which can leave a hidden cell determined (a "bridge"
 * between two blocks, or a block of ones pinned by tight totals).
 *
 * Derived values (money, hours, shares) of a hidden cell are hidden with it:
 * `hiddenMask` is what callers apply to every column they derive.
 */

export interface CountTable {
  /** cells[r][c]: non-negative integer counts; every row has the same length. */
  cells: readonly (readonly number[])[];
  /** A total per row is published (a column "Total" on the right). */
  rowTotals: boolean;
  /** A total per column is published (a row "Total" at the bottom). */
  colTotals: boolean;
  /** Column totals already hidden elsewhere (a parent table of a hierarchy): hidden here too, as primary cells. */
  hiddenColTotals?: readonly boolean[];
}

export interface SuppressedTable {
  /** The inner cells, `null` where hidden. */
  cells: (number | null)[][];
  /** Row totals (when published), `null` where hidden. */
  rowTotals: (number | null)[] | null;
  /** Column totals (when published), `null` where hidden. */
  colTotals: (number | null)[] | null;
  /** The grand total when both kinds of totals are published, else undefined. */
  grandTotal: number | null | undefined;
  /** How many cells were hidden as small (primary) and to protect them (complementary). */
  primary: number;
  complementary: number;
}

/** Default threshold: counts from 1 to 4 are hidden. */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** The extended table: inner cells, then margins, as one grid with the linear relations between them. */
interface Grid {
  rows: number;
  cols: number;
  /** Extended size: inner plus a totals row / column where published. */
  R: number;
  C: number;
  value: number[][];
  /** Cell exists in the extended grid (the grand total exists only with both kinds of totals). */
  exists: boolean[][];
  /** Relation rows: r has a relation when its cells sum to a published (or hidden) margin. */
  rowRelation: boolean[];
  colRelation: boolean[];
}

function buildGrid(t: CountTable): Grid {
  const rows = t.cells.length;
  const cols = rows === 0 ? 0 : t.cells[0]!.length;
  for (const row of t.cells) {
    if (row.length !== cols) throw new Error('suppression: ragged table');
    for (const v of row) if (!Number.isInteger(v) || v < 0) throw new Error('suppression: counts must be non-negative integers');
  }
  const R = rows + (t.colTotals ? 1 : 0);
  const C = cols + (t.rowTotals ? 1 : 0);
  const value: number[][] = [];
  const exists: boolean[][] = [];
  for (let r = 0; r < R; r++) {
    value.push(new Array<number>(C).fill(0));
    exists.push(new Array<boolean>(C).fill(false));
  }
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = 0; c < cols; c++) {
      value[r]![c] = t.cells[r]![c]!;
      exists[r]![c] = true;
      sum += t.cells[r]![c]!;
    }
    if (t.rowTotals) {
      value[r]![cols] = sum;
      exists[r]![cols] = true;
    }
  }
  if (t.colTotals) {
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += t.cells[r]![c]!;
      value[rows]![c] = sum;
      exists[rows]![c] = true;
    }
    if (t.rowTotals) {
      let g = 0;
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) g += t.cells[r]![c]!;
      value[rows]![cols] = g;
      exists[rows]![cols] = true;
    }
  }
  // Inner rows relate to their total when row totals are published; the totals row relates to the grand total.
  const rowRelation = Array.from({ length: R }, (_, r) => (r < rows ? t.rowTotals : t.rowTotals && t.colTotals));
  const colRelation = Array.from({ length: C }, (_, c) => (c < cols ? t.colTotals : t.rowTotals && t.colTotals));
  return { rows, cols, R, C, value, exists, rowRelation, colRelation };
}

/**
 * The coefficient of extended cell (r, c) in its row's relation and in its
 * column's relation: inner cells add up (+1) to a margin, which counts −1.
 */
function rowCoef(g: Grid, c: number): number {
  // In row r's relation: inner cells +1, the row total −1; in the totals row, column totals +1 and the grand total −1.
  return c < g.cols ? 1 : -1;
}
function colCoef(g: Grid, r: number): number {
  return r < g.rows ? 1 : -1;
}

/**
 * Whether hidden cell (r0, c0) could take another value: a search for a
 * closed chain of ±1 changes over hidden cells that keeps every relation
 * true and every hidden cell at 1 or more. States are (relation, the change
 * that relation still has to absorb); a chain ends when it returns to the
 * start's other relation with the right sign, or reaches a side with no
 * relation (nothing published constrains it there).
 */
function hasAlternative(g: Grid, hidden: boolean[][], r0: number, c0: number): boolean {
  for (const d0 of [1, -1]) {
    if (d0 === -1 && g.value[r0]![c0]! < 2) continue;
    if (chain(g, hidden, r0, c0, d0)) return true;
  }
  return false;
}

type Side = { kind: 'row'; index: number } | { kind: 'col'; index: number };

function chain(g: Grid, hidden: boolean[][], r0: number, c0: number, d0: number): boolean {
  // Start from the start cell's row relation needing to absorb −coef·d0, aiming to close at its column relation.
  // If the row has no relation, the chain starts "free" on that side; likewise the column side ends free.
  const rowFree = !g.rowRelation[r0];
  const colFree = !g.colRelation[c0];
  if (rowFree && colFree) return true; // no published relation touches this cell
  // BFS over (side, pending sign) from the row side to the column side (or to any free side).
  const startSide: Side = rowFree ? { kind: 'col', index: c0 } : { kind: 'row', index: r0 };
  const startPending = rowFree ? colCoef(g, r0) * d0 : rowCoef(g, c0) * d0;
  const target: Side | null = rowFree || colFree ? null : { kind: 'col', index: c0 };
  const targetPending = target ? -colCoef(g, r0) * d0 : 0;
  interface Node {
    side: Side;
    pending: number;
    prev: Node | null;
    cell: [number, number] | null;
    d: number;
  }
  const key = (s: Side, p: number) => `${s.kind}${s.index}:${p}`;
  const seen = new Set<string>([key(startSide, startPending)]);
  const queue: Node[] = [{ side: startSide, pending: startPending, prev: null, cell: null, d: 0 }];
  while (queue.length > 0) {
    const node = queue.shift()!;
    const cells: [number, number][] = [];
    if (node.side.kind === 'row') for (let c = 0; c < g.C; c++) cells.push([node.side.index, c]);
    else for (let r = 0; r < g.R; r++) cells.push([r, node.side.index]);
    for (const [r, c] of cells) {
      if (!g.exists[r]![c] || !hidden[r]![c] || (r === r0 && c === c0)) continue;
      // This relation must absorb `pending`: coef·d = −pending.
      const coefHere = node.side.kind === 'row' ? rowCoef(g, c) : colCoef(g, r);
      const d = -node.pending * coefHere;
      if (d === -1 && g.value[r]![c]! < 2) continue;
      const otherSide: Side = node.side.kind === 'row' ? { kind: 'col', index: c } : { kind: 'row', index: r };
      const otherCoef = node.side.kind === 'row' ? colCoef(g, r) : rowCoef(g, c);
      const otherPending = otherCoef * d;
      const next: Node = { side: otherSide, pending: otherPending, prev: node, cell: [r, c], d };
      const free = otherSide.kind === 'row' ? !g.rowRelation[otherSide.index] : !g.colRelation[otherSide.index];
      const closes = free || (target !== null && otherSide.kind === target.kind && otherSide.index === target.index && otherPending === targetPending);
      if (closes && verify(g, hidden, r0, c0, d0, next)) return true;
      if (free) continue;
      const k = key(otherSide, otherPending);
      if (seen.has(k)) continue;
      seen.add(k);
      queue.push(next);
    }
  }
  return false;
}

/** Sum the chain's changes (a cell may be met twice) and check every relation and bound for real. */
function verify(g: Grid, hidden: boolean[][], r0: number, c0: number, d0: number, end: { prev: unknown; cell: [number, number] | null; d: number }): boolean {
  const delta: number[][] = Array.from({ length: g.R }, () => new Array<number>(g.C).fill(0));
  delta[r0]![c0] = d0;
  let node = end as { prev: unknown; cell: [number, number] | null; d: number } | null;
  while (node && node.cell) {
    delta[node.cell[0]]![node.cell[1]]! += node.d;
    node = node.prev as typeof node;
  }
  if (delta[r0]![c0] === 0) return false;
  for (let r = 0; r < g.R; r++) {
    for (let c = 0; c < g.C; c++) {
      if (delta[r]![c] === 0) continue;
      if (!hidden[r]![c]) return false;
      if (g.value[r]![c]! + delta[r]![c]! < 1) return false;
    }
  }
  for (let r = 0; r < g.R; r++) {
    if (!g.rowRelation[r]) continue;
    let s = 0;
    for (let c = 0; c < g.C; c++) if (g.exists[r]![c]) s += rowCoef(g, c) * delta[r]![c]!;
    if (s !== 0) return false;
  }
  for (let c = 0; c < g.C; c++) {
    if (!g.colRelation[c]) continue;
    let s = 0;
    for (let r = 0; r < g.R; r++) if (g.exists[r]![c]) s += colCoef(g, r) * delta[r]![c]!;
    if (s !== 0) return false;
  }
  return true;
}

/** The smallest non-zero visible cell among `candidates` (ties: the first), or null. */
function smallestVisible(g: Grid, hidden: boolean[][], candidates: [number, number][]): [number, number] | null {
  let best: [number, number] | null = null;
  for (const [r, c] of candidates) {
    if (!g.exists[r]![c] || hidden[r]![c] || g.value[r]![c] === 0) continue;
    if (!best || g.value[r]![c]! < g.value[best[0]]![best[1]]!) best = [r, c];
  }
  return best;
}

function lineCells(g: Grid, side: Side): [number, number][] {
  const out: [number, number][] = [];
  if (side.kind === 'row') for (let c = 0; c < g.C; c++) out.push([side.index, c]);
  else for (let r = 0; r < g.R; r++) out.push([r, side.index]);
  return out;
}

/** Hide small counts and what would give them away. Pure; the input is not changed. */
export function suppressTable(table: CountTable, threshold = DEFAULT_SUPPRESSION_THRESHOLD): SuppressedTable {
  if (!Number.isInteger(threshold) || threshold < 1) throw new Error('suppression: threshold must be a positive integer');
  const g = buildGrid(table);
  const hidden: boolean[][] = Array.from({ length: g.R }, () => new Array<boolean>(g.C).fill(false));
  let primary = 0;
  for (let r = 0; r < g.R; r++) {
    for (let c = 0; c < g.C; c++) {
      const v = g.value[r]![c]!;
      if (g.exists[r]![c] && v >= 1 && v < threshold) {
        hidden[r]![c] = true;
        primary++;
      }
    }
  }
  if (table.colTotals && table.hiddenColTotals) {
    for (let c = 0; c < g.cols; c++) {
      if (table.hiddenColTotals[c] && !hidden[g.rows]![c] && g.value[g.rows]![c] !== 0) {
        hidden[g.rows]![c] = true;
        primary++;
      }
    }
  }
  let complementary = 0;
  // 1. The greedy rule: no relation may hold exactly one hidden cell.
  let changed = true;
  while (changed) {
    changed = false;
    const sides: Side[] = [
      ...Array.from({ length: g.R }, (_, i) => ({ kind: 'row', index: i }) as Side).filter((s) => g.rowRelation[s.index]),
      ...Array.from({ length: g.C }, (_, i) => ({ kind: 'col', index: i }) as Side).filter((s) => g.colRelation[s.index]),
    ];
    for (const side of sides) {
      const cells = lineCells(g, side).filter(([r, c]) => g.exists[r]![c]);
      const nHidden = cells.filter(([r, c]) => hidden[r]![c]).length;
      if (nHidden !== 1) continue;
      const pick = smallestVisible(g, hidden, cells);
      if (!pick) continue; // the rest are zeros: handled by the exact check below
      hidden[pick[0]]![pick[1]] = true;
      complementary++;
      changed = true;
    }
  }
  // 2. The exact check: every hidden cell must keep another possible value; hide more beside any that does not.
  for (let guard = 0; guard < g.R * g.C + 1; guard++) {
    let fixed = true;
    for (let r = 0; r < g.R && fixed; r++) {
      for (let c = 0; c < g.C && fixed; c++) {
        if (!hidden[r]![c] || hasAlternative(g, hidden, r, c)) continue;
        fixed = false;
        // Prefer a cell in the same row or column; else the smallest anywhere.
        const near = [...lineCells(g, { kind: 'row', index: r }), ...lineCells(g, { kind: 'col', index: c })];
        let pick = smallestVisible(g, hidden, near);
        if (!pick) {
          const all: [number, number][] = [];
          for (let rr = 0; rr < g.R; rr++) for (let cc = 0; cc < g.C; cc++) all.push([rr, cc]);
          pick = smallestVisible(g, hidden, all);
        }
        if (!pick) return finish(table, g, hiddenEverything(g), primary, g.R * g.C - primary);
        hidden[pick[0]]![pick[1]] = true;
        complementary++;
      }
    }
    if (fixed) return finish(table, g, hidden, primary, complementary);
  }
  return finish(table, g, hiddenEverything(g), primary, g.R * g.C - primary);
}

function hiddenEverything(g: Grid): boolean[][] {
  return g.value.map((row, r) => row.map((v, c) => g.exists[r]![c]! && v !== 0));
}

function finish(table: CountTable, g: Grid, hidden: boolean[][], primary: number, complementary: number): SuppressedTable {
  const show = (r: number, c: number) => (hidden[r]![c] ? null : g.value[r]![c]!);
  return {
    cells: Array.from({ length: g.rows }, (_, r) => Array.from({ length: g.cols }, (_, c) => show(r, c))),
    rowTotals: table.rowTotals ? Array.from({ length: g.rows }, (_, r) => show(r, g.cols)) : null,
    colTotals: table.colTotals ? Array.from({ length: g.cols }, (_, c) => show(g.rows, c)) : null,
    grandTotal: table.rowTotals && table.colTotals ? show(g.rows, g.cols) : undefined,
    primary,
    complementary,
  };
}

/** A one-dimensional list of counts with its total (e.g. students per outcome). */
export function suppressList(counts: readonly number[], threshold = DEFAULT_SUPPRESSION_THRESHOLD): { counts: (number | null)[]; total: number | null } {
  const t = suppressTable({ cells: counts.map((n) => [n]), rowTotals: false, colTotals: true }, threshold);
  return { counts: t.cells.map((row) => row[0]!), total: t.colTotals![0]! };
}
