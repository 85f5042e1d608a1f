/**
 * Importing packages, in three steps:
 *  1. choose files or a folder (main opens the dialog; the page never sees
 *     a path it could change);
 *  2. the dry run: every file checked completely and compared with what is
 *     here, nothing written: per file created / updated / unchanged /
 *     withdrawn / conflicts (and per record type), refusals with their
 *     message and what to do, warnings such as a sequence gap, and
 *     "already imported" as the harmless thing it is;
 *  3. confirm: each ready file is imported in its own transaction (progress
 *     in the app's task bar), then the result per file.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_SUMMARY_TYPES } from '../../../src-shared/domain/decisions';
import { OUTCOME_KINDS, RECORD_TYPES, type ImportBatchResult, type ImportFileResult, type TypeCounts } from '../../../src-shared/domain/exchange';
import { formatDate } from '../../../src-shared/domain/format';
import type { AppErrorData } from '../../../src-shared/ipc/result';
import { paths, type RouteProps } from '../../paths';
import { DataTable, type DataColumn } from '../../ui/data-table';
import { useSemesterLabel } from '../../ui/labels';
import { Page } from '../../ui/page';
import { Link } from '../../ui/router';
import { callChecked } from '../../ui/use-api';
import { Problem } from '../exchange/problem';
import '../exchange/exchange.css';

type Stage =
  | { kind: 'choose'; error: AppErrorData | null }
  | { kind: 'checking' }
  | { kind: 'preview'; token: string; result: ImportBatchResult }
  | { kind: 'importing'; preview: ImportBatchResult }
  | { kind: 'done'; result: ImportBatchResult };

const STEPS = ['muni.import.step.choose', 'muni.import.step.check', 'muni.import.step.result'] as const;

export default function ImportScreen(_props: RouteProps) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>({ kind: 'choose', error: null });

  async function choose(folder: boolean) {
    setStage({ kind: 'checking' });
    const result = await callChecked('exchange:importPreview', { folder });
    if (!result.ok) return setStage({ kind: 'choose', error: result.error });
    if (result.value.cancelled || !result.value.token || !result.value.result) return setStage({ kind: 'choose', error: null });
    setStage({ kind: 'preview', token: result.value.token, result: result.value.result });
  }

  async function commit(token: string, preview: ImportBatchResult) {
    setStage({ kind: 'importing', preview });
    const result = await callChecked('exchange:importCommit', { token });
    if (!result.ok) return setStage({ kind: 'choose', error: result.error });
    setStage({ kind: 'done', result: result.value });
  }

  const step = stage.kind === 'choose' || stage.kind === 'checking' ? 0 : stage.kind === 'done' ? 2 : 1;
  return (
    <Page title={t('muni.import.title')}>
      <ol className="wizard-steps" aria-label={t('muni.import.stepsLabel')}>
        {STEPS.map((key, index) => (
          <li key={key} aria-current={index === step ? 'step' : undefined}>
            {t(key)}
          </li>
        ))}
      </ol>

      {stage.kind === 'choose' || stage.kind === 'checking' ? (
        <section className="card import-start" aria-labelledby="choose-title">
          <h2 id="choose-title">{t('muni.import.chooseTitle')}</h2>
          <p>{t('muni.import.intro')}</p>
          {stage.kind === 'choose' && stage.error ? (
            <Problem
              code={stage.error.code}
              messageKey={stage.error.messageKey}
              params={stage.error.details?.params ?? {}}
              title={t('exchangeUi.problem.title')}
              live
            />
          ) : null}
          <div className="import-choose">
            <button type="button" className="primary" onClick={() => void choose(false)} disabled={stage.kind === 'checking'}>
              {t('muni.import.chooseFiles')}
            </button>
            <button type="button" onClick={() => void choose(true)} disabled={stage.kind === 'checking'}>
              {t('muni.import.chooseFolder')}
            </button>
          </div>
          {stage.kind === 'checking' ? (
            <p role="status" className="muted">
              {t('muni.import.checking')}
            </p>
          ) : null}
        </section>
      ) : null}

      {stage.kind === 'preview' || stage.kind === 'importing' ? (
        <PreviewStep
          result={stage.kind === 'preview' ? stage.result : stage.preview}
          importing={stage.kind === 'importing'}
          onCommit={() => stage.kind === 'preview' && void commit(stage.token, stage.result)}
          onCancel={() => setStage({ kind: 'choose', error: null })}
        />
      ) : null}

      {stage.kind === 'done' ? <DoneStep result={stage.result} onAgain={() => setStage({ kind: 'choose', error: null })} /> : null}
    </Page>
  );
}

function PreviewStep({ result, importing, onCommit, onCancel }: { result: ImportBatchResult; importing: boolean; onCommit(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const ready = result.files.filter((f) => f.status === 'ready').length;
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">{t('muni.import.previewTitle')}</h2>
      <p role="status" data-testid="preview-summary">
        {t('muni.import.previewSummary', { count: result.files.length })} {t('muni.import.readyCount', { count: ready })}
      </p>
      <p className="muted">{t('muni.import.dryRunNote')}</p>
      <FilesTable files={result.files} caption={t('muni.import.previewTitle')} />
      <div className="import-actions">
        <button type="button" className="primary" onClick={onCommit} disabled={ready === 0 || importing}>
          {ready === 0 ? t('muni.import.commitNone') : t('muni.import.commit', { count: ready })}
        </button>
        <button type="button" onClick={onCancel} disabled={importing}>
          {t('ui.cancel')}
        </button>
        {importing ? (
          <span role="status" className="muted">
            {t('muni.import.importing')}
          </span>
        ) : ready === 0 ? (
          <span className="muted">{t('muni.import.nothingToImport')}</span>
        ) : null}
      </div>
      {result.files.map((file) => (
        <FileDetails key={file.path} file={file} />
      ))}
    </section>
  );
}

function DoneStep({ result, onAgain }: { result: ImportBatchResult; onAgain(): void }) {
  const { t } = useTranslation();
  const count = (status: ImportFileResult['status']) => result.files.filter((f) => f.status === status).length;
  return (
    <section aria-labelledby="done-title">
      <h2 id="done-title">{t('muni.import.resultTitle')}</h2>
      <p role="status" data-testid="result-summary">
        {[
          t('muni.import.importedCount', { count: count('imported') }),
          count('alreadyImported') > 0 ? t('muni.import.alreadyCount', { count: count('alreadyImported') }) : null,
          count('refused') > 0 ? t('muni.import.refusedCount', { count: count('refused') }) : null,
        ]
          .filter(Boolean)
          .join(' ')}
      </p>
      <FilesTable files={result.files} caption={t('muni.import.resultTitle')} />
      <div className="import-actions">
        <button type="button" className="primary" onClick={onAgain}>
          {t('muni.import.again')}
        </button>
        <Link to={paths.home()} className="button">
          {t('muni.import.toHome')}
        </Link>
      </div>
      {result.files.map((file) => (
        <FileDetails key={file.path} file={file} />
      ))}
    </section>
  );
}

function StatusBadge({ status }: { status: ImportFileResult['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`exchange.fileStatus.${status}`)}</span>;
}

/** `senderHeader`: the sender column's heading (default: the school). */
export function FilesTable({ files, caption, senderHeader }: { files: ImportFileResult[]; caption: string; senderHeader?: string }) {
  const { t } = useTranslation();
  const semesterLabel = useSemesterLabel();
  return (
    <DataTable
      plain
      className="table card"
      testId="files-table"
      caption={caption}
      rows={files}
      rowKey={(file) => file.path}
      rowData={(file) => ({ file: file.file })}
      columns={[
        { key: 'file', label: t('muni.import.col.file'), rowHeader: true, cellClassName: 'path', cell: (file) => file.file },
        { key: 'sender', label: senderHeader ?? t('muni.col.school'), cell: (file) => file.sender?.name ?? '—' },
        { key: 'seq', label: t('muni.col.seq'), num: true, cell: (file) => file.seq ?? '—' },
        { key: 'semester', label: t('exchangeUi.semester'), cell: (file) => (file.semesterId ? semesterLabel(file.semesterId) : '—') },
        { key: 'packageDate', label: t('muni.col.packageDate'), cell: (file) => (file.createdAt ? formatDate(file.createdAt) : '—') },
        {
          key: 'status',
          label: t('muni.import.col.status'),
          cell: (file) => (
            <>
              <StatusBadge status={file.status} />
              {file.warnings.length > 0 ? (
                <span className="warning-inline">
                  {' '}
                  <span aria-hidden="true">⚠</span> {t('muni.import.warningCount', { count: file.warnings.length })}
                </span>
              ) : null}
            </>
          ),
        },
        ...OUTCOME_KINDS.map((kind): DataColumn<ImportFileResult> => ({
          key: kind,
          label: t(`exchange.outcome.${kind}`),
          num: true,
          cellClassName: (file) => (file.summary && file.summary.total[kind] > 0 ? undefined : 'zero'),
          cell: (file) => (file.summary ? file.summary.total[kind] : '—'),
        })),
      ]}
    />
  );
}

