import type { ServiceSessionInfo, SessionEndReason } from '@etapiste/shared';
import { stopTracks, type LocalTrackSpec, type SignalingClient } from '@etapiste/shared/client';
import type { StateCreator } from 'zustand';
import { boothMedia } from '../media.ts';
import { selectedService } from './journey-slice.ts';
import type { BoothState, SessionSlice } from './types.ts';

export const createSessionSlice: StateCreator<BoothState, [], [], SessionSlice> = (set, get) => {
  /** Ends the session locally and shows the thank-you screen. */
  const finish = (reason: SessionEndReason) => {
    get().stopCall();
    discardMedia();
    set({ session: null, waitingSince: null, endReason: reason, screen: 'ended' });
  };
  const isCurrent = (sessionId: string) => get().session?.sessionId === sessionId;
  /**
   * Warm start: while the customer waits, the booth connects to the session's media and
   * publishes its tracks paused; answering then only resumes them. Resolves false when the
   * session is gone before media was up.
   */
  let warmStart: Promise<boolean> | null = null;
  const warmUp = (signaling: SignalingClient, sessionId: string): Promise<boolean> => {
    warmStart = (async () => {
      let tracks: LocalTrackSpec[] = [];
      try {
        tracks = await boothMedia.take();
      } catch (error) {
        console.error('camera capture failed', error);
        set({ cameraFailed: true });
      }
      if (!isCurrent(sessionId)) {
        stopTracks(tracks);
        return false;
      }
      await get().startCall(signaling, sessionId, tracks, { paused: true });
      return isCurrent(sessionId);
    })();
    warmStart.catch(() => undefined);
    return warmStart;
  };
  const discardMedia = () => {
    warmStart = null;
    boothMedia.discard();
  };
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
      boothMedia.prepare();
      try {
        const { session } = await signaling.request('session.request', { serviceId: service.id, language });
        set({ session, waitingSince: Date.now(), screen: 'waiting', requestPending: false });
        void warmUp(signaling, session.sessionId);
        const early = earlyAcceptance;
        earlyAcceptance = null;
        if (early?.sessionId === session.sessionId) await get().onAccepted(early);
      } catch (error) {
        console.error('session.request failed', error);
        discardMedia();
        set({ requestPending: false, requestFailed: true });
      }
    },

    cancelWaiting: async () => {
      const { session, signaling } = get();
      if (!session) return;
      set({ session: null, waitingSince: null });
      discardMedia();
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
      const signaling = get().signaling;
      if (!signaling) return;
      try {
        const warmed = await (warmStart ?? warmUp(signaling, session.sessionId));
        if (warmed && isCurrent(session.sessionId)) await get().resumeCall();
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
        discardMedia();
        set({ session: null, waitingSince: null });
        get().restart();
      } else finish(reason);
    },

    onConnectionLost: () => {
      if (get().session) finish('boothDisconnected');
    },
  };
};
