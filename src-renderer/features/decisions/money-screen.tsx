/**
 * The municipality's money for a semester: the budget per compensation kind
 * (set it, see what approvals used and what is left), the approved
 * compensations a payment can be recorded against, the payments made, and
 * the accountant's workbooks (payment list, budget report) as XLSX, saved
 * where the person chooses.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney, parseMoney } from '../../../src-shared/domain/format';
import { PAYEES, type Payee } from '../../../src-shared/domain/decisions';
import type { Payable, PaymentView } from '../../../src-shared/ipc/contract/decisions';
import type { RouteProps } from '../../paths';
import { DataTable, type DataColumn } from '../../ui/data-table';
import { DateInput, dateTextToIso } from '../../ui/date-input';
import { Dialog } from '../../ui/dialog';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { useSemesterLabel } from '../../ui/labels';
import { Page } from '../../ui/page';
import { useSession } from '../../ui/session';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';
import { SemesterPicker, useSemesterChoice } from '../../ui/semester-picker';
import { useKindLabel } from '../../ui/plan-labels';
import { RadioGroup } from '../../ui/radio-group';
import '../exchange/exchange.css';
import './decisions.css';

export default function MoneyScreen(_props: RouteProps) {
  const { t } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const semesterLabel = useSemesterLabel();
  const choice = useSemesterChoice();
  const semester = choice.semesterId ? { semesterId: choice.semesterId } : {};
  const enabled = { enabled: choice.semesterId !== null };
  const budget = useLoad('decisions:budget', semester, enabled);
  const payables = useLoad('decisions:payables', semester, enabled);
  const payments = useLoad('decisions:payments', semester, enabled);
  const kinds = useLoad('measureKinds:list', {});
  const kindLabel = useKindLabel(kinds.data);
  const { submit, busy, fieldErrors, clearFieldError } = useSubmit();
  const [budgetKind, setBudgetKind] = useState('');
  const [budgetText, setBudgetText] = useState('');
  const [budgetInvalid, setBudgetInvalid] = useState(false);
  const [paying, setPaying] = useState<Payable | null>(null);
  const mayWrite = session.can('exchange.export');
  const mayPay = session.can('exchange.import');

  const compensationKinds = (kinds.data ?? []).filter((k) => k.category === 'compensation').map((k) => k.code);
  const budgetKinds = [...new Set([...compensationKinds, ...(budget.data?.kinds ?? []).map((b) => b.kindCode)])].sort();

  async function saveBudget() {
    const cents = parseMoney(budgetText);
    if (!budgetKind || cents === null) {
      setBudgetInvalid(true);
      return;
    }
    setBudgetInvalid(false);
    const done = await submit('decisions:setBudget', { ...semester, kindCode: budgetKind, cents });
    if (!done) return;
    toast.success(t('authority.money.budgetSaved', { kind: kindLabel(budgetKind), amount: formatMoney(cents) }));
    setBudgetText('');
    budget.reload();
  }

  async function exportXlsx(report: 'payments' | 'budget') {
    const done = await submit('decisions:exportXlsx', { report, ...semester });
    if (done && !done.cancelled) toast.success(t('authority.money.exported', { path: done.path ?? '' }));
  }

  const payableColumns: DataColumn<Payable>[] = [
    { key: 'code', label: t('authority.money.col.plan'), rowHeader: true, width: '22%', cellClassName: 'plan-code', cell: (p) => p.planCode },
    { key: 'school', label: t('authority.money.col.school'), width: '22%', cell: (p) => p.schoolName },
    { key: 'kind', label: t('authority.money.col.kind'), width: '18%', cell: (p) => kindLabel(p.kindCode) },
    { key: 'approved', label: t('authority.money.col.approved'), num: true, width: '11%', cell: (p) => formatMoney(p.approvedCents) },
    { key: 'paid', label: t('authority.money.col.paid'), num: true, width: '11%', cell: (p) => formatMoney(p.paidCents) },
    {
      key: 'action',
      label: t('authority.money.col.action'),
      width: '16%',
      cell: (p) =>
        mayPay && p.paidCents < p.approvedCents ? (
          <button
            type="button"
            data-row-action
            onClick={() => setPaying(p)}
            aria-label={t('authority.money.recordFor', { code: p.planCode, kind: kindLabel(p.kindCode) })}
          >
            {t('authority.money.record')}
          </button>
        ) : (
          <span className="muted">{p.paidCents >= p.approvedCents ? t('authority.money.paidInFull') : '—'}</span>
        ),
    },
  ];
  const paymentColumns: DataColumn<PaymentView>[] = [
    { key: 'date', label: t('authority.money.col.date'), rowHeader: true, width: '11%', cell: (p) => formatDate(p.paidOn) },
    { key: 'code', label: t('authority.money.col.plan'), width: '20%', cellClassName: 'plan-code', cell: (p) => p.planCode },
    { key: 'school', label: t('authority.money.col.school'), width: '19%', cell: (p) => p.schoolName },
    { key: 'kind', label: t('authority.money.col.kind'), width: '16%', cell: (p) => kindLabel(p.kindCode) },
    { key: 'cents', label: t('authority.money.col.amount'), num: true, width: '10%', cell: (p) => formatMoney(p.cents) },
    { key: 'payee', label: t('authority.money.col.payee'), width: '12%', cell: (p) => t(`authority.payee.${p.payee}`) },
    { key: 'reference', label: t('authority.money.col.reference'), width: '12%', cell: (p) => p.reference },
  ];

  return (
    <Page
      title={t('authority.money.title')}
      subtitle={semesterLabel(choice.semesterId)}
      className="page-money"
      actions={
        mayWrite ? (
          <>
            <button type="button" onClick={() => void exportXlsx('payments')} disabled={busy}>
              {t('authority.money.exportPayments')}
            </button>
            <button type="button" onClick={() => void exportXlsx('budget')} disabled={busy}>
              {t('authority.money.exportBudget')}
            </button>
          </>
        ) : null
      }
    >
      <SemesterPicker choice={choice} />
      {budget.error ? <ErrorBanner error={budget.error} /> : null}

      <section className="card" aria-labelledby="budget-title">
        <h2 id="budget-title">{t('authority.money.budgetTitle')}</h2>
        {budget.data && budget.data.kinds.length === 0 ? <p className="muted">{t('authority.money.noBudget')}</p> : null}
        {budget.data && budget.data.kinds.length > 0 ? (
          <DataTable
            plain
            className="table compact"
            testId="budget-table"
            caption={t('authority.money.budgetTitle')}
            rows={budget.data.kinds}
            rowKey={(b) => b.kindCode}
            rowClassName={(b) => (b.leftCents < 0 ? 'over-budget' : undefined)}
            columns={[
              { key: 'kind', label: t('authority.money.col.kind'), rowHeader: true, cell: (b) => kindLabel(b.kindCode) },
              { key: 'budget', label: t('authority.money.col.budget'), num: true, cell: (b) => formatMoney(b.budgetCents) },
              { key: 'approved', label: t('authority.money.col.approved'), num: true, cell: (b) => formatMoney(b.approvedCents) },
              { key: 'left', label: t('authority.money.col.left'), num: true, cell: (b) => formatMoney(b.leftCents) },
            ]}
          />
        ) : null}
        {mayWrite ? (
          <div className="inline-form">
            <Field label={t('authority.money.budgetKind')}>
              <select value={budgetKind} onChange={(e) => setBudgetKind(e.target.value)}>
                <option value="">{t('authority.money.chooseKind')}</option>
                {budgetKinds.map((k) => (
                  <option key={k} value={k}>
                    {kindLabel(k)}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              label={t('authority.money.budgetAmount')}
              hint={t('authority.money.amountHint')}
              errorKey={budgetInvalid ? 'authority.money.budgetInvalid' : fieldErrors.cents}
            >
              <input type="text" inputMode="decimal" className="money-input" value={budgetText} onChange={(e) => setBudgetText(e.target.value)} />
            </Field>
            <button type="button" className="primary" disabled={busy} onClick={() => void saveBudget()}>
              {t('authority.money.saveBudget')}
            </button>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="payables-title">
        <h2 id="payables-title">{t('authority.money.payablesTitle')}</h2>
        {payables.error ? <ErrorBanner error={payables.error} /> : null}
        {payables.data && payables.data.length === 0 ? <p className="muted">{t('authority.money.noPayables')}</p> : null}
        {payables.data && payables.data.length > 0 ? (
          <DataTable
            rows={payables.data}
            columns={payableColumns}
            rowKey={(p) => `${p.schoolId}/${p.measureId}`}
            caption={t('authority.money.payablesTitle')}
            testId="payables-table"
            scrollClassName="short-table"
          />
        ) : null}
      </section>

      <section className="card" aria-labelledby="payments-title">
        <h2 id="payments-title">{t('authority.money.paymentsTitle')}</h2>
        {payments.error ? <ErrorBanner error={payments.error} /> : null}
        {payments.data && payments.data.length === 0 ? <p className="muted">{t('authority.money.noPayments')}</p> : null}
        {payments.data && payments.data.length > 0 ? (
          <DataTable
            rows={payments.data}
            columns={paymentColumns}
            rowKey={(p) => p.id}
            caption={t('authority.money.paymentsTitle')}
            testId="payments-table"
            scrollClassName="short-table"
          />
        ) : null}
      </section>

      {paying ? (
        <PaymentDialog
          payable={paying}
          kindLabel={kindLabel}
          onClose={() => setPaying(null)}
          onSaved={() => {
            setPaying(null);
            payables.reload();
            payments.reload();
          }}
          submitProps={{ submit, busy, fieldErrors, clearFieldError }}
        />
      ) : null}
    </Page>
  );
}

function PaymentDialog({
  payable,
  kindLabel,
  onClose,
  onSaved,
  submitProps,
}: {
  payable: Payable;
  kindLabel(code: string): string;
  onClose(): void;
  onSaved(): void;
  submitProps: Pick<ReturnType<typeof useSubmit>, 'submit' | 'busy' | 'fieldErrors' | 'clearFieldError'>;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const { submit, busy, fieldErrors, clearFieldError } = submitProps;
  const remaining = payable.approvedCents - payable.paidCents;
  const [dateText, setDateText] = useState(formatDate(new Date().toISOString()));
  const [amountText, setAmountText] = useState(formatMoney(remaining));
  const [payee, setPayee] = useState<Payee>('guardian');
  const [reference, setReference] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});

  async function save() {
    const paidOn = dateTextToIso(dateText);
    const cents = parseMoney(amountText);
    const found: Record<string, string> = {};
    if (paidOn === null || paidOn === 'invalid') found.paidOn = 'errors.field.date';
    if (cents === null || cents <= 0 || cents > remaining) found.cents = 'authority.money.amountInvalid';
    if (reference.trim() === '') found.reference = 'errors.field.required';
    setProblems(found);
    if (Object.keys(found).length > 0 || paidOn === null || paidOn === 'invalid' || cents === null) return;
    const done = await submit('decisions:recordPayment', {
      schoolId: payable.schoolId,
      planId: payable.planId,
      measureId: payable.measureId,
      paidOn,
      cents,
      payee,
      reference: reference.trim(),
    });
    if (!done) return;
    toast.success(t('authority.money.paymentSaved', { amount: formatMoney(cents), code: payable.planCode }));
    onSaved();
  }

  return (
    <Dialog
      title={t('authority.money.paymentTitle')}
      open
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('ui.cancel')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
            {t('authority.money.savePayment')}
          </button>
        </>
      }
    >
      <p data-testid="payment-for">
        {t('authority.money.paymentFor', {
          code: payable.planCode,
          kind: kindLabel(payable.kindCode),
          approved: formatMoney(payable.approvedCents),
          left: formatMoney(remaining),
        })}
      </p>
      <Field label={t('authority.money.paidOn')} required errorKey={problems.paidOn ?? fieldErrors.paidOn}>
        <DateInput
          value={dateText}
          onChange={(text) => {
            setDateText(text);
            clearFieldError('paidOn');
          }}
        />
      </Field>
      <Field label={t('authority.money.amount')} hint={t('authority.money.amountHint')} required errorKey={problems.cents ?? fieldErrors.cents}>
        <input type="text" inputMode="decimal" className="money-input" value={amountText} onChange={(e) => setAmountText(e.target.value)} />
      </Field>
      <RadioGroup
        legend={t('authority.money.payee')}
        name="payee"
        value={payee}
        options={PAYEES.map((p) => ({ value: p, label: t(`authority.payee.${p}`) }))}
        onChange={setPayee}
      />
      <Field label={t('authority.money.reference')} hint={t('authority.money.referenceHint')} required errorKey={problems.reference ?? fieldErrors.reference}>
        <input type="text" maxLength={100} value={reference} onChange={(e) => setReference(e.target.value)} />
      </Field>
    </Dialog>
  );
}
