import { StaffHeader, useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { BoothDeviceStatus } from '../devices/BoothDeviceStatus.tsx';
import { useAgentStore } from '../store/index.ts';
import { HostCalling } from './HostCalling.tsx';
import { HostNotice } from './HostNotice.tsx';
import { HostTicketTable } from './HostTicketTable.tsx';
import './host.css';

/**
 * Host staff of a service point (librarian, bus crew): the numbers being called, the numbers
 * waiting here, and moving a number to the right agency's queue. Numbers only, never names.
 */
export function HostConsole() {
  const { t, language } = useTranslate();
  const { authStatus, principal, board, setLanguage, logout } = useAgentStore(
    useShallow((state) => ({
      authStatus: state.authStatus,
      principal: state.principal,
      board: state.hostBoard,
      setLanguage: state.setLanguage,
      logout: state.logout,
    })),
  );
  return (
    <>
      <StaffHeader titleKey="host.title" displayName={principal?.displayName ?? null} onLanguageChange={setLanguage} onLogout={() => logout()} />
      <main className="console">
        <p role="status" className="banner">
          {authStatus === 'connecting' || (authStatus === 'connected' && !board) ? t('common.loading') : null}
          {authStatus === 'reconnecting' ? t('common.connectionLost') : null}
        </p>
        {board ? (
          <section className="panel host-console" aria-labelledby="host-heading" data-testid="host-console">
            <h2 id="host-heading">{board.servicePointName[language]}</h2>
            <HostCalling calling={board.calling} />
            <HostNotice />
            <HostTicketTable />
          </section>
        ) : null}
        {authStatus === 'connected' ? <BoothDeviceStatus /> : null}
      </main>
    </>
  );
}
