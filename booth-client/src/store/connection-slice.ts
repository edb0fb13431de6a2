import { CloseCode, ErrorCode, isEtapisteError } from '@etapiste/shared';
import type { SignalingClient } from '@etapiste/shared/client';
import { connectSignaling, loginBooth } from '@etapiste/shared/react';
import type { StateCreator } from 'zustand';
import { kioskConfig } from '../kiosk-config.ts';
import type { BoothState, ConnectionSlice } from './types.ts';

const maxRetryDelayMs = 30_000;
const revokedRetryDelayMs = 60_000;

/** The kiosk's login and live connection. A kiosk never gives up: it retries with backoff. */
export const createConnectionSlice: StateCreator<BoothState, [], [], ConnectionSlice> = (set, get) => {
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const retryLater = (delayMs = Math.min(2000 * 2 ** failures++, maxRetryDelayMs)) => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void get().connect(), delayMs);
  };

  const attach = (client: SignalingClient) => {
    client.on('session.accepted', ({ session }) => void get().onAccepted(session));
    client.on('session.ended', ({ sessionId, reason }) => get().onSessionEnded(sessionId, reason));
    client.on('closed', ({ code }) => {
      if (get().signaling !== client) return;
      set({ signaling: null });
      get().onConnectionLost();
      if (code === CloseCode.Replaced) {
        set({ connection: 'replaced' });
        return;
      }
      set({ connection: 'lost' });
      retryLater();
    });
  };

  return {
    connection: 'starting',
    catalogue: null,
    signaling: null,

    connect: async () => {
      clearTimeout(retryTimer);
      const { deviceToken } = kioskConfig();
      if (!deviceToken) {
        set({ connection: 'notConfigured' });
        return;
      }
      if (get().connection === 'starting') set({ connection: 'connecting' });
      let login;
      try {
        login = await loginBooth(deviceToken);
      } catch (error) {
        if (isEtapisteError(error) && (error.code === ErrorCode.Unauthenticated || error.code === ErrorCode.ValidationFailed)) {
          set({ connection: 'notConfigured' });
          retryLater(revokedRetryDelayMs);
        } else retryLater();
        return;
      }
      let client: SignalingClient | null = null;
      try {
        client = (await connectSignaling(login.token)).client;
        const catalogue = await client.request('catalogue.forBooth', {});
        attach(client);
        failures = 0;
        set({ connection: 'ready', signaling: client, catalogue });
      } catch (error) {
        console.error('booth connection failed', error);
        client?.close();
        retryLater();
      }
    },
  };
};
