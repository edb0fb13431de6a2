import { formatCountdown, secondsUntil, useNow, useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';

/** "Take next customer", and while the booth shows the number: who is being called and the grace countdown. */
export function TakeNext() {
  const { t } = useTranslate();
  const { calling, takingNext, takeNext } = useAgentStore(
    useShallow((state) => ({ calling: state.calling, takingNext: state.takingNext, takeNext: state.takeNext })),
  );
  return (
    <div className="take-next">
      <button
        type="button"
        className="button button--primary button--large"
        data-testid="take-next"
        disabled={takingNext || calling !== null}
        onClick={() => void takeNext()}
      >
        {takingNext ? t('common.loading') : t('agent.takeNext')}
      </button>
      {calling ? <CallingPanel /> : null}
    </div>
  );
}

function CallingPanel() {
  const { t, language } = useTranslate();
  const now = useNow(500);
  const { calling, clockOffsetMs } = useAgentStore(
    useShallow((state) => ({ calling: state.calling, clockOffsetMs: state.clockOffsetMs })),
  );
  if (!calling) return null;
  const { info } = calling;
  const seconds = secondsUntil(calling.graceEndsAt, now + clockOffsetMs);
  return (
    <div className="calling" data-testid="calling">
      <p className="calling__title" role="status">
        {t('agent.calling', { number: calling.ticket.number, servicePoint: info.servicePoint?.name[language] ?? '' })}
      </p>
      {info.serviceName ? <p>{info.serviceName[language]}</p> : null}
      <p className="calling__grace">
        {t('agent.callingGrace', { time: formatCountdown(seconds) })}
      </p>
    </div>
  );
}
