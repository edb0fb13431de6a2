import { formatCountdown, secondsUntil, useNow, useTranslate } from '@etapiste/shared/react';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { playChime } from '../components/chime.ts';
import { ScreenHeading } from '../components/ScreenHeading.tsx';
import { useBoothStore } from '../store/index.ts';

/**
 * "Number 12 — it's your turn": shown (and chimed) when an expert calls the number, again as a
 * reminder at the second announcement, until the customer presses Start or the grace ends.
 */
export function CalledScreen() {
  const { t } = useTranslate();
  const now = useNow(500);
  const { calling, clockOffsetMs, answerCall, pending, failed } = useBoothStore(
    useShallow((state) => ({
      calling: state.calling,
      clockOffsetMs: state.clockOffsetMs,
      answerCall: state.answerCall,
      pending: state.answerPending,
      failed: state.answerFailed,
    })),
  );
  const number = calling?.number ?? '';
  const announcement = calling?.announcement ?? 0;
  // Filled after mounting and on each announcement, so that screen readers speak it.
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    if (announcement === 0) return;
    playChime();
    setSpoken(t(announcement > 1 ? 'booth.calledReminder' : 'booth.calledSpoken', { number }));
  }, [announcement, number, t]);

  if (!calling) return null;
  const seconds = secondsUntil(calling.graceEndsAt, now + clockOffsetMs);
  return (
    <section
      className={announcement > 1 ? 'screen screen--centered screen--called screen--reminder' : 'screen screen--centered screen--called'}
      data-testid="called-screen"
      data-announcement={announcement}
    >
      <ScreenHeading className="called-title">
        <span key={announcement} className="called-title__number">
          {t('booth.calledNumber', { number })}
        </span>
        <span className="called-title__turn">{t('booth.calledTurn')}</span>
      </ScreenHeading>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {spoken}
      </div>
      <button
        type="button"
        className="button button--call button--answer"
        data-testid="answer-call"
        disabled={pending}
        onClick={() => void answerCall()}
      >
        {pending ? t('common.loading') : t('booth.answer')}
      </button>
      <p className="called-grace" data-testid="called-grace">
        {t('booth.answerWithin', { time: formatCountdown(seconds) })}
      </p>
      {failed ? (
        <p className="error" role="alert">
          {t('booth.answerFailed')}
        </p>
      ) : null}
    </section>
  );
}
