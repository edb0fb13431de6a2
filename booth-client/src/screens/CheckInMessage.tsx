import type { CheckInOutcome } from '@etapiste/shared';
import type { MessageKey } from '@etapiste/shared/i18n';
import { useTranslate } from '@etapiste/shared/react';
import type { CheckInAnswer } from '../store/types.ts';

const messages: Record<CheckInOutcome, MessageKey> = {
  checkedIn: 'booth.checkIn.checkedIn',
  lateWalkIn: 'booth.checkIn.lateWalkIn',
  tooEarly: 'booth.checkIn.tooEarly',
  notToday: 'booth.checkIn.notToday',
  wrongPoint: 'booth.checkIn.wrongPoint',
  unknownCode: 'booth.checkIn.unknownCode',
  alreadyUsed: 'booth.checkIn.alreadyUsed',
};
const accepted = new Set<CheckInOutcome>(['checkedIn', 'lateWalkIn']);

/** What the booking check-in said, in plain language; the slot time where it helps. */
export function CheckInMessage({ answer }: { answer: CheckInAnswer }) {
  const { t } = useTranslate();
  const time = answer.booking?.from ?? '';
  return (
    <p
      className={accepted.has(answer.outcome) ? 'check-in check-in--ok' : 'check-in error'}
      data-testid="booking-outcome"
      data-outcome={answer.outcome}
    >
      {t(messages[answer.outcome], { time })}
    </p>
  );
}
