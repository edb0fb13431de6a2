import { useTranslate } from '@etapiste/shared/react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ScreenHeading } from '../components/ScreenHeading.tsx';
import { useIdleRestart } from '../components/use-idle-restart.ts';
import { FeedbackForm } from '../feedback/FeedbackForm.tsx';
import { useBoothStore } from '../store/index.ts';

/** After this long the kiosk returns to the start screen by itself. */
export const autoRestartMs = 20_000;
/** The feedback questions return to the start after this long without a touch. */
export const feedbackIdleMs = 60_000;

/**
 * The end of the visit: thanks, a technical fault, or a number that was not answered in time.
 * After a served call the customer is asked for anonymous feedback first.
 */
export function EndedScreen() {
  const { t } = useTranslate();
  const { endReason, feedbackStatus, restart } = useBoothStore(
    useShallow((state) => ({ endReason: state.endReason, feedbackStatus: state.feedbackStatus, restart: state.restart })),
  );
  const asking = feedbackStatus === 'open' || feedbackStatus === 'sending' || feedbackStatus === 'failed';
  const offered = feedbackStatus !== 'idle';
  useEffect(() => {
    if (asking) return;
    const timer = setTimeout(restart, autoRestartMs);
    return () => clearTimeout(timer);
  }, [asking, restart]);
  useIdleRestart(asking, restart, feedbackIdleMs);

  const noShow = endReason === 'noShow';
  const failed = endReason === 'mediaFailure' || endReason === 'boothDisconnected' || endReason === 'expertDisconnected';
  const title = noShow ? t('booth.noShow') : failed ? t('booth.endedMediaFailure') : t('booth.ended');
  return (
    <section className={asking ? 'screen screen--feedback' : 'screen screen--centered'} data-testid={noShow ? 'no-show' : 'call-ended'}>
      <div role="status">
        <ScreenHeading>{title}</ScreenHeading>
      </div>
      {noShow ? <p className="lead">{t('booth.noShowHint')}</p> : null}
      {asking ? <FeedbackForm /> : null}
      {offered ? (
        // Present before the answer arrives, so that screen readers announce the thanks.
        <div role="status" className="feedback-thanks">
          {feedbackStatus === 'sent' ? (
            <div data-testid="feedback-thanks">
              <p className="feedback-thanks__text">{t('booth.feedback.thanks')}</p>
              <p className="lead">{t('booth.feedback.thanksHint')}</p>
            </div>
          ) : null}
        </div>
      ) : null}
      {asking ? null : (
        <button type="button" className="button button--primary" data-testid="start-again" onClick={restart}>
          {t('booth.startAgain')}
        </button>
      )}
    </section>
  );
}
