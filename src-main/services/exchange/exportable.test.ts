/**
 * The export's hand check of outgoing records (exportable.ts) against the zod
 * record schemas the importer applies: the same fields, and the same verdict
 * on valid records, on records with fields replaced by edge values (control
 * and format characters, lengths one past a bound, impossible dates,
 * numbers just out of range, wrong types, unknown keys) and on arbitrary
 * values. If a schema changes and the hand check does not, this fails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  deliveryRecordSchema,
  measureKindRecordSchema,
  measureRecordSchema,
  outcomeRecordSchema,
  planRecordSchema,
  pseudonymousStudentRecordSchema,
  riskFactorRecordSchema,
  screeningRecordSchema,
  studentRecordSchema,
  type RecordType,
} from '../../../src-shared/domain/exchange';
import { AppError } from '../../../src-shared/ipc/result';
import { checkExportable, isExportable, RECORD_SHAPES } from './exportable';

type Kind = RecordType | 'pseudonymousStudent';
const SCHEMAS: Record<Kind, z.ZodObject> = {
  riskFactor: riskFactorRecordSchema,
  measureKind: measureKindRecordSchema,
  student: studentRecordSchema,
  pseudonymousStudent: pseudonymousStudentRecordSchema,
  screening: screeningRecordSchema,
  plan: planRecordSchema,
  measure: measureRecordSchema,
  delivery: deliveryRecordSchema,
  outcome: outcomeRecordSchema,
};
const KINDS = Object.keys(SCHEMAS) as Kind[];

const handCheck = (kind: Kind, record: unknown) =>
  kind === 'pseudonymousStudent' ? isExportable('student', record, 'state') : isExportable(kind, record, 'municipality');
const zodCheck = (kind: Kind, record: unknown) => SCHEMAS[kind].safeParse(record).success;

const AT = '2026-01-20T10:00:00.000Z';
const VALID: Record<Kind, Array<Record<string, unknown>>> = {
  riskFactor: [
    {
      id: 'school.absences',
      version: 1,
      updatedAt: AT,
      group: 'school',
      labelLv: 'Kavējumi',
      labelEn: 'Absences',
      source: 'catalogue',
      catalogueVersion: '2025.1',
      retired: false,
    },
  ],
  measureKind: [
    { id: 'consultation.psychologist', version: 1, updatedAt: null, category: 'consultation', unit: 'minutes', labelLv: 'Psihologs', labelEn: 'Psychologist' },
  ],
  student: [
    {
      id: 's-1',
      version: 3,
      updatedAt: AT,
      firstName: 'Anna',
      lastName: 'Bērziņa',
      personalCode: '010110-12345',
      gender: 'female',
      educationLevel: 'general',
      grade: 7,
      classLabel: '7.b',
      programme: '',
      status: 'active',
      leftOn: null,
    },
  ],
  pseudonymousStudent: [
    {
      id: 's-1',
      version: 1,
      updatedAt: AT,
      pseudonym: 'a'.repeat(64),
      gender: 'male',
      educationLevel: 'vocational',
      grade: 2,
      status: 'left',
      leftOn: '2026-01-09',
    },
  ],
  screening: [
    {
      id: 'sc-1',
      version: 1,
      updatedAt: AT,
      studentId: 's-1',
      semesterId: '2025/26-2',
      screenedOn: '2026-01-12',
      answers: [
        { riskFactorId: 'school.absences', group: 'school', answer: 'present' },
        { riskFactorId: 'family.conflict', group: 'family', answer: 'unknown' },
      ],
    },
  ],
  plan: [
    {
      id: 'p-1',
      version: 2,
      updatedAt: AT,
      code: 'IAP-2026-001',
      studentId: 's-1',
      semesterId: '2025/26-2',
      status: 'active',
      consentRecorded: true,
      consentOn: '2026-01-14',
      previousPlanId: null,
      createdAt: AT,
      closedAt: null,
    },
  ],
  measure: [
    {
      id: 'm-1',
      version: 1,
      updatedAt: AT,
      planId: 'p-1',
      kindCode: 'consultation.psychologist',
      plannedMinutes: 240,
      plannedCents: null,
      startsOn: '2026-01-15',
      endsOn: '2026-05-31',
      riskFactorIds: ['school.absences'],
      youthProjectId: null,
    },
    {
      id: 'm-2',
      version: 1,
      updatedAt: AT,
      planId: 'p-1',
      kindCode: 'compensation.meals',
      plannedMinutes: null,
      plannedCents: 12_000,
      startsOn: '2026-01-15',
      endsOn: '2026-05-31',
      riskFactorIds: [],
    },
  ],
  delivery: [
    {
      id: 'd-1',
      version: 1,
      updatedAt: AT,
      measureId: 'm-1',
      deliveredOn: '2026-02-02',
      minutes: 45,
      cents: null,
      receiptRef: null,
      studentConfirmed: true,
    },
  ],
  outcome: [
    {
      id: 'p-1',
      version: 2,
      updatedAt: AT,
      planId: 'p-1',
      studentOutcome: 'continues',
      measures: [{ measureId: 'm-1', delivered: 'full' }],
      risks: [{ riskFactorId: 'school.absences', change: 'lessened' }],
    },
  ],
};

/** Values at and just past the schemas' edges, of every type a field might wrongly hold. */
const EDGE_STRINGS = [
  '',
  'a',
  'Ab-1.x:y_z',
  '-leading',
  'a b',
  'ā',
  'x'.repeat(99),
  'x'.repeat(100),
  'x'.repeat(101),
  ...[19, 20, 21, 39, 40, 41, 59, 60, 61, 199, 200, 201, 299, 300, 301].map((n) => 'y'.repeat(n)),
  'soft\u00adhyphen',
  'zero\u200dwidth',
  'tab\there',
  'line\nbreak',
  'sep\u2028',
  'para\u2029',
  'lone\ud800',
  'bom\ufeff',
  'ok 😀 emoji',
  '2026-02-28',
  '2024-02-29',
  '2026-02-29',
  '2026-13-01',
  '0000-01-01',
  ' 2026-02-02',
  '2026-02-10T10:00:00.000Z',
  '2026-02-10T10:00:00Z',
  '2026-02-10T10:00:00.1Z',
  '2026-02-10T24:00:00.000Z',
  '2026-02-30T10:00:00.000Z',
  '0000-01-01T00:00:00.000Z',
  '2026-02-10T10:00:00.0000Z',
  '2026-02-10T10:00:00.000+00:00',
  '2025/26-1',
  '2025/26-2',
  '2025/26-3',
  '2025/2026-1',
  '010110-12345',
  '010110-1234',
  '01011012345',
  'f'.repeat(64),
  'F'.repeat(64),
  'f'.repeat(63),
  ...['school', 'personal', 'family', 'economic', 'present', 'absent', 'unknown', 'female', 'male', 'general', 'vocational'],
  ...['active', 'left', 'graduated', 'draft', 'approved', 'suspended', 'consultation', 'compensation', 'ngo'],
  ...['minutes', 'cents', 'participation', 'catalogue', 'custom', 'full', 'partial', 'none', 'lessened', 'grew', 'continues', 'graduated'],
];
const EDGE_NUMBERS = [0, -0, 1, -1, 2, 7, 12, 13, 1.5, 240, 1_000_000, 1_000_001, 1_000_000_000, 1_000_000_001];
const EDGE_OTHER = [
  NaN,
  Infinity,
  -Infinity,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  null,
  undefined,
  true,
  false,
  [],
  {},
  ['school.absences'],
  ['bad id'],
  Array.from({ length: 201 }, (_, i) => `f${i}`),
  [{ riskFactorId: 'school.absences', group: 'school', answer: 'absent' }],
  [{ riskFactorId: 'school.absences', group: 'school', answer: 'maybe' }],
  [{ riskFactorId: 'school.absences', group: 'school', answer: 'absent', note: 'x' }],
  [{ measureId: 'm-1', delivered: 'partial' }],
  [{ riskFactorId: 'school.absences', change: 'grew' }],
];
const edgeValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_OTHER) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.anything() },
);

