import type { Service } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { InterpreterChoice } from '../interpreting/InterpreterChoice.tsx';
import { useBoothStore } from '../store/index.ts';

/** The chosen service: "Take a number", or, for services that cannot be handled remotely, where to go. */
export function ServiceDetail({ service }: { service: Service }) {
  const { t, language } = useTranslate();
  const { takeNumber, pending, failed, queue } = useBoothStore(
    useShallow((state) => ({
      takeNumber: state.takeNumber,
      pending: state.takeNumberPending,
      failed: state.takeNumberFailed,
      queue: state.board?.agencies.find((entry) => entry.agencyId === service.agencyId) ?? null,
    })),
  );
  if (!service.remoteCapable) {
    const where = service.notRemoteInstructions?.[language];
    return (
      <div className="notice" data-testid="not-remote">
        <h2>{service.name[language]}</h2>
        <p>{t('booth.notRemote')}</p>
        {where ? <p>{t('booth.notRemoteWhere', { where })}</p> : null}
      </div>
    );
  }
  return (
    <div className="call-offer">
      <h2>{service.name[language]}</h2>
      {queue ? (
        <p data-testid="service-wait">{t('booth.currentWait', { waiting: queue.waiting, minutes: queue.estimatedWaitMinutes })}</p>
      ) : null}
      <InterpreterChoice agencyId={service.agencyId} />
      <button
        type="button"
        className="button button--call"
        data-testid="take-number"
        disabled={pending}
        onClick={() => void takeNumber()}
      >
        {pending ? t('common.loading') : t('booth.takeNumber')}
      </button>
      {failed ? (
        <p className="error" role="alert">
          {t('booth.takeNumberFailed')}
        </p>
      ) : null}
    </div>
  );
}
