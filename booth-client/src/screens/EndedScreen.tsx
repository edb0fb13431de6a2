import { useTranslate } from '@etapiste/shared/react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ScreenHeading } from '../components/ScreenHeading.tsx';
import { useBoothStore } from '../store/index.ts';

/** After this long the kiosk returns to the start screen by itself. */
export const autoRestartMs = 20_000;

export function EndedScreen() {
  const { t } = useTranslate();
  const { endReason, restart } = useBoothStore(useShallow((state) => ({ endReason: state.endReason, restart: state.restart })));
  useEffect(() => {
    const timer = setTimeout(restart, autoRestartMs);
    return () => clearTimeout(timer);
  }, [restart]);
  const failed = endReason === 'mediaFailure' || endReason === 'boothDisconnected';
  return (
    <section className="screen screen--centered" data-testid="call-ended">
      <ScreenHeading>{failed ? t('booth.endedMediaFailure') : t('booth.ended')}</ScreenHeading>
      <button type="button" className="button button--primary" data-testid="start-again" onClick={restart}>
        {t('booth.startAgain')}
      </button>
    </section>
  );
}
