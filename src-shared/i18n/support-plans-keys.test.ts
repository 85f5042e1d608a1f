/** Every message key that the support-plan code sends has a string in both languages. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, lv } from './catalogue/index';

const root = join(import.meta.dirname, '..', '..');
const files = [
  'src-shared/domain/plan-fields.ts',
  'src-shared/domain/risk-level.ts',
  'src-shared/domain/screening.ts',
  'src-shared/domain/plan.ts',
  'src-shared/domain/plan-readiness.ts',
  'src-shared/domain/delivery.ts',
  'src-shared/domain/semester-end.ts',
  'src-shared/domain/measure-kinds.ts',
  'src-shared/ipc/contract/support-plans.ts',
  'src-main/services/school/school-work-checks.ts',
  'src-main/services/plans/screening-service.ts',
  'src-main/services/plans/plan-service.ts',
  'src-main/services/plans/plan-status.ts',
  'src-main/services/plans/plan-measures.ts',
  'src-main/services/school/measure-kind-service.ts',
  'src-main/services/plans/delivery-service.ts',
  'src-main/services/plans/semester-end-service.ts',
  'src-main/services/demo-data/demo-data.ts',
];

describe('support-plan messages', () => {
  it('exist in Latvian and English for every key the code uses', () => {
    const keys = new Set(files.flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(/'((?:errors|risk\.reason)\.[a-zA-Z.]+)'/g)].map((m) => m[1]!)));
    expect(keys.size).toBeGreaterThan(50);
    const has = (cat: Record<string, string>, key: string) => key in cat || `${key}_other` in cat;
    expect([...keys].filter((k) => !has(lv, k))).toEqual([]);
    expect([...keys].filter((k) => !has(en, k))).toEqual([]);
  });
});
