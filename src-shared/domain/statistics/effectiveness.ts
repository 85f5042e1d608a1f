/**
 * Effectiveness of a measure kind, as an association (docs/statistics.md):
 * among students whose plan held the kind (exposed) against similar students
 * whose plans did not (comparison), the difference of two proportions (e.g.
 * the share of linked risks that lessened, or the share still in education
 * next semester), stratified on what drives both the choice of measure and
 * the outcome (risk group, grade band, semester).
 *
 * - One stratum: the difference with Newcombe's hybrid score interval
 *   (method 10 of Newcombe 1998, from two Wilson score intervals), which
 *   stays inside [−1, 1] and behaves with small counts.
 * - Several strata: the Mantel–Haenszel risk difference with Sato's (1989)
 *   variance, valid both for many small strata and for few large ones
 *   (Greenland & Robins 1985 give the large-strata case), and a Wald interval
 *   on it, clipped to [−1, 1].
 * - A result whose smaller side (exposed or comparison, summed over strata)
 *   is under the small-cell threshold is not given: "not enough data".
 */

export interface Stratum {
  /** Exposed: how many, and in how many the outcome happened. */
  exposed: number;
  exposedEvents: number;
  /** Comparison group, likewise. */
  comparison: number;
  comparisonEvents: number;
}

export type EffectEstimate =
  | {
      kind: 'estimate';
      /** Difference of proportions, exposed − comparison, in [−1, 1]. */
      difference: number;
      lower: number;
      upper: number;
      method: 'newcombe' | 'mantel-haenszel';
      exposed: number;
      comparison: number;
      /** Crude shares, for the sentence on the screen. */
      exposedShare: number;
      comparisonShare: number;
      strata: number;
    }
  | { kind: 'notEnoughData'; exposed: number; comparison: number };

const Z95 = 1.959963984540054;

/** Wilson's score interval for a proportion. */
export function wilsonInterval(events: number, n: number, z = Z95): { lower: number; upper: number } {
  if (n <= 0) return { lower: 0, upper: 1 };
  const p = events / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/** Newcombe's hybrid score interval for p1 − p0. */
export function newcombeInterval(a1: number, n1: number, a0: number, n0: number, z = Z95): { difference: number; lower: number; upper: number } {
  const p1 = a1 / n1;
  const p0 = a0 / n0;
  const w1 = wilsonInterval(a1, n1, z);
  const w0 = wilsonInterval(a0, n0, z);
  const d = p1 - p0;
  return {
    difference: d,
    lower: d - Math.sqrt((p1 - w1.lower) ** 2 + (w0.upper - p0) ** 2),
    upper: d + Math.sqrt((w1.upper - p1) ** 2 + (p0 - w0.lower) ** 2),
  };
}

/** Mantel–Haenszel risk difference over strata with Sato's variance. Strata lacking either side carry no weight. */
export function mantelHaenszelRiskDifference(strata: readonly Stratum[], z = Z95): { difference: number; lower: number; upper: number } | null {
  let num = 0;
  let w = 0;
  let p = 0;
  let q = 0;
  for (const s of strata) {
    const n1 = s.exposed;
    const n0 = s.comparison;
    const N = n1 + n0;
    if (n1 === 0 || n0 === 0) continue;
    const a1 = s.exposedEvents;
    const a0 = s.comparisonEvents;
    num += (a1 * n0 - a0 * n1) / N;
    w += (n1 * n0) / N;
    p += (n1 * n1 * a0 - n0 * n0 * a1 + (n1 * n0 * (n0 - n1)) / 2) / (N * N);
    q += (a1 * (n0 - a0) + a0 * (n1 - a1)) / (2 * N);
  }
  if (w === 0) return null;
  const rd = num / w;
  const variance = Math.max(0, (rd * p + q) / (w * w));
  const half = z * Math.sqrt(variance);
  return { difference: rd, lower: Math.max(-1, rd - half), upper: Math.min(1, rd + half) };
}

function checkStratum(s: Stratum): void {
  for (const v of [s.exposed, s.exposedEvents, s.comparison, s.comparisonEvents]) {
    if (!Number.isInteger(v) || v < 0) throw new Error('effectiveness: counts must be non-negative integers');
  }
  if (s.exposedEvents > s.exposed || s.comparisonEvents > s.comparison) throw new Error('effectiveness: more events than students');
}

/**
 * The estimate shown on the screen. `threshold` is the small-cell threshold
 * (default 5): with fewer students on either side, no number is given.
 */
export function estimateEffect(strata: readonly Stratum[], threshold = 5): EffectEstimate {
  strata.forEach(checkStratum);
  // Only strata with both sides inform a stratified comparison.
  const used = strata.filter((s) => s.exposed > 0 && s.comparison > 0);
  const exposed = used.reduce((a, s) => a + s.exposed, 0);
  const comparison = used.reduce((a, s) => a + s.comparison, 0);
  if (exposed < threshold || comparison < threshold) return { kind: 'notEnoughData', exposed, comparison };
  const exposedEvents = used.reduce((a, s) => a + s.exposedEvents, 0);
  const comparisonEvents = used.reduce((a, s) => a + s.comparisonEvents, 0);
  const shares = { exposedShare: exposedEvents / exposed, comparisonShare: comparisonEvents / comparison };
  if (used.length === 1) {
    const s = used[0]!;
    const r = newcombeInterval(s.exposedEvents, s.exposed, s.comparisonEvents, s.comparison);
    return { kind: 'estimate', ...r, method: 'newcombe', exposed, comparison, ...shares, strata: 1 };
  }
  const r = mantelHaenszelRiskDifference(used)!;
  return { kind: 'estimate', ...r, method: 'mantel-haenszel', exposed, comparison, ...shares, strata: used.length };
}
