import { createCallSlice, createLanguageSlice, createStaffAuthSlice } from '@etapiste/shared/react';
import { create } from 'zustand';
import { expertMedia } from '../media.ts';
import { createAdminSlice } from './admin-slice.ts';
import { createConsultationSlice } from './consultation-slice.ts';
import { createQueueSlice, wireConsole } from './queue-slice.ts';
import type { AgentState } from './types.ts';

const loginStorageKey = 'etapiste.agent.login';

/**
 * The agent app's one store: login and connection, UI language, queue, session, call (experts)
 * and the admin area (admins; supervisors read the catalogue and book for their agency).
 */
export const useAgentStore = create<AgentState>()((set, get, api) => ({
  ...createStaffAuthSlice({
    storageKey: loginStorageKey,
    roles: ['expert', 'supervisor', 'admin'],
    onConnected: (client) => (get().principal?.role === 'expert' ? wireConsole(client, get) : get().loadAdminCatalogue()),
    onDisconnected: () => {
      if (get().principal === null) get().resetAdmin();
      get().leaveCall();
      expertMedia.discard();
      set({ waiting: [] });
    },
  })(set, get),
  ...createLanguageSlice('etapiste.agent.language')(set, get),
  ...createQueueSlice(set, get, api),
  ...createConsultationSlice(set, get, api),
  ...createCallSlice()(set, get),
  ...createAdminSlice(loginStorageKey)(set, get, api),
}));

export type { AgentState, LargeSource } from './types.ts';