export function FileDetails({ file }: { file: ImportFileResult }) {
  const { t } = useTranslation();
  const headingId = `file-${file.path.replace(/[^A-Za-z0-9]/g, '-')}`;
  return (
    <article className="card import-file" aria-labelledby={headingId} data-testid="import-file">
      <div className="import-file-head">
        <h3 id={headingId} className="path">
          {file.file}
        </h3>
        <StatusBadge status={file.status} />
        {file.sender ? (
          <span>
            {file.sender.name}
            {file.seq !== null ? ` · ${t('muni.import.seqOf', { seq: file.seq })}` : ''}
          </span>
        ) : null}
      </div>
      {file.status === 'refused' && file.code ? (
        <Problem code={file.code} messageKey={file.messageKey} params={file.detail ? { detail: file.detail } : {}} />
      ) : null}
      {file.status === 'alreadyImported' ? (
        <div className="calm-box">
          <p>{t('muni.import.alreadyHarmless')}</p>
        </div>
      ) : null}
      {file.warnings.map((warning) => (
        <Problem key={`${warning.code}-${warning.detail}`} code={warning.code} tone="warning" />
      ))}
      {file.summary ? <TypeTable byType={file.summary.byType} total={file.summary.total} /> : null}
      {file.summary && file.summary.conflicts.length > 0 ? (
        <p className="warning-inline">
          {t('muni.import.conflicts', {
            list: file.summary.conflicts.map((c) => `${t(`exchange.recordType.${c.type}`, { defaultValue: c.type })} ${c.id}`).join(', '),
          })}
        </p>
      ) : null}
    </article>
  );
}

function TypeTable({ byType, total }: { byType: Record<string, TypeCounts>; total: TypeCounts }) {
  const { t } = useTranslation();
  // A school's package (municipality), or a municipality's decisions package (school).
  const types = [...RECORD_TYPES, ...DECISION_SUMMARY_TYPES].filter((type) => byType[type]);
  return (
    <DataTable
      plain
      className="table compact"
      caption={t('muni.import.byType')}
      rows={types}
      rowKey={(type) => type}
      columns={[
        { key: 'type', label: t('exchangeUi.export.recordType'), rowHeader: true, cell: (type) => t(`exchange.recordType.${type}`) },
        ...OUTCOME_KINDS.map((kind): DataColumn<(typeof types)[number]> => ({
          key: kind,
          label: t(`exchange.outcome.${kind}`),
          num: true,
          cellClassName: (type) => ((byType[type]?.[kind] ?? 0) > 0 ? undefined : 'zero'),
          cell: (type) => byType[type]?.[kind] ?? 0,
        })),
      ]}
      footer={[
        {
          key: 'total',
          cells: [{ content: t('muni.import.total'), header: true }, ...OUTCOME_KINDS.map((kind) => ({ content: total[kind], num: true }))],
        },
      ]}
    />
  );
}
