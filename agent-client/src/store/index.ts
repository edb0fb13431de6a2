import { createCallSlice, createLanguageSlice, createStaffAuthSlice } from '@etapiste/shared/react';
import { create } from 'zustand';
import { expertMedia } from '../media.ts';
import { createConsultationSlice } from './consultation-slice.ts';
import { createQueueSlice, wireConsole } from './queue-slice.ts';
import type { AgentState } from './types.ts';

/** The expert console's one store: login and connection, UI language, queue, session, call. */
export const useAgentStore = create<AgentState>()((set, get, api) => ({
  ...createStaffAuthSlice({
    storageKey: 'etapiste.agent.login',
    roles: ['expert'],
    onConnected: (client) => wireConsole(client, get),
    onDisconnected: () => {
      get().leaveCall();
      expertMedia.discard();
      set({ waiting: [] });
    },
  })(set, get),
  ...createLanguageSlice('etapiste.agent.language')(set, get),
  ...createQueueSlice(set, get, api),
  ...createConsultationSlice(set, get, api),
  ...createCallSlice()(set, get),
}));

export type { AgentState, LargeSource } from './types.ts';
