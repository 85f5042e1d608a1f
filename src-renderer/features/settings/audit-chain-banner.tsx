/**
 * A broken audit chain, shown to coordinators above every screen (and in
 * Settings > Audit log) until it is dealt with: never silently ignored.
 * Its own small file, as the shell loads it with the first paint.
 */
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../ui/use-api';

export function AuditChainBanner() {
  const { t } = useTranslation();
  const status = useLoad('audit:status', {});
  if (!status.data || status.data.ok) return null;
  return (
    <div className="error-banner" role="alert">
      <p>{t('dataSafety.audit.broken', { count: status.data.problems.length })}</p>
      <ul>
        {status.data.problems.slice(0, 10).map((p) => (
          <li key={`${p.kind}-${p.id}`}>{t(`dataSafety.audit.problem.${p.kind}`, { id: p.id })}</li>
        ))}
      </ul>
    </div>
  );
}