type Mutation =
  { op: 'set'; key: string; value: unknown } | { op: 'delete'; key: string } | { op: 'nested'; key: string; index: number; field: string; value: unknown };

function mutationOf(kind: Kind): fc.Arbitrary<Mutation> {
  const keys = Object.keys(SCHEMAS[kind].shape);
  const anyKey = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...keys) },
    { weight: 1, arbitrary: fc.constantFrom('note', 'goals', 'birthDate', 'toString') },
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), key: anyKey, value: edgeValue }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), key: fc.constantFrom(...keys) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('nested' as const),
        key: fc.constantFrom('answers', 'measures', 'risks'),
        index: fc.nat(1),
        field: fc.constantFrom('riskFactorId', 'group', 'answer', 'measureId', 'delivered', 'change', 'extra'),
        value: edgeValue,
      }),
    },
  );
}

function mutated(base: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  const record: Record<string, unknown> = structuredClone(base);
  for (const m of mutations) {
    if (m.op === 'set') record[m.key] = m.value;
    else if (m.op === 'delete') delete record[m.key];
    else {
      const list = record[m.key];
      if (!Array.isArray(list) || list.length === 0) continue;
      const item: unknown = list[m.index % list.length];
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) (item as Record<string, unknown>)[m.field] = m.value;
    }
  }
  return record;
}

