/**
 * A key fingerprint as people compare it on the phone: 12 groups of 5
 * digits, large and in a fixed-width font, one group per cell, and the same
 * fingerprint in hex underneath for those who prefer it. The digits' text
 * (groups joined by single spaces) is what a test or a screen reader reads.
 */
import { useTranslation } from 'react-i18next';

export interface FingerprintValue {
  digits: string;
  hex: string;
}

interface FingerprintProps {
  value: FingerprintValue;
  /** Shown above the digits; defaults to "Fingerprint". */
  label?: string;
  small?: boolean;
  testId?: string;
}

export function Fingerprint({ value, label, small, testId }: FingerprintProps) {
  const { t } = useTranslation();
  const groups = value.digits.split(/\s+/).filter(Boolean);
  return (
    <div className={small ? 'fingerprint fingerprint-small' : 'fingerprint'}>
      <p className="fingerprint-label">{label ?? t('exchangeUi.fingerprint.digits')}</p>
      <p className="fingerprint-digits" data-testid={testId}>
        {groups.map((group, index) => (
          <span key={index}>
            {group}
            {index < groups.length - 1 ? ' ' : ''}
          </span>
        ))}
      </p>
      {small ? null : (
        <>
          <small className="field-hint">{t('exchangeUi.fingerprint.digitsHint')}</small>
          <p className="fingerprint-hex-line">
            {t('exchangeUi.fingerprint.hex')}: <span className="fingerprint-hex">{value.hex}</span>
          </p>
        </>
      )}
    </div>
  );
}
