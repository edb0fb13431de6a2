import type { TicketView } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';

/** Place in the queue and estimated wait, announced politely when they change. */
export function TicketStatus({ view }: { view: TicketView }) {
  const { t } = useTranslate();
  const { position, estimatedWaitMinutes: minutes } = view;
  const positionText =
    position === null ? null : position <= 1 ? t('booth.positionNext') : t('booth.position', { position });
  const waitText =
    minutes === null ? t('booth.estimatedWaitUnknown') : minutes < 1 ? t('booth.estimatedWaitSoon') : t('booth.estimatedWait', { minutes });
  return (
    <div className="waiting-status" aria-live="polite" aria-atomic="true">
      {positionText ? <p data-testid="ticket-position">{positionText}</p> : null}
      <p data-testid="ticket-wait">{waitText}</p>
    </div>
  );
}
