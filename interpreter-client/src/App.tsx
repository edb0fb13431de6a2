import { translate } from '@etapiste/shared/i18n';
import { I18nProvider, LoginForm } from '@etapiste/shared/react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Console } from './Console.tsx';
import { useInterpreterStore } from './store/index.ts';

let resumed = false;

export function App() {
  const { authStatus, authNotice, language, login } = useInterpreterStore(
    useShallow((state) => ({ authStatus: state.authStatus, authNotice: state.authNotice, language: state.language, login: state.login })),
  );
  useEffect(() => {
    if (resumed) return;
    resumed = true;
    useInterpreterStore.getState().resumeLogin();
  }, []);
  useEffect(() => {
    document.title = `${translate(language, 'interpreter.title')} – ${translate(language, 'app.name')}`;
  }, [language]);

  const loggedOut = authStatus === 'loggedOut' || authStatus === 'loggingIn';
  return (
    <I18nProvider language={language}>
      {loggedOut ? (
        <LoginForm
          titleKey="interpreter.title"
          pending={authStatus === 'loggingIn'}
          notice={authNotice}
          onSubmit={(username, password) => void login(username, password)}
        />
      ) : (
        <Console />
      )}
    </I18nProvider>
  );
}
