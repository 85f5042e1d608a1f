/**
 * Early warning: the students the latest e-journal import points at and who
 * have no screening yet in that semester, each with the reasons, and a link
 * that starts their screening. Suggestions only: staff decide. Coordinators
 * set the thresholds here, each with what it means.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../src-shared/domain/format';
import { JOURNAL_THRESHOLD_DEFAULTS, type JournalThresholds } from '../../../src-shared/domain/e-journal';
import { paths } from '../../routes';
import { DataTable } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { useSemesterLabel } from '../../ui/labels';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Link } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';
import { useSignalText } from './signal-text';
import './journal.css';

const KEYS = Object.keys(JOURNAL_THRESHOLD_DEFAULTS) as (keyof JournalThresholds)[];

export default function JournalSignalsScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const semesterLabel = useSemesterLabel();
  const signalText = useSignalText();
  const suggestions = useLoad('journal:suggestions', {});

  return (
    <Page
      title={t('journal.suggestions.title')}
      actions={
        session.can('student.write') ? (
          <Link className="button primary" to={paths.journalImport()}>
            {t('journal.import.title')}
          </Link>
        ) : null
      }
    >
      <p className="muted">{t('journal.signalsNotVerdicts')}</p>
      <LoadState loaded={suggestions} isEmpty={(d) => d.semesterId === null} empty={<p>{t('journal.suggestions.noImport')}</p>}>
        {(data) => (
          <section className="card" aria-labelledby="journal-suggested">
            <h2 id="journal-suggested">
              {t('journal.suggestions.list', { semester: semesterLabel(data.semesterId), date: formatDate((data.importedAt ?? '').slice(0, 10)) })}
            </h2>
            {data.students.length === 0 ? (
              <p>{t('journal.suggestions.none')}</p>
            ) : (
              <DataTable
                plain
                className="journal-table"
                labelledBy="journal-suggested"
                rows={data.students}
                rowKey={(s) => s.studentId}
                rowData={(s) => ({ 'student-id': s.studentId })}
                columns={[
                  {
                    key: 'student',
                    label: t('journal.suggestions.col.student'),
                    rowHeader: true,
                    cell: (s) => (
                      <>
                        <Link to={paths.student(s.studentId)}>
                          {s.lastName} {s.firstName}
                        </Link>{' '}
                        <span className="muted">
                          {s.grade}.{s.classLabel}
                        </span>
                      </>
                    ),
                  },
                  {
                    key: 'reasons',
                    label: t('journal.suggestions.col.reasons'),
                    cell: (s) => (
                      <ul className="journal-signals">
                        {s.signals.map((signal) => (
                          <li key={signal.kind}>{signalText(signal)}</li>
                        ))}
                      </ul>
                    ),
                  },
                  {
                    key: 'action',
                    label: t('journal.suggestions.col.action'),
                    hideLabel: true,
                    cell: (s) =>
                      session.can('screening.write') ? (
                        <Link to={paths.screening(s.studentId, data.semesterId ?? '')}>
                          {t('journal.suggestions.startScreening', { name: `${s.firstName} ${s.lastName}` })}
                        </Link>
                      ) : null,
                  },
                ]}
              />
            )}
          </section>
        )}
      </LoadState>
      <ThresholdsCard editable={session.can('school.admin')} onSaved={suggestions.reload} />
    </Page>
  );
}

function ThresholdsCard({ editable, onSaved }: { editable: boolean; onSaved(): void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const view = useLoad('journal:thresholds', {});
  const { submit, busy, fieldErrors } = useSubmit();
  const [values, setValues] = useState<Record<string, string>>({});

  useEffect(() => {
    if (view.data) setValues(Object.fromEntries(KEYS.map((k) => [k, String(view.data?.thresholds[k] ?? '')])));
  }, [view.data]);

  async function save(event: { preventDefault(): void }, reset = false) {
    event.preventDefault();
    const thresholds = reset ? null : (Object.fromEntries(KEYS.map((k) => [k, Number((values[k] ?? '').replace(',', '.'))])) as unknown as JournalThresholds);
    const saved = await submit('journal:saveThresholds', { thresholds });
    if (saved) {
      toast.success(t('journal.thresholds.saved'));
      view.reload();
      onSaved();
    }
  }

  return (
    <section className="card" aria-labelledby="journal-thresholds">
      <h2 id="journal-thresholds">{t('journal.thresholds.title')}</h2>
      {view.data?.isDefault ? <p className="muted">{t('journal.thresholds.default')}</p> : null}
      <form onSubmit={(e) => void save(e)} noValidate>
        <div className="form-grid">
          {KEYS.map((k) => (
            <Field key={k} label={t(`journal.threshold.${k}`)} hint={t(`journal.threshold.${k}.help`)} errorKey={fieldErrors.thresholds}>
              <input
                type="text"
                inputMode="decimal"
                value={values[k] ?? ''}
                // Not before the saved thresholds have loaded: they replace what was typed when they come (and a
                // save before then sent the empty fields, refused as out of range).
                disabled={!editable || !view.data}
                onChange={(e) => setValues((all) => ({ ...all, [k]: e.target.value }))}
              />
            </Field>
          ))}
        </div>
        {editable ? (
          <div className="form-actions">
            <button type="submit" disabled={busy || !view.data}>
              {t('journal.thresholds.save')}
            </button>
            {view.data && !view.data.isDefault ? (
              <button type="button" className="link-button" onClick={(e) => void save(e, true)} disabled={busy}>
                {t('journal.thresholds.reset')}
              </button>
            ) : null}
          </div>
        ) : null}
      </form>
    </section>
  );
}
