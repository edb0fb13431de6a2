import type { WaitingSession } from '@etapiste/shared';
import { minutesSince, useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';

/** One waiting customer: where, which service, which language, how long. Never a name. */
export function WaitingRow({ entry, serverNow }: { entry: WaitingSession; serverNow: number }) {
  const { t, language } = useTranslate();
  const { accept, acceptingId } = useAgentStore(useShallow((state) => ({ accept: state.accept, acceptingId: state.acceptingId })));
  const { sessionId, servicePoint, service } = entry;
  const describedBy = `${sessionId}-point ${sessionId}-service`;
  return (
    <tr data-testid={`waiting-${sessionId}`}>
      <td id={`${sessionId}-point`}>
        {servicePoint.name[language]}
        <span className="muted">{servicePoint.municipality}</span>
      </td>
      <td>{t(`servicePoint.kind.${servicePoint.kind}`)}</td>
      <td id={`${sessionId}-service`}>{service.name[language]}</td>
      <td lang={entry.language}>{t(`language.${entry.language}`)}</td>
      <td>{t('agent.waitingFor', { minutes: minutesSince(entry.waitingSince, serverNow) })}</td>
      <td>
        <button
          type="button"
          className="button button--primary"
          data-testid={`accept-${sessionId}`}
          aria-describedby={describedBy}
          disabled={acceptingId !== null}
          onClick={() => void accept(sessionId)}
        >
          {acceptingId === sessionId ? t('common.loading') : t('agent.accept')}
        </button>
      </td>
    </tr>
  );
}
