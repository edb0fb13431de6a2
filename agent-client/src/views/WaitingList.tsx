import { useNow, useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';
import { WaitingRow } from './WaitingRow.tsx';

export function WaitingList() {
  const { t } = useTranslate();
  const now = useNow(1000);
  const { waiting, queueNotice, clockOffsetMs } = useAgentStore(
    useShallow((state) => ({ waiting: state.waiting, queueNotice: state.queueNotice, clockOffsetMs: state.clockOffsetMs })),
  );
  const serverNow = now + clockOffsetMs;
  return (
    <section className="panel" aria-labelledby="waiting-heading" data-testid="waiting-list">
      <h2 id="waiting-heading">{t('agent.incoming')}</h2>
      <div role="status" className="notice">
        {queueNotice === 'acceptFailed' ? t('agent.acceptFailed') : null}
        {queueNotice === 'sessionEnded' ? t('agent.sessionEnded') : null}
      </div>
      {waiting.length === 0 ? (
        <p className="empty">{t('agent.noneWaiting')}</p>
      ) : (
        <table className="waiting-table">
          <thead>
            <tr>
              <th scope="col">{t('agent.colServicePoint')}</th>
              <th scope="col">{t('agent.colKind')}</th>
              <th scope="col">{t('agent.colService')}</th>
              <th scope="col">{t('agent.colLanguage')}</th>
              <th scope="col">{t('agent.colWaited')}</th>
              <th scope="col">{t('agent.colAction')}</th>
            </tr>
          </thead>
          <tbody>
            {waiting.map((entry) => (
              <WaitingRow key={entry.sessionId} entry={entry} serverNow={serverNow} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
