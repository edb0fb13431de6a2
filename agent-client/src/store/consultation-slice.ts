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
  interpreterPanelOpen: false,
  interpreterRequestError: null,
} as const;

export const createConsultationSlice: StateCreator<AgentState, [], [], ConsultationSlice> = (set, get) => {
  const isActive = (sessionId: string) => get().activeSession?.sessionId === sessionId;
  const backToQueue = (notice: QueueNotice) => {
    get().stopCall();
    set({ ...idle, calling: null, queueNotice: notice });
    prepareCamera(get());
  };

  /** The call set up while calling the number, for this session; false if there is none or it failed. */
  let warmStart: { sessionId: string; ready: Promise<boolean> } | null = null;

  return {
    ...idle,

    warmUpCall: async (sessionId) => {
      const signaling = get().signaling;
      if (!signaling) return;
      const ready = (async () => {
        let tracks: LocalTrackSpec[] = [];
        try {
          tracks = await expertMedia.take();
        } catch (error) {
          console.error('camera capture failed', error);
          set({ callNotice: 'cameraError' });
        }
        if (get().calling?.session.sessionId !== sessionId && !isActive(sessionId)) {
          stopTracks(tracks);
          return false;
        }
        // Sending at once is safe: the room holds all media until the customer answers, and the
        // expert's encoder is then already running, so the customer sees them without delay.
        await get().startCall(signaling, sessionId, tracks);
        return true;
      })().catch((error: unknown) => {
        console.error('warm start failed', error);
        return false;
      });
      warmStart = { sessionId, ready };
      await ready;
    },

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
      void get().loadInterpreterRequests(session.sessionId);
      const warm = warmStart?.sessionId === session.sessionId ? warmStart : null;
      warmStart = null;
      if (warm && (await warm.ready) && isActive(session.sessionId)) {
        try {
          await get().resumeCall();
        } catch (error) {
          console.error('resuming the call failed', error);
          set({ callNotice: 'mediaFailed' });
        }
        return;
      }
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
        warmStart = null;
        get().stopCall();
        set({ calling: null, queueNotice: reason === 'noShow' ? 'noShow' : 'sessionEnded' });
        prepareCamera(get());
      } else if (isActive(sessionId)) backToQueue(reason === 'transferred' ? 'transferred' : 'sessionEnded');
    },

    leaveCall: () => {
      warmStart = null;
      if (get().activeSession) backToQueue('sessionEnded');
      else get().stopCall();
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
