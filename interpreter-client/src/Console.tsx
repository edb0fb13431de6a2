import { StaffHeader, useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useInterpreterStore } from './store/index.ts';

/** Placeholder console: interpreting requests will be listed here. */
export function Console() {
  const { t } = useTranslate();
  const { authStatus, principal, setLanguage, logout } = useInterpreterStore(
    useShallow((state) => ({
      authStatus: state.authStatus,
      principal: state.principal,
      setLanguage: state.setLanguage,
      logout: state.logout,
    })),
  );
  return (
    <>
      <StaffHeader
        titleKey="interpreter.title"
        displayName={principal?.displayName ?? null}
        onLanguageChange={setLanguage}
        onLogout={() => logout()}
      />
      <main className="console" data-testid="interpreter-console">
        <p role="status" className="banner">
          {authStatus === 'connecting' ? t('common.loading') : null}
          {authStatus === 'reconnecting' ? t('common.connectionLost') : null}
        </p>
        <section className="panel" aria-labelledby="requests-heading">
          <h2 id="requests-heading">{t('interpreter.requests')}</h2>
          <p className="empty">{t('interpreter.comingSoon')}</p>
        </section>
      </main>
    </>
  );
}
