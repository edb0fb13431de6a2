import type { Service } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useBoothStore } from '../store/index.ts';

/** The chosen service: a call button, or, for services that cannot be handled remotely, where to go. */
export function ServiceDetail({ service }: { service: Service }) {
  const { t, language } = useTranslate();
  const { requestCall, requestPending, requestFailed } = useBoothStore(
    useShallow((state) => ({
      requestCall: state.requestCall,
      requestPending: state.requestPending,
      requestFailed: state.requestFailed,
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
      <button
        type="button"
        className="button button--call"
        data-testid="call-button"
        disabled={requestPending}
        onClick={() => void requestCall()}
      >
        {requestPending ? t('common.loading') : t('booth.call')}
      </button>
      {requestFailed ? (
        <p className="error" role="alert">
          {t('booth.requestFailed')}
        </p>
      ) : null}
    </div>
  );
}
