import type { LocalTrackSpec } from '@etapiste/shared/client';
import { interpreterMedia } from '../media.ts';
import type { StateCreator } from 'zustand';
import type { InterpreterState, InterpretingSessionSlice } from './types.ts';

/** This interpreter's participant in a session: by role and name (a session seldom has two interpreters). */
function ownParticipantId(state: InterpreterState): string | null {
  const name = state.principal?.displayName ?? null;
  const interpreters = state.session?.participants.filter((participant) => participant.role === 'interpreter') ?? [];
  return (interpreters.find((participant) => participant.displayName === name) ?? interpreters.at(-1))?.participantId ?? null;
}

export const createInterpretingSessionSlice: StateCreator<InterpreterState, [], [], InterpretingSessionSlice> = (set, get) => {
  const isCurrent = (sessionId: string) => get().session?.sessionId === sessionId;
  const end = (notice: 'sessionEnded' | 'youLeft') => {
    get().stopCall();
    set({ session: null, sessionAgency: null, documentShown: false, notice });
  };

  return {
    session: null,
    sessionAgency: null,
    documentShown: false,

    joinSession: async (signaling, session, agency = null) => {
      set({ session, sessionAgency: agency, documentShown: false, offers: [], notice: null });
      let tracks: LocalTrackSpec[] = [];
      try {
        // Opened while the request rang (or now, for a session joined otherwise).
        tracks = await interpreterMedia.take();
      } catch (error) {
        console.error('camera capture failed', error);
        set({ notice: 'cameraError' });
      }
      if (!isCurrent(session.sessionId) || get().signaling !== signaling) {
        for (const { track } of tracks) track.stop();
        return;
      }
      try {
        // The customer's document camera is on demand: it stays paused at the SFU until shown,
        // so it takes nothing from the interpreter's link (sign language needs it).
        await get().startCall(signaling, session.sessionId, tracks, { notReceiving: ['documentCamera'] });
      } catch (error) {
        console.error('call setup failed', error);
        if (isCurrent(session.sessionId)) set({ notice: 'mediaFailed' });
      }
    },

    leaveSession: async () => {
      const { session, signaling } = get();
      if (!session) return;
      end('youLeft');
      await signaling?.request('interpreting.leave', { sessionId: session.sessionId }).catch((error: unknown) => {
        console.error('interpreting.leave failed', error);
      });
    },

    toggleDocument: () => {
      const documentShown = !get().documentShown;
      set({ documentShown });
      void get()
        .setRemoteSourceWanted('documentCamera', documentShown)
        .catch((error: unknown) => console.error('document camera switch failed', error));
    },

    onSessionEnded: (sessionId) => {
      if (isCurrent(sessionId)) end('sessionEnded');
    },

    onParticipantLeft: (sessionId, participantId) => {
      if (isCurrent(sessionId) && participantId === ownParticipantId(get())) end('youLeft');
    },

    onSessionChanged: (session) => {
      if (isCurrent(session.sessionId)) set({ session });
    },

    dropSession: () => {
      get().stopCall();
      set({ session: null, sessionAgency: null, documentShown: false });
    },
  };
};
