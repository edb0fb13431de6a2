import { useTranslate } from '@etapiste/shared/react';
import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';
import { transferTargets } from '../store/names.ts';

function useTransfer() {
  const state = useAgentStore(
    useShallow((s) => ({
      catalogue: s.adminCatalogue,
      ownAgencyId: s.principal?.agencyId ?? null,
      open: s.transferOpen,
      offered: s.transferOffered,
      toggle: s.toggleTransfer,
      offer: s.offerTransfer,
    })),
  );
  const targets = useMemo(() => transferTargets(state.catalogue, state.ownAgencyId), [state.catalogue, state.ownAgencyId]);
  return { ...state, targets, available: targets.length > 0 };
}

/** "Transfer to another agency" among the call controls; disabled when the catalogue cannot be read. */
export function TransferButton() {
  const { t } = useTranslate();
  const { open, offered, toggle, available } = useTransfer();
  return (
    <button
      type="button"
      className="button"
      data-testid="transfer-open"
      aria-expanded={open}
      aria-controls="transfer-panel"
      aria-describedby={available ? undefined : 'transfer-unavailable'}
      disabled={!available || offered !== null}
      onClick={toggle}
    >
      {t('agent.transferOpen')}
    </button>
  );
}

/** The services of the other agencies to offer the customer (chaining), and the wait for their answer. */
export function TransferPanel() {
  const { t, language } = useTranslate();
  const { open, offered, offer, toggle, targets, available, catalogue } = useTransfer();
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) panel.current?.querySelector('button')?.focus();
  }, [open]);
  if (offered) {
    return (
      <p className="transfer-status" role="status" data-testid="transfer-pending">
        {t('agent.transferOffered')}
      </p>
    );
  }
  if (!available) {
    return (
      <p id="transfer-unavailable" className="muted">
        {catalogue ? t('agent.transferNone') : t('agent.transferUnavailable')}
      </p>
    );
  }
  if (!open) return null;
  return (
    <div
      id="transfer-panel"
      ref={panel}
      className="transfer-panel"
      role="group"
      aria-labelledby="transfer-panel-heading"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        toggle();
        document.querySelector<HTMLButtonElement>('[data-testid="transfer-open"]')?.focus();
      }}
    >
      <h3 id="transfer-panel-heading">{t('agent.transferChoose')}</h3>
      {targets.map(({ agency, services }) => (
        <div key={agency.id} className="transfer-panel__agency">
          <h4>{agency.name[language]}</h4>
          <ul>
            {services.map((service) => (
              <li key={service.id}>
                <button type="button" className="button button--small" data-testid={`transfer-${service.id}`} onClick={() => void offer(service.id)}>
                  {service.name[language]}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
