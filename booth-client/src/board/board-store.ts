import { CloseCode, ErrorCode, isEtapisteError, languages, type Language, type QueueBoard } from '@etapiste/shared';
import { keepBoothTokenFresh, type SignalingClient } from '@etapiste/shared/client';
import { connectSignaling, loginBooth, signalingUrl } from '@etapiste/shared/react';
import { create } from 'zustand';
import { boardDeviceToken } from './board-config.ts';

export type BoardStatus = 'starting' | 'notConfigured' | 'connecting' | 'ready' | 'lost' | 'replaced';

export interface BoardState {
  status: BoardStatus;
  board: QueueBoard | null;
  /** The headings rotate through the three languages. */
  language: Language;
  connect: () => Promise<void>;
  rotateLanguage: () => void;
}

const maxRetryDelayMs = 30_000;
const revokedRetryDelayMs = 60_000;

/**
 * The board's socket says it is a board, so that the server can let it run beside the
 * point's kiosk, which uses the same device token.
 */
function boardSocketUrl(): string {
  const url = new URL(signalingUrl());
  url.searchParams.set('client', 'board');
  return url.toString();
}

/** The queue board's one store: its connection and the board it shows. Never gives up. */
export const useBoardStore = create<BoardState>()((set, get) => {
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let client: SignalingClient | null = null;
  const retryLater = (delayMs = Math.min(2000 * 2 ** failures++, maxRetryDelayMs)) => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void get().connect(), delayMs);
  };

  return {
    status: 'starting',
    board: null,
    language: 'fi',

    rotateLanguage: () => {
      const index = languages.indexOf(get().language);
      set({ language: languages[(index + 1) % languages.length] ?? 'fi' });
    },

    connect: async () => {
      clearTimeout(retryTimer);
      const deviceToken = boardDeviceToken();
      if (!deviceToken) return set({ status: 'notConfigured' });
      if (get().status === 'starting') set({ status: 'connecting' });
      let login;
      try {
        login = await loginBooth(deviceToken);
      } catch (error) {
        const revoked = isEtapisteError(error) && (error.code === ErrorCode.Unauthenticated || error.code === ErrorCode.ValidationFailed);
        if (revoked) set({ status: 'notConfigured' });
        return revoked ? retryLater(revokedRetryDelayMs) : retryLater();
      }
      const servicePointId = login.principal.servicePointId;
      if (!servicePointId) return set({ status: 'notConfigured' });
      let current: SignalingClient | null = null;
      try {
        const connection = await connectSignaling(login.token, boardSocketUrl());
        current = connection.client;
        client = current;
        keepBoothTokenFresh(current, { login: () => loginBooth(deviceToken), tokenExpiresAt: connection.ready.tokenExpiresAt, clockOffsetMs: connection.clockOffsetMs });
        const mine = current;
        mine.on('queue.boardChanged', ({ board }) => {
          if (client === mine) set({ board });
        });
        mine.on('closed', ({ code }) => {
          if (client !== mine) return;
          client = null;
          if (code === CloseCode.Replaced) return set({ status: 'replaced' });
          set({ status: 'lost' });
          retryLater(code === CloseCode.TokenExpired ? 0 : undefined);
        });
        const board = await mine.request('queue.watchBoard', { servicePointId });
        failures = 0;
        set({ status: 'ready', board });
      } catch (error) {
        console.error('queue board connection failed', error);
        if (client === current) client = null;
        current?.close();
        retryLater();
      }
    },
  };
});
