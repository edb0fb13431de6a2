import { useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { ScreenHeading } from '../components/ScreenHeading.tsx';
import { useBoothStore, visitService } from '../store/index.ts';
import { CheckInMessage } from './CheckInMessage.tsx';
import { TicketStatus } from './TicketStatus.tsx';

/** The customer's number, very large, with their place in the queue and the estimated wait. */
export function WaitingScreen() {
  const { t, language } = useTranslate();
  const { ticket, service, checkIn, transferredTo, cameraFailed, leaveQueue } = useBoothStore(
    useShallow((state) => ({
      ticket: state.ticket,
      service: visitService(state),
      checkIn: state.checkIn,
      transferredTo: state.transferredTo,
      cameraFailed: state.cameraFailed,
      leaveQueue: state.leaveQueue,
    })),
  );
  if (!ticket) return null;
  const number = ticket.ticket.number;
  return (
    <section className="screen screen--centered screen--waiting" data-testid="waiting-screen">
      <ScreenHeading>{t('booth.yourNumber')}</ScreenHeading>
      <p className="ticket-number" data-testid="ticket-number">
        {number}
      </p>
      {transferredTo && transferredTo.service.id === ticket.ticket.serviceId ? (
        <p className="check-in check-in--ok" data-testid="transferred-notice">
          {t('booth.transferredWaiting', { agency: transferredTo.agency.name[language], service: transferredTo.service.name[language] })}
        </p>
      ) : checkIn ? (
        <CheckInMessage answer={checkIn} />
      ) : null}
      <TicketStatus view={ticket} />
      {service ? <p className="waiting-service">{t('booth.waitingFor', { service: service.name[language] })}</p> : null}
      <p className="waiting-hint">{t('booth.waitHere')}</p>
      {cameraFailed ? (
        <p className="error" role="alert">
          {t('booth.cameraError')}
        </p>
      ) : null}
      <button type="button" className="button button--secondary" data-testid="leave-queue" onClick={() => void leaveQueue()}>
        {t('booth.leaveQueue')}
      </button>
    </section>
  );
}
