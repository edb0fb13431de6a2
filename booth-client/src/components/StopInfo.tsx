import { useTranslate } from '@etapiste/shared/react';
import { useBoothStore } from '../store/index.ts';

/** XS points: where the service bus is today and when. */
export function StopInfo() {
  const { t } = useTranslate();
  const stop = useBoothStore((state) => state.catalogue?.stop ?? null);
  if (!stop) return null;
  return (
    <p className="stop-info" data-testid="stop-info">
      {t('booth.stopInfo', { place: stop.place, from: stop.from, to: stop.to })}
    </p>
  );
}
