/**
 * Measure kinds, their rates and caps: configuration a school admin keeps.
 * A kind is never deleted (plans refer to it); switching it off hides it
 * from new measures. A kind's category cannot change once it exists.
 */
import type { Kysely } from 'kysely';
import { measureKindsUpdateInputSchema, UNIT_OF, type MeasureKind } from '../../../src-shared/domain/measure-kinds';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError, type FieldError } from '../../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';

export class MeasureKindService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor): Promise<MeasureKind[]> {
    requirePermission(actor, 'school.read');
    const rows = await this.db.selectFrom('measure_kind').selectAll().orderBy('sort_order').orderBy('code').execute();
    return rows.map((r) => ({
      code: r.code,
      category: r.category,
      unit: r.unit,
      labelLv: r.label_lv,
      labelEn: r.label_en,
      rateCents: r.rate_cents,
      capCents: r.cap_cents,
      active: r.active === 1,
      sortOrder: r.sort_order,
    }));
  }

  /** Saves changed and new kinds in one go. */
  async update(actor: Actor, raw: unknown): Promise<MeasureKind[]> {
    requirePermission(actor, 'school.admin');
    const parsed = measureKindsUpdateInputSchema.safeParse(raw);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const existing = new Map((await trx.selectFrom('measure_kind').selectAll().execute()).map((k) => [k.code, k]));
      const problems: FieldError[] = [];
      const seen = new Set<string>();
      parsed.data.kinds.forEach((k, i) => {
        if (seen.has(k.code)) problems.push({ path: `kinds.${i}.code`, messageKey: 'errors.measureKind.duplicate' });
        seen.add(k.code);
        const old = existing.get(k.code);
        if (old && old.category !== k.category) problems.push({ path: `kinds.${i}.category`, messageKey: 'errors.measureKind.categoryFixed' });
        if (!k.code.startsWith(`${k.category}.`)) problems.push({ path: `kinds.${i}.code`, messageKey: 'errors.measureKind.code' });
      });
      if (problems.length > 0) throw AppError.validation(problems);
      for (const k of parsed.data.kinds) {
        const values = {
          label_lv: k.labelLv,
          label_en: k.labelEn,
          rate_cents: k.rateCents,
          cap_cents: k.capCents,
          active: k.active ? (1 as const) : (0 as const),
        };
        const old = existing.get(k.code);
        if (old) {
          await trx
            .updateTable('measure_kind')
            .set({ ...values, sort_order: k.sortOrder ?? old.sort_order })
            .where('code', '=', k.code)
            .execute();
        } else {
          await trx
            .insertInto('measure_kind')
            .values({ code: k.code, category: k.category, unit: UNIT_OF[k.category], ...values, sort_order: k.sortOrder ?? 1000 })
            .execute();
        }
        await recordAudit(trx, actor, now, {
          action: old ? 'update' : 'create',
          entity: 'measureKind',
          entityId: k.code,
          detail: { rateCents: k.rateCents, capCents: k.capCents, active: k.active },
        });
      }
    });
    return this.list(actor);
  }
}
