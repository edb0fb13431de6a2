import { useTranslate } from '@etapiste/shared/react';

/** The point is closed now (opening hours, or the bus is not at a stop); the screen's heading says so. */
export function ClosedNotice() {
  const { t } = useTranslate();
  return (
    <div className="notice-box" role="status" data-testid="closed-notice">
      <p>{t('booth.closedHint')}</p>
    </div>
  );
}
