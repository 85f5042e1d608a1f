/**
 * The municipality's (or the state's) decisions packages, in its exchange
 * screen: every enrolled school, when it was last sent one, and whether
 * there is something new for it (its first package always: it carries the
 * settings). One school's package is saved where the person chooses; "all
 * with something new" writes one file per such school into a folder.
 */
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../src-shared/domain/format';
import { DataTable } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { useSemesterLabel } from '../../ui/labels';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';

export function DecisionsOutbox() {
  const { t } = useTranslation();
  const toast = useToast();
  const semesterLabel = useSemesterLabel();
  const outbox = useLoad('decisions:outbox', {});
  const { submit, busy } = useSubmit();
  const schools = outbox.data?.schools ?? [];
  const withNews = schools.filter((s) => s.hasNews).length;

  async function exportOne(schoolId: string, name: string) {
    const done = await submit('decisions:exportFor', { schoolId });
    if (!done || done.cancelled || !done.result) return;
    toast.success(t('authority.outbox.saved', { school: name, seq: done.result.seq, path: done.result.path }));
    outbox.reload();
  }

  async function exportAll() {
    const done = await submit('decisions:exportAll', {});
    if (!done || done.cancelled) return;
    toast.success(t('authority.outbox.savedAll', { count: done.results.length }));
    outbox.reload();
  }

  return (
    <section className="card" aria-labelledby="outbox-title" data-testid="decisions-outbox">
      <h2 id="outbox-title">{t('authority.outbox.title')}</h2>
      <p className="muted">{t('authority.outbox.intro', { semester: semesterLabel(outbox.data?.semesterId ?? null) })}</p>
      {outbox.error ? <ErrorBanner error={outbox.error} /> : null}
      {outbox.data && schools.length === 0 ? <p className="muted">{t('authority.outbox.noSchools')}</p> : null}
      {schools.length > 0 ? (
        <>
          <DataTable
            plain
            className="table compact"
            caption={t('authority.outbox.title')}
            rows={schools}
            rowKey={(s) => s.school.id}
            columns={[
              {
                key: 'school',
                label: t('muni.col.school'),
                rowHeader: true,
                cell: (s) => (
                  <>
                    {s.school.name} <span className="muted">({s.school.id})</span>
                  </>
                ),
              },
              {
                key: 'lastSent',
                label: t('authority.outbox.lastSent'),
                cell: (s) =>
                  s.lastSentAt ? t('authority.outbox.sentOn', { date: formatDate(s.lastSentAt), seq: s.lastSeq ?? 0 }) : t('authority.outbox.never'),
              },
              { key: 'news', label: t('authority.outbox.news'), cell: (s) => (s.hasNews ? t('authority.outbox.hasNews') : t('authority.outbox.noNews')) },
              {
                key: 'action',
                label: t('authority.outbox.action'),
                hideLabel: true,
                cell: (s) => (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void exportOne(s.school.id, s.school.name)}
                    aria-label={t('authority.outbox.exportFor', { name: s.school.name })}
                  >
                    {t('authority.outbox.export')}
                  </button>
                ),
              },
            ]}
          />
          <div className="form-actions">
            <button type="button" className="primary" disabled={busy || withNews === 0} onClick={() => void exportAll()}>
              {t('authority.outbox.exportAll', { count: withNews })}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
