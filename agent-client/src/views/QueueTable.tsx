import { useNow, useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';
import { QueueRow } from './QueueRow.tsx';

/** The agency's waiting tickets over all points, in the order they will be served. Never a name. */
export function QueueTable() {
  const { t } = useTranslate();
  const now = useNow(15_000);
  const { waiting, clockOffsetMs } = useAgentStore(
    useShallow((state) => ({ waiting: state.waiting, clockOffsetMs: state.clockOffsetMs })),
  );
  const serverNow = now + clockOffsetMs;
  return (
    <table className="waiting-table" data-testid="queue-table" aria-labelledby="queue-heading">
      <thead>
        <tr>
          <th scope="col">{t('agent.colNumber')}</th>
          <th scope="col">{t('agent.colServicePoint')}</th>
          <th scope="col">{t('agent.colKind')}</th>
          <th scope="col">{t('agent.colService')}</th>
          <th scope="col">{t('agent.colLanguage')}</th>
          <th scope="col">{t('agent.colPriority')}</th>
          <th scope="col">{t('agent.colWaited')}</th>
        </tr>
      </thead>
      <tbody>
        {waiting.length === 0 ? (
          <tr>
            <td colSpan={7} className="empty">
              {t('agent.noneWaiting')}
            </td>
          </tr>
        ) : (
          waiting.map((ticket) => <QueueRow key={ticket.ticketId} ticket={ticket} serverNow={serverNow} />)
        )}
      </tbody>
    </table>
  );
}
