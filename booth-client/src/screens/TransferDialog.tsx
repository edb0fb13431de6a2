import { useTranslate } from '@etapiste/shared/react';
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useBoothStore } from '../store/index.ts';

/** The expert suggests chaining to another agency: the customer consents or declines, over the call. */
export function TransferDialog() {
  const { t, language } = useTranslate();
  const { offer, pending, respond } = useBoothStore(
    useShallow((state) => ({ offer: state.transferOffer, pending: state.transferPending, respond: state.respondTransfer })),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (offer) heading.current?.focus({ preventScroll: true });
  }, [offer]);
  if (!offer) return null;
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="transfer-title"
        aria-describedby="transfer-text"
        data-testid="transfer-offer"
      >
        <h2 id="transfer-title" ref={heading} tabIndex={-1}>
          {t('booth.transferTitle')}
        </h2>
        <div id="transfer-text">
          <p>{t('booth.transferText', { agency: offer.agency.name[language], service: offer.service.name[language] })}</p>
          <p>{t('booth.transferKeep')}</p>
        </div>
        <div className="dialog__actions">
          <button
            type="button"
            className="button button--call"
            data-testid="transfer-accept"
            disabled={pending}
            onClick={() => void respond(true)}
          >
            {t('booth.transferAccept')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="transfer-decline"
            disabled={pending}
            onClick={() => void respond(false)}
          >
            {t('booth.transferDecline')}
          </button>
        </div>
      </div>
    </div>
  );
}
