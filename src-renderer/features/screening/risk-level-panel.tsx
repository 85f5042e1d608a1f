/**
 * The overall risk level of a screening with the rule's reasons, and the
 * count of present factors per group. Used live by the screening form.
 */
import { useTranslation } from 'react-i18next';
import type { RiskLevelResult, RiskLevelRule } from '../../../src-shared/domain/risk-level';
import type { Answer, GroupSummary } from '../../../src-shared/domain/screening';
import type { MessageKey } from '../../../src-shared/i18n/index';
import { DataTable } from '../../ui/data-table';

export const ANSWER_LABEL_KEYS: Record<Answer, MessageKey> = {
  present: 'screening.answer.present',
  absent: 'screening.answer.absent',
  unknown: 'screening.answer.unknown',
};

export function RiskLevelPanel({
  level,
  groups,
  rule,
  titleId,
}: {
  level: RiskLevelResult;
  groups: readonly GroupSummary[];
  rule: RiskLevelRule;
  titleId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="risk-level-panel">
      <h2 id={titleId}>{t('screening.level.title')}</h2>
      <p className={`risk-level risk-level-${level.level}`} role="status" data-testid="risk-level">
        {t(`riskLevel.${level.level}`)}
      </p>
      <ul className="risk-reasons">
        {level.reasons.map((reason) => (
          <li key={reason.key}>{t(reason.key, reason.params)}</li>
        ))}
      </ul>
      <DataTable
        fit
        wrap
        className="compact"
        rows={groups}
        rowKey={(g) => g.group}
        caption={t('screening.level.byGroup')}
        columns={[
          {
            key: 'group',
            label: t('screening.level.group'),
            rowHeader: true,
            cell: (g) => <span className={`chip chip-${g.group}`}>{t(`riskGroup.short.${g.group}`)}</span>,
          },
          { key: 'present', label: t('screening.answer.present'), num: true, cell: (g) => g.present },
          { key: 'unknown', label: t('screening.answer.unknown'), num: true, cell: (g) => g.unknown },
        ]}
      />
      <div className="muted small">
        <p>{t('screening.level.rule')}</p>
        <ul className="rule-list">
          {rule.levels.map((l) => (
            <li key={l.level}>
              {t(`riskLevel.${l.level}`)}:{' '}
              {l.minGroups !== null && l.minPresent !== null
                ? t('screening.level.rule.both', { groups: l.minGroups, present: l.minPresent })
                : l.minGroups !== null
                  ? t('screening.level.rule.groups', { groups: l.minGroups })
                  : t('screening.level.rule.present', { present: l.minPresent ?? 0 })}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
