/**
 * Settings for coordinators, one section per tab (each a link: #/settings/<tab>):
 * the school's profile, the calendar, the risk catalogue, measure kinds with
 * their rates and caps, staff accounts with their roles, backups and the
 * audit log, and retention. A municipality or the state sees the calendar, staff, backups,
 * the audit log and retention (of the records it imported).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { paths, type RouteProps } from '../../paths';
import { Page } from '../../ui/page';
import { Link } from '../../ui/router';
import { useSession } from '../../ui/session';
import { AuditSettings } from './audit-settings';
import { BackupSettings } from './backup-settings';
import { CalendarSettings } from './calendar-settings';
import { MeasureKindSettings } from './measure-kind-settings';
import { ProfileSettings } from './profile-settings';
import { RetentionSettings } from './retention-settings';
import { RiskSettings } from './risk-settings';
import { StaffSettings } from './staff-settings';
import { StatisticsSettings } from './statistics-settings';

interface Tab {
  name: string;
  label: string;
  panel: () => ReactNode;
}

export default function SettingsScreen({ params }: RouteProps) {
  const { t } = useTranslation();
  const school = useSession().organisation.mode === 'school';
  // A municipality or the state keeps its calendar and its staff; the school's
  // profile form, risk catalogue and measure kinds belong to schools.
  const tabs: Tab[] = [
    ...(school ? [{ name: 'profile', label: t('settings.tab.profile'), panel: () => <ProfileSettings /> }] : []),
    { name: 'calendar', label: t('settings.tab.calendar'), panel: () => <CalendarSettings /> },
    ...(school
      ? [
          { name: 'risks', label: t('settings.tab.risks'), panel: () => <RiskSettings /> },
          { name: 'measures', label: t('settings.tab.measures'), panel: () => <MeasureKindSettings /> },
        ]
      : []),
    { name: 'staff', label: t('settings.tab.staff'), panel: () => <StaffSettings /> },
    // Data safety (every mode): the encrypted backups and the audit log with its hash chain.
    { name: 'backups', label: t('dataSafety.tab.backups'), panel: () => <BackupSettings /> },
    { name: 'audit', label: t('dataSafety.tab.audit'), panel: () => <AuditSettings /> },
    // The small-number threshold of statistics (every mode: each installation's exports use its own).
    { name: 'statistics', label: t('statistics.threshold.tab'), panel: () => <StatisticsSettings /> },
    // Retention of the records of students who left: a school's own, a municipality's or the state's imported ones.
    { name: 'retention', label: t('dataSafety.tab.retention'), panel: () => <RetentionSettings /> },
  ];
  const current = tabs.find((tab) => tab.name === params.tab) ?? (tabs[0] as Tab);
  return (
    <Page title={t('settings.title')}>
      <nav className="tabs" aria-label={t('settings.sections')}>
        <ul>
          {tabs.map((tab) => (
            <li key={tab.name}>
              <Link to={paths.settings(tab.name)} aria-current={tab === current ? 'page' : undefined}>
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current.panel()}
    </Page>
  );
}
