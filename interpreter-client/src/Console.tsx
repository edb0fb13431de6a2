import type { MessageKey } from '@etapiste/shared/i18n';
import { StaffHeader, useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useInterpreterStore, type InterpreterNotice } from './store/index.ts';
import { Assignments } from './views/Assignments.tsx';
import { AvailabilityToggle } from './views/AvailabilityToggle.tsx';
import { InterpretingCall } from './views/InterpretingCall.tsx';
import { OfferList } from './views/OfferList.tsx';

const notices: Record<InterpreterNotice, MessageKey> = {
  acceptFailed: 'interpreter.acceptFailed',
  sessionEnded: 'interpreter.sessionEnded',
  youLeft: 'interpreter.youLeft',
  cameraError: 'call.cameraError',
  mediaFailed: 'call.mediaFailed',
};

/** The interpreter's desk (availability, ringing requests, booked assignments) or the session being interpreted. */
export function Console() {
  const { t } = useTranslate();
  const { authStatus, principal, inSession, notice, setLanguage, logout, leaveSession } = useInterpreterStore(
    useShallow((state) => ({
      authStatus: state.authStatus,
      principal: state.principal,
      inSession: state.session !== null,
      notice: state.notice,
      setLanguage: state.setLanguage,
      logout: state.logout,
      leaveSession: state.leaveSession,
    })),
  );
  return (
    <>
      <StaffHeader
        titleKey="interpreter.title"
        displayName={principal?.displayName ?? null}
        onLanguageChange={setLanguage}
        onLogout={() => {
          void leaveSession();
          logout();
        }}
      />
      <main className="console" data-testid="interpreter-console">
        <p role="status" className="banner">
          {authStatus === 'connecting' ? t('common.loading') : null}
          {authStatus === 'reconnecting' ? t('common.connectionLost') : null}
        </p>
        <p role="status" className="notice" data-testid="interpreter-notice">
          {notice ? t(notices[notice]) : null}
        </p>
        {authStatus !== 'connected' ? null : inSession ? (
          <InterpretingCall />
        ) : (
          <div className="desk">
            <AvailabilityToggle />
            <OfferList />
            <Assignments />
          </div>
        )}
      </main>
    </>
  );
}
