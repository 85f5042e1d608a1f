/**
 * Home: how many students have risks found in each group this semester
 * (`screening:riskSummary`: counts of active students, computed in main; a
 * student counts in every group where a factor is present). Each group links
 * to the register filtered on it.
 */
import { useTranslation } from 'react-i18next';
import { RISK_GROUPS } from '../../../src-shared/domain/risk-catalogue';
import { paths } from '../../paths';
import { DataTable } from '../../ui/data-table';
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
        <DataTable
          plain
          noHeader
          className="bars"
          caption={t('home.risk.title')}
          rows={counts}
          rowKey={({ group }) => group}
          columns={[
            {
              key: 'group',
              label: t('home.risk.title'),
              rowHeader: true,
              cell: ({ group }) => <Link to={paths.students({ risk: group })}>{t(`riskGroup.${group}`)}</Link>,
            },
            {
              key: 'bar',
              label: t('home.risk.title'),
              cellClassName: 'bar-cell',
              cell: ({ group, count }) => (
                <span className={`bar bar-${group}`} style={{ width: `${count === 0 ? 0 : Math.max(2, (count / anyRisk) * 100)}%` }} />
              ),
            },
            { key: 'count', label: t('home.risk.any'), num: true, cell: ({ count }) => t('home.risk.students', { count }) },
          ]}
          footer={[
            {
              key: 'any',
              cells: [{ content: t('home.risk.any'), header: true }, { content: null }, { content: t('home.risk.students', { count: anyRisk }), num: true }],
            },
          ]}
        />
      ) : null}
    </section>
  );
}
