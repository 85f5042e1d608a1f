/**
 * How shared values look on every screen: plan statuses as badges, risk
 * groups as chips, semesters and classes as people say them. Use these
 * rather than building the text again, so every screen says it the same way.
 */
import { useTranslation } from 'react-i18next';
import type { PlanStatus } from '../../src-shared/domain/plan-lifecycle';
import type { RiskGroup } from '../../src-shared/domain/risk-catalogue';

/** A label stored in both languages (measure kinds, risk factors), in the user's language. */
export function useLocalLabel(): (item: { labelLv: string; labelEn: string }) => string {
  const { i18n } = useTranslation();
  return (item) => (i18n.language === 'en' ? item.labelEn : item.labelLv);
}

/** "2025/26-1" -> "2025/26, 1. semestris" / "2025/26, semester 1". */
export function useSemesterLabel(): (semesterId: string | null | undefined) => string {
  const { t } = useTranslation();
  return (semesterId) => {
    if (!semesterId) return '';
    const m = /^(\d{4}\/\d{2})-([12])$/.exec(semesterId);
    return m ? t('ui.semester', { year: m[1], number: m[2] }) : semesterId;
  };
}

/** Grade and class label: "7.b" for general education, "2. kurss (b)" for vocational. */
export function useClassLabel(): (row: { educationLevel: 'general' | 'vocational'; grade: number; classLabel: string }) => string {
  const { t } = useTranslation();
  return (row) =>
    row.educationLevel === 'vocational'
      ? t('ui.course', { course: row.grade, label: row.classLabel ? ` ${row.classLabel}` : '' }).trim()
      : `${row.grade}.${row.classLabel}`;
}

/** A plan's status; `completed`: an inactive plan closed at semester end with its results is named "closed". */
export function PlanStatusBadge({ status, completed = false }: { status: PlanStatus | null; completed?: boolean }) {
  const { t } = useTranslation();
  if (!status) return <span className="badge badge-none">{t('ui.planStatus.none')}</span>;
  if (status === 'inactive' && completed) return <span className="badge badge-inactive">{t('ui.planStatus.closed')}</span>;
  return <span className={`badge badge-${status}`}>{t(`planStatus.${status}`)}</span>;
}

export function RiskGroupChips({ groups }: { groups: readonly RiskGroup[] }) {
  const { t } = useTranslation();
  if (groups.length === 0) return null;
  return (
    <span className="chips">
      {groups.map((group) => (
        <span key={group} className={`chip chip-${group}`}>
          {t(`riskGroup.short.${group}`)}
        </span>
      ))}
    </span>
  );
}
