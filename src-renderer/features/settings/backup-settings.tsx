/**
 * Settings: the encrypted backups (daily, before updates and imports, made
 * by hand) and restoring one. The open database cannot be swapped while the
 * app runs, so a restore is checked now and done at the next start; the
 * current database is kept aside.
 */
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../src-shared/domain/format';
import type { BackupInfoView } from '../../../src-shared/domain/data-safety';
import { useConfirm } from '../../ui/confirm';
import { DataTable } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';

export function BackupSettings() {
  const { t } = useTranslation();
  const toast = useToast();
  const list = useLoad('backups:list', {});
  const action = useSubmit();
  const [confirmDialog, confirm] = useConfirm();

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
