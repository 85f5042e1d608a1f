/**
 * "Data exchange": this installation's key (fingerprint to read out by
 * phone, and the key card to hand over), the recipient's key card (a
 * school trusts its municipality's, a municipality the state's), and for a
 * school the semester package: pick a semester, save the file (main opens
 * the save dialog and reports progress), see what went into it.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORD_TYPES, type EnrolledOrg, type ExportLedgerRow, type ExportResult, type ImportBatchResult } from '../../../src-shared/domain/exchange';
import { formatDate } from '../../../src-shared/domain/format';
import { localDay } from '../../../src-shared/domain/plan-fields';
import type { AppErrorData } from '../../../src-shared/ipc/result';
import type { RouteProps } from '../../paths';
import { DataTable } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { useSemesterLabel } from '../../ui/labels';
import { Page } from '../../ui/page';
import { useSession } from '../../ui/session';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';
import { FileDetails, FilesTable } from '../municipality/import-screen';
import { StateReportPanel } from '../national/state-report-panel';
import { DeadlineNotice } from '../../ui/authority';
import { Fingerprint } from './fingerprint';
import { useKeyFile } from './key-file';
import { SemesterPicker, useSemesterChoice } from '../../ui/semester-picker';
import { DecisionsOutbox } from '../decisions/decisions-outbox';
import { AcceptStream } from './accept-stream';
import './exchange.css';

export default function ExchangeScreen(_props: RouteProps) {
  const { t } = useTranslation();
  const session = useSession();
  const mode = session.organisation.mode;
  const recipients = useLoad('exchange:enrolled', { role: 'recipient' }, { enabled: mode !== 'state' });
  const recipient = recipients.data?.[0] ?? null;
  // A municipality, or a state vocational school, sends the state its pseudonymised report, looked at first.
  const authority = useAuthorityOverview();
  const reportsToState = mode === 'municipality' || (mode === 'school' && session.organisation.schoolType === 'stateVocational');
  const ledger = useLoad('exchange:exports', {}, { enabled: session.can('exchange.export') && mode !== 'state' });
  return (
    <Page title={t('exchangeUi.title')} subtitle={t(mode === 'school' ? 'exchangeUi.intro.school' : 'exchangeUi.intro.authority')}>
      <div className="card-columns">
        <OwnKeyPanel />
        {mode === 'state' ? null : <RecipientPanel recipient={recipient} error={recipients.error} onChanged={recipients.reload} />}
      </div>
      {mode === 'school' ? <DeadlineNotice overview={authority.overview} /> : null}
      {mode === 'school' && !reportsToState ? <ExportPanel recipientName={recipient?.org.name ?? null} onExported={ledger.reload} /> : null}
      {mode === 'school' ? <DecisionsImportPanel recipientName={recipient?.org.name ?? null} onImported={authority.reload} /> : null}
      {/* The municipality (or the state) lost its data and numbers its decisions packages again: the coordinator accepts the new numbering. */}
      {mode === 'school' && recipient && session.can('exchange.enrol') ? <AcceptStream from="authority" onAccepted={authority.reload} /> : null}
      {reportsToState ? <StateReportPanel recipientName={recipient?.org.name ?? null} /> : null}
      {mode !== 'school' && session.can('exchange.export') ? <DecisionsOutbox /> : null}
      {session.can('exchange.export') && mode !== 'state' ? <ExportLedger rows={ledger.data} error={ledger.error} /> : null}
    </Page>
  );
}

function OwnKeyPanel() {
  const { t } = useTranslation();
  const toast = useToast();
  const keys = useLoad('exchange:keys', {});
  const { submit, busy } = useSubmit();

  async function saveCard() {
    const saved = await submit('exchange:exportCard', {});
    if (saved && !saved.cancelled && saved.path) toast.success(t('exchangeUi.own.saved', { path: saved.path }));
  }

  return (
    <section className="card key-panel" aria-labelledby="own-key-title">
      <h2 id="own-key-title">{t('exchangeUi.own.title')}</h2>
      {keys.error ? <ErrorBanner error={keys.error} /> : null}
      {keys.data ? (
        <>
          <dl className="facts">
            <dt>{t('exchangeUi.own.org')}</dt>
            <dd>{keys.data.org.name}</dd>
            {/* A school's registration number means something to people; an authority's internal id does not. */}
            {keys.data.org.kind === 'school' ? (
              <>
                <dt>{t('exchangeUi.keyFile.regNo')}</dt>
                <dd>{keys.data.org.id}</dd>
              </>
            ) : null}
          </dl>
          <Fingerprint value={keys.data.fingerprint} testId="own-fingerprint" />
          <p>{t('exchangeUi.own.intro')}</p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void saveCard()} disabled={busy}>
              {t('exchangeUi.own.saveCard')}
            </button>
          </div>
        </>
      ) : keys.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
    </section>
  );
}

