import { CloseCode, ErrorCode, isEtapisteError } from '@etapiste/shared';
import { keepBoothTokenFresh, type SignalingClient } from '@etapiste/shared/client';
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
    client.on('queue.ticketChanged', ({ view }) => get().onTicketChanged(view));
    client.on('queue.called', (call) => get().onCalled(call));
    client.on('queue.boardChanged', ({ board }) => set({ board }));
    client.on('queue.transferOffered', (offer) => get().onTransferOffered(offer));
    client.on('session.accepted', ({ session }) => void get().onAccepted(session));
    client.on('session.ended', ({ sessionId, reason }) => get().onSessionEnded(sessionId, reason));
    // A drop: the client reconnects by itself (the call engine resumes the session); then the
    // state is read again in case something ended meanwhile.
    client.on('connectionState', (state) => {
      if (get().signaling === client && state === 'reconnecting') set({ connection: 'reconnecting' });
    });
    client.on('reconnected', () => {
      if (get().signaling !== client) return;
      set({ connection: 'ready' });
      void get().reloadState();
    });
    client.on('interpreting.requestChanged', ({ request }) => get().onInterpreterRequestChanged(request));
    client.on('closed', ({ code }) => {
      if (get().signaling !== client) return;
      set({ signaling: null });
      get().onConnectionLost();
      if (code === CloseCode.Replaced) {
        set({ connection: 'replaced' });
        return;
      }
      set({ connection: 'lost' });
      // Its token ran out (no renewal got through): log in again with the device token at once.
      if (code === CloseCode.TokenExpired) retryLater(0);
      else retryLater();
    });
  };

  /** Waiting counts per agency for the service choice; the kiosk works without them. */
  const watchBoard = async (client: SignalingClient, servicePointId: string) => {
    try {
      const board = await client.request('queue.watchBoard', { servicePointId });
      if (get().signaling === client) set({ board });
    } catch (error) {
      console.warn('queue board unavailable', error);
    }
  };

  return {
    connection: 'starting',
    catalogue: null,
    board: null,
    signaling: null,
    clockOffsetMs: 0,

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
        const connection = await connectSignaling(login.token);
        client = connection.client;
        attach(client);
        keepBoothTokenFresh(client, { login: () => loginBooth(deviceToken), tokenExpiresAt: connection.ready.tokenExpiresAt, clockOffsetMs: connection.clockOffsetMs });
        const state = await client.request('booth.state', {});
        failures = 0;
        set({ connection: 'ready', signaling: client, catalogue: state.catalogue, clockOffsetMs: connection.clockOffsetMs });
        get().resume(state);
        void watchBoard(client, state.catalogue.servicePoint.id);
      } catch (error) {
        console.error('booth connection failed', error);
        if (client && get().signaling === client) set({ signaling: null });
        client?.close();
        retryLater();
      }
    },

    reloadState: async () => {
      const client = get().signaling;
      if (!client) return;
      try {
        const state = await client.request('booth.state', {});
        if (get().signaling !== client) return;
        set({ catalogue: state.catalogue });
        get().resume(state);
      } catch (error) {
        console.error('booth.state failed', error);
      }
    },
  };
};
