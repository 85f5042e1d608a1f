/**
 * The municipality's report to the state, on the exchange screen: pick a
 * semester, look at exactly what would leave (counts per school and record
 * type, every field), confirm, save the file (main opens the save dialog;
 * the forward is audited there). Nothing is sent without the look first.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportResult } from '../../../src-shared/domain/exchange';
import { STATE_RECORD_TYPES, type StateReportPreview } from '../../../src-shared/domain/state-report';
import { DataTable, type DataColumn } from '../../ui/data-table';
import { useSemesterLabel } from '../../ui/labels';
import { useToast } from '../../ui/toast';
import { useSubmit } from '../../ui/use-api';
import { SemesterPicker, useSemesterChoice } from '../../ui/semester-picker';

/** The record types counted per school in the preview (the schools themselves are its rows). */
const COUNTED_TYPES = STATE_RECORD_TYPES.filter((type) => type !== 'school');

export function StateReportPanel({ recipientName }: { recipientName: string | null }) {
  const { t } = useTranslation();
  const toast = useToast();
  const semesterLabel = useSemesterLabel();
  const choice = useSemesterChoice();
  const { submit, busy } = useSubmit();
  const [preview, setPreview] = useState<StateReportPreview | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);

  async function look() {
    if (!choice.semesterId) return;
    setResult(null);
    const answer = await submit('exchange:statePreview', { semesterId: choice.semesterId });
    if (answer) setPreview(answer);
  }

  async function send() {
    if (!preview) return;
    const answer = await submit('exchange:export', { semesterId: preview.semesterId });
    if (!answer || answer.cancelled || !answer.result) return;
    setResult(answer.result);
    setPreview(null);
    toast.success(t('national.send.saved', { seq: answer.result.seq }));
  }

  return (
    <section className="card" aria-labelledby="state-report-title">
      <h2 id="state-report-title">{t('national.send.title')}</h2>
      {recipientName ? <p>{t('national.send.intro', { recipient: recipientName })}</p> : <p className="calm-box">{t('national.send.needsRecipient')}</p>}
      <SemesterPicker
        choice={choice}
        onChange={() => {
          setPreview(null);
          setResult(null);
        }}
      />
      <div className="form-actions">
        <button type="button" className={preview ? undefined : 'primary'} onClick={() => void look()} disabled={busy || !choice.semesterId}>
          {t('national.send.preview')}
        </button>
      </div>
      {preview ? (
        <div className="card" data-testid="state-preview" aria-labelledby="state-preview-title">
          <h3 id="state-preview-title">{t('national.send.previewTitle', { semester: semesterLabel(preview.semesterId) })}</h3>
          <p>{t('national.send.never')}</p>
          <DataTable
            plain
            className="table compact"
            caption={t('national.send.previewTitle', { semester: semesterLabel(preview.semesterId) })}
            rows={preview.schools}
            rowKey={(school) => school.id}
            rowData={() => ({ testid: 'state-preview-school' })}
            columns={[
              { key: 'school', label: t('national.col.school'), rowHeader: true, cell: (school) => school.name },
              ...COUNTED_TYPES.map((type): DataColumn<(typeof preview.schools)[number]> => ({
                key: type,
                label: t(`national.recordType.${type}`),
                num: true,
                cell: (school) => school.counts[type],
              })),
            ]}
            footer={[
              {
                key: 'total',
                cells: [
                  { content: t('national.total'), header: true },
                  ...COUNTED_TYPES.map((type) => ({ content: preview.total[type], num: true, testId: `state-preview-total-${type}` })),
                ],
              },
            ]}
          />
          <h4>{t('national.send.fields')}</h4>
          <dl className="facts">
            {STATE_RECORD_TYPES.map((type) => (
              <div key={type}>
                <dt>{t(`national.recordType.${type}`)}</dt>
                <dd>
                  <code>{(preview.fields[type] ?? []).join(', ')}</code>
                </dd>
              </div>
            ))}
          </dl>
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void send()} disabled={busy || !recipientName}>
              {t('national.send.confirm')}
            </button>
            <button type="button" onClick={() => setPreview(null)} disabled={busy}>
              {t('national.send.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {result ? (
        <div className="card export-result" role="status">
          <h3>{t('national.send.done')}</h3>
          <dl className="facts">
            <dt>{t('exchangeUi.export.file')}</dt>
            <dd className="path" data-testid="state-export-path">
              {result.path}
            </dd>
            <dt>{t('exchangeUi.export.seq')}</dt>
            <dd data-testid="state-export-seq">{result.seq}</dd>
            <dt>{t('exchangeUi.semester')}</dt>
            <dd>{semesterLabel(result.semesterId)}</dd>
          </dl>
        </div>
      ) : null}
    </section>
  );
}
