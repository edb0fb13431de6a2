import type { InterpreterOffer } from '@etapiste/shared';
import { secondsUntil, skillLabel, useNow, useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useInterpreterStore } from '../store/index.ts';

/** Requests ringing here: the need, the agency and the place, a countdown, Accept / Decline. */
export function OfferList() {
  const { t } = useTranslate();
  const offers = useInterpreterStore((state) => state.offers);
  return (
    <section className="panel" aria-labelledby="requests-heading" data-testid="offers">
      <h2 id="requests-heading">{t('interpreter.requests')}</h2>
      {offers.length === 0 ? (
        <p className="empty" data-testid="no-offers">
          {t('interpreter.noRequests')}
        </p>
      ) : (
        <ul className="offers" aria-live="assertive">
          {offers.map((offer) => (
            <Offer key={offer.requestId} offer={offer} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Offer({ offer }: { offer: InterpreterOffer }) {
  const { t, language } = useTranslate();
  const now = useNow(500);
  const { clockOffsetMs, answering, accept, decline } = useInterpreterStore(
    useShallow((state) => ({ clockOffsetMs: state.clockOffsetMs, answering: state.answering, accept: state.accept, decline: state.decline })),
  );
  const point = offer.servicePoint;
  return (
    <li className="offer" data-testid="offer" data-request-id={offer.requestId}>
      <p className="offer__skill" data-testid="offer-skill">
        {skillLabel(offer.skill, language, t)}
        <span className="offer__mode">{t(`interpreting.mode.${offer.mode}`)}</span>
      </p>
      <p data-testid="offer-place">
        {t('interpreter.offerPlace', { agency: offer.agency.name[language], servicePoint: point.name[language], municipality: point.municipality })}
      </p>
      <p className="muted" data-testid="offer-countdown">
        {t('interpreter.ringsFor', { seconds: secondsUntil(offer.ringEndsAt, now + clockOffsetMs) })}
      </p>
      <div className="offer__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="accept-offer"
          disabled={answering !== null}
          onClick={() => void accept(offer.requestId)}
        >
          {t('interpreter.accept')}
        </button>
        <button type="button" className="button" data-testid="decline-offer" disabled={answering !== null} onClick={() => void decline(offer.requestId)}>
          {t('interpreter.decline')}
        </button>
      </div>
    </li>
  );
}
