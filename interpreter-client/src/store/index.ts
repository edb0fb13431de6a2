import type { SignalingClient } from '@etapiste/shared/client';
import { createCallSlice, createLanguageSlice, createStaffAuthSlice } from '@etapiste/shared/react';
import { create } from 'zustand';
import { createDeskSlice } from './desk-slice.ts';
import { createInterpretingSessionSlice } from './session-slice.ts';
import type { InterpreterState } from './types.ts';

/**
 * The interpreter app's one store: login and connection, UI language, the desk (availability,
 * ringing requests, booked assignments) and the session being interpreted with its call.
 */
export const useInterpreterStore = create<InterpreterState>()((set, get, api) => ({
  ...createStaffAuthSlice({
    storageKey: 'etapiste.interpreter.login',
    roles: ['interpreter'],
    onConnected: (client) => wireDesk(client, get),
    onDisconnected: () => {
      get().dropSession();
      get().resetDesk();
    },
  })(set, get),
  ...createLanguageSlice('etapiste.interpreter.language')(set, get),
  ...createDeskSlice(set, get, api),
  ...createInterpretingSessionSlice(set, get, api),
  ...createCallSlice()(set, get),
}));

/**
 * On every (re)connection: follow rings and the session, then load the desk. A console that
 * was in a session (a reload, a dropped connection) joins it again.
 */
async function wireDesk(client: SignalingClient, get: () => InterpreterState): Promise<void> {
  client.on('interpreting.ringing', ({ offer }) => get().onRinging(offer));
  client.on('interpreting.ringStopped', ({ requestId }) => get().onRingStopped(requestId));
  client.on('session.ended', ({ sessionId }) => get().onSessionEnded(sessionId));
  client.on('session.participantLeft', ({ sessionId, participant }) => get().onParticipantLeft(sessionId, participant.participantId));
  client.on('session.accepted', ({ session }) => get().onSessionChanged(session));
  const state = await client.request('interpreter.state', {});
  useInterpreterStore.setState({
    profile: state.interpreter,
    available: state.available,
    offers: state.session ? [] : state.offers,
    assignments: state.assignments,
  });
  if (state.session && get().session?.sessionId !== state.session.sessionId) await get().joinSession(client, state.session);
}

export type { InterpreterNotice, InterpreterState } from './types.ts';
