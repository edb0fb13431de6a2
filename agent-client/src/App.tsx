import { translate } from '@etapiste/shared/i18n';
import { I18nProvider, LoginForm, StaffHeader, useTranslate } from '@etapiste/shared/react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AdminConsole } from './admin/AdminConsole.tsx';
import { HostConsole } from './host/HostConsole.tsx';
import { useAgentStore } from './store/index.ts';
import { CallView } from './views/CallView.tsx';
import { WaitingList } from './views/WaitingList.tsx';

let resumed = false;

export function App() {
  const { authStatus, authNotice, language, login, role } = useAgentStore(
    useShallow((state) => ({
      authStatus: state.authStatus,
      authNotice: state.authNotice,
      language: state.language,
      login: state.login,
      role: state.principal?.role ?? null,
    })),
  );
  useEffect(() => {
    if (resumed) return;
    resumed = true;
    useAgentStore.getState().resumeLogin();
  }, []);
  useEffect(() => {
    document.title = `${translate(language, 'agent.title')} – ${translate(language, 'app.name')}`;
  }, [language]);

  const loggedOut = authStatus === 'loggedOut' || authStatus === 'loggingIn';
  return (
    <I18nProvider language={language}>
      {loggedOut ? (
        <LoginForm titleKey="agent.title" pending={authStatus === 'loggingIn'} notice={authNotice} onSubmit={(u, p) => void login(u, p)} />
      ) : role === 'expert' ? (
        <Console />
      ) : role === 'hostStaff' ? (
        <HostConsole />
      ) : (
        <AdminConsole />
      )}
    </I18nProvider>
  );
}

function Console() {
  const { t } = useTranslate();
  const { authStatus, principal, inCall, setLanguage, signOut } = useAgentStore(
    useShallow((state) => ({
      authStatus: state.authStatus,
      principal: state.principal,
      inCall: state.activeSession !== null,
      setLanguage: state.setLanguage,
      signOut: state.signOut,
    })),
  );
  return (
    <>
      <StaffHeader
        titleKey="agent.title"
        displayName={principal?.displayName ?? null}
        onLanguageChange={setLanguage}
        onLogout={() => void signOut()}
      />
      <main className="console">
        <p role="status" className="banner">
          {authStatus === 'connecting' ? t('common.loading') : null}
          {authStatus === 'reconnecting' ? t('common.connectionLost') : null}
        </p>
        {/* A call stays on screen while the connection is being restored. */}
        {inCall && (authStatus === 'connected' || authStatus === 'reconnecting') ? <CallView /> : authStatus === 'connected' ? <WaitingList /> : null}
      </main>
    </>
  );
}
