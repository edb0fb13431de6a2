import { stopTracks, type LocalTrackSpec } from '@etapiste/shared/client';
import type { StateCreator } from 'zustand';
import { expertMedia } from '../media.ts';
import { customerInfoOf } from './names.ts';
import { prepareCamera } from './queue-slice.ts';
import type { AgentState, ConsultationSlice, QueueNotice } from './types.ts';

const idle = {
  activeSession: null,
  activeInfo: null,
  largeSource: 'documentCamera',
  callNotice: null,
  transferOpen: false,
  transferOffered: null,
} as const;

export const createConsultationSlice: StateCreator<AgentState, [], [], ConsultationSlice> = (set, get) => {
  const isActive = (sessionId: string) => get().activeSession?.sessionId === sessionId;
  const backToQueue = (notice: QueueNotice) => {
    get().stopCall();
    set({ ...idle, calling: null, queueNotice: notice });
    prepareCamera(get());
  };

  return {
    ...idle,

    onAccepted: async (session) => {
      const { calling, activeSession, signaling } = get();
      // session.accepted comes to the session's participants only: the customer answered our call.
      if (activeSession) {
        if (activeSession.sessionId === session.sessionId) set({ activeSession: session });
        return;
      }
      if (!signaling) return;
      const called = calling?.session.sessionId === session.sessionId ? calling : null;
      const activeInfo = called?.info ?? {
        ...customerInfoOf(get(), { number: '', servicePointId: session.servicePointId, serviceId: session.serviceId }),
        number: null,
      };
      set({ ...idle, activeSession: session, activeInfo, calling: null, queueNotice: null });
      if (get().adminCatalogueStatus === 'failed') void get().loadAdminCatalogue();
      let tracks: LocalTrackSpec[] = [];
      try {
        tracks = await expertMedia.take();
      } catch (error) {
        console.error('camera capture failed', error);
        set({ callNotice: 'cameraError' });
      }
      if (!isActive(session.sessionId) || get().signaling !== signaling) {
        stopTracks(tracks);
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
      backToQueue('sessionEnded');
      await signaling?.request('session.end', { sessionId: activeSession.sessionId }).catch((error: unknown) => {
        console.error('session.end failed', error);
      });
    },

    onSessionEnded: (sessionId, reason) => {
      if (get().calling?.session.sessionId === sessionId) {
        set({ calling: null, queueNotice: reason === 'noShow' ? 'noShow' : 'sessionEnded' });
        prepareCamera(get());
      } else if (isActive(sessionId)) backToQueue(reason === 'transferred' ? 'transferred' : 'sessionEnded');
    },

    leaveCall: () => {
      if (get().activeSession) backToQueue('sessionEnded');
      set({ calling: null, takingNext: false });
    },

    swapViews: () => set({ largeSource: get().largeSource === 'documentCamera' ? 'faceCamera' : 'documentCamera' }),

    toggleTransfer: () => set({ transferOpen: !get().transferOpen }),

    offerTransfer: async (serviceId) => {
      const { activeSession, signaling, transferOffered } = get();
      if (!activeSession || !signaling || transferOffered) return;
      const { sessionId } = activeSession;
      set({ transferOffered: serviceId, transferOpen: false, callNotice: null });
      try {
        await signaling.request('queue.transfer', { sessionId, serviceId });
      } catch (error) {
        console.error('queue.transfer failed', error);
        if (isActive(sessionId)) set({ transferOffered: null, callNotice: 'transferFailed' });
      }
    },

    onTransferAnswered: (sessionId, accepted) => {
      if (!isActive(sessionId)) return;
      // Accepted: session.ended (transferred) follows and takes the expert back to the queue.
      set({ transferOffered: null, callNotice: accepted ? null : 'transferDeclined' });
    },

    signOut: async () => {
      await get().endSession();
      get().logout();
    },
  };
};
