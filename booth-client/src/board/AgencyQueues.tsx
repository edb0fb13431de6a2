import type { QueueBoard } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';

/** Waiting customers and the estimated wait per agency serving at the point. */
export function AgencyQueues({ agencies }: { agencies: QueueBoard['agencies'] }) {
  const { t, language } = useTranslate();
  return (
    <section className="board__queues" aria-labelledby="board-queues-heading">
      <h2 id="board-queues-heading">{t('board.queues')}</h2>
      {agencies.length === 0 ? (
        <p className="board__empty">{t('board.noAgencies')}</p>
      ) : (
        <table className="board__table">
          <thead>
            <tr>
              <th scope="col">{t('board.colAgency')}</th>
              <th scope="col">{t('board.colWaiting')}</th>
              <th scope="col">{t('board.colWait')}</th>
            </tr>
          </thead>
          <tbody>
            {agencies.map((agency) => (
              <tr key={agency.agencyId} data-testid={`board-agency-${agency.agencyId}`}>
                <th scope="row">{agency.agencyName[language]}</th>
                <td>{agency.waiting}</td>
                <td>{t('board.minutes', { minutes: agency.estimatedWaitMinutes })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
