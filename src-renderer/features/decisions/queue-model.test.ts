import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../../src-shared/domain/decisions';
import { filterAndSortQueue, nextAfter, queueFacets, queueKey, queueQuery, queueStateFrom } from './queue-model';

const row = (n: number, over: Partial<QueueRow> = {}): QueueRow => ({
  schoolId: `43139000${n % 3}`,
  schoolName: ['Ābeļu skola', 'Bērzu skola', 'Cīruļu skola'][n % 3] as string,
  semesterId: '2025/26-1',
  planId: `p${n}`,
  planCode: `43139000${n % 3}-2025/26-1-${String(n).padStart(4, '0')}`,
  classLabel: `${1 + (n % 9)}.${'ab'[n % 2]}`,
  status: n % 2 ? 'approved' : 'active',
  kinds: n % 4 === 0 ? ['compensation.meals'] : ['compensation.publicTransport', 'consultation.psychologist'],
  plannedCents: 1000 * (n % 5),
  waitingSince: `2025-10-${String(1 + (n % 20)).padStart(2, '0')}T08:00:00.000Z`,
  lastOutcome: null,
  ...over,
});
const rows = Array.from({ length: 40 }, (_, i) => row(i));
const state = queueStateFrom(new URLSearchParams());

describe('the decision queue model', () => {
  it('reads defaults from an empty query and leaves them out of the URL', () => {
    expect(state).toEqual({ q: '', school: null, status: null, kind: null, since: null, sort: 'waiting', dir: 'asc' });
    expect(Object.values(queueQuery(state)).filter((v) => v !== undefined)).toEqual([]);
  });

  it('round-trips a state through the query and refuses bad values', () => {
    const s = {
      q: '7.a',
      school: '431390001',
      status: 'active',
      kind: 'compensation.meals',
      since: '2025-10-05',
      sort: 'cents' as const,
      dir: 'desc' as const,
    };
    const query = new URLSearchParams(Object.entries(queueQuery(s)).filter((e): e is [string, string] => e[1] !== undefined));
    expect(queueStateFrom(query)).toEqual(s);
    expect(queueStateFrom(new URLSearchParams('sort=nope&since=5.10.2025&dir=up'))).toMatchObject({ sort: 'waiting', since: null, dir: 'asc' });
  });

  it('sorts oldest waiting first by default, and by any column both ways', () => {
    const byWaiting = filterAndSortQueue(rows, state).map((r) => r.waitingSince);
    expect(byWaiting).toEqual([...byWaiting].sort());
    const byCents = filterAndSortQueue(rows, { ...state, sort: 'cents', dir: 'desc' }).map((r) => r.plannedCents);
    expect(byCents[0]).toBe(4000);
    expect(byCents).toEqual([...byCents].sort((a, b) => b - a));
    const bySchool = filterAndSortQueue(rows, { ...state, sort: 'school' }).map((r) => r.schoolName);
    expect(bySchool[0]).toBe('Ābeļu skola');
    expect(bySchool.at(-1)).toBe('Cīruļu skola');
  });

  it('searches plan code, school and class, and combines the filters', () => {
    expect(filterAndSortQueue(rows, { ...state, q: '-0007' }).map((r) => r.planId)).toEqual(['p7']);
    expect(new Set(filterAndSortQueue(rows, { ...state, q: 'bērzu' }).map((r) => r.schoolName))).toEqual(new Set(['Bērzu skola']));
    const some = filterAndSortQueue(rows, { ...state, school: '431390000', kind: 'compensation.meals', status: 'active', since: '2025-10-10' });
    expect(some.length).toBeGreaterThan(0);
    for (const r of some) {
      expect(r.schoolId).toBe('431390000');
      expect(r.kinds).toContain('compensation.meals');
      expect(r.status).toBe('active');
      expect(r.waitingSince.slice(0, 10) <= '2025-10-10').toBe(true);
    }
    expect(some.length).toBeLessThan(rows.length);
  });

  it('after a decision goes to the next plan, or the previous one after the last, or none', () => {
    const shown = filterAndSortQueue(rows, state);
    expect(nextAfter(shown, queueKey(shown[0]!))).toBe(shown[1]);
    expect(nextAfter(shown, queueKey(shown.at(-1)!))).toBe(shown.at(-2));
    expect(nextAfter([shown[0]!], queueKey(shown[0]!))).toBeNull();
    expect(nextAfter(shown, 'x/unknown')).toBe(shown[0]);
  });

  it('lists the schools, kinds and statuses the queue holds', () => {
    const f = queueFacets(rows);
    expect(f.schools.map((s) => s.name)).toEqual(['Ābeļu skola', 'Bērzu skola', 'Cīruļu skola']);
    expect(f.kinds).toEqual(['compensation.meals', 'compensation.publicTransport', 'consultation.psychologist']);
    expect(f.statuses).toEqual(['active', 'approved']);
  });
});
