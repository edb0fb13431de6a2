import { I18nProvider } from '@etapiste/shared/react';
import { useEffect, type ComponentType } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AgencyScreen } from './screens/AgencyScreen.tsx';
import { CallScreen } from './screens/CallScreen.tsx';
import { EndedScreen } from './screens/EndedScreen.tsx';
import { LanguageScreen } from './screens/LanguageScreen.tsx';
import { NotConfiguredScreen } from './screens/NotConfiguredScreen.tsx';
import { ServiceScreen } from './screens/ServiceScreen.tsx';
import { StatusScreen } from './screens/StatusScreen.tsx';
import { WaitingScreen } from './screens/WaitingScreen.tsx';
import { useBoothStore, type BoothScreen } from './store/index.ts';

const screens: Record<BoothScreen, ComponentType> = {
  language: LanguageScreen,
  agency: AgencyScreen,
  service: ServiceScreen,
  waiting: WaitingScreen,
  inCall: CallScreen,
  ended: EndedScreen,
};

export function App() {
  const { connection, screen, language } = useBoothStore(
    useShallow((state) => ({ connection: state.connection, screen: state.screen, language: state.language })),
  );
  useEffect(() => {
    const { connection: current, connect } = useBoothStore.getState();
    if (current === 'starting') void connect();
  }, []);

  let content;
  if (screen === 'ended') content = <EndedScreen />;
  else if (connection === 'notConfigured') content = <NotConfiguredScreen />;
  else if (connection !== 'ready') content = <StatusScreen connection={connection} />;
  else {
    const Screen = screens[screen];
    content = <Screen key={screen} />;
  }
  return (
    <I18nProvider language={language}>
      <main className={screen === 'inCall' && connection === 'ready' ? 'booth booth--call' : 'booth'}>{content}</main>
    </I18nProvider>
  );
}
