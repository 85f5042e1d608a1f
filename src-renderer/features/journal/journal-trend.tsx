/**
 * The student card's e-journal section: the indicators of each semester
 * that has an import, oldest first, with the signals they raise. Shown only
 * at a school and only when there is something to show; loading it is
 * audited as an opening of the student's data.
 */
import { useTranslation } from 'react-i18next';
import type { Student } from '../../../src-shared/domain/student';
import { paths } from '../../routes';
import { DataTable } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { useSemesterLabel } from '../../ui/labels';
import { Link } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useLoad } from '../../ui/use-api';
import { useSignalText } from './signal-text';
import './journal.css';

const percent = (share: number | null) => (share === null ? '—' : `${(Math.round(share * 1000) / 10).toLocaleString('lv-LV')}%`);
const decimal = (n: number | null) => (n === null ? '—' : n.toLocaleString('lv-LV', { maximumFractionDigits: 2 }));

export default function JournalTrend({ student }: { student: Student }) {
  const session = useSession();
  if (session.organisation.mode !== 'school' || !session.can('school.read')) return null;
  return <Trend student={student} />;
}

function Trend({ student }: { student: Student }) {
  const { t } = useTranslation();
  const semesterLabel = useSemesterLabel();
  const signalText = useSignalText();
  const trend = useLoad('journal:trend', { studentId: student.id });
  if (trend.error) return <ErrorBanner error={trend.error} />;
  const periods = trend.data?.periods ?? [];
  if (periods.length === 0) return null;
  const latest = periods[periods.length - 1];
  return (
    <section className="card journal-trend" aria-labelledby="journal-trend-title">
      <h2 id="journal-trend-title">{t('journal.trend.title')}</h2>
      <p className="muted">{t('journal.signalsNotVerdicts')}</p>
      <DataTable
        plain
        className="journal-table"
        labelledBy="journal-trend-title"
        rows={periods}
        rowKey={(p) => p.semesterId}
        rowClassName={(p) => (p.signals.length > 0 ? 'journal-signalled' : undefined)}
        columns={[
          { key: 'semester', label: t('journal.trend.semester'), rowHeader: true, cell: (p) => semesterLabel(p.semesterId) },
          { key: 'unexcused', label: t('journal.trend.unexcused'), cell: (p) => decimal(p.indicators.unexcusedLessons) },
          { key: 'unexcusedShare', label: t('journal.trend.unexcusedShare'), cell: (p) => percent(p.indicators.unexcusedShare) },
          { key: 'excused', label: t('journal.trend.excused'), cell: (p) => decimal(p.indicators.excusedLessons) },
          { key: 'insufficient', label: t('journal.trend.insufficient'), cell: (p) => p.indicators.insufficientMarks + p.indicators.notAssessed },
          {
            key: 'average',
            label: t('journal.trend.average'),
            cell: (p) =>
              `${decimal(p.indicators.average)}${p.indicators.averageDrop !== null && p.indicators.averageDrop > 0 ? ` (↓ ${decimal(p.indicators.averageDrop)})` : ''}`,
          },
        ]}
      />
      {latest && latest.signals.length > 0 ? (
        <>
          <h3>{t('journal.trend.signals', { semester: semesterLabel(latest.semesterId) })}</h3>
          <ul className="journal-signals">
            {latest.signals.map((s) => (
              <li key={s.kind}>{signalText(s)}</li>
            ))}
          </ul>
          <p className="card-links">
            <Link to={paths.screening(student.id, latest.semesterId)}>{t('journal.trend.toScreening')}</Link>
          </p>
        </>
      ) : null}
    </section>
  );
}
