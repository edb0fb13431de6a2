import type { InterpreterRequest } from '@etapiste/shared';
import type { MessageKey } from '@etapiste/shared/i18n';
import { useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useBoothStore } from '../store/index.ts';

const lines: Partial<Record<InterpreterRequest['state'], MessageKey>> = {
  invitingAssigned: 'booth.interpreterCalling',
  ringing: 'booth.interpreterCalling',
  accepted: 'booth.interpreterCalling',
  joined: 'booth.interpreterJoined',
  left: 'booth.interpreterLeft',
  unanswered: 'booth.interpreterUnanswered',
};

/** One clear line on how the interpreter is doing: being called, joined, left, or not reached. */
export function InterpreterStatus() {
  const { t } = useTranslate();
  const request = useBoothStore(
    useShallow((state) => {
      const mine = state.interpreterRequests.filter((entry) => entry.sessionId === state.session?.sessionId && entry.state !== 'cancelled');
      return mine.sort((a, b) => b.requestedAt - a.requestedAt)[0] ?? null;
    }),
  );
  const key = request ? lines[request.state] : undefined;
  return (
    <p className="call__interpreter" role="status" data-testid="interpreter-status" data-state={request?.state ?? ''}>
      {key ? t(key) : null}
    </p>
  );
}
