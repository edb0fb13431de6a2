import type { QueueBoard } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';

/** The numbers the point's board shows as being called, newest first. */
export function HostCalling({ calling }: { calling: QueueBoard['calling'] }) {
  const { t } = useTranslate();
  const newest = [...calling].sort((a, b) => b.calledAt - a.calledAt);
  return (
    <section className="host-calling" aria-labelledby="host-calling-heading">
      <h3 id="host-calling-heading">{t('host.calling')}</h3>
      {newest.length === 0 ? <p className="empty">{t('host.noneCalling')}</p> : null}
      <ol className="host-calling__numbers" data-testid="host-calling">
        {newest.map((call) => (
          <li key={`${call.number}-${call.calledAt}`}>{call.number}</li>
        ))}
      </ol>
    </section>
  );
}
