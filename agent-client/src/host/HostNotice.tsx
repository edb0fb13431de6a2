import { ErrorCode } from '@etapiste/shared';
import type { Translate } from '@etapiste/shared/i18n';
import { useTranslate } from '@etapiste/shared/react';
import type { HostNotice as Notice } from '../store/host-slice.ts';
import { useAgentStore } from '../store/index.ts';

function textOf(notice: Notice, t: Translate, language: 'fi' | 'sv' | 'en'): string {
  const { number } = notice;
  if (notice.kind === 'moved') {
    return t('host.moved', { number, agency: notice.agencyName?.[language] ?? '', service: notice.serviceName?.[language] ?? '' });
  }
  switch (notice.code) {
    case ErrorCode.Conflict:
      return t('host.error.conflict', { number });
    case ErrorCode.Forbidden:
      return t('host.error.forbidden', { number });
    case ErrorCode.NotFound:
      return t('host.error.notFound', { number });
    case ErrorCode.ConnectionClosed:
    case ErrorCode.Timeout:
      return t('host.error.connection', { number });
    default:
      return t('host.error.other', { number, message: notice.message });
  }
}

/** The outcome of the last move, announced politely (the region stays mounted so it is read out). */
export function HostNotice() {
  const { t, language } = useTranslate();
  const notice = useAgentStore((state) => state.hostNotice);
  return (
    <div
      role="status"
      aria-live="polite"
      className={notice?.kind === 'failed' ? 'notice host-notice--failed' : 'notice'}
      data-testid="host-notice"
      data-outcome={notice?.kind}
    >
      {notice ? textOf(notice, t, language) : null}
    </div>
  );
}
