import { languages } from '@etapiste/shared';
import { translate } from '@etapiste/shared/i18n';
import { ScreenHeading } from '../components/ScreenHeading.tsx';

/** No device token: a message for the staff, in all three languages. */
export function NotConfiguredScreen() {
  const [first, ...others] = languages;
  return (
    <section className="screen screen--centered" data-testid="not-configured">
      <ScreenHeading>
        <span lang={first}>{translate(first ?? 'fi', 'booth.notConfigured')}</span>
      </ScreenHeading>
      {others.map((language) => (
        <p key={language} lang={language} className="lead">
          {translate(language, 'booth.notConfigured')}
        </p>
      ))}
    </section>
  );
}
