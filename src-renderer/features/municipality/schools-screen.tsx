/**
 * The schools a municipality exchanges with (for the state: schools and
 * municipalities): each with its registration number, the fingerprint of
 * its enrolled key and its last package this semester. "Enrol a school"
 * reads its key card and asks for the fingerprint comparison
 * (features/exchange/key-file.tsx); a card with another key for an enrolled
 * school is refused with KEY_CHANGED, shown here with what to do. A school
 * that lost its data gets its new package numbering accepted here
 * (features/exchange/accept-stream.tsx).
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../src-shared/domain/format';
import { paths, type RouteProps } from '../../paths';
import { DataTable } from '../../ui/data-table';
import { useSemesterLabel } from '../../ui/labels';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Link } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useLoad } from '../../ui/use-api';
import { AcceptStream } from '../exchange/accept-stream';
import { useKeyFile } from '../exchange/key-file';
import { PackageWarnings } from './package-warnings';
import '../exchange/exchange.css';

export default function SchoolsScreen(_props: RouteProps) {
  const { t } = useTranslation();
  const session = useSession();
  const semesterLabel = useSemesterLabel();
  const state = session.organisation.mode === 'state';
  const schools = useLoad('muni:schools', {});
  const reload = schools.reload;
  const enrolled = useCallback(() => reload(), [reload]);
  const flow = useKeyFile('enrol', enrolled);
  const rows = schools.data?.schools ?? [];
  const canEnrol = session.can('exchange.enrol');

  return (
    <Page
      title={t(state ? 'muni.schools.titleState' : 'muni.schools.title')}
      subtitle={t('muni.schools.subtitle', { semester: semesterLabel(schools.data?.semesterId) })}
      actions={
        canEnrol ? (
          <button type="button" className="primary" onClick={() => void flow.start()} disabled={flow.busy}>
            {t(state ? 'muni.schools.enrolState' : 'muni.schools.enrol')}
          </button>
        ) : null
      }
    >
      <p className="muted">{t('muni.schools.intro')}</p>
      {flow.problem}
      <LoadState
        loaded={schools}
        isEmpty={(d) => d.schools.length === 0}
        empty={<p className="calm-box">{t(state ? 'muni.home.noSendersState' : 'muni.home.noSenders')}</p>}
      >
        {() => (
          <DataTable
            plain
            className="table card"
            testId="schools-table"
            caption={t(state ? 'muni.schools.titleState' : 'muni.schools.title')}
            rows={rows}
            rowKey={(s) => s.org.id}
            columns={[
              {
                key: 'school',
                label: t('muni.col.school'),
                rowHeader: true,
                cell: (s) => (
                  <>
                    {s.org.name}
                    {s.org.kind !== 'school' ? <span className="muted"> · {t(`orgKind.${s.org.kind}`)}</span> : null}
                  </>
                ),
              },
              { key: 'regNo', label: t('muni.col.regNo'), cell: (s) => s.org.id },
              { key: 'fingerprint', label: t('muni.col.fingerprint'), cellClassName: 'fingerprint-inline', cell: (s) => s.fingerprint.digits },
              {
                key: 'lastPackage',
                label: t('muni.col.lastPackage'),
                cell: (s) =>
                  s.lastPackage ? (
                    t('muni.schools.lastPackage', { date: formatDate(s.lastPackage.createdAt), seq: s.lastPackage.seq })
                  ) : (
                    <span className="muted">{t('muni.schools.nothingYet')}</span>
                  ),
              },
              { key: 'warnings', label: t('muni.col.warnings'), cell: (s) => <PackageWarnings warnings={s.lastPackage?.warnings ?? []} alerts={s.alerts} /> },
              {
                key: 'plans',
                label: t('muni.col.plans'),
                hideLabel: true,
                cell: (s) => (
                  <Link to={paths.school(s.org.id, schools.data?.semesterId ?? null)} aria-label={t('muni.home.plansOf', { name: s.org.name })}>
                    {t('muni.home.plans')}
                  </Link>
                ),
              },
            ]}
          />
        )}
      </LoadState>
      {canEnrol && rows.length > 0 ? <AcceptStream onAccepted={enrolled} /> : null}
      {flow.dialog}
    </Page>
  );
}
