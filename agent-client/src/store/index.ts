import { createCallSlice, createLanguageSlice, createStaffAuthSlice } from '@etapiste/shared/react';
import { onExpertEngine } from '../devices/expert-devices.ts';
import { create } from 'zustand';
import { expertMedia } from '../media.ts';
import { createAdminSlice } from './admin-slice.ts';
import { createConsultationSlice } from './consultation-slice.ts';
import { createHostSlice, wireHost } from './host-slice.ts';
import { createLinksSlice } from './links-slice.ts';
import { createInterpretingAdminSlice } from './interpreting-admin-slice.ts';
import { createInterpretingSlice } from './interpreting-slice.ts';
import { createQueueSlice, wireConsole } from './queue-slice.ts';
import { createStatsSlice } from './stats-slice.ts';
import type { AgentState } from './types.ts';

const loginStorageKey = 'etapiste.agent.login';

/**
 * The agent app's one store: login and connection, UI language, queue, session, call (experts),
 * interpreter requests, the admin area (admins; supervisors read the catalogue and book for their agency), the
 * statistics area (supervisors: their agency; admins: all) and the host console (host staff:
 * their point's waiting numbers).
 */
export const useAgentStore = create<AgentState>()((set, get, api) => ({
  ...createStaffAuthSlice({
    storageKey: loginStorageKey,
    roles: ['expert', 'supervisor', 'admin', 'hostStaff'],
    onConnected: (client) => {
      const role = get().principal?.role;
      return role === 'expert' ? wireConsole(client, get) : role === 'hostStaff' ? wireHost(client, get) : get().loadAdminCatalogue();
    },
    onReconnected: async (client) => {
      if (get().principal?.role !== 'expert') return;
      get().setOverview(await client.request('queue.overview', {}));
    },
    onDisconnected: () => {
      if (get().principal === null) {
        get().resetAdmin();
        set({ interpretingCatalogue: null });
        get().resetHost();
        get().resetStats();
      }
      get().leaveCall();
      expertMedia.discard();
      set({ waiting: [] });
    },
  })(set, get),
  ...createLanguageSlice('etapiste.agent.language')(set, get),
  ...createQueueSlice(set, get, api),
  ...createConsultationSlice(set, get, api),
  ...createInterpretingSlice(set, get, api),
  // A call whose session ended while the connection was down goes back to the queue view.
  ...createCallSlice({ onSessionLost: (sessionId) => get().onSessionEnded(sessionId, 'expertDisconnected'), onEngine: onExpertEngine })(set, get),
  ...createAdminSlice(loginStorageKey)(set, get, api),
  ...createInterpretingAdminSlice(loginStorageKey)(set, get, api),
  ...createHostSlice(set, get, api),
  ...createStatsSlice(loginStorageKey)(set, get, api),
  ...createLinksSlice(set, get, api),
}));

export type { AgentState, LargeSource } from './types.ts';
