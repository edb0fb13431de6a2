import { I18nProvider } from '@etapiste/shared/react';
import { useEffect, type ComponentType } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ReconnectingBanner } from './components/ReconnectingBanner.tsx';
import { useIdleRestart } from './components/use-idle-restart.ts';
import { useDeviceHeartbeat } from './devices/use-device-heartbeat.ts';
import { AgencyScreen } from './screens/AgencyScreen.tsx';
import { BookingScreen } from './screens/BookingScreen.tsx';
import { CalledScreen } from './screens/CalledScreen.tsx';
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
  booking: BookingScreen,
  waiting: WaitingScreen,
  called: CalledScreen,
  inCall: CallScreen,
  ended: EndedScreen,
};
/** Screens a customer may walk away from: they return to the start when nobody touches them. */
const choiceScreens = new Set<BoothScreen>(['agency', 'service', 'booking']);

export function App() {
  const { connection, screen, language, restart } = useBoothStore(
    useShallow((state) => ({ connection: state.connection, screen: state.screen, language: state.language, restart: state.restart })),
  );
  useEffect(() => {
    const { connection: current, connect } = useBoothStore.getState();
    if (current === 'starting') void connect();
  }, []);
  useIdleRestart(choiceScreens.has(screen), restart);
  useDeviceHeartbeat();

  let content;
  if (screen === 'ended') content = <EndedScreen />;
  else if (connection === 'notConfigured') content = <NotConfiguredScreen />;
  // While the connection is being restored the customer stays where they are (their place is kept).
  else if (connection !== 'ready' && connection !== 'reconnecting') content = <StatusScreen connection={connection} />;
  else {
    const Screen = screens[screen];
    content = <Screen key={screen} />;
  }
  return (
    <I18nProvider language={language}>
      <main className={screen === 'inCall' && (connection === 'ready' || connection === 'reconnecting') ? 'booth booth--call' : 'booth'}>
        {connection === 'reconnecting' ? <ReconnectingBanner /> : null}
        {content}
      </main>
    </I18nProvider>
  );
}
