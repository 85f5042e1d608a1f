/**
 * Home: how many students have risks found in each group this semester
 * (`screening:riskSummary`: counts of active students, computed in main; a
 * student counts in every group where a factor is present). Each group links
 * to the register filtered on it.
 */
import { useTranslation } from 'react-i18next';
import { RISK_GROUPS } from '../../../src-shared/domain/risk-catalogue';
import { paths } from '../../paths';
import { ErrorBanner } from '../../ui/error-banner';
import { Link } from '../../ui/router';
import { useLoad } from '../../ui/use-api';

export function StudentsAtRisk() {
  const { t } = useTranslation();
  const list = useLoad('screening:riskSummary', {});
  const counts = RISK_GROUPS.map((group) => ({ group, count: list.data?.byGroup[group] ?? 0 }));
  const anyRisk = list.data?.total ?? 0;
  return (
    <section className="card" aria-labelledby="home-risk">
      <h2 id="home-risk">{t('home.risk.title')}</h2>
      {list.error ? <ErrorBanner error={list.error} /> : null}
      {list.data && anyRisk === 0 ? <p className="muted">{t('home.risk.none')}</p> : null}
      {list.data && anyRisk > 0 ? (
        <table className="bars">
          <caption className="visually-hidden">{t('home.risk.title')}</caption>
          <tbody>
            {counts.map(({ group, count }) => (
              <tr key={group}>
                <th scope="row">
                  <Link to={paths.students({ risk: group })}>{t(`riskGroup.${group}`)}</Link>
                </th>
                <td className="bar-cell">
                  <span className={`bar bar-${group}`} style={{ width: `${count === 0 ? 0 : Math.max(2, (count / anyRisk) * 100)}%` }} />
                </td>
                <td className="num">{t('home.risk.students', { count })}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('home.risk.any')}</th>
              <td />
              <td className="num">{t('home.risk.students', { count: anyRisk })}</td>
            </tr>
          </tfoot>
        </table>
      ) : null}
    </section>
  );
}
