/**
 * The overall risk level of a screening with the rule's reasons, and the
 * count of present factors per group. Used live by the screening form.
 */
import { useTranslation } from 'react-i18next';
import type { RiskLevelResult, RiskLevelRule } from '../../../src-shared/domain/risk-level';
import type { Answer, GroupSummary } from '../../../src-shared/domain/screening';
import type { MessageKey } from '../../../src-shared/i18n/index';

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
      <table className="table compact">
        <caption className="visually-hidden">{t('screening.level.byGroup')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('screening.level.group')}</th>
            <th scope="col" className="num">
              {t('screening.answer.present')}
            </th>
            <th scope="col" className="num">
              {t('screening.answer.unknown')}
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.group}>
              <th scope="row">
                <span className={`chip chip-${g.group}`}>{t(`riskGroup.short.${g.group}`)}</span>
              </th>
              <td className="num">{g.present}</td>
              <td className="num">{g.unknown}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
