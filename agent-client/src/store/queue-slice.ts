import type { SignalingClient } from '@etapiste/shared/client';
import type { StateCreator } from 'zustand';
import { expertMedia } from '../media.ts';
import type { AgentState, QueueSlice } from './types.ts';

export const createQueueSlice: StateCreator<AgentState, [], [], QueueSlice> = (set, get) => ({
  waiting: [],
  queueNotice: null,
  setWaiting: (sessions) => {
    set({ waiting: sessions });
    // Open the camera while someone waits, so that answering does not wait for the device.
    if (get().activeSession || get().acceptingId) return;
    if (sessions.length > 0) expertMedia.prepare();
    else expertMedia.discard();
  },
});

/** On every (re)connection: follow the waiting list and session ends, then load the list. */
export async function wireConsole(client: SignalingClient, get: () => AgentState): Promise<void> {
  client.on('session.waitingChanged', ({ sessions }) => get().setWaiting(sessions));
  client.on('session.ended', ({ sessionId }) => get().onSessionEnded(sessionId));
  const { sessions } = await client.request('session.listWaiting', {});
  get().setWaiting(sessions);
}
