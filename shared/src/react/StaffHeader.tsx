import type { Language } from '../domain.ts';
import type { MessageKey } from '../i18n/index.ts';
import { useTranslate } from './i18n.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

export interface StaffHeaderProps {
  titleKey: MessageKey;
  displayName: string | null;
  onLanguageChange: (language: Language) => void;
  onLogout: () => void;
}

/** Banner of a staff console: title, who is logged in, UI language and log out. */
export function StaffHeader({ titleKey, displayName, onLanguageChange, onLogout }: StaffHeaderProps) {
  const { t } = useTranslate();
  return (
    <header className="staff-header">
      <h1 className="staff-header__title">{t(titleKey)}</h1>
      {displayName ? <p className="staff-header__user">{t('staff.loggedInAs', { name: displayName })}</p> : null}
      <LanguageSwitcher onChange={onLanguageChange} />
      <button type="button" className="button button--small" data-testid="logout" onClick={onLogout}>
        {t('staff.logout')}
      </button>
    </header>
  );
}