describe('the export check of outgoing records (exportable.ts)', () => {
  it('names the same fields as each zod record schema, the same ones optional', () => {
    for (const kind of KINDS) {
      const shape = SCHEMAS[kind].shape as Record<string, z.ZodType>;
      const optional = Object.keys(shape).filter((k) => shape[k]!.safeParse(undefined).success);
      expect({ kind, required: Object.keys(RECORD_SHAPES[kind].required).sort(), optional: Object.keys(RECORD_SHAPES[kind].optional).sort() }).toEqual({
        kind,
        required: Object.keys(shape)
          .filter((k) => !optional.includes(k))
          .sort(),
        optional: optional.sort(),
      });
    }
  });

  it('passes the valid records and refuses non-objects, as zod does', () => {
    for (const kind of KINDS) {
      for (const record of VALID[kind]) {
        expect([kind, zodCheck(kind, record), handCheck(kind, record)]).toEqual([kind, true, true]);
      }
      for (const value of [null, undefined, 'x', 1, [], [VALID[kind][0]]]) expect([kind, value, handCheck(kind, value)]).toEqual([kind, value, false]);
    }
  });

  it('gives the same verdict as zod for every edge value in every field of every type', () => {
    let checked = 0;
    const disagreements: unknown[] = [];
    const compare = (kind: Kind, key: string, value: unknown, record: unknown) => {
      const zod = zodCheck(kind, record);
      if (handCheck(kind, record) !== zod) disagreements.push({ kind, key, value, zod });
      checked++;
    };
    for (const kind of KINDS) {
      for (const base of VALID[kind]) {
        for (const key of [...Object.keys(SCHEMAS[kind].shape), 'note']) {
          for (const value of [...EDGE_STRINGS, ...EDGE_NUMBERS, ...EDGE_OTHER]) compare(kind, key, value, { ...base, [key]: value });
          const { [key]: _left, ...without } = base;
          compare(kind, key, 'left out', without);
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });

  it('gives the same verdict as zod on mutated records of every type', () => {
    const verdicts = { accepted: 0, refused: 0 };
    for (const kind of KINDS) {
      fc.assert(
        fc.property(fc.constantFrom(...VALID[kind]), fc.array(mutationOf(kind), { minLength: 1, maxLength: 3 }), (base, mutations) => {
          const record = mutated(base, mutations);
          const expected = zodCheck(kind, record);
          verdicts[expected ? 'accepted' : 'refused']++;
          expect(handCheck(kind, record)).toBe(expected);
        }),
        { numRuns: 700 },
      );
    }
    // Both verdicts must be well represented, or the property above would prove little.
    expect(verdicts.accepted).toBeGreaterThan(500);
    expect(verdicts.refused).toBeGreaterThan(1500);
  });

  it('gives the same verdict as zod on arbitrary values', () => {
    for (const kind of KINDS) {
      fc.assert(
        fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true }), (value) => {
          expect(handCheck(kind, value)).toBe(zodCheck(kind, value));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('checkExportable, which keeps each string verdict for the length of a call, refuses exactly the batches zod would, call after call', () => {
    // Batches of mutated records of one type, many sharing their strings: the first refused record is the one zod refuses
    // first, and a verdict kept in one call does not leak into the next (the same batches checked twice, in another order).
    const types = KINDS.filter((k): k is RecordType => k !== 'pseudonymousStudent');
    const batch = fc.constantFrom(...types).chain((kind) =>
      fc.tuple(
        fc.constant(kind),
        fc.array(
          fc.tuple(fc.constantFrom(...VALID[kind]), fc.array(mutationOf(kind), { maxLength: 2 })).map(([base, m]) => mutated(base, m)),
          { minLength: 1, maxLength: 6 },
        ),
      ),
    );
    const firstRefused = (kind: RecordType, list: Array<Record<string, unknown>>) => list.findIndex((r) => !zodCheck(kind, r));
    const checked = (kind: RecordType, list: Array<Record<string, unknown>>) => {
      const records = Object.fromEntries(types.map((t) => [t, t === kind ? list.map((r, i) => ({ ...r, id: `r-${i}` })) : []]));
      try {
        checkExportable(records as Record<RecordType, Array<{ id: string }>>, 'municipality');
        return -1;
      } catch (err) {
        return Number(String((err as AppError).details?.params?.id).slice(2));
      }
    };
    // The same edge string in two string fields of two records: a verdict kept for one rule must not answer for another.
    for (const kind of types) {
      const base = VALID[kind][0]!;
      const fields = Object.keys(base).filter((k) => typeof base[k] === 'string' && k !== 'id');
      for (const value of EDGE_STRINGS) {
        for (const a of fields) {
          for (const b of fields) {
            if (a === b) continue;
            const list = [
              { ...base, [a]: value },
              { ...base, [b]: value },
            ];
            expect([kind, a, b, value, checked(kind, list)]).toEqual([
              kind,
              a,
              b,
              value,
              firstRefused(
                kind,
                list.map((r, i) => ({ ...r, id: `r-${i}` })),
              ),
            ]);
          }
        }
      }
    }
    let refused = 0;
    fc.assert(
      fc.property(fc.array(batch, { minLength: 2, maxLength: 5 }), (batches) => {
        for (const [kind, list] of [...batches, ...[...batches].reverse()]) {
          const ids = list.map((r, i) => ({ ...r, id: `r-${i}` }));
          const expected = firstRefused(kind, ids);
          if (expected >= 0) refused++;
          expect(checked(kind, list)).toBe(expected);
        }
      }),
      { numRuns: 150 },
    );
    expect(refused).toBeGreaterThan(100);
  });

  it('names the first record that cannot travel, by type and id', () => {
    const records = Object.fromEntries(Object.entries(VALID).map(([k, v]) => [k, v.map((r) => ({ ...r }))])) as Record<RecordType, Array<{ id: string }>>;
    expect(() => checkExportable(records, 'municipality')).not.toThrow();
    (records.plan[0] as Record<string, unknown>).code = 'IAP\u00ad1';
    (records.delivery[0] as Record<string, unknown>).receiptRef = 'tab\there';
    const thrown = (() => {
      try {
        checkExportable(records, 'municipality');
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({
      code: 'VALIDATION_FAILED',
      messageKey: 'errors.exchange.recordNotExportable',
      details: { params: { type: 'plan', id: 'p-1' } },
    });
  });
});
