import type { MessageKey } from '@etapiste/shared/i18n';
import { I18nProvider, useTranslate } from '@etapiste/shared/react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AgencyQueues } from './AgencyQueues.tsx';
import { useBoardStore, type BoardStatus } from './board-store.ts';
import { CallingNumbers } from './CallingNumbers.tsx';

/** How often the headings switch language (fi → sv → en). */
export const languageRotationMs = 15_000;

const statusMessages: Record<Exclude<BoardStatus, 'ready'>, MessageKey> = {
  starting: 'common.loading',
  connecting: 'common.loading',
  notConfigured: 'board.notConfigured',
  lost: 'common.connectionLost',
  replaced: 'board.replaced',
};

/** The outside display of a point: numbers being called and the wait per agency. Never names. */
export function BoardApp() {
  const { language, rotateLanguage } = useBoardStore(
    useShallow((state) => ({ language: state.language, rotateLanguage: state.rotateLanguage })),
  );
  useEffect(() => {
    const { status, connect } = useBoardStore.getState();
    if (status === 'starting') void connect();
  }, []);
  useEffect(() => {
    const timer = setInterval(rotateLanguage, languageRotationMs);
    return () => clearInterval(timer);
  }, [rotateLanguage]);
  return (
    <I18nProvider language={language}>
      <main className="board">
        <BoardContent />
      </main>
    </I18nProvider>
  );
}

function BoardContent() {
  const { t, language } = useTranslate();
  const { status, board } = useBoardStore(useShallow((state) => ({ status: state.status, board: state.board })));
  if (status !== 'ready' || !board) {
    return (
      <div className="board__status" role="status" data-testid="board-status">
        <h1>{t(status === 'ready' ? 'common.loading' : statusMessages[status])}</h1>
      </div>
    );
  }
  return (
    <>
      <header className="board__header">
        <h1>
          {board.servicePointName[language]}
          <span className="board__title">{t('board.title')}</span>
        </h1>
        <p className="board__kind">{t(`servicePoint.kind.${board.kind}`)}</p>
      </header>
      <div className="board__body">
        <CallingNumbers calling={board.calling} />
        <AgencyQueues agencies={board.agencies} />
      </div>
      <p className="board__privacy">{t('board.privacy')}</p>
    </>
  );
}
