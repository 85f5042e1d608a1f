import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../src-shared/i18n/index';
import { saveLanguage } from './i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span>{t('app.language')}</span>
      <select
        value={i18n.language}
        onChange={(event) => {
          const language = event.target.value as Language;
          saveLanguage(language);
          void i18n.changeLanguage(language);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {t(`app.language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
