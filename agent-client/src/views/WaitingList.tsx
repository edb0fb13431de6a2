import type { MessageKey } from '@etapiste/shared/i18n';
import { useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';
import type { QueueNotice } from '../store/types.ts';
import { BookingsToday } from './BookingsToday.tsx';
import { QueueTable } from './QueueTable.tsx';
import { TakeNext } from './TakeNext.tsx';
import './queue.css';

const notices: Record<QueueNotice, MessageKey> = {
  nobodyWaiting: 'agent.noneWaiting',
  takeNextFailed: 'agent.takeNextFailed',
  noShow: 'agent.noShow',
  sessionEnded: 'agent.sessionEnded',
  transferred: 'agent.transferred',
};

/** The expert's queue view: the agency's queue over all points, taking the next customer, today's bookings. */
export function WaitingList() {
  const { t } = useTranslate();
  const { overview, queueNotice } = useAgentStore(
    useShallow((state) => ({ overview: state.overview, queueNotice: state.queueNotice })),
  );
  return (
    <div className="queue-console">
      <section className="panel" aria-labelledby="queue-heading" data-testid="waiting-list">
        <div className="queue-console__head">
          <h2 id="queue-heading">{t('agent.queueTitle')}</h2>
          {overview ? (
            <ul className="queue-summary">
              <li data-testid="queue-waiting-count">{t('agent.waitingCount', { count: overview.waiting.length })}</li>
              <li data-testid="queue-experts-online">{t('agent.expertsOnline', { count: overview.expertsOnline })}</li>
              <li data-testid="queue-estimated-wait">{t('agent.estimatedWait', { minutes: overview.estimatedWaitMinutes })}</li>
            </ul>
          ) : null}
        </div>
        <div role="status" className="notice" data-testid="notice">
          {queueNotice ? t(notices[queueNotice]) : null}
        </div>
        <TakeNext />
        <QueueTable />
      </section>
      <BookingsToday />
    </div>
  );
}
