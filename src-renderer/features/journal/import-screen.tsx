/**
 * The e-journal import wizard: choose a file (and a saved preset), confirm
 * or fix what each column means, then import. A file whose columns are not
 * all known cannot be imported until the person says what they hold; the
 * mapping can be saved as a named preset for next time. The result lists
 * the rows that were skipped and the students that could not be matched.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COLUMN_KINDS, type ColumnRole, type JournalReport } from '../../../src-shared/domain/e-journal';
import { paths } from '../../routes';
import { DataTable } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { useSemesterLabel } from '../../ui/labels';
import { Page } from '../../ui/page';
import { Link } from '../../ui/router';
import { useLoad, useSubmit } from '../../ui/use-api';
import './journal.css';

type Choice = ColumnRole['kind'] | '';

/** The role a select shows for a column: its kind ('' when unknown). */
const choiceOf = (role: ColumnRole | null): Choice => role?.kind ?? '';

function roleFor(choice: Choice, header: string): ColumnRole | null {
  if (choice === '') return null;
  if (choice === 'subjectMarks') return { kind: 'subjectMarks', subject: header.slice(0, 100) || '?' };
  return { kind: choice };
}

export default function JournalImportScreen() {
  const { t } = useTranslation();
  const semesterLabel = useSemesterLabel();
  const presets = useLoad('journal:presets', {});
  const calendar = useLoad('calendar:list', {});
  const current = useLoad('calendar:current', {});
  const [semesterId, setSemesterId] = useState('');
  // Semesters that have begun, newest first; the export's semester is the current one unless the person says otherwise.
  const today = current.data?.today ?? '';
  const semesters = (calendar.data ?? [])
    .flatMap((year) => year.semesters)
    .filter((s) => !today || s.startsOn <= today)
    .sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  const { submit, busy } = useSubmit();
  const [presetName, setPresetName] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [report, setReport] = useState<JournalReport | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [saveAs, setSaveAs] = useState('');
  const [imported, setImported] = useState<JournalReport | null>(null);

  function show(next: JournalReport) {
    setReport(next);
    setChoices(Object.fromEntries(next.columns.map((c) => [c.key, choiceOf(c.role)])));
  }

  const mapping = () =>
    (report?.columns ?? []).flatMap((c) => {
      const role = roleFor(choices[c.key] ?? '', c.header);
      return role ? [{ key: c.key, role }] : [];
    });
  const preset = { ...(presetName ? { presetName } : {}), ...(semesterId ? { semesterId } : {}) };

  async function choose() {
    const result = await submit('journal:choose', preset);
    if (!result || result.cancelled || !result.token || !result.report) return;
    setImported(null);
    setToken(result.token);
    show(result.report);
  }

  async function check() {
    if (!token) return;
    const next = await submit('journal:preview', { token, ...preset, mapping: mapping() });
    if (next) show(next);
  }

  async function runImport() {
    if (!token) return;
    const done = await submit('journal:import', { token, ...preset, mapping: mapping(), ...(saveAs.trim() ? { savePresetAs: saveAs.trim() } : {}) });
    if (done) {
      setImported(done);
      setToken(null);
      setReport(null);
      presets.reload();
    }
  }

  const changed = report ? report.columns.some((c) => (choices[c.key] ?? '') !== choiceOf(c.role)) : false;
  const unmapped = report ? report.columns.filter((c) => (choices[c.key] ?? '') === '').length : 0;

  return (
    <Page title={t('journal.import.title')} breadcrumbs={<Link to={paths.journal()}>← {t('journal.backToSignals')}</Link>}>
      <p className="muted">{t('journal.import.intro')}</p>
      <section className="card" aria-labelledby="journal-file">
        <h2 id="journal-file">{t('journal.import.step.file')}</h2>
        <div className="form-grid">
          <Field label={t('journal.import.preset')} hint={t('journal.import.preset.hint')}>
            <select value={presetName} onChange={(e) => setPresetName(e.target.value)}>
              <option value="">{t('journal.import.preset.none')}</option>
              {(presets.data ?? []).map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('journal.import.semester')} hint={t('journal.import.semester.hint')}>
            <select value={semesterId} onChange={(e) => setSemesterId(e.target.value)}>
              <option value="">{t('journal.import.semester.current')}</option>
              {semesters.map((s) => (
                <option key={s.id} value={s.id}>
                  {semesterLabel(s.id)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <button type="button" className="primary" onClick={() => void choose()} disabled={busy}>
          {t('journal.import.choose')}
        </button>
      </section>

      {report ? (
        <section className="card" aria-labelledby="journal-mapping">
          <h2 id="journal-mapping">{t('journal.import.step.mapping')}</h2>
          <p>
            {t('journal.import.fileSummary', {
              file: report.fileName,
              format: report.format.toUpperCase(),
              row: report.headerRow,
              layout: t(`journal.layout.${report.layout}`),
              semester: semesterLabel(report.semesterId),
            })}
          </p>
          {report.problems.length > 0 ? (
            <div role="alert">
              <ul className="journal-problems">
                {report.problems.map((p, i) => (
                  <li key={i}>{t(`journal.problem.${p.problem}`, { header: p.header ?? '' })}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <DataTable
            plain
            className="journal-mapping"
            caption={t('journal.import.mapping.caption')}
            rows={report.columns}
            rowKey={(c) => `${c.index}-${c.key}`}
            rowClassName={(c) => ((choices[c.key] ?? '') === '' ? 'journal-unknown' : undefined)}
            columns={[
              { key: 'header', label: t('journal.import.mapping.header'), rowHeader: true, cell: (c) => c.header },
              {
                key: 'meaning',
                label: t('journal.import.mapping.meaning'),
                cell: (c) => (
                  <select
                    aria-label={t('journal.import.mapping.for', { header: c.header })}
                    value={choices[c.key] ?? ''}
                    onChange={(e) => setChoices((all) => ({ ...all, [c.key]: e.target.value as Choice }))}
                  >
                    <option value="">{t('journal.role.unknown')}</option>
                    {COLUMN_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {kind === 'subjectMarks' && c.role?.kind === 'subjectMarks'
                          ? `${t('journal.role.subjectMarks')}: ${c.role.subject}`
                          : t(`journal.role.${kind}`)}
                      </option>
                    ))}
                  </select>
                ),
              },
            ]}
          />
          <div className="form-actions">
            <button type="button" onClick={() => void check()} disabled={busy || !changed}>
              {t('journal.import.check')}
            </button>
          </div>
          {report.status === 'ok' && !changed ? (
            <>
              <p role="status">{t('journal.import.ready', readyCounts(report))}</p>
              <div className="form-grid">
                <Field label={t('journal.import.saveAs')} hint={t('journal.import.saveAs.hint')}>
                  <input type="text" value={saveAs} maxLength={80} onChange={(e) => setSaveAs(e.target.value)} />
                </Field>
              </div>
              <div className="form-actions">
                <button type="button" className="primary" onClick={() => void runImport()} disabled={busy}>
                  {t('journal.import.run')}
                </button>
              </div>
            </>
          ) : (
            <p className="muted">{changed ? t('journal.import.checkFirst') : t('journal.import.fixFirst', { count: unmapped })}</p>
          )}
        </section>
      ) : null}

      {imported ? <ImportResult report={imported} /> : null}
    </Page>
  );
}

/** The counts the "ready" line names, after the check and again after the import. */
function readyCounts(report: JournalReport) {
  return {
    read: report.studentsRead,
    matched: report.matched,
    unmatched: report.unmatched.length,
    skipped: report.skipped.length,
    signalled: report.signalled,
  };
}

function ImportResult({ report }: { report: JournalReport }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="journal-result">
      <h2 id="journal-result">{t('journal.import.done')}</h2>
      <p role="status">{t('journal.import.ready', readyCounts(report))}</p>
      <p className="muted">{t('journal.signalsNotVerdicts')}</p>
      <p className="card-links">
        <Link to={paths.journal()}>{t('journal.import.toSuggestions')}</Link>
        <Link to={paths.students({ signals: 'any' })}>{t('journal.import.toRegister')}</Link>
      </p>
      {report.unmatched.length > 0 ? (
        <>
          <h3 id="journal-unmatched">{t('journal.import.unmatched')}</h3>
          <DataTable
            plain
            className="journal-table"
            labelledBy="journal-unmatched"
            rows={report.unmatched}
            rowKey={(u) => u.rows.join(',')}
            columns={[
              { key: 'row', label: t('journal.import.col.row'), cell: (u) => u.rows.join(', ') },
              { key: 'name', label: t('journal.import.col.name'), cell: (u) => u.name },
              { key: 'class', label: t('journal.import.col.class'), cell: (u) => u.classLabel || '—' },
              { key: 'reason', label: t('journal.import.col.reason'), cell: (u) => t(`journal.unmatched.${u.reason}`) },
            ]}
          />
        </>
      ) : null}
      {report.skipped.length > 0 ? (
        <>
          <h3>{t('journal.import.skipped')}</h3>
          <ul>
            {report.skipped.map((s) => (
              <li key={s.row}>
                {t('journal.import.skippedRow', { row: s.row, reason: t(`journal.skip.${s.reason}`) })}
                {s.column ? ` (${s.column}: ${s.value ?? ''})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
