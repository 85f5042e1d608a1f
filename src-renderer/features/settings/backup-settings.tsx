/**
 * Settings: the encrypted backups (daily, before updates and imports, made
 * by hand) and restoring one. The open database cannot be swapped while the
 * app runs, so a restore is checked now and done at the next start; the
 * current database is kept aside. How many backups of each kind are kept
 * (setting `backups.keep`, 1 to 100; older ones are deleted so deleted data
 * ages out of them) is set here too, unless IT's policy fixes it.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../src-shared/domain/format';
import { BACKUP_KEEP_MAX, BACKUP_KEEP_MIN, type BackupInfoView } from '../../../src-shared/domain/data-safety';
import { useConfirm } from '../../ui/confirm';
import { DataTable } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, type FieldMessage } from '../../ui/field';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';

/** The field's error key, or null when the text is a whole number in range. */
export function keepError(text: string): FieldMessage | null {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return /^\d+$/.test(trimmed) && n >= BACKUP_KEEP_MIN && n <= BACKUP_KEEP_MAX
    ? null
    : { messageKey: 'dataSafety.backups.keep.invalid', params: { min: BACKUP_KEEP_MIN, max: BACKUP_KEEP_MAX } };
}

export function BackupSettings() {
  const { t } = useTranslation();
  const toast = useToast();
  const list = useLoad('backups:list', {});
  const action = useSubmit();
  const [confirmDialog, confirm] = useConfirm();
  const [keepText, setKeepText] = useState('');
  const [keepProblem, setKeepProblem] = useState<FieldMessage | null>(null);
  const keep = list.data?.keep;

  useEffect(() => {
    if (keep) setKeepText(String(keep.value));
  }, [keep]);

  async function saveKeep() {
    const problem = keepError(keepText);
    setKeepProblem(problem);
    if (problem) return;
    const value = Number(keepText.trim());
    if (await action.submit('backups:setKeep', { keep: value })) {
      toast.success(t('dataSafety.backups.keep.saved', { keep: value }));
      list.reload();
    }
  }

  async function makeBackup() {
    const made = await action.submit('backups:create', {});
    if (made) {
      toast.success(t('dataSafety.backups.made'));
      list.reload();
    }
  }

  async function restore(backup: BackupInfoView) {
    const when = `${formatDate(backup.at)} ${backup.at.slice(11, 16)}`;
    const sure = await confirm({
      title: t('dataSafety.backups.restoreTitle'),
      body: t('dataSafety.backups.restoreConfirm', { when }),
      confirmLabel: t('dataSafety.backups.restore'),
      danger: true,
    });
    if (!sure) return;
    if (await action.submit('backups:restore', { name: backup.name })) {
      toast.success(t('dataSafety.backups.scheduled'));
      list.reload();
    }
  }

  const backups = list.data?.backups ?? [];
  return (
    <section className="card" aria-labelledby="settings-backups">
      <h2 id="settings-backups">{t('dataSafety.backups.title')}</h2>
      <p className="muted">{t('dataSafety.backups.intro')}</p>
      {list.error ? <ErrorBanner error={list.error} /> : null}
      {list.data?.pendingRestore ? <p role="status">{t('dataSafety.backups.pending')}</p> : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void saveKeep();
        }}
      >
        <Field
          label={t('dataSafety.backups.keep.label')}
          hint={t('dataSafety.backups.keep.hint', { min: BACKUP_KEEP_MIN, max: BACKUP_KEEP_MAX })}
          errorKey={keepProblem ?? action.fieldErrors.keep}
        >
          <input
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={keepText}
            onChange={(e) => {
              setKeepText(e.target.value);
              setKeepProblem(null);
              action.clearFieldError('keep');
            }}
            disabled={keep?.source === 'policy' || action.busy}
          />
        </Field>
        {keep?.source === 'policy' ? <p className="muted">{t('dataSafety.backups.keep.byPolicy')}</p> : null}
        <p>
          <button type="submit" className="secondary" disabled={keep?.source === 'policy' || action.busy}>
            {t('dataSafety.backups.keep.save')}
          </button>
        </p>
      </form>
      <p className="muted">{t('dataSafety.backups.outside')}</p>
      <p>
        <button type="button" onClick={() => void makeBackup()} disabled={action.busy}>
          {t('dataSafety.backups.make')}
        </button>
      </p>
      {backups.length === 0 ? (
        <p>{t('dataSafety.backups.none')}</p>
      ) : (
        <DataTable
          fit
          wrap
          rows={backups}
          rowKey={(b) => b.name}
          caption={t('dataSafety.backups.title')}
          regionLabel={t('dataSafety.backups.listRegion')}
          columns={[
            { key: 'when', label: t('dataSafety.backups.when'), cell: (b) => `${formatDate(b.at)} ${b.at.slice(11, 16)} UTC` },
            { key: 'kind', label: t('dataSafety.backups.kind'), cell: (b) => t(`dataSafety.backupKind.${b.kind}`) },
            {
              key: 'size',
              label: t('dataSafety.backups.size'),
              cell: (b) => t('dataSafety.backups.megabytes', { size: (b.bytes / 1_048_576).toFixed(1).replace('.', ',') }),
            },
            {
              key: 'actions',
              label: t('dataSafety.backups.actions'),
              hideLabel: true,
              cell: (b) => (
                <button type="button" className="secondary" onClick={() => void restore(b)} disabled={action.busy}>
                  {t('dataSafety.backups.restore')}
                </button>
              ),
            },
          ]}
        />
      )}
      {confirmDialog}
    </section>
  );
}
