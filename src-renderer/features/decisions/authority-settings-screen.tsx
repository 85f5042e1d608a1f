/**
 * What the municipality (or the state) sends down to its schools: which
 * plans need its approval, rates and caps per compensation kind, the
 * semester's package deadlines and the youth NGO project cap; and the youth
 * NGO initiative projects register (title, NGO, period, budget up to the
 * cap). Both travel in the next decisions package of every school.
 * Under the register: who takes part in each project this semester (plan
 * code and school, from the school reports; no names).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPROVAL_POLICIES, type ApprovalPolicy } from '../../../src-shared/domain/decisions';
import { formatDate, formatDateRange, formatMoney, parseMoney } from '../../../src-shared/domain/format';
import type { YouthProjectParticipant, YouthProjectView } from '../../../src-shared/ipc/contract/decisions';
import type { RouteProps } from '../../paths';
import { DataTable, type DataColumn } from '../../ui/data-table';
import { DateInput, dateTextToIso } from '../../ui/date-input';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { useSemesterLabel } from '../../ui/labels';
import { Page } from '../../ui/page';
import { useSession } from '../../ui/session';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';
import { useKindLabel } from '../../ui/plan-labels';
import { RadioGroup } from '../../ui/radio-group';
import '../exchange/exchange.css';
import './decisions.css';

const moneyText = (cents: number | null | undefined) => (cents === null || cents === undefined ? '' : formatMoney(cents));

export default function AuthoritySettingsScreen(_props: RouteProps) {
  const { t } = useTranslation();
  const session = useSession();
  const mayWrite = session.can('exchange.export');
  return (
    <Page title={t('authority.settings.title')} subtitle={t('authority.settings.subtitle')} className="page-authority-settings">
      <SettingsForm mayWrite={mayWrite} />
      <YouthProjects mayWrite={mayWrite} />
    </Page>
  );
}

function SettingsForm({ mayWrite }: { mayWrite: boolean }) {
  const { t } = useTranslation();
  const toast = useToast();
  const settings = useLoad('decisions:settings', {});
  const kinds = useLoad('measureKinds:list', {});
  const kindLabel = useKindLabel(kinds.data);
  const { submit, busy, fieldErrors } = useSubmit();
  const [policy, setPolicy] = useState<ApprovalPolicy>('compensation');
  const [rates, setRates] = useState<Record<string, { rate: string; cap: string }>>({});
  const [deadlines, setDeadlines] = useState<string[]>([]);
  const [capText, setCapText] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});

  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    setPolicy(s.approvalPolicy);
    setRates(Object.fromEntries(s.rates.map((r) => [r.kindCode, { rate: moneyText(r.rateCents), cap: moneyText(r.capCents) }])));
    setDeadlines(s.deadlines.map((d) => formatDate(d)));
    setCapText(formatMoney(s.youthProjectCapCents));
  }, [settings.data]);

  const compensationKinds = [...new Set([...(kinds.data ?? []).filter((k) => k.category === 'compensation').map((k) => k.code), ...Object.keys(rates)])].sort();

  async function save() {
    const found: Record<string, string> = {};
    const outRates = [];
    for (const code of compensationKinds) {
      const r = rates[code];
      if (!r || (r.rate.trim() === '' && r.cap.trim() === '')) continue;
      const rateCents = r.rate.trim() === '' ? null : parseMoney(r.rate);
      const capCents = r.cap.trim() === '' ? null : parseMoney(r.cap);
      if (r.rate.trim() !== '' && rateCents === null) found[`rate.${code}`] = 'authority.money.amountInvalid';
      if (r.cap.trim() !== '' && capCents === null) found[`cap.${code}`] = 'authority.money.amountInvalid';
      outRates.push({ kindCode: code, rateCents, capCents });
    }
    const isoDeadlines: string[] = [];
    deadlines.forEach((text, i) => {
      const iso = dateTextToIso(text);
      if (iso === 'invalid') found[`deadline.${i}`] = 'errors.field.date';
      else if (iso) isoDeadlines.push(iso);
    });
    const cap = parseMoney(capText);
    if (cap === null) found.cap = 'authority.money.amountInvalid';
    setProblems(found);
    if (Object.keys(found).length > 0 || cap === null) return;
    const done = await submit('decisions:saveSettings', { approvalPolicy: policy, rates: outRates, deadlines: isoDeadlines, youthProjectCapCents: cap });
    if (done) {
      toast.success(t('authority.settings.saved'));
      settings.reload();
    }
  }

  return (
    <section className="card" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('authority.settings.formTitle')}</h2>
      {settings.error ? <ErrorBanner error={settings.error} /> : null}
      <RadioGroup
        legend={t('authority.settings.policy')}
        name="policy"
        value={policy}
        options={APPROVAL_POLICIES.map((p) => ({ value: p, label: t(`authority.settings.policy.${p}`) }))}
        onChange={setPolicy}
        disabled={!mayWrite}
      />

      <h3>{t('authority.settings.rates')}</h3>
      <p className="muted">{t('authority.settings.ratesHint')}</p>
      <DataTable
        plain
        className="table compact"
        testId="rates-table"
        caption={t('authority.settings.rates')}
        rows={compensationKinds}
        rowKey={(code) => code}
        columns={[
          { key: 'kind', label: t('authority.money.col.kind'), rowHeader: true, cell: (code) => kindLabel(code) },
          {
            key: 'rate',
            label: t('authority.settings.rate'),
            cell: (code) => (
              <Field
                label={t('authority.settings.rateFor', { kind: kindLabel(code) })}
                className="inline-field visually-hidden-label"
                errorKey={problems[`rate.${code}`]}
              >
                <input
                  type="text"
                  inputMode="decimal"
                  className="money-input"
                  disabled={!mayWrite}
                  value={rates[code]?.rate ?? ''}
                  onChange={(e) => setRates((r) => ({ ...r, [code]: { rate: e.target.value, cap: r[code]?.cap ?? '' } }))}
                />
              </Field>
            ),
          },
          {
            key: 'cap',
            label: t('authority.settings.cap'),
            cell: (code) => (
              <Field
                label={t('authority.settings.capFor', { kind: kindLabel(code) })}
                className="inline-field visually-hidden-label"
                errorKey={problems[`cap.${code}`]}
              >
                <input
                  type="text"
                  inputMode="decimal"
                  className="money-input"
                  disabled={!mayWrite}
                  value={rates[code]?.cap ?? ''}
                  onChange={(e) => setRates((r) => ({ ...r, [code]: { rate: r[code]?.rate ?? '', cap: e.target.value } }))}
                />
              </Field>
            ),
          },
        ]}
      />
      {fieldErrors.rates ? <p className="field-error">{t('errors.field.notAllowed')}</p> : null}

      <h3>{t('authority.settings.deadlines')}</h3>
      <p className="muted">{t('authority.settings.deadlinesHint')}</p>
      <ul className="deadline-list">
        {deadlines.map((text, i) => (
          <li key={i} className="inline-form">
            <Field label={t('authority.settings.deadlineNo', { no: i + 1 })} errorKey={problems[`deadline.${i}`]}>
              <DateInput disabled={!mayWrite} value={text} onChange={(v) => setDeadlines((d) => d.map((x, j) => (j === i ? v : x)))} />
            </Field>
            {mayWrite ? (
              <button
                type="button"
                onClick={() => setDeadlines((d) => d.filter((_, j) => j !== i))}
                aria-label={t('authority.settings.removeDeadline', { no: i + 1 })}
              >
                {t('authority.settings.remove')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {mayWrite && deadlines.length < 20 ? (
        <button type="button" onClick={() => setDeadlines((d) => [...d, ''])}>
          {t('authority.settings.addDeadline')}
        </button>
      ) : null}

      <h3>{t('authority.settings.youthCap')}</h3>
      <Field label={t('authority.settings.youthCapLabel')} hint={t('authority.money.amountHint')} errorKey={problems.cap ?? fieldErrors.youthProjectCapCents}>
        <input type="text" inputMode="decimal" className="money-input" disabled={!mayWrite} value={capText} onChange={(e) => setCapText(e.target.value)} />
      </Field>
      {mayWrite ? (
        <div className="form-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
            {t('authority.settings.save')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

interface ProjectForm {
  id: string | null;
  title: string;
  ngo: string;
  starts: string;
  ends: string;
  budget: string;
}
const EMPTY: ProjectForm = { id: null, title: '', ngo: '', starts: '', ends: '', budget: '' };

function YouthProjects({ mayWrite }: { mayWrite: boolean }) {
  const { t } = useTranslation();
  const toast = useToast();
  const projects = useLoad('decisions:youthProjects', {});
  const settings = useLoad('decisions:settings', {});
  const participants = useLoad('decisions:youthProjectParticipants', {});
  const semesterLabel = useSemesterLabel();
  const { submit, busy, fieldErrors, clearFieldError } = useSubmit();
  const [form, setForm] = useState<ProjectForm>(EMPTY);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const cap = settings.data?.youthProjectCapCents ?? null;

  async function save() {
    const startsOn = dateTextToIso(form.starts);
    const endsOn = dateTextToIso(form.ends);
    const budgetCents = parseMoney(form.budget);
    const found: Record<string, string> = {};
    if (form.title.trim() === '') found.title = 'errors.field.required';
    if (form.ngo.trim() === '') found.ngo = 'errors.field.required';
    if (startsOn === null || startsOn === 'invalid') found.startsOn = 'errors.field.date';
    if (endsOn === null || endsOn === 'invalid' || (startsOn && endsOn < startsOn)) found.endsOn = 'errors.field.date';
    if (budgetCents === null) found.budgetCents = 'authority.money.amountInvalid';
    else if (cap !== null && budgetCents > cap) found.budgetCents = 'errors.decisions.projectOverCap';
    setProblems(found);
    if (Object.keys(found).length > 0 || !startsOn || startsOn === 'invalid' || !endsOn || endsOn === 'invalid' || budgetCents === null) return;
    const done = await submit('decisions:saveYouthProject', {
      ...(form.id ? { id: form.id } : {}),
      title: form.title.trim(),
      ngo: form.ngo.trim(),
      startsOn,
      endsOn,
      budgetCents,
    });
    if (!done) return;
    toast.success(t('authority.projects.saved', { title: form.title.trim() }));
    setForm(EMPTY);
    projects.reload();
  }

  const set = (field: keyof ProjectForm, serverPath: string) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    clearFieldError(serverPath);
  };

  const countOf = new Map<string, number>();
  for (const p of participants.data?.participants ?? []) countOf.set(p.projectId, (countOf.get(p.projectId) ?? 0) + 1);
  const titleOf = new Map((projects.data ?? []).map((p) => [p.id, p.title]));
  const participantColumns: DataColumn<YouthProjectParticipant>[] = [
    {
      key: 'project',
      label: t('authority.participants.col.project'),
      width: '30%',
      cell: (p) => titleOf.get(p.projectId) ?? t('authority.participants.unknownProject'),
    },
    { key: 'school', label: t('authority.participants.col.school'), width: '30%', cell: (p) => p.schoolName },
    { key: 'plan', label: t('authority.participants.col.plan'), rowHeader: true, width: '20%', cell: (p) => p.planCode },
    { key: 'period', label: t('authority.participants.col.period'), width: '20%', cell: (p) => formatDateRange(p.startsOn, p.endsOn) },
  ];

  const columns: DataColumn<YouthProjectView>[] = [
    { key: 'title', label: t('authority.projects.col.title'), rowHeader: true, width: '26%', cell: (p) => p.title },
    { key: 'ngo', label: t('authority.projects.col.ngo'), width: '21%', cell: (p) => p.ngo },
    { key: 'period', label: t('authority.projects.col.period'), width: '19%', cell: (p) => formatDateRange(p.startsOn, p.endsOn) },
    { key: 'budget', label: t('authority.projects.col.budget'), num: true, width: '12%', cell: (p) => formatMoney(p.budgetCents) },
    {
      key: 'participants',
      label: t('authority.projects.col.participants'),
      num: true,
      width: '10%',
      cell: (p) => (participants.data ? String(countOf.get(p.id) ?? 0) : '…'),
    },
    {
      key: 'edit',
      label: t('authority.projects.col.edit'),
      width: '12%',
      cell: (p) =>
        mayWrite ? (
          <button
            type="button"
            data-row-action
            aria-label={t('authority.projects.editOne', { title: p.title })}
            onClick={() =>
              setForm({ id: p.id, title: p.title, ngo: p.ngo, starts: formatDate(p.startsOn), ends: formatDate(p.endsOn), budget: formatMoney(p.budgetCents) })
            }
          >
            {t('authority.projects.edit')}
          </button>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <section className="card" aria-labelledby="projects-title">
      <h2 id="projects-title">{t('authority.projects.title')}</h2>
      <p className="muted">{t('authority.projects.hint', { cap: cap === null ? '—' : formatMoney(cap) })}</p>
      {projects.error ? <ErrorBanner error={projects.error} /> : null}
      {projects.data && projects.data.length === 0 ? <p className="muted">{t('authority.projects.none')}</p> : null}
      {projects.data && projects.data.length > 0 ? (
        <DataTable
          rows={projects.data}
          columns={columns}
          rowKey={(p) => p.id}
          caption={t('authority.projects.title')}
          testId="projects-table"
          scrollClassName="short-table"
        />
      ) : null}
      <h3 id="participants-title">{t('authority.participants.title', { semester: semesterLabel(participants.data?.semesterId) })}</h3>
      <p className="muted">{t('authority.participants.hint')}</p>
      {participants.error ? <ErrorBanner error={participants.error} /> : null}
      {participants.data && participants.data.participants.length === 0 ? <p className="muted">{t('authority.participants.none')}</p> : null}
      {participants.data && participants.data.participants.length > 0 ? (
        <DataTable
          rows={participants.data.participants}
          columns={participantColumns}
          rowKey={(p) => `${p.schoolId}:${p.measureId}`}
          caption={t('authority.participants.title', { semester: semesterLabel(participants.data.semesterId) })}
          testId="participants-table"
          scrollClassName="short-table"
        />
      ) : null}
      {mayWrite ? (
        <div className="project-form">
          <h3>{form.id ? t('authority.projects.editTitle') : t('authority.projects.addTitle')}</h3>
          <div className="money-grid">
            <Field label={t('authority.projects.col.title')} required errorKey={problems.title ?? fieldErrors.title}>
              <input type="text" maxLength={200} value={form.title} onChange={(e) => set('title', 'title')(e.target.value)} />
            </Field>
            <Field label={t('authority.projects.col.ngo')} required errorKey={problems.ngo ?? fieldErrors.ngo}>
              <input type="text" maxLength={200} value={form.ngo} onChange={(e) => set('ngo', 'ngo')(e.target.value)} />
            </Field>
            <Field label={t('authority.projects.startsOn')} required errorKey={problems.startsOn ?? fieldErrors.startsOn}>
              <DateInput value={form.starts} onChange={set('starts', 'startsOn')} />
            </Field>
            <Field label={t('authority.projects.endsOn')} required errorKey={problems.endsOn ?? fieldErrors.endsOn}>
              <DateInput value={form.ends} onChange={set('ends', 'endsOn')} />
            </Field>
            <Field
              label={t('authority.projects.col.budget')}
              hint={t('authority.money.amountHint')}
              required
              errorKey={problems.budgetCents ?? fieldErrors.budgetCents}
            >
              <input
                type="text"
                inputMode="decimal"
                className="money-input"
                value={form.budget}
                onChange={(e) => set('budget', 'budgetCents')(e.target.value)}
              />
            </Field>
          </div>
          <div className="form-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
              {form.id ? t('authority.projects.saveEdit') : t('authority.projects.add')}
            </button>
            {form.id ? (
              <button type="button" onClick={() => setForm(EMPTY)}>
                {t('ui.cancel')}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
