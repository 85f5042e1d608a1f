/**
 * The delivery log of one plan: quick entry of consultation sessions,
 * compensation payments and NGO project participation, and for each measure
 * what was planned against what was delivered, with every entry.
 *
 * The entry form is made for a pile of paper forms: Enter saves, the form
 * stays on the same measure, date and specialist, and the focus goes back to
 * the amount for the next entry. When an entry goes over the measure's plan
 * (seen here) or the kind's cap per student (the service knows), a reason
 * field appears and the service's message says which limit it is.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryView, MeasureDeliveries } from '../../../src-shared/domain/delivery';
import { formatDate, formatDateRange, parseMoney } from '../../../src-shared/domain/format';
import type { MeasureKind } from '../../../src-shared/domain/measure-kinds';
import { acceptsDeliveries } from '../../../src-shared/domain/plan-lifecycle';
import type { PlanView } from '../../../src-shared/domain/plan';
import type { StaffMember } from '../../../src-shared/domain/staff';
import { specialistChoices, type StaffChoice } from '../../../src-shared/domain/staff-choice';
import type { ChannelOutput } from '../../../src-shared/ipc/contract/index';
import { paths, type RouteProps } from '../../paths';
import { useConfirm } from '../../ui/confirm';
import { DateInput, dateTextToIso, isoToDateText } from '../../ui/date-input';
import { DataTable } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, useFieldMessage, type FieldErrors } from '../../ui/field';
import { PlanStatusBadge, useClassLabel, useSemesterLabel } from '../../ui/labels';
import { bothLoaded, LoadGate } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Link } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';
import { useFocusFirstError } from '../../ui/form-utils';
import { staffName, tidyFieldErrors, useAmount, useKindLabel } from '../../ui/plan-labels';
import '../plans/work.css';

type PlanDeliveries = ChannelOutput<'deliveries:listForPlan'>;

export default function DeliveriesScreen({ params }: RouteProps) {
  const { t } = useTranslation();
  const planId = params.id ?? '';
  const plan = useLoad('plans:get', { planId });
  const deliveries = useLoad('deliveries:listForPlan', { planId });
  return (
    <LoadGate
      loaded={bothLoaded(plan, deliveries)}
      title={t('deliveries.title')}
      breadcrumbs={<Link to={paths.plan(planId)}>← {t('deliveries.backToPlan')}</Link>}
    >
      {([p, d]) => <DeliveryLog plan={p} initial={d} />}
    </LoadGate>
  );
}

function DeliveryLog({ plan, initial }: { plan: PlanView; initial: PlanDeliveries }) {
  const { t } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const classLabel = useClassLabel();
  const semesterLabel = useSemesterLabel();
  const [confirmDialog, confirm] = useConfirm();
  const [data, setData] = useState(initial);
  const removing = useSubmit();
  const student = useLoad('students:get', { id: plan.studentId });
  const kinds = useLoad('measureKinds:list', {});
  const staff = useLoad('staff:list', {});
  const kindLabel = useKindLabel(kinds.data);
  const s = student.data;
  const canWrite = session.can('delivery.write') && acceptsDeliveries(data.status as PlanView['status']);

  async function remove(deliveryId: string, text: string) {
    const yes = await confirm({
      title: t('deliveries.remove.title'),
      body: t('deliveries.remove.body', { entry: text }),
      confirmLabel: t('deliveries.remove'),
      danger: true,
    });
    if (!yes) return;
    const left = await removing.submit('deliveries:remove', { deliveryId });
    if (!left) return;
    setData(left);
    toast.success(t('deliveries.removed'));
  }

  return (
    <Page
      title={t('deliveries.title')}
      subtitle={
        <>
          {s ? `${s.lastName} ${s.firstName} · ${classLabel(s)} · ` : ''}
          {semesterLabel(plan.semesterId)} · {plan.code} <PlanStatusBadge status={data.status as PlanView['status']} />
        </>
      }
      breadcrumbs={<Link to={paths.plan(plan.id)}>← {t('deliveries.backToPlan')}</Link>}
    >
      {kinds.error ? <ErrorBanner error={kinds.error} /> : null}
      {canWrite ? (
        data.measures.length > 0 ? (
          <EntryForm measures={data.measures} kinds={kinds.data ?? []} staff={staff.data ?? []} onSaved={setData} />
        ) : (
          <p className="notice">{t('deliveries.noMeasures')}</p>
        )
      ) : (
        <p className="notice" role="note">
          {session.can('delivery.write') ? t('errors.delivery.planNotRunning') : t('deliveries.readOnly')}
        </p>
      )}
      <h2 className="section-title">{t('deliveries.byMeasure')}</h2>
      {data.measures.map((m, i) => (
        <MeasureLog
          key={m.measureId}
          index={i}
          measure={m}
          title={kindLabel(m.kindCode)}
          staff={staff.data ?? []}
          onRemove={(id, text) => void remove(id, text)}
        />
      ))}
      {confirmDialog}
    </Page>
  );
}

interface EntryState {
  measureId: string;
  date: string;
  amount: string;
  specialistId: string;
  confirmed: boolean;
  receiptRef: string;
  note: string;
  reason: string;
}

function EntryForm({
  measures,
  kinds,
  staff,
  onSaved,
}: {
  measures: readonly MeasureDeliveries[];
  kinds: readonly MeasureKind[];
  staff: readonly StaffMember[];
  onSaved(data: PlanDeliveries): void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const message = useFieldMessage();
  const amountText = useAmount();
  const kindLabel = useKindLabel(kinds);
  const current = useLoad('calendar:current', {});
  const me = session.actor?.userId ?? '';
  const choicesFor = (m: MeasureDeliveries | undefined) =>
    specialistChoices(staff, { kindCode: m?.kindCode ?? '', responsibleId: m?.responsibleId ?? null }, me);
  const [entry, setEntry] = useState<EntryState>({
    measureId: measures[0]?.measureId ?? '',
    date: '',
    amount: '',
    specialistId: choicesFor(measures[0]).defaultId ?? '',
    confirmed: false,
    receiptRef: '',
    note: '',
    reason: '',
  });
  const [askReason, setAskReason] = useState(false);
  const focusFirstError = useFocusFirstError();
  const {
    submit,
    busy,
    fieldErrors: errors,
    setFieldErrors: setErrors,
  } = useSubmit({
    onFieldErrors: (found) => {
      // The service found the entry over a limit: the reason field appears with its message.
      if (found.overPlanReason) setAskReason(true);
      focusFirstError();
    },
  });
  const firstInput = useRef<HTMLInputElement>(null);
  const measure = measures.find((m) => m.measureId === entry.measureId) ?? measures[0];
  const category = measure?.category ?? 'consultation';
  const today = current.data?.today;

  useEffect(() => {
    if (today) setEntry((e) => (e.date ? e : { ...e, date: isoToDateText(today) }));
  }, [today]);

  // The staff list arrives after the form: then preselect the measure's responsible person.
  const staffLoaded = staff.length > 0;
  useEffect(() => {
    if (!staffLoaded) return;
    setEntry((e) => {
      if (e.specialistId) return e;
      const m = measures.find((x) => x.measureId === e.measureId);
      return { ...e, specialistId: specialistChoices(staff, { kindCode: m?.kindCode ?? '', responsibleId: m?.responsibleId ?? null }, me).defaultId ?? '' };
    });
    // Only when the list first arrives: a later choice of "nobody" stays.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [staffLoaded]);

  const set = (patch: Partial<EntryState>) => setEntry((e) => ({ ...e, ...patch }));

  // What the entry would add, in the measure's unit, to see an over-plan coming.
  const amount =
    category === 'consultation'
      ? /^\d+$/.test(entry.amount.trim())
        ? Number(entry.amount)
        : null
      : category === 'compensation'
        ? parseMoney(entry.amount)
        : 1;
  const overPlan = measure !== undefined && measure.planned !== null && category !== 'ngo' && amount !== null && measure.delivered + amount > measure.planned;
  const showReason = askReason || overPlan || entry.reason !== '';
  const shown = tidyFieldErrors(errors);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!measure) return;
    const found: FieldErrors = {};
    const day = dateTextToIso(entry.date);
    if (day === null) found.deliveredOn = 'errors.field.required';
    if (day === 'invalid') found.deliveredOn = 'ui.date.invalid';
    if (category === 'consultation' && entry.amount.trim() !== '' && amount === null) found.minutes = 'deliveries.error.minutes';
    if (category === 'compensation' && entry.amount.trim() !== '' && amount === null) found.cents = 'deliveries.error.money';
    if (Object.keys(found).length > 0) {
      setErrors(found);
      focusFirstError();
      return;
    }
    const saved = await submit('deliveries:add', {
      measureId: measure.measureId,
      deliveredOn: day as string,
      specialistId: category === 'consultation' && entry.specialistId ? entry.specialistId : null,
      minutes: category === 'consultation' ? amount : null,
      studentConfirmed: category === 'consultation' ? entry.confirmed : null,
      cents: category === 'compensation' ? amount : null,
      receiptRef: category === 'compensation' && entry.receiptRef.trim() ? entry.receiptRef : null,
      note: entry.note,
      overPlanReason: entry.reason.trim() ? entry.reason : null,
    });
    if (!saved) return;
    onSaved(saved);
    toast.success(t('deliveries.saved', { entry: amountText(category, category === 'ngo' ? 1 : amount), date: formatDate(day as string) }));
    setEntry((e) => ({ ...e, amount: '', confirmed: false, receiptRef: '', note: '', reason: '' }));
    setAskReason(false);
    firstInput.current?.focus();
  }

  const choices = choicesFor(measure);
  const choiceLabel = (p: StaffChoice) =>
    [p.displayName, p.specialistKind ? ` (${t(`specialistKind.${p.specialistKind}`)})` : '', p.username ? ` — ${p.username}` : ''].join('');
  return (
    <form className="card entry-form" onSubmit={save} noValidate aria-labelledby="entry-title">
      <h2 id="entry-title">{t('deliveries.entry.title')}</h2>
      <p className="muted">{t('deliveries.entry.hint')}</p>
      <div className="entry-grid">
        <Field label={t('deliveries.measure')} errorKey={shown.measureId} className="entry-measure">
          <select
            value={entry.measureId}
            onChange={(e) => {
              // Another measure: its own responsible person becomes the default.
              const next = measures.find((m) => m.measureId === e.target.value);
              set({ measureId: e.target.value, amount: '', reason: '', specialistId: choicesFor(next).defaultId ?? '' });
              setErrors({});
              setAskReason(false);
            }}
          >
            {measures.map((m, i) => (
              <option key={m.measureId} value={m.measureId}>
                {i + 1}. {kindLabel(m.kindCode)}
                {m.planned !== null
                  ? ` — ${t('deliveries.ofPlanned', { delivered: amountText(m.category, m.delivered), planned: amountText(m.category, m.planned) })}`
                  : ''}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('deliveries.date')} errorKey={shown.deliveredOn}>
          <DateInput value={entry.date} onChange={(v) => set({ date: v })} />
        </Field>
        {category === 'consultation' ? (
          <>
            <Field label={t('deliveries.minutes')} hint={t('deliveries.minutes.hint')} errorKey={shown.minutes} required>
              <input
                ref={firstInput}
                className="num-input"
                inputMode="numeric"
                value={entry.amount}
                onChange={(e) => set({ amount: e.target.value })}
                autoComplete="off"
                autoFocus
              />
            </Field>
            <Field label={t('deliveries.specialist')} errorKey={shown.specialistId}>
              <select value={entry.specialistId} onChange={(e) => set({ specialistId: e.target.value })}>
                <option value="">{t('deliveries.specialist.none')}</option>
                {choices.suited.length > 0 ? (
                  <optgroup label={t('deliveries.specialist.suited')}>
                    {choices.suited.map((p) => (
                      <option key={p.id} value={p.id}>
                        {choiceLabel(p)}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                {choices.others.length > 0 ? (
                  <optgroup label={t('deliveries.specialist.others')}>
                    {choices.others.map((p) => (
                      <option key={p.id} value={p.id}>
                        {choiceLabel(p)}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
              </select>
            </Field>
            <label className="check entry-check">
              <input type="checkbox" checked={entry.confirmed} onChange={(e) => set({ confirmed: e.target.checked })} />
              <span>{t('deliveries.confirmed')}</span>
            </label>
          </>
        ) : null}
        {category === 'compensation' ? (
          <>
            <Field label={t('deliveries.euros')} hint={t('deliveries.euros.hint')} errorKey={shown.cents} required>
              <input
                ref={firstInput}
                className="num-input"
                inputMode="decimal"
                value={entry.amount}
                onChange={(e) => set({ amount: e.target.value })}
                autoComplete="off"
                autoFocus
              />
            </Field>
            <Field label={t('deliveries.receipt')} errorKey={shown.receiptRef}>
              <input value={entry.receiptRef} onChange={(e) => set({ receiptRef: e.target.value })} autoComplete="off" />
            </Field>
          </>
        ) : null}
        {category === 'ngo' ? <p className="muted entry-ngo">{t('deliveries.ngo')}</p> : null}
        <Field label={t('deliveries.note')} errorKey={shown.note} className="entry-note">
          <input value={entry.note} onChange={(e) => set({ note: e.target.value })} autoComplete="off" />
        </Field>
      </div>
      {showReason ? (
        <div className="entry-reason">
          {!shown.overPlanReason ? (
            <p className="field-warning" role="status">
              {overPlan ? t('errors.delivery.overPlanReasonRequired') : t('deliveries.reason.needed')}
            </p>
          ) : null}
          <Field label={t('deliveries.reason')} hint={t('deliveries.reason.hint')} errorKey={shown.overPlanReason} required>
            <input value={entry.reason} onChange={(e) => set({ reason: e.target.value })} autoComplete="off" />
          </Field>
        </div>
      ) : null}
      {shown.measureId && !measure ? <p className="field-error">{message(shown.measureId)}</p> : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('deliveries.add')}
        </button>
        <span className="muted small">{t('deliveries.enterHint')}</span>
      </div>
    </form>
  );
}

function MeasureLog({
  index,
  measure,
  title,
  staff,
  onRemove,
}: {
  index: number;
  measure: MeasureDeliveries;
  title: string;
  staff: readonly StaffMember[];
  onRemove(deliveryId: string, text: string): void;
}) {
  const { t } = useTranslation();
  const amount = useAmount();
  const headingId = `measure-log-${index}`;
  const percent = measure.planned ? Math.round((measure.delivered / measure.planned) * 100) : null;
  const entryAmount = (d: MeasureDeliveries['deliveries'][number]) =>
    amount(measure.category, measure.category === 'consultation' ? d.minutes : measure.category === 'compensation' ? d.cents : 1);

  return (
    <section className="card measure-log" aria-labelledby={headingId} data-testid={`measure-log-${index}`}>
      <div className="measure-log-head">
        <h3 id={headingId}>
          {index + 1}. {title}
        </h3>
        <span className="muted">{formatDateRange(measure.startsOn, measure.endsOn)}</span>
      </div>
      <p className="measure-progress-text" data-testid={`measure-progress-${index}`}>
        {measure.planned !== null
          ? t('deliveries.progress', { delivered: amount(measure.category, measure.delivered), planned: amount(measure.category, measure.planned), percent })
          : t('deliveries.progress.unplanned', { count: measure.count })}
      </p>
      {percent !== null ? (
        <div className={percent > 100 ? 'progress-bar over' : 'progress-bar'} aria-hidden="true">
          <span style={{ width: `${Math.min(percent, 100)}%` }} />
        </div>
      ) : null}
      {measure.deliveries.length === 0 ? (
        <p className="muted">{t('deliveries.none')}</p>
      ) : (
        <DataTable
          fit
          wrap
          className="compact"
          rows={measure.deliveries}
          rowKey={(d) => d.id}
          caption={t('deliveries.entriesOf', { measure: title })}
          columns={[
            { key: 'date', label: t('deliveries.date'), cell: (d) => formatDate(d.deliveredOn) },
            { key: 'amount', label: t('deliveries.amount'), num: true, cell: (d) => entryAmount(d) },
            ...(measure.category === 'consultation'
              ? [
                  { key: 'specialist', label: t('deliveries.specialist'), cell: (d: DeliveryView) => staffName(staff, d.specialistId) },
                  {
                    key: 'confirmed',
                    label: t('deliveries.confirmed.short'),
                    cell: (d: DeliveryView) => (d.studentConfirmed ? t('deliveries.yes') : t('deliveries.no')),
                  },
                ]
              : []),
            ...(measure.category === 'compensation'
              ? [{ key: 'receipt', label: t('deliveries.receipt'), cell: (d: DeliveryView) => d.receiptRef ?? '—' }]
              : []),
            {
              key: 'note',
              label: t('deliveries.note'),
              cell: (d) => (
                <>
                  {d.note}
                  {d.overPlanReason ? (
                    <div className="over-reason">
                      <strong>{t('deliveries.reason.short')}:</strong> {d.overPlanReason}
                    </div>
                  ) : null}
                </>
              ),
            },
            {
              key: 'actions',
              label: t('deliveries.actions'),
              hideLabel: true,
              cellClassName: 'row-actions',
              cell: (d) =>
                d.removable ? (
                  <button
                    type="button"
                    className="danger"
                    aria-label={t('deliveries.remove.label', { entry: `${formatDate(d.deliveredOn)} ${entryAmount(d)}` })}
                    onClick={() => onRemove(d.id, `${formatDate(d.deliveredOn)}, ${entryAmount(d)}`)}
                  >
                    {t('deliveries.remove')}
                  </button>
                ) : null,
            },
          ]}
        />
      )}
    </section>
  );
}
