import type { ServiceSessionInfo, SessionEndReason } from '@etapiste/shared';
import type { LocalTrackSpec } from '@etapiste/shared/client';
import type { StateCreator } from 'zustand';
import { discardBoothMedia, prepareBoothMedia, stopTracks, takeBoothMedia } from '../media.ts';
import { selectedService } from './journey-slice.ts';
import type { BoothState, SessionSlice } from './types.ts';

export const createSessionSlice: StateCreator<BoothState, [], [], SessionSlice> = (set, get) => {
  /** Ends the session locally and shows the thank-you screen. */
  const finish = (reason: SessionEndReason) => {
    get().stopCall();
    discardBoothMedia();
    set({ session: null, waitingSince: null, endReason: reason, screen: 'ended' });
  };
  const isCurrent = (sessionId: string) => get().session?.sessionId === sessionId;
  /** An acceptance that overtook the answer to session.request. */
  let earlyAcceptance: ServiceSessionInfo | null = null;

  return {
    session: null,
    waitingSince: null,
    endReason: null,
    requestPending: false,
    requestFailed: false,
    cameraFailed: false,

    requestCall: async () => {
      const { signaling, language, requestPending } = get();
      const service = selectedService(get());
      if (!signaling || !service?.remoteCapable || requestPending) return;
      set({ requestPending: true, requestFailed: false, cameraFailed: false });
      prepareBoothMedia();
      try {
        const { session } = await signaling.request('session.request', { serviceId: service.id, language });
        set({ session, waitingSince: Date.now(), screen: 'waiting', requestPending: false });
        const early = earlyAcceptance;
        earlyAcceptance = null;
        if (early?.sessionId === session.sessionId) await get().onAccepted(early);
      } catch (error) {
        console.error('session.request failed', error);
        discardBoothMedia();
        set({ requestPending: false, requestFailed: true });
      }
    },

    cancelWaiting: async () => {
      const { session, signaling } = get();
      if (!session) return;
      set({ session: null, waitingSince: null });
      discardBoothMedia();
      get().restart();
      await signaling?.request('session.cancel', { sessionId: session.sessionId }).catch((error: unknown) => {
        console.error('session.cancel failed', error);
      });
    },

    hangUp: async () => {
      const { session, signaling } = get();
      if (!session) return;
      finish('hangup');
      await signaling?.request('session.end', { sessionId: session.sessionId }).catch((error: unknown) => {
        console.error('session.end failed', error);
      });
    },

    onAccepted: async (session) => {
      if (!isCurrent(session.sessionId)) {
        if (get().requestPending) earlyAcceptance = session;
        return;
      }
      set({ session, screen: 'inCall' });
      let tracks: LocalTrackSpec[] = [];
      try {
        tracks = await takeBoothMedia();
      } catch (error) {
        console.error('camera capture failed', error);
        set({ cameraFailed: true });
      }
      const signaling = get().signaling;
      if (!isCurrent(session.sessionId) || !signaling) {
        stopTracks(tracks);
        return;
      }
      try {
        await get().startCall(signaling, session.sessionId, tracks);
      } catch (error) {
        console.error('call setup failed', error);
        if (!isCurrent(session.sessionId)) return;
        finish('mediaFailure');
        await signaling.request('session.end', { sessionId: session.sessionId }).catch(() => undefined);
      }
    },

    onSessionEnded: (sessionId, reason) => {
      if (!isCurrent(sessionId)) return;
      if (reason === 'cancelled') {
        get().stopCall();
        discardBoothMedia();
        set({ session: null, waitingSince: null });
        get().restart();
      } else finish(reason);
    },

    onConnectionLost: () => {
      if (get().session) finish('boothDisconnected');
    },
  };
};
