import { useNow, useTranslate } from '@etapiste/shared/react';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';
import { HostTicketRow } from './HostTicketRow.tsx';
import { agencyNameOf, pointTargets, targetsFor } from './move-targets.ts';

/** The numbers waiting at the point, in arrival order, each with a way to move it to another agency's service. */
export function HostTicketTable() {
  const { t } = useTranslate();
  const now = useNow(15_000);
  const { tickets, board, catalogue, catalogueStatus, servicePointId, clockOffsetMs } = useAgentStore(
    useShallow((state) => ({
      tickets: state.hostTickets,
      board: state.hostBoard,
      catalogue: state.adminCatalogue,
      catalogueStatus: state.adminCatalogueStatus,
      servicePointId: state.principal?.servicePointId ?? null,
      clockOffsetMs: state.clockOffsetMs,
    })),
  );
  const targets = useMemo(() => pointTargets(catalogue, servicePointId), [catalogue, servicePointId]);
  const catalogueReady = catalogueStatus === 'ready';
  return (
    <section aria-labelledby="host-waiting-heading">
      <h3 id="host-waiting-heading">{t('host.waitingTitle')}</h3>
      <p className="muted host-privacy">{t('host.privacy')}</p>
      <table className="waiting-table" aria-labelledby="host-waiting-heading">
        <thead>
          <tr>
            <th scope="col">{t('host.colNumber')}</th>
            <th scope="col">{t('host.colAgency')}</th>
            <th scope="col">{t('host.colService')}</th>
            <th scope="col">{t('host.colLanguage')}</th>
            <th scope="col">{t('host.colWaited')}</th>
            <th scope="col">{t('host.colMove')}</th>
          </tr>
        </thead>
        <tbody>
          {tickets.length === 0 ? (
            <tr>
              <td colSpan={6} className="empty">
                {t('host.noneWaiting')}
              </td>
            </tr>
          ) : (
            tickets.map((ticket) => (
              <HostTicketRow
                key={ticket.ticketId}
                ticket={ticket}
                agencyName={agencyNameOf(catalogue, board, ticket.agencyId)}
                targets={catalogueReady ? targetsFor(targets, ticket.agencyId) : null}
                catalogueFailed={catalogueStatus === 'failed'}
                serverNow={now + clockOffsetMs}
              />
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