function RecipientPanel({ recipient, error, onChanged }: { recipient: EnrolledOrg | null; error: AppErrorData | null; onChanged(): void }) {
  const { t } = useTranslation();
  const session = useSession();
  const done = useCallback(() => onChanged(), [onChanged]);
  const flow = useKeyFile('trust', done);
  const title =
    session.organisation.mode === 'school' && session.organisation.schoolType !== 'stateVocational'
      ? 'exchangeUi.recipient.titleMunicipality'
      : 'exchangeUi.recipient.titleState';
  return (
    <section className="card key-panel" aria-labelledby="recipient-key-title">
      <h2 id="recipient-key-title">{t(title)}</h2>
      {error ? <ErrorBanner error={error} /> : null}
      {flow.problem}
      {recipient ? (
        <>
          <p data-testid="recipient-name">{t('exchangeUi.recipient.trusted', { name: recipient.org.name })}</p>
          <Fingerprint value={recipient.fingerprint} testId="recipient-fingerprint" />
        </>
      ) : (
        <p>{t('exchangeUi.recipient.none')}</p>
      )}
      <div className="form-actions">
        <button type="button" className={recipient ? undefined : 'primary'} onClick={() => void flow.start()} disabled={flow.busy}>
          {t(recipient ? 'exchangeUi.recipient.loadOther' : 'exchangeUi.recipient.load')}
        </button>
      </div>
      {flow.dialog}
    </section>
  );
}

/** What this installation has sent, newest first, so a reload (or a colleague) still sees that package No. 1 went out. */
function ExportLedger({ rows, error }: { rows: readonly ExportLedgerRow[] | undefined; error: AppErrorData | null }) {
  const { t } = useTranslation();
  const semesterLabel = useSemesterLabel();
  return (
    <section className="card" aria-labelledby="export-ledger-title" data-testid="export-ledger">
      <h2 id="export-ledger-title">{t('exchangeUi.ledger.title')}</h2>
      {error ? <ErrorBanner error={error} /> : null}
      {rows && rows.length === 0 ? <p className="muted">{t('exchangeUi.ledger.none')}</p> : null}
      {rows && rows.length > 0 ? (
        <DataTable
          plain
          className="table compact"
          caption={t('exchangeUi.ledger.title')}
          rows={rows}
          rowKey={(row) => row.packageId}
          columns={[
            { key: 'seq', label: t('exchangeUi.ledger.seq'), num: true, rowHeader: true, cell: (row) => row.seq },
            { key: 'recipient', label: t('exchangeUi.ledger.recipient'), cell: (row) => row.recipient.name },
            {
              key: 'period',
              label: t('exchangeUi.ledger.period'),
              cell: (row) => (/^\d{4}\/\d{2}-[12]$/.test(row.period) ? semesterLabel(row.period) : row.period),
            },
            { key: 'made', label: t('exchangeUi.ledger.made'), cell: (row) => formatDate(localDay(new Date(row.createdAt))) },
            { key: 'by', label: t('exchangeUi.ledger.by'), cell: (row) => row.createdBy ?? '' },
            {
              key: 'records',
              label: t('exchangeUi.ledger.records'),
              num: true,
              cell: (row) => Object.values(row.counts).reduce((sum, n) => sum + n, 0),
            },
          ]}
        />
      ) : null}
    </section>
  );
}

function ExportPanel({ recipientName, onExported }: { recipientName: string | null; onExported(): void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const semesterLabel = useSemesterLabel();
  const choice = useSemesterChoice();
  const { submit, busy } = useSubmit();
  const [result, setResult] = useState<ExportResult | null>(null);

  async function exportPackage() {
    if (!choice.semesterId) return;
    setResult(null);
    const answer = await submit('exchange:export', { semesterId: choice.semesterId });
    if (!answer || answer.cancelled || !answer.result) return;
    setResult(answer.result);
    onExported();
    toast.success(t('exchangeUi.export.saved', { seq: answer.result.seq }));
  }

  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title">{t('exchangeUi.export.title')}</h2>
      {recipientName ? (
        <p>{t('exchangeUi.export.intro', { recipient: recipientName })}</p>
      ) : (
        <p className="calm-box">{t('exchangeUi.export.needsRecipient')}</p>
      )}
      <SemesterPicker choice={choice} onChange={() => setResult(null)} />
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => void exportPackage()} disabled={busy || !recipientName || !choice.semesterId}>
          {t('exchangeUi.export.button')}
        </button>
        {busy ? (
          <span role="status" className="muted">
            {t('exchangeUi.export.busy')}
          </span>
        ) : null}
      </div>
      {result ? (
        <div className="card export-result" role="status" aria-labelledby="export-result-title">
          <h3 id="export-result-title">{t('exchangeUi.export.done')}</h3>
          <dl className="facts">
            <dt>{t('exchangeUi.export.file')}</dt>
            <dd className="path" data-testid="export-path">
              {result.path}
            </dd>
            <dt>{t('exchangeUi.export.seq')}</dt>
            <dd data-testid="export-seq">{result.seq}</dd>
            <dt>{t('exchangeUi.semester')}</dt>
            <dd>{semesterLabel(result.semesterId)}</dd>
            <dt>{t('exchangeUi.export.recipient')}</dt>
            <dd>{result.recipient.name}</dd>
          </dl>
          <DataTable
            plain
            className="table compact"
            caption={t('exchangeUi.export.records')}
            rows={RECORD_TYPES}
            rowKey={(type) => type}
            columns={[
              { key: 'type', label: t('exchangeUi.export.recordType'), rowHeader: true, cell: (type) => t(`exchange.recordType.${type}`) },
              { key: 'count', label: t('exchangeUi.export.count'), num: true, cell: (type) => result.counts[type] ?? 0 },
            ]}
          />
          <p>{t('exchangeUi.export.next')}</p>
        </div>
      ) : null}
    </section>
  );
}

