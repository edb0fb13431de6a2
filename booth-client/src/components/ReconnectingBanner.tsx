import { useTranslate } from '@etapiste/shared/react';

/** Over every screen while the kiosk's connection is being restored: the customer's place is kept. */
export function ReconnectingBanner() {
  const { t } = useTranslate();
  return (
    <p className="booth__reconnecting" role="status" data-testid="booth-reconnecting">
      {t('booth.reconnecting')}
    </p>
  );
}
