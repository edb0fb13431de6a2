import type { LocalizedText } from '@etapiste/shared';
import { minutesSince, useTranslate } from '@etapiste/shared/react';
import type { PointTicket } from '../store/host-slice.ts';
import { MoveControl } from './MoveControl.tsx';
import type { MoveTarget } from './move-targets.ts';

export interface HostTicketRowProps {
  ticket: PointTicket;
  agencyName: LocalizedText | null;
  /** Null until the catalogue is read. */
  targets: MoveTarget[] | null;
  catalogueFailed: boolean;
  serverNow: number;
}

/** One waiting number: number, agency, service, language, waited minutes, and moving it. Nothing else. */
export function HostTicketRow({ ticket, agencyName, targets, catalogueFailed, serverNow }: HostTicketRowProps) {
  const { t, language } = useTranslate();
  return (
    <tr data-testid={`host-ticket-${ticket.ticketId}`}>
      <th scope="row" className="waiting-table__number">
        {ticket.number}
      </th>
      <td>{agencyName?.[language] ?? ticket.agencyId}</td>
      <td>{ticket.service.name[language]}</td>
      <td lang={ticket.language}>{t(`language.${ticket.language}`)}</td>
      <td>{t('host.waitedMinutes', { minutes: minutesSince(ticket.issuedAt, serverNow) })}</td>
      <td>
        {targets ? (
          // A new agency gives new choices: start the control afresh.
          <MoveControl key={ticket.agencyId} ticket={ticket} targets={targets} />
        ) : (
          <span className="muted">{t(catalogueFailed ? 'host.servicesUnavailable' : 'common.loading')}</span>
        )}
      </td>
    </tr>
  );
}
