import { minutesSince, useNow, useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { ScreenHeading } from '../components/ScreenHeading.tsx';
import { selectedService, useBoothStore } from '../store/index.ts';

export function WaitingScreen() {
  const { t, language } = useTranslate();
  const now = useNow(1000);
  const { service, waitingSince, cancelWaiting } = useBoothStore(
    useShallow((state) => ({
      service: selectedService(state),
      waitingSince: state.waitingSince,
      cancelWaiting: state.cancelWaiting,
    })),
  );
  const minutes = minutesSince(waitingSince ?? now, now);
  return (
    <section className="screen screen--centered" data-testid="waiting-screen">
      <ScreenHeading>{t('booth.waiting')}</ScreenHeading>
      <div className="waiting-indicator" aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
      <div className="waiting-status" aria-live="polite">
        {service ? <p>{t('booth.waitingFor', { service: service.name[language] })}</p> : null}
        <p data-testid="waiting-minutes">{t('booth.waitingTime', { minutes })}</p>
      </div>
      <button type="button" className="button button--secondary" data-testid="cancel-waiting" onClick={() => void cancelWaiting()}>
        {t('booth.cancelWaiting')}
      </button>
    </section>
  );
}
