import { languages, type Language } from '../domain.ts';
import { useTranslate } from './i18n.tsx';

/** fi / sv / en toggle of a staff console; each name is shown in its own language. */
export function LanguageSwitcher({ onChange }: { onChange: (language: Language) => void }) {
  const { language, t } = useTranslate();
  return (
    <div className="language-switcher" role="group" aria-label={t('staff.language')}>
      {languages.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="button button--small"
          aria-pressed={option === language}
          data-testid={`ui-language-${option}`}
          onClick={() => onChange(option)}
        >
          {t(`language.${option}`)}
        </button>
      ))}
    </div>
  );
}
