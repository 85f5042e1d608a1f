/**
 * A package's warnings (e.g. SEQUENCE_GAP: an earlier package is missing) in
 * words, and the count of security alerts recorded for its sender (refused
 * packages that looked like misuse of a key). "None" when there are neither.
 */
import { useTranslation } from 'react-i18next';
import { tData } from '../../../src-shared/i18n/index';

export function PackageWarnings({ warnings, alerts = 0 }: { warnings: readonly { code: string; detail: string }[]; alerts?: number }) {
  const { t, i18n } = useTranslation();
  if (warnings.length === 0 && alerts === 0) return <span className="muted">{t('muni.warnings.none')}</span>;
  const codes = [...new Set(warnings.map((w) => w.code))];
  return (
    <ul className="plain-list">
      {codes.map((code) => (
        <li key={code}>
          <span className="warning-inline">
            <span aria-hidden="true">⚠ </span>
            {i18n.exists(`errors.code.${code}`) ? tData(t, `errors.code.${code}`) : code}
          </span>
        </li>
      ))}
      {alerts > 0 ? (
        <li>
          <span className="alert-inline">{t('muni.warnings.alerts', { count: alerts })}</span>
        </li>
      ) : null}
    </ul>
  );
}
