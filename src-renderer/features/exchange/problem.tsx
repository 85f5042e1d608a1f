/**
 * A package, key card or import problem in plain language: the message for
 * its code in the user's language, then what to do about it, then the code
 * itself in small print (for the phone call to IT). Refusals are red, a
 * warning (e.g. a sequence gap) amber, "already imported" calm blue.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PACKAGE_PROBLEM_CODES } from '../../../src-shared/i18n/catalogue/exchange-ui';
import { tData } from '../../../src-shared/i18n/index';

type Tone = 'error' | 'warning' | 'calm';

const CLASS: Record<Tone, string> = { error: 'problem', warning: 'warning-box', calm: 'calm-box' };

export function hasWhatToDo(code: string | null | undefined): boolean {
  return code !== null && code !== undefined && (PACKAGE_PROBLEM_CODES as readonly string[]).includes(code);
}

interface ProblemProps {
  code: string;
  /** The service's message key; defaults to errors.code.<CODE>. */
  messageKey?: string | null;
  params?: Record<string, string | number>;
  tone?: Tone;
  /** A heading above the message (errors only). */
  title?: string;
  /** Announce it (for problems that appear after an action). */
  live?: boolean;
  children?: ReactNode;
}

export function Problem({ code, messageKey, params, tone = 'error', title, live, children }: ProblemProps) {
  const { t, i18n } = useTranslation();
  const key = messageKey && i18n.exists(messageKey) ? messageKey : `errors.code.${code}`;
  const role = live ? (tone === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={CLASS[tone]} role={role} data-code={code}>
      {title ? <h3>{title}</h3> : null}
      <p>{i18n.exists(key) ? tData(t, key, params) : t('errors.code.INTERNAL')}</p>
      {hasWhatToDo(code) ? <p>{tData(t, `exchangeUi.whatToDo.${code}`)}</p> : null}
      {children}
      <p className="problem-code">{t('exchangeUi.problem.code', { code })}</p>
    </div>
  );
}
