import type { SessionEndReason } from '@etapiste/shared';
import { stopTracks, type LocalTrackSpec, type SignalingClient } from '@etapiste/shared/client';
import type { StateCreator } from 'zustand';
import { boothMedia } from '../media.ts';
import type { BoothState, SessionSlice } from './types.ts';

const noVisit = {
  session: null,
  ticket: null,
  calling: null,
  booking: null,
  transferOffer: null,
  transferPending: false,
  answerPending: false,
} as const;

export const createSessionSlice: StateCreator<BoothState, [], [], SessionSlice> = (set, get) => {
  const isCurrent = (sessionId: string) => get().session?.sessionId === sessionId;

  /**
   * Warm start: while the customer waits, the booth connects to the session's media and
   * publishes its tracks paused; answering then only resumes them. Resolves false when the
   * session is gone before media was up.
   */
  let warmStart: { sessionId: string; done: Promise<boolean> } | null = null;
  const warmUp = (signaling: SignalingClient, sessionId: string): Promise<boolean> => {
    const done = (async () => {
      let tracks: LocalTrackSpec[] = [];
      try {
        tracks = await boothMedia.take();
      } catch (error) {
        console.error('camera capture failed', error);
        set({ cameraFailed: true });
      }
      if (!isCurrent(sessionId) || get().signaling !== signaling) {
        stopTracks(tracks);
        return false;
      }
      await get().startCall(signaling, sessionId, tracks, { paused: true });
      return isCurrent(sessionId);
    })();
    done.catch(() => undefined);
    warmStart = { sessionId, done };
    return done;
  };
  const discardMedia = () => {
    warmStart = null;
    boothMedia.discard();
  };

  /** Starts sending: resumes the warm-started media, or, if the warm start failed, starts media now. */
  const startSending = async (signaling: SignalingClient, sessionId: string) => {
    let warmed = false;
    try {
      warmed = await (warmStart?.sessionId === sessionId ? warmStart.done : warmUp(signaling, sessionId));
    } catch (error) {
      console.warn('warm start failed; starting media now', error);
    }
    if (!isCurrent(sessionId)) return;
    if (warmed) return get().resumeCall();
    let tracks: LocalTrackSpec[] = [];
    try {
      tracks = await boothMedia.take();
    } catch (error) {
      console.error('camera capture failed', error);
      set({ cameraFailed: true });
    }
    if (!isCurrent(sessionId)) return stopTracks(tracks);
    await get().startCall(signaling, sessionId, tracks);
  };

  const dropVisit = () => {
    get().stopCall();
    discardMedia();
    set({ ...noVisit });
  };
  /**
   * Ends the visit locally and shows the end screen. A served call (the customer was in the
   * call) that ended with a hang-up asks for feedback; no-shows and faults do not.
   */
  const finish = (reason: SessionEndReason) => {
    const { session, screen } = get();
    const served = reason === 'hangup' && session !== null && (screen === 'inCall' || session.status === 'active');
    dropVisit();
    set({ endReason: reason, screen: 'ended' });
    if (served) get().offerFeedback(session.visitId);
  };

  return {
    session: null,
    endReason: null,
    cameraFailed: false,
    transferOffer: null,
    transferPending: false,
    transferredTo: null,

    beginVisit: ({ view, session }) => {
      const { session: previous, calling, signaling } = get();
      if (previous && previous.sessionId !== session.sessionId) {
        get().stopCall();
        discardMedia();
      }
      const called = calling?.sessionId === session.sessionId ? calling : null;
      set({
        ticket: view,
        session,
        calling: called,
        screen: called ? 'called' : 'waiting',
        endReason: null,
        transferOffer: null,
        transferPending: false,
      });
      if (signaling && warmStart?.sessionId !== session.sessionId) void warmUp(signaling, session.sessionId);
    },

    resume: ({ current, calling }) => {
      const had = get().session;
      // Back after a short drop while the same number is being called: the call screen stays as it is.
      const called = get().calling;
      if (current && had?.sessionId === current.session.sessionId && calling && called?.sessionId === calling.sessionId && get().screen === 'called') {
        set({ session: current.session, ticket: current.view, calling: { ...called, graceEndsAt: calling.graceEndsAt } });
        return;
      }
      set({ calling: null });
      if (!current) {
        // The visit did not survive the break (or there was none).
        if (had) finish('boothDisconnected');
        return;
      }
      // Back after a short drop, still in the same call: nothing to set up again.
      if (had?.sessionId === current.session.sessionId && current.session.status === 'active' && get().screen === 'inCall') {
        set({ session: current.session, ticket: current.view });
        return;
      }
      // A reloaded kiosk speaks the customer's language again.
      if (!had) set({ language: current.session.language });
      get().beginVisit(current);
      if (calling && calling.sessionId === current.session.sessionId) get().onCalled({ ...calling, announcement: 1 });
      else if (current.session.status === 'active') void get().onAccepted(current.session);
    },

    dropVisit,

    hangUp: async () => {
      const { session, signaling } = get();
      if (!session) return;
      finish('hangup');
      await signaling?.request('session.end', { sessionId: session.sessionId }).catch((error: unknown) => {
        console.error('session.end failed', error);
      });
    },

    respondTransfer: async (accept) => {
      const { transferOffer: offer, signaling, transferPending } = get();
      if (!offer || !signaling || transferPending) return;
      set({ transferPending: true });
      try {
        const { visit } = await signaling.request('queue.respondTransfer', { sessionId: offer.sessionId, accept });
        set({ transferOffer: null, transferPending: false });
        if (accept && visit) {
          set({ transferredTo: { agency: offer.agency, service: offer.service } });
          get().beginVisit(visit);
        } else if (accept) void get().reloadState();
      } catch (error) {
        console.error('queue.respondTransfer failed', error);
        set({ transferOffer: null, transferPending: false });
        if (accept) void get().reloadState();
      }
    },

    onAccepted: async (session) => {
      if (!isCurrent(session.sessionId)) return;
      // session.accepted and the answer to queue.answer both land here: act once.
      if (get().screen === 'inCall') {
        set({ session });
        return;
      }
      set({ session, calling: null, answerFailed: false, screen: 'inCall' });
      const signaling = get().signaling;
      if (!signaling) return;
      void get().loadInterpreterRequests(session.sessionId);
      try {
        await startSending(signaling, session.sessionId);
      } catch (error) {
        console.error('call setup failed', error);
        if (!isCurrent(session.sessionId)) return;
        finish('mediaFailure');
        await signaling.request('session.end', { sessionId: session.sessionId }).catch(() => undefined);
      }
    },

    onSessionEnded: (sessionId, reason) => {
      if (!isCurrent(sessionId)) return;
      if (reason === 'transferred') {
        // The answer to queue.respondTransfer brings the new visit; otherwise ask for it.
        if (get().transferPending) return;
        get().stopCall();
        discardMedia();
        void get().reloadState();
        return;
      }
      if (reason === 'cancelled') get().restart();
      else finish(reason);
    },

    onTransferOffered: (offer) => {
      if (isCurrent(offer.sessionId)) set({ transferOffer: offer });
    },

    onConnectionLost: () => {
      // Keep the ticket: booth.state after the reconnect says whether the visit goes on.
      get().stopCall();
      discardMedia();
      set({ transferOffer: null, transferPending: false, answerPending: false });
    },
  };
};
