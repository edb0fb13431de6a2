import { useTranslate } from '@etapiste/shared/react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ScreenHeading } from '../components/ScreenHeading.tsx';
import { useBoothStore } from '../store/index.ts';

/** After this long the kiosk returns to the start screen by itself. */
export const autoRestartMs = 20_000;

/** The end of the visit: thanks, a technical fault, or a number that was not answered in time. */
export function EndedScreen() {
  const { t } = useTranslate();
  const { endReason, restart } = useBoothStore(useShallow((state) => ({ endReason: state.endReason, restart: state.restart })));
  useEffect(() => {
    const timer = setTimeout(restart, autoRestartMs);
    return () => clearTimeout(timer);
  }, [restart]);
  const noShow = endReason === 'noShow';
  const failed = endReason === 'mediaFailure' || endReason === 'boothDisconnected' || endReason === 'expertDisconnected';
  const title = noShow ? t('booth.noShow') : failed ? t('booth.endedMediaFailure') : t('booth.ended');
  return (
    <section className="screen screen--centered" data-testid={noShow ? 'no-show' : 'call-ended'}>
      <div role="status">
        <ScreenHeading>{title}</ScreenHeading>
      </div>
      {noShow ? <p className="lead">{t('booth.noShowHint')}</p> : null}
      <button type="button" className="button button--primary" data-testid="start-again" onClick={restart}>
        {t('booth.startAgain')}
      </button>
    </section>
  );
}
