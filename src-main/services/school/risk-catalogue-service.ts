/**
 * The school's risk catalogue (`risk_factor`): seeded at set-up from
 * resources/catalogues/risk-factors.json; a newer file adds its new factors
 * when the app starts (it never deletes or relabels one). A coordinator adds
 * custom factors and retires or restores any factor. A factor that was ever
 * used (a screening answer, a measure or a semester-end outcome names it)
 * can only be retired; an unused custom factor may be deleted.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import {
  RISK_GROUPS,
  compareCatalogueVersions,
  customRiskFactorInputSchema,
  riskCatalogueFileSchema,
  type CustomRiskFactorInput,
  type RiskCatalogueFile,
  type RiskFactor,
} from '../../../src-shared/domain/risk-catalogue';
import type { Actor } from '../../../src-shared/domain/roles';
import { AppError } from '../../../src-shared/ipc/result';
import { fieldErrorsFromZod } from '../../../src-shared/ipc/zod-issues';
import type { DB, Db } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { requirePermission } from '../accounts/access';
import { recordAudit } from '../audit';
import { FILE_CAPS, readFileCapped } from '../../ports/capped-read';

/** Who the audit log names for what the app does by itself at start. */
export const APP_ACTOR: Actor = { userId: 'app', name: 'PuMPuRS', roles: [] };

