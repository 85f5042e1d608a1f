/** Home: how many students have risks found in each group this semester. */
import { useTranslation } from 'react-i18next';
import { RISK_GROUPS } from '../../../src-shared/domain/risk-catalogue';
import { paths } from '../../routes';
import { Link } from '../../ui/router';

export function StudentsAtRisk() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="home-risk">
      <h2 id="home-risk">{t('home.risk.title')}</h2>
      <ul className="plain-list">
        {RISK_GROUPS.map((group) => (
          <li key={group}>
            <Link to={paths.students({ risk: group })}>{t(`riskGroup.${group}`)}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
