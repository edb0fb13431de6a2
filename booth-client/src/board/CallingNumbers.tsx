import type { QueueBoard } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';

/** How many called numbers the board shows. */
export const shownCalls = 5;

/** The numbers being called, newest first and largest. */
export function CallingNumbers({ calling }: { calling: QueueBoard['calling'] }) {
  const { t } = useTranslate();
  const newest = [...calling].sort((a, b) => b.calledAt - a.calledAt).slice(0, shownCalls);
  return (
    <section className="board__calling" aria-labelledby="board-calling-heading">
      <h2 id="board-calling-heading">{t('board.calling')}</h2>
      {newest.length === 0 ? <p className="board__empty">{t('board.noneCalling')}</p> : null}
      <ol className="board__numbers" data-testid="board-calling" aria-live="polite">
        {newest.map((call, index) => (
          <li
            key={`${call.number}-${call.calledAt}`}
            className={index === 0 ? 'board__number board__number--newest' : 'board__number'}
            data-testid={`board-number-${call.number}`}
          >
            {call.number}
          </li>
        ))}
      </ol>
    </section>
  );
}
