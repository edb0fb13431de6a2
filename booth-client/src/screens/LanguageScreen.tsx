import { languages } from '@etapiste/shared';
import { translate } from '@etapiste/shared/i18n';
import { ScreenHeading } from '../components/ScreenHeading.tsx';
import { useBoothStore } from '../store/index.ts';

/**
 * The start screen. The customer's language is not known yet, so the greeting is shown in
 * all three languages (Finnish first) and each language button is named in its own language.
 */
export function LanguageScreen() {
  const chooseLanguage = useBoothStore((state) => state.chooseLanguage);
  const [first, ...others] = languages;
  return (
    <section className="screen screen--language">
      <ScreenHeading>
        <span lang={first}>{translate(first ?? 'fi', 'booth.welcome')}</span>
      </ScreenHeading>
      {others.map((language) => (
        <p key={language} lang={language} className="lead lead--translation">
          {translate(language, 'booth.welcome')}
        </p>
      ))}
      <h2 className="language-prompt">
        {languages.map((language) => (
          <span key={language} lang={language}>
            {translate(language, 'language.choose')}
          </span>
        ))}
      </h2>
      <div className="choice-grid choice-grid--languages">
        {languages.map((language) => (
          <button
            key={language}
            type="button"
            lang={language}
            className="button button--choice button--language"
            data-testid={`language-${language}`}
            onClick={() => chooseLanguage(language)}
          >
            {translate(language, `language.${language}`)}
          </button>
        ))}
      </div>
    </section>
  );
}
