import { useTranslate } from '@etapiste/shared/react';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PointTicket } from '../store/host-slice.ts';
import { useAgentStore } from '../store/index.ts';
import type { MoveTarget } from './move-targets.ts';

/** "Move to another service": the services of the other agencies at the point, and a confirm button. */
export function MoveControl({ ticket, targets }: { ticket: PointTicket; targets: MoveTarget[] }) {
  const { t, language } = useTranslate();
  const [serviceId, setServiceId] = useState('');
  const { moving, move } = useAgentStore(useShallow((state) => ({ moving: state.hostMoving, move: state.moveHostTicket })));
  if (targets.length === 0) return <span className="muted">{t('host.noTargets')}</span>;
  const selectId = `host-move-select-${ticket.ticketId}`;
  return (
    <form
      className="host-move"
      onSubmit={(event) => {
        event.preventDefault();
        if (serviceId) void move(ticket.ticketId, serviceId);
      }}
    >
      <label htmlFor={selectId} className="host-move__label">
        {t('host.moveLabel', { number: ticket.number })}
      </label>
      <select id={selectId} data-testid={selectId} value={serviceId} onChange={(event) => setServiceId(event.target.value)}>
        <option value="">{t('host.moveChoose')}</option>
        {targets.map(({ agency, services }) => (
          <optgroup key={agency.id} label={agency.name[language]}>
            {services.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name[language]}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <button
        type="submit"
        className="button button--small"
        data-testid={`host-move-${ticket.ticketId}`}
        aria-label={t('host.moveNumber', { number: ticket.number })}
        disabled={!serviceId || moving !== null}
      >
        {t('host.move')}
      </button>
    </form>
  );
}
