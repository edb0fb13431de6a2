import { useTranslate } from '@etapiste/shared/react';
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { BackButton } from '../components/BackButton.tsx';
import { Keypad } from '../components/Keypad.tsx';
import { ScreenHeading } from '../components/ScreenHeading.tsx';
import { useBoothStore } from '../store/index.ts';
import { CheckInMessage } from './CheckInMessage.tsx';

const codeLength = 6;
const digitsOnly = (value: string) => value.replace(/\D/g, '').slice(0, codeLength);

/** "I have a booking": the six-digit booking code, typed on the big keypad or a keyboard. */
export function BookingScreen() {
  const { t } = useTranslate();
  const [code, setCode] = useState('');
  const { checkIn, pending, failed, checkInBooking, clearCheckIn } = useBoothStore(
    useShallow((state) => ({
      checkIn: state.checkIn,
      pending: state.checkInPending,
      failed: state.checkInFailed,
      checkInBooking: state.checkInBooking,
      clearCheckIn: state.clearCheckIn,
    })),
  );
  const change = (next: string) => {
    setCode(digitsOnly(next));
    if (checkIn || failed) clearCheckIn();
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (code.length === codeLength && !pending) void checkInBooking(code);
  };
  // A keyboard works wherever the focus is (the input handles its own keys).
  const keys = useRef({ change, submit, code });
  keys.current = { change, submit, code };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.id === 'booking-code' || event.altKey || event.ctrlKey || event.metaKey) return;
      const { change: set, submit: send, code: current } = keys.current;
      if (/^\d$/.test(event.key)) set(current + event.key);
      else if (event.key === 'Backspace') set(current.slice(0, -1));
      else if (event.key === 'Enter' && target?.tagName !== 'BUTTON') send();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="screen">
      <ScreenHeading>{t('booth.bookingTitle')}</ScreenHeading>
      <p className="lead">{t('booth.bookingHint')}</p>
      <form className="booking" onSubmit={submit}>
        <div className="booking__entry">
          <label htmlFor="booking-code" className="booking__label">
            {t('booth.bookingCodeLabel')}
          </label>
          <input
            id="booking-code"
            className="booking__code"
            data-testid="booking-code"
            value={code}
            onChange={(event: ChangeEvent<HTMLInputElement>) => change(event.target.value)}
            inputMode="none"
            autoComplete="off"
            maxLength={codeLength}
            pattern="[0-9]{6}"
            aria-describedby="booking-outcome"
          />
          <div id="booking-outcome" aria-live="assertive">
            {checkIn ? <CheckInMessage answer={checkIn} /> : null}
            {failed ? (
              <p className="error" data-testid="booking-outcome" data-outcome="failed">
                {t('booth.checkInFailed')}
              </p>
            ) : null}
          </div>
          <button
            type="submit"
            className="button button--call"
            data-testid="booking-submit"
            disabled={code.length !== codeLength || pending}
          >
            {pending ? t('common.loading') : t('booth.bookingSubmit')}
          </button>
        </div>
        <Keypad
          disabled={pending}
          onDigit={(digit) => change(code + digit)}
          onErase={() => change(code.slice(0, -1))}
        />
      </form>
      <BackButton />
    </section>
  );
}
