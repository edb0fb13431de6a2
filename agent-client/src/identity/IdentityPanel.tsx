import type { IdentityState } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';
import './identity.css';

/**
 * The expert's ID-card identification of the customer in the call: a button that asks the
 * booth, then the request's progress (waiting, wrong PIN with tries left, card removed…), and
 * the outcome: "identity verified" with the name (and the personal identity code when the
 * agency's policy allows it) or why it failed.
 */
export function IdentityPanel() {
  const { t } = useTranslate();
  const { signaling, session } = useAgentStore(useShallow((s) => ({ signaling: s.signaling, session: s.activeSession })));
  const [state, setState] = useState<IdentityState | null>(null);
  const [requestFailed, setRequestFailed] = useState(false);
  const sessionId = session?.sessionId ?? null;

  useEffect(() => {
    setState(null);
    if (!signaling) return;
    return signaling.on('identity.changed', ({ state: next }) => {
      if (next.sessionId === sessionId) setState(next);
    });
  }, [signaling, sessionId]);
  if (!signaling || !sessionId) return null;

  const ask = async () => {
    setRequestFailed(false);
    try {
      setState((await signaling.request('identity.request', { sessionId })).state);
    } catch {
      setRequestFailed(true);
    }
  };
  const waiting = state?.status === 'waitingForCustomer';
  const problem = state?.problem ? t(`identity.problem.${state.problem}`, { count: state.triesLeft ?? 0 }) : null;

  return (
    <div className="identity-panel" data-testid="identity-panel">
      <button type="button" className="button" data-testid="identity-request" disabled={waiting} onClick={() => void ask()}>
        {t('identity.expert.request')}
      </button>
      <div role="status" className="identity-panel__status" data-testid="identity-status">
        {requestFailed ? <p>{t('identity.expert.requestFailed')}</p> : null}
        {waiting ? (
          <p>
            {t('identity.expert.waiting')} {problem ? <strong data-testid="identity-problem">{problem}</strong> : null}
          </p>
        ) : null}
        {state?.status === 'verified' && state.person ? (
          <div className="identity-panel__verified" data-testid="identity-verified">
            <strong>{t('identity.expert.verified')}</strong>
            <span data-testid="identity-name">{t('identity.expert.name', { name: `${state.person.givenName} ${state.person.surname}`.trim() || state.person.commonName })}</span>
            {state.person.personalIdentityCode ? (
              <span data-testid="identity-code">{t('identity.expert.code', { code: state.person.personalIdentityCode })}</span>
            ) : null}
          </div>
        ) : null}
        {state?.status === 'failed' ? (
          <p className="identity-panel__failed" data-testid="identity-failed">
            <strong>{t('identity.expert.failed')}:</strong> {problem}
          </p>
        ) : null}
      </div>
    </div>
  );
}
