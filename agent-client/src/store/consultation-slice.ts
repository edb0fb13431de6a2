import type { LocalTrackSpec } from '@etapiste/shared/client';
import { expertMedia } from '../media.ts';
import type { StateCreator } from 'zustand';
import type { AgentState, ConsultationSlice } from './types.ts';

const idle = { activeSession: null, activeWaiting: null, largeSource: 'documentCamera', callNotice: null } as const;

export const createConsultationSlice: StateCreator<AgentState, [], [], ConsultationSlice> = (set, get) => {
  const isActive = (sessionId: string) => get().activeSession?.sessionId === sessionId;
  const backToList = (notice: AgentState['queueNotice']) => {
    get().stopCall();
    set({ ...idle, queueNotice: notice });
    get().setWaiting(get().waiting);
  };

  return {
    ...idle,
    acceptingId: null,

    accept: async (sessionId) => {
      const { signaling, acceptingId, activeSession } = get();
      if (!signaling || acceptingId || activeSession) return;
      const activeWaiting = get().waiting.find((entry) => entry.sessionId === sessionId) ?? null;
      set({ acceptingId: sessionId, queueNotice: null });
      let session;
      try {
        ({ session } = await signaling.request('session.accept', { sessionId }));
      } catch (error) {
        console.error('session.accept failed', error);
        set({ acceptingId: null, queueNotice: 'acceptFailed' });
        return;
      }
      set({ ...idle, acceptingId: null, activeSession: session, activeWaiting });
      let tracks: LocalTrackSpec[] = [];
      try {
        tracks = await expertMedia.take();
      } catch (error) {
        console.error('camera capture failed', error);
        set({ callNotice: 'cameraError' });
      }
      if (!isActive(session.sessionId) || get().signaling !== signaling) {
        for (const { track } of tracks) track.stop();
        return;
      }
      try {
        await get().startCall(signaling, session.sessionId, tracks);
      } catch (error) {
        console.error('call setup failed', error);
        if (isActive(session.sessionId)) set({ callNotice: 'mediaFailed' });
      }
    },

    endSession: async () => {
      const { activeSession, signaling } = get();
      if (!activeSession) return;
      backToList('sessionEnded');
      await signaling?.request('session.end', { sessionId: activeSession.sessionId }).catch((error: unknown) => {
        console.error('session.end failed', error);
      });
    },

    onSessionEnded: (sessionId) => {
      if (isActive(sessionId)) backToList('sessionEnded');
    },

    leaveCall: () => {
      if (get().activeSession) backToList('sessionEnded');
      set({ acceptingId: null });
    },

    swapViews: () => set({ largeSource: get().largeSource === 'documentCamera' ? 'faceCamera' : 'documentCamera' }),

    signOut: async () => {
      await get().endSession();
      get().logout();
    },
  };
};
