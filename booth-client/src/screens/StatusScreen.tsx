import type { MessageKey } from '@etapiste/shared/i18n';
import { useTranslate } from '@etapiste/shared/react';
import type { ConnectionStatus } from '../store/index.ts';
import { ScreenHeading } from '../components/ScreenHeading.tsx';

const messages: Partial<Record<ConnectionStatus, MessageKey>> = {
  lost: 'common.connectionLost',
  replaced: 'booth.replaced',
};

/** Shown while the kiosk connects, or when the connection is gone. */
export function StatusScreen({ connection }: { connection: ConnectionStatus }) {
  const { t } = useTranslate();
  return (
    <section className="screen screen--centered" data-testid="booth-status">
      <div role="status">
        <ScreenHeading>{t(messages[connection] ?? 'common.loading')}</ScreenHeading>
      </div>
    </section>
  );
}
