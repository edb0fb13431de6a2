import { useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useInterpreterStore } from '../store/index.ts';

/** Available / not available for on-demand requests: a switch. */
export function AvailabilityToggle() {
  const { t } = useTranslate();
  const { available, pending, setAvailable } = useInterpreterStore(
    useShallow((state) => ({ available: state.available, pending: state.availabilityPending, setAvailable: state.setAvailable })),
  );
  return (
    <section className="panel availability" aria-labelledby="availability-heading">
      <h2 id="availability-heading">{t('interpreter.availability')}</h2>
      <button
        type="button"
        role="switch"
        aria-checked={available}
        className={available ? 'switch switch--on' : 'switch'}
        disabled={pending}
        data-testid="availability"
        onClick={() => void setAvailable(!available)}
      >
        <span className="switch__track" aria-hidden="true">
          <span className="switch__thumb" />
        </span>
        {t('interpreter.availableToggle')}
      </button>
      <p className="muted" data-testid="availability-state">
        {available ? t('interpreter.isAvailable') : t('interpreter.isUnavailable')}
      </p>
    </section>
  );
}
