/**
 * A municipality's (or the state's) home: for one semester (the current one
 * unless another is chosen), which enrolled schools have sent their package
 * (when it was made, its sequence number, warnings) and which have sent
 * nothing yet. Each school links to its imported plans.
 */
import { useTranslation } from 'react-i18next';
import type { MuniSchools } from '../../../src-shared/domain/exchange';
import { formatDate } from '../../../src-shared/domain/format';
import { paths } from '../../paths';
import { DataTable } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { useSemesterLabel } from '../../ui/labels';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { Link } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useLoad } from '../../ui/use-api';
import { SemesterPicker, useSemesterChoice } from '../../ui/semester-picker';
import { PackageWarnings } from './package-warnings';
import '../exchange/exchange.css';

type SchoolStatus = MuniSchools['schools'][number];

export function MunicipalityHome() {
  const { t } = useTranslation();
  const session = useSession();
  const semesterLabel = useSemesterLabel();
  const choice = useSemesterChoice();
  const schools = useLoad('muni:schools', choice.semesterId ? { semesterId: choice.semesterId } : {}, { enabled: choice.semesterId !== null });
  const all = schools.data?.schools ?? [];
  const sent = all.filter((s) => s.lastPackage !== null);
  const waiting = all.filter((s) => s.lastPackage === null);
  const state = session.organisation.mode === 'state';

  return (
    <Page
      title={t('home.title')}
      subtitle={`${session.organisation.name} · ${semesterLabel(choice.semesterId)}`}
      actions={
        session.can('exchange.import') ? (
          <Link to={paths.importPackages()} className="button primary">
            {t('muni.home.import')}
          </Link>
        ) : null
      }
    >
      <SemesterPicker choice={choice} />
      <LoadState
        loaded={schools}
        isEmpty={(d) => d.schools.length === 0}
        empty={
          <div className="calm-box">
            <p>{t(state ? 'muni.home.noSendersState' : 'muni.home.noSenders')}</p>
            <Link to={paths.schools()}>{t(state ? 'muni.schools.titleState' : 'muni.schools.title')}</Link>
          </div>
        }
      >
        {({ semesterId }) => (
          <>
            <LateSchools semesterId={choice.semesterId} />
            <div className="muni-summary">
              <p className="stat" data-testid="stat-sent">
                <strong>{sent.length}</strong>
                {t('muni.home.statSent', { count: sent.length })}
              </p>
              <p className="stat" data-testid="stat-waiting">
                <strong>{waiting.length}</strong>
                {t('muni.home.statWaiting', { count: waiting.length })}
              </p>
            </div>
            <section className="card" aria-labelledby="sent-title">
              <h2 id="sent-title">{t('muni.home.sentTitle')}</h2>
              {sent.length === 0 ? <p className="muted">{t('muni.home.noneSent')}</p> : <SentTable rows={sent} semesterId={semesterId} />}
            </section>
            <section className="card" aria-labelledby="waiting-title">
              <h2 id="waiting-title">{t('muni.home.waitingTitle', { count: waiting.length })}</h2>
              {waiting.length === 0 ? (
                <p className="muted">{t('muni.home.allSent')}</p>
              ) : (
                <ul className="not-sent" data-testid="not-sent">
                  {waiting.map((s) => (
                    <li key={s.org.id}>
                      {s.org.name} <span className="muted">({s.org.id})</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </LoadState>
    </Page>
  );
}

/** Schools with no package made by the last package deadline that has passed (the municipality's settings). */
function LateSchools({ semesterId }: { semesterId: string | null }) {
  const { t } = useTranslation();
  const late = useLoad('decisions:lateSchools', semesterId ? { semesterId } : {}, { enabled: semesterId !== null });
  if (late.error) return <ErrorBanner error={late.error} />;
  if (!late.data || late.data.deadline === null) return null;
  return (
    <section className="card" aria-labelledby="late-title" data-testid="late-schools">
      <h2 id="late-title">{t('authority.late.title', { date: formatDate(late.data.deadline) })}</h2>
      {late.data.schools.length === 0 ? (
        <p className="muted">{t('authority.late.none')}</p>
      ) : (
        <ul className="not-sent">
          {late.data.schools.map((s) => (
            <li key={s.id}>
              {s.name} <span className="muted">({s.id})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SentTable({ rows, semesterId }: { rows: SchoolStatus[]; semesterId: string | null }) {
  const { t } = useTranslation();
  return (
    <DataTable
      plain
      className="table"
      testId="sent-table"
      caption={t('muni.home.sentTitle')}
      rows={rows}
      rowKey={(s) => s.org.id}
      columns={[
        { key: 'school', label: t('muni.col.school'), rowHeader: true, cell: (s) => s.org.name },
        { key: 'regNo', label: t('muni.col.regNo'), cell: (s) => s.org.id },
        { key: 'packageDate', label: t('muni.col.packageDate'), cell: (s) => formatDate(s.lastPackage?.createdAt) },
        { key: 'importedOn', label: t('muni.col.importedOn'), cell: (s) => formatDate(s.lastPackage?.importedAt) },
        { key: 'seq', label: t('muni.col.seq'), num: true, cell: (s) => s.lastPackage?.seq },
        { key: 'warnings', label: t('muni.col.warnings'), cell: (s) => <PackageWarnings warnings={s.lastPackage?.warnings ?? []} alerts={s.alerts} /> },
        {
          key: 'plans',
          label: t('muni.col.plans'),
          hideLabel: true,
          cell: (s) => (
            <Link to={paths.school(s.org.id, semesterId)} aria-label={t('muni.home.plansOf', { name: s.org.name })}>
              {t('muni.home.plans')}
            </Link>
          ),
        },
      ]}
    />
  );
}
