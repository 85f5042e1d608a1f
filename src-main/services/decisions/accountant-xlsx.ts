/**
 * The accountant's workbooks (issue 9, money): the semester's payment list
 * and the budget report, as XLSX made with exceljs. Latvian headers (the
 * accountant's language, whatever the app's), amounts as numbers in euro
 * with a money format, days as dates: the cells stay sums and sorts, not text.
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

const EURO = '#,##0.00 "€"';
const DAY = 'dd.mm.yyyy';

export const PAYMENT_HEADERS = ['Skola', 'Reģ. Nr.', 'Plāna kods', 'Pasākuma veids', 'Maksājuma datums', 'Summa, €', 'Saņēmējs', 'Maksājuma uzdevums'] as const;
export const BUDGET_HEADERS = ['Pasākuma veids', 'Budžets, €', 'Apstiprināts, €', 'Izmaksāts, €', 'Atlikums, €'] as const;

const PAYEE_LV: Record<string, string> = { guardian: 'Vecāks vai aizbildnis', student: 'Pilngadīgs izglītojamais' };

function sheet(workbook: ExcelJS.Workbook, name: string, headers: readonly string[], widths: number[]): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map((header, i) => ({ header, width: widths[i] ?? 16 }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

/** Every payment of the semester, by school, plan and day. */
export async function paymentListXlsx(db: Kysely<DB>, period: string): Promise<Buffer> {
  const rows = await db
    .selectFrom('authority_payment')
    .innerJoin('exchange_org', 'exchange_org.id', 'authority_payment.school_id')
    .leftJoin('authority_decision', (join) =>
      join.onRef('authority_decision.plan_id', '=', 'authority_payment.plan_id').onRef('authority_decision.school_id', '=', 'authority_payment.school_id'),
    )
    .select([
      'exchange_org.name',
      'authority_payment.school_id',
      'authority_payment.kind_code',
      'authority_payment.paid_on',
      'authority_payment.cents',
      'authority_payment.payee',
      'authority_payment.reference',
      'authority_payment.id',
    ])
    .select((eb) => eb.fn.max('authority_decision.plan_code').as('plan_code'))
    .where('authority_payment.period', '=', period)
    .groupBy('authority_payment.id')
    .orderBy('exchange_org.name')
    .orderBy('authority_payment.paid_on')
    .orderBy('authority_payment.id')
    .execute();
  const workbook = new ExcelJS.Workbook();
  const ws = sheet(workbook, `Maksājumi ${period.replace('/', '-')}`, PAYMENT_HEADERS, [30, 12, 26, 30, 16, 12, 24, 24]);
  for (const r of rows) {
    const [y, m, d] = r.paid_on.split('-').map(Number);
    ws.addRow([
      r.name,
      r.school_id,
      r.plan_code ?? '',
      r.kind_code,
      new Date(Date.UTC(y as number, (m as number) - 1, d as number)),
      r.cents / 100,
      PAYEE_LV[r.payee] ?? r.payee,
      r.reference,
    ]);
  }
  ws.getColumn(5).numFmt = DAY;
  ws.getColumn(6).numFmt = EURO;
  const totalRow = ws.addRow(['Kopā', '', '', '', null, rows.reduce((s, r) => s + r.cents, 0) / 100, '', '']);
  totalRow.font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Per compensation kind: the semester's budget, what decisions approved, what was paid, what is left. */
export async function budgetReportXlsx(db: Kysely<DB>, period: string, approvedByKind: ReadonlyMap<string, number>): Promise<Buffer> {
  const budgets = await db.selectFrom('authority_budget').select(['kind_code', 'cents']).where('period', '=', period).execute();
  const paid = await db
    .selectFrom('authority_payment')
    .select(['kind_code'])
    .select((eb) => eb.fn.sum<number>('cents').as('cents'))
    .where('period', '=', period)
    .groupBy('kind_code')
    .execute();
  const kinds = [...new Set([...budgets.map((b) => b.kind_code), ...approvedByKind.keys(), ...paid.map((p) => p.kind_code)])].sort();
  const workbook = new ExcelJS.Workbook();
  const ws = sheet(workbook, `Budžets ${period.replace('/', '-')}`, BUDGET_HEADERS, [34, 14, 16, 14, 14]);
  for (const kind of kinds) {
    const budget = budgets.find((b) => b.kind_code === kind)?.cents ?? 0;
    const approved = approvedByKind.get(kind) ?? 0;
    const spent = Number(paid.find((p) => p.kind_code === kind)?.cents ?? 0);
    ws.addRow([kind, budget / 100, approved / 100, spent / 100, (budget - approved) / 100]);
  }
  for (const c of [2, 3, 4, 5]) ws.getColumn(c).numFmt = EURO;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