/** The deadline and waiting plans (school mode), reloaded after an import. */
function useAuthorityOverview() {
  const session = useSession();
  const loaded = useLoad('decisions:overview', {}, { enabled: session.organisation.mode === 'school' });
  return { overview: loaded.data, reload: loaded.reload };
}

type ImportStage =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'preview'; token: string; result: ImportBatchResult }
  | { kind: 'importing'; result: ImportBatchResult }
  | { kind: 'done'; result: ImportBatchResult };

/**
 * The municipality's decisions package, at the school: choose it (main opens
 * the dialog), see the dry run (what would change, refusals with what to do),
 * confirm; then the result per file.
 */
function DecisionsImportPanel({ recipientName, onImported }: { recipientName: string | null; onImported(): void }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<ImportStage>({ kind: 'idle' });
  // A refused package is said in the panel, next to the button that chose it.
  const { submit, error, clearError } = useSubmit({ show: 'inline' });

  async function choose() {
    clearError();
    setStage({ kind: 'checking' });
    const answer = await submit('decisions:importPreview', {}, { noFields: true });
    if (!answer || answer.cancelled || !answer.token || !answer.result) return setStage({ kind: 'idle' });
    setStage({ kind: 'preview', token: answer.token, result: answer.result });
  }

  async function commit(token: string, preview: ImportBatchResult) {
    setStage({ kind: 'importing', result: preview });
    const result = await submit('decisions:importCommit', { token }, { noFields: true });
    if (!result) return setStage({ kind: 'idle' });
    setStage({ kind: 'done', result });
    onImported();
  }

  const shown = stage.kind === 'preview' || stage.kind === 'importing' || stage.kind === 'done' ? stage.result : null;
  const ready = shown ? shown.files.filter((f) => f.status === 'ready').length : 0;
  const imported = stage.kind === 'done' ? stage.result.files.filter((f) => f.status === 'imported').length : 0;
  return (
    <section className="card" aria-labelledby="decisions-import-title">
      <h2 id="decisions-import-title">{t('schoolDecisions.import.title')}</h2>
      <p>{t('schoolDecisions.import.intro')}</p>
      {recipientName ? null : <p className="calm-box">{t('schoolDecisions.import.needsRecipient')}</p>}
      {error ? <ErrorBanner error={error} /> : null}
      <div className="form-actions">
        <button
          type="button"
          className={stage.kind === 'preview' ? undefined : 'primary'}
          onClick={() => void choose()}
          disabled={!recipientName || stage.kind === 'checking' || stage.kind === 'importing'}
        >
          {t('schoolDecisions.import.choose')}
        </button>
        {stage.kind === 'checking' ? (
          <span role="status" className="muted">
            {t('muni.import.checking')}
          </span>
        ) : null}
      </div>
      {stage.kind === 'preview' || stage.kind === 'importing' ? (
        <>
          <p role="status" data-testid="decisions-preview-summary">
            {t('muni.import.previewSummary', { count: stage.result.files.length })} {t('muni.import.readyCount', { count: ready })}
          </p>
          <p className="muted">{t('muni.import.dryRunNote')}</p>
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              onClick={() => stage.kind === 'preview' && void commit(stage.token, stage.result)}
              disabled={ready === 0 || stage.kind === 'importing'}
            >
              {ready === 0 ? t('muni.import.commitNone') : t('muni.import.commit', { count: ready })}
            </button>
            <button type="button" onClick={() => setStage({ kind: 'idle' })} disabled={stage.kind === 'importing'}>
              {t('ui.cancel')}
            </button>
          </div>
        </>
      ) : null}
      {stage.kind === 'done' ? (
        <p role="status" data-testid="decisions-result-summary">
          {t('muni.import.importedCount', { count: imported })}
        </p>
      ) : null}
      {shown ? (
        <>
          <FilesTable files={shown.files} caption={t('schoolDecisions.import.title')} senderHeader={t('schoolDecisions.import.sender')} />
          {shown.files.map((file) => (
            <FileDetails key={file.path} file={file} />
          ))}
        </>
      ) : null}
    </section>
  );
}
