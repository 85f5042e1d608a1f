import { describe, expect, it } from 'vitest';
import { seededRandom as rng } from '../seeded-random';
import { estimateEffect, mantelHaenszelRiskDifference, newcombeInterval, wilsonInterval, type Stratum } from './effectiveness';

function binomial(n: number, p: number, next: () => number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (next() < p) k++;
  return k;
}

/** Strata with different base rates (as grade bands and risk groups differ) and a planted difference. */
function simulate(seed: number, effect: number, sizes: [number, number][], bases: number[]): Stratum[] {
  const next = rng(seed);
  return sizes.map(([n1, n0], i) => ({
    exposed: n1,
    exposedEvents: binomial(n1, Math.min(1, bases[i]! + effect), next),
    comparison: n0,
    comparisonEvents: binomial(n0, bases[i]!, next),
  }));
}

describe('Wilson and Newcombe intervals', () => {
  it('match published values (Newcombe 1998, table II, example 56/70 − 48/80)', () => {
    // Newcombe's worked example: 56/70 vs 48/80, difference 0.2000, method 10 interval 0.0524 to 0.3339.
    const r = newcombeInterval(56, 70, 48, 80);
    expect(r.difference).toBeCloseTo(0.2, 4);
    expect(r.lower).toBeCloseTo(0.0524, 3);
    expect(r.upper).toBeCloseTo(0.3339, 3);
  });

  it('Wilson stays inside [0, 1] at the edges', () => {
    const w = wilsonInterval(0, 10);
    expect(w.lower).toBe(0);
    expect(w.upper).toBeCloseTo(0.2775, 3);
    expect(wilsonInterval(10, 10).upper).toBeCloseTo(1, 12);
  });
});

describe('Mantel–Haenszel risk difference', () => {
  it('equals the plain difference for one stratum, and the common difference for strata that share it', () => {
    const one = mantelHaenszelRiskDifference([{ exposed: 40, exposedEvents: 30, comparison: 60, comparisonEvents: 30 }])!;
    expect(one.difference).toBeCloseTo(0.75 - 0.5, 10);
    const two = mantelHaenszelRiskDifference([
      { exposed: 40, exposedEvents: 30, comparison: 60, comparisonEvents: 30 }, // 0.75 − 0.50
      { exposed: 50, exposedEvents: 20, comparison: 20, comparisonEvents: 3 }, //  0.40 − 0.15
    ])!;
    expect(two.difference).toBeCloseTo(0.25, 10);
    expect(two.lower).toBeLessThan(0.25);
    expect(two.upper).toBeGreaterThan(0.25);
  });

  it('removes confounding that the crude difference shows (Simpson)', () => {
    // Exposed students sit mostly in the high-base stratum: crude difference is large, stratified is zero.
    const strata: Stratum[] = [
      { exposed: 90, exposedEvents: 72, comparison: 10, comparisonEvents: 8 },
      { exposed: 10, exposedEvents: 2, comparison: 90, comparisonEvents: 18 },
    ];
    const e = estimateEffect(strata);
    expect(e.kind).toBe('estimate');
    if (e.kind !== 'estimate') return;
    expect(e.exposedShare - e.comparisonShare).toBeGreaterThan(0.4);
    expect(e.difference).toBeCloseTo(0, 10);
  });
});

describe('estimateEffect', () => {
  it('gives no number when either side is under the threshold', () => {
    expect(estimateEffect([{ exposed: 4, exposedEvents: 4, comparison: 100, comparisonEvents: 10 }])).toEqual({
      kind: 'notEnoughData',
      exposed: 4,
      comparison: 100,
    });
    // A stratum with no comparison at all informs nothing.
    expect(estimateEffect([{ exposed: 50, exposedEvents: 40, comparison: 0, comparisonEvents: 0 }]).kind).toBe('notEnoughData');
  });

  it('refuses impossible counts', () => {
    expect(() => estimateEffect([{ exposed: 3, exposedEvents: 4, comparison: 5, comparisonEvents: 1 }])).toThrow();
  });

  it('recovers a planted +20-point effect, and covers zero where none was planted', () => {
    const sizes: [number, number][] = [
      [120, 300],
      [80, 250],
      [60, 90],
      [150, 400],
    ];
    const bases = [0.3, 0.45, 0.2, 0.55];
    for (const seed of [1, 2, 3]) {
      const planted = estimateEffect(simulate(seed, 0.2, sizes, bases));
      expect(planted.kind).toBe('estimate');
      if (planted.kind !== 'estimate') return;
      expect(planted.method).toBe('mantel-haenszel');
      expect(planted.lower).toBeLessThanOrEqual(0.2);
      expect(planted.upper).toBeGreaterThanOrEqual(0.2);
      expect(planted.lower).toBeGreaterThan(0); // and it is told apart from no effect

      const none = estimateEffect(simulate(seed + 100, 0, sizes, bases));
      if (none.kind !== 'estimate') throw new Error('expected an estimate');
      expect(none.lower).toBeLessThanOrEqual(0);
      expect(none.upper).toBeGreaterThanOrEqual(0);
    }
  });

  it('its 95% intervals cover the truth about 95% of the time (1,000 simulated evaluations)', () => {
    const sizes: [number, number][] = [
      [30, 60],
      [12, 40],
      [25, 25],
    ];
    const bases = [0.35, 0.2, 0.6];
    let covered = 0;
    const runs = 1000;
    for (let seed = 1; seed <= runs; seed++) {
      const e = estimateEffect(simulate(seed * 7919, 0.15, sizes, bases));
      if (e.kind === 'estimate' && e.lower <= 0.15 && e.upper >= 0.15) covered++;
    }
    expect(covered / runs).toBeGreaterThan(0.925);
    expect(covered / runs).toBeLessThan(0.975);
  });
});
