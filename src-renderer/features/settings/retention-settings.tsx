/**
 * Settings > Retention (the coordinator; at a municipality or the state, of
 * the students it imported): how many years the records
 * of students who left or graduated are kept after the leaving date, how
 * many are due now, and deleting them with a receipt (counts only) that the
 * audit log keeps (services/retention-service.ts).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../src-shared/domain/format';
import { useConfirm } from '../../ui/confirm';
import { ErrorBanner } from '../../ui/error-banner';
import { useSession } from '../../ui/session';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';

export function RetentionSettings() {
  const { t } = useTranslation();
  const toast = useToast();
  const session = useSession();
  const status = useLoad('retention:status', {});
  const action = useSubmit();
  const [confirmDialog, confirm] = useConfirm();
  const [years, setYears] = useState('');
  const data = status.data;

  useEffect(() => {
    if (data) setYears(String(data.years));
  }, [data]);

  async function save() {
    const value = Number(years);
    if (await action.submit('retention:setYears', { years: value })) {
      toast.success(t('dataSafety.retention.saved'));
      status.reload();
    }
  }

  async function deleteDue() {
    if (!data || data.due === 0) return;
    const cutoff = formatDate(data.cutoff);
    const sure = await confirm({
      title: t('dataSafety.retention.confirmTitle'),
      body: t('dataSafety.retention.confirmBody', { count: data.due, cutoff }),
      confirmLabel: t('dataSafety.retention.delete'),
      danger: true,
    });
    if (!sure) return;
    const receipt = await action.submit('retention:deleteDue', { expected: data.due });
    if (receipt) {
      toast.success(
        t('dataSafety.retention.receipt', {
          at: `${formatDate(receipt.at)} ${receipt.at.slice(11, 16)} UTC`,
          students: receipt.counts.students ?? 0,
          plans: receipt.counts.plans ?? 0,
          screenings: receipt.counts.screenings ?? 0,
          deliveries: receipt.counts.deliveries ?? 0,
        }),
      );
      status.reload();
    }
  }

  const byPolicy = data?.source === 'policy';
  return (
    <section className="card" aria-labelledby="settings-retention">
      <h2 id="settings-retention">{t('dataSafety.retention.title')}</h2>
      <p className="muted">{t(session.organisation.mode === 'school' ? 'dataSafety.retention.intro' : 'dataSafety.retention.introAuthority')}</p>
      <p className="muted">{t('dataSafety.retention.backupsNote')}</p>
      {status.error ? <ErrorBanner error={status.error} /> : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label htmlFor="retention-years">{t('dataSafety.retention.years')}</label>
        <input
          id="retention-years"
          type="number"
          min={1}
          max={50}
          step={1}
          value={years}
          onChange={(e) => setYears(e.target.value)}
          // Not before the current value has loaded: it would replace what was typed (statistics-settings.tsx).
          disabled={!data || byPolicy || action.busy}
          required
        />
        {byPolicy ? <p className="muted">{t('dataSafety.retention.byPolicy')}</p> : null}
        <p>
          <button type="submit" disabled={!data || byPolicy || action.busy}>
            {t('dataSafety.retention.save')}
          </button>
        </p>
      </form>
      {data ? (
        <>
          <p role="status">{t('dataSafety.retention.due', { count: data.due, cutoff: formatDate(data.cutoff) })}</p>
          {data.withoutLeavingDate > 0 ? <p>{t('dataSafety.retention.withoutDate', { count: data.withoutLeavingDate })}</p> : null}
          <p>
            <button type="button" className="danger" onClick={() => void deleteDue()} disabled={action.busy || data.due === 0}>
              {t('dataSafety.retention.delete')}
            </button>
          </p>
        </>
      ) : null}
      {confirmDialog}
    </section>
  );
}