export function parseRiskCatalogue(text: string): RiskCatalogueFile {
  const parsed = riskCatalogueFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`risk-factors.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export async function loadRiskCatalogue(resourcesDir: string): Promise<RiskCatalogueFile> {
  return parseRiskCatalogue((await readFileCapped(join(resourcesDir, 'catalogues', 'risk-factors.json'), FILE_CAPS.catalogue)).toString('utf8'));
}

/**
 * Adds the catalogue's factors that the database lacks (all of them at
 * set-up). Existing rows, retired or relabelled, are left alone. Returns the
 * ids added.
 */
export async function addCatalogueFactors(db: Db, catalogue: RiskCatalogueFile, actor: Actor, at: Date): Promise<string[]> {
  const existing = new Set((await db.selectFrom('risk_factor').select('id').execute()).map((r) => r.id));
  const missing = catalogue.factors.map((f, index) => ({ ...f, index })).filter((f) => !existing.has(f.id));
  if (missing.length === 0) return [];
  await db
    .insertInto('risk_factor')
    .values(
      missing.map((f) => ({
        id: f.id,
        risk_group: f.group,
        label_lv: f.lv,
        label_en: f.en,
        source: 'catalogue' as const,
        catalogue_version: catalogue.version,
        sort_order: (f.index + 1) * 10,
        created_at: at.toISOString(),
      })),
    )
    .execute();
  await recordAudit(db, actor, at, { action: 'create', entity: 'risk_catalogue', entityId: catalogue.version, detail: { added: missing.map((f) => f.id) } });
  return missing.map((f) => f.id);
}

export class RiskCatalogueService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly catalogue: RiskCatalogueFile,
  ) {}

  /** The shipped catalogue's version. */
  get version(): string {
    return this.catalogue.version;
  }

  /** Every factor, retired ones too, by group (school, personal, family, economic) and order. */
  async list(actor: Actor): Promise<RiskFactor[]> {
    requirePermission(actor, 'school.read');
    const rows = await this.db
      .selectFrom('risk_factor as f')
      .selectAll('f')
      .select((eb) =>
        eb
          .or([
            eb.exists(
              eb
                .selectFrom('screening_answer')
                .select(sql`1`.as('x'))
                .whereRef('risk_factor_id', '=', 'f.id'),
            ),
            eb.exists(
              eb
                .selectFrom('measure_risk')
                .select(sql`1`.as('x'))
                .whereRef('risk_factor_id', '=', 'f.id'),
            ),
            eb.exists(
              eb
                .selectFrom('risk_outcome')
                .select(sql`1`.as('x'))
                .whereRef('risk_factor_id', '=', 'f.id'),
            ),
          ])
          .as('used'),
      )
      .execute();
    const groupOrder = (g: string) => RISK_GROUPS.indexOf(g as (typeof RISK_GROUPS)[number]);
    return rows
      .map((r) => ({
        id: r.id,
        group: r.risk_group,
        labelLv: r.label_lv,
        labelEn: r.label_en,
        source: r.source,
        catalogueVersion: r.catalogue_version,
        sortOrder: r.sort_order,
        retiredAt: r.retired_at,
        used: Boolean(r.used),
      }))
      .sort((a, b) => groupOrder(a.group) - groupOrder(b.group) || a.sortOrder - b.sortOrder || a.id.localeCompare(b.id));
  }

  async add(actor: Actor, input: CustomRiskFactorInput): Promise<RiskFactor> {
    requirePermission(actor, 'school.admin');
    const parsed = customRiskFactorInputSchema.safeParse(input);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const { group, labelLv, labelEn } = parsed.data;
    const at = this.clock.now();
    const id = `${group}.custom${randomBytes(4).toString('hex')}`;
    await this.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('risk_factor')
        .select((eb) => eb.fn.max('sort_order').as('max'))
        .where('risk_group', '=', group)
        .executeTakeFirst();
      await trx
        .insertInto('risk_factor')
        .values({
          id,
          risk_group: group,
          label_lv: labelLv,
          label_en: labelEn,
          source: 'custom',
          catalogue_version: 'custom',
          sort_order: Number(last?.max ?? 0) + 1,
          created_at: at.toISOString(),
        })
        .execute();
      await recordAudit(trx, actor, at, { action: 'create', entity: 'risk_factor', entityId: id });
    });
    return this.find(actor, id);
  }

  /** Retires a factor (no longer offered for new screenings and measures) or restores it. */
  async setRetired(actor: Actor, id: string, retired: boolean): Promise<RiskFactor> {
    requirePermission(actor, 'school.admin');
    const at = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('risk_factor')
        .set({ retired_at: retired ? at.toISOString() : null })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
      await recordAudit(trx, actor, at, { action: 'update', entity: 'risk_factor', entityId: id, detail: { retired } });
    });
    return this.find(actor, id);
  }

  /** Deletes a custom factor that was never used; anything else can only be retired. */
  async delete(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'school.admin');
    const at = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const factor = await trx.selectFrom('risk_factor').select(['id', 'source']).where('id', '=', id).executeTakeFirst();
      if (!factor) throw new AppError('NOT_FOUND');
      if (factor.source !== 'custom') throw new AppError('RULE_VIOLATION', { messageKey: 'errors.risks.notCustom' });
      for (const table of ['screening_answer', 'measure_risk', 'risk_outcome'] as const) {
        const use = await trx.selectFrom(table).select('risk_factor_id').where('risk_factor_id', '=', id).limit(1).executeTakeFirst();
        if (use) throw new AppError('RULE_VIOLATION', { messageKey: 'errors.risks.inUse' });
      }
      await trx.deleteFrom('risk_factor').where('id', '=', id).execute();
      await recordAudit(trx, actor, at, { action: 'delete', entity: 'risk_factor', entityId: id });
    });
  }

  /**
   * At start: if the school's catalogue was seeded from an older version,
   * adds the new version's factors. Does nothing before set-up. Returns the
   * ids added.
   */
  async syncOnStart(): Promise<string[]> {
    const versions = await this.db.selectFrom('risk_factor').select('catalogue_version').where('source', '=', 'catalogue').distinct().execute();
    if (versions.length === 0) return [];
    const newest =
      versions
        .map((v) => v.catalogue_version)
        .sort(compareCatalogueVersions)
        .pop() ?? '0';
    if (compareCatalogueVersions(this.catalogue.version, newest) <= 0) return [];
    return this.db.transaction().execute((trx) => addCatalogueFactors(trx, this.catalogue, APP_ACTOR, this.clock.now()));
  }

  private async find(actor: Actor, id: string): Promise<RiskFactor> {
    const factor = (await this.list(actor)).find((f) => f.id === id);
    if (!factor) throw new AppError('NOT_FOUND');
    return factor;
  }
}
