import { finalIdentityProblems, type BoothIdentityProblem, type IdentityProblem, type NotificationData } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useEffect, useRef, useState } from 'react';
import { Keypad } from '../components/Keypad.tsx';
import { bridgeClient, DeviceFailure } from '../devices/bridge-client.ts';
import { useBoothStore } from '../store/index.ts';
import './identity.css';

type Request = NotificationData<'identity.requested'>;
type Step =
  | { kind: 'pin'; problem: IdentityProblem | null; triesLeft: number | null }
  | { kind: 'reading' }
  | { kind: 'done'; verified: boolean; problem: IdentityProblem | null };

const MAX_PIN = 8;
const MIN_PIN = 4;
const boothProblems = new Set<string>(['wrongPin', 'pinBlocked', 'cardRemoved', 'noCard', 'readerUnavailable', 'bridgeUnavailable', 'cardError', 'cancelled']);

/**
 * The customer's side of ID-card identification, over the call: the expert's request opens
 * it; the customer puts the card in the reader and types the PIN on the on-screen keypad
 * (masked); the booth's device bridge has the card sign the server's challenge and the
 * server verifies it. Every problem is told in plain words, to the customer here and to the
 * expert through the server; the PIN never leaves the booth computer.
 */
export function IdentityDialog() {
  const { t } = useTranslate();
  const signaling = useBoothStore((state) => state.signaling);
  const [request, setRequest] = useState<Request | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'pin', problem: null, triesLeft: null });
  const [pin, setPin] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const currentRequestId = useRef<string | null>(null);
  currentRequestId.current = request?.requestId ?? null;

  useEffect(() => {
    if (!signaling) return;
    const offRequested = signaling.on('identity.requested', (next) => {
      setRequest(next);
      setPin('');
      setStep({ kind: 'pin', problem: null, triesLeft: null });
    });
    // The request ended on the server (time ran out, or the problem this booth reported):
    // a result on screen stays until the customer closes it; otherwise tell that time ran out.
    const offClosed = signaling.on('identity.closed', ({ requestId }) => {
      if (currentRequestId.current !== requestId) return;
      setStep((current) => (current.kind === 'pin' ? { kind: 'done', verified: false, problem: 'expired' } : current));
    });
    return () => {
      offRequested();
      offClosed();
    };
  }, [signaling]);
  useEffect(() => {
    if (request) heading.current?.focus({ preventScroll: true });
  }, [request, step.kind]);
  if (!request || !signaling) return null;

  const report = (problem: BoothIdentityProblem, triesLeft: number | null) =>
    signaling.request('identity.report', { requestId: request.requestId, problem, triesLeft }).catch(() => {});

  const confirm = async () => {
    const typed = pin;
    setPin('');
    setStep({ kind: 'reading' });
    let signed;
    try {
      signed = await bridgeClient.signWithIdCard(request.challenge, typed);
    } catch (error) {
      const code = error instanceof DeviceFailure && boothProblems.has(error.code) ? (error.code as BoothIdentityProblem) : 'bridgeUnavailable';
      const triesLeft = error instanceof DeviceFailure ? error.triesLeft : null;
      void report(code, triesLeft);
      if (finalIdentityProblems.includes(code)) setStep({ kind: 'done', verified: false, problem: code });
      else setStep({ kind: 'pin', problem: code, triesLeft });
      return;
    }
    try {
      const result = await signaling.request('identity.submit', { requestId: request.requestId, certificate: signed.certificate, signature: signed.signature });
      setStep({ kind: 'done', verified: result.verified, problem: result.problem });
    } catch {
      setStep({ kind: 'done', verified: false, problem: 'expired' });
    }
  };

  const cancel = () => {
    void report('cancelled', null);
    setRequest(null);
  };

  const problemText = (problem: IdentityProblem | null, triesLeft: number | null) =>
    problem ? t(`identity.problem.${problem}`, { count: triesLeft ?? 0 }) : null;

  let body;
  if (step.kind === 'reading') {
    body = (
      <p className="identity__reading" role="status" data-testid="identity-reading">
        {t('identity.booth.reading')}
      </p>
    );
  } else if (step.kind === 'done') {
    body = (
      <>
        <p role="status" className={step.verified ? 'identity__ok' : 'identity__problem'} data-testid="identity-result">
          {step.verified ? t('identity.booth.verified') : t('identity.booth.failed')}
          {step.verified ? null : (
            <>
              {' '}
              {problemText(step.problem, null)} {t('identity.booth.tellExpert')}
            </>
          )}
        </p>
        <div className="dialog__actions">
          <button type="button" className="button button--call" data-testid="identity-close" onClick={() => setRequest(null)}>
            {t('identity.booth.close')}
          </button>
        </div>
      </>
    );
  } else {
    body = (
      <div className="identity__columns">
        <div className="identity__entry">
        <p id="identity-text">{t('identity.booth.instructions')}</p>
        <p className="identity__problem" role="alert" data-testid="identity-problem">
          {problemText(step.problem, step.triesLeft)}
        </p>
        <label className="identity__pin-label" htmlFor="identity-pin">
          {t('identity.booth.pinLabel')}
        </label>
        <input
          id="identity-pin"
          className="identity__pin"
          type="password"
          inputMode="none"
          readOnly
          value={pin}
          aria-describedby="identity-pin-count"
          data-testid="identity-pin"
        />
        <p id="identity-pin-count" className="identity__count" aria-live="polite">
          {t('identity.booth.pinEntered', { count: pin.length })}
        </p>
        <div className="dialog__actions">
          <button type="button" className="button button--call" data-testid="identity-confirm" disabled={pin.length < MIN_PIN} onClick={() => void confirm()}>
            {t('identity.booth.confirm')}
          </button>
          <button type="button" className="button button--secondary" data-testid="identity-cancel" onClick={cancel}>
            {t('identity.booth.cancel')}
          </button>
        </div>
        </div>
        <Keypad
          idPrefix="pin-key"
          onDigit={(digit) => setPin((current) => (current.length < MAX_PIN ? current + digit : current))}
          onErase={() => setPin((current) => current.slice(0, -1))}
        />
      </div>
    );
  }
  return (
    <div className="dialog-backdrop identity-backdrop">
      <div className="dialog identity" role="dialog" aria-modal="true" aria-labelledby="identity-title" data-testid="identity-dialog">
        <h2 id="identity-title" ref={heading} tabIndex={-1}>
          {t('identity.booth.title')}
        </h2>
        {body}
      </div>
    </div>
  );
}
