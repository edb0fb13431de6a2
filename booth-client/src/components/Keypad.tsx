import { useTranslate } from '@etapiste/shared/react';

const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** A large on-screen number pad (real buttons, one per digit) for the booking code and the ID card's PIN. */
export function Keypad({
  onDigit,
  onErase,
  disabled,
  idPrefix = 'booking-key',
}: {
  onDigit: (digit: string) => void;
  onErase: () => void;
  disabled?: boolean;
  /** Test ids of the keys: `<idPrefix>-<digit>` and `<idPrefix>-erase`. */
  idPrefix?: string;
}) {
  const { t } = useTranslate();
  const key = (digit: string) => (
    <button
      key={digit}
      type="button"
      className="keypad__key"
      data-testid={`${idPrefix}-${digit}`}
      disabled={disabled}
      onClick={() => onDigit(digit)}
    >
      {digit}
    </button>
  );
  return (
    <div className="keypad" role="group" aria-label={t('booth.keypad')}>
      {digits.map(key)}
      <button type="button" className="keypad__key keypad__key--erase" data-testid={`${idPrefix}-erase`} disabled={disabled} onClick={onErase}>
        {t('booth.keyErase')}
      </button>
      {key('0')}
    </div>
  );
}
