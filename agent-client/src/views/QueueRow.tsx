import type { WaitingTicket } from '@etapiste/shared';
import { minutesSince, useTranslate } from '@etapiste/shared/react';
import { helsinkiTime } from './format.ts';

/** One waiting ticket: number, where, which service and language, priority, how long. */
export function QueueRow({ ticket, serverNow }: { ticket: WaitingTicket; serverNow: number }) {
  const { t, language } = useTranslate();
  const { servicePoint, service, priority } = ticket;
  const priorityText =
    priority === 'booked' && ticket.bookedFor !== null
      ? t('agent.priority.booked', { time: helsinkiTime(ticket.bookedFor) })
      : priority === 'booked'
        ? t('agent.bookingStatus.booked')
        : t(`agent.priority.${priority}`);
  return (
    <tr data-testid={`queue-row-${ticket.ticketId}`} className={priority === 'normal' ? undefined : 'waiting-table__priority'}>
      <td className="waiting-table__number">{ticket.number}</td>
      <td>
        {servicePoint.name[language]}
        <span className="muted">{servicePoint.municipality}</span>
      </td>
      <td>
        {servicePoint.kind}
        <span className="muted">{t(`servicePoint.kind.${servicePoint.kind}`)}</span>
      </td>
      <td>{service.name[language]}</td>
      <td lang={ticket.language}>{t(`language.${ticket.language}`)}</td>
      <td>{priorityText}</td>
      <td>{t('agent.waitingFor', { minutes: minutesSince(ticket.issuedAt, serverNow) })}</td>
    </tr>
  );
}
