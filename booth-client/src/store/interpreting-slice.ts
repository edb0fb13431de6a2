import { sameSkill } from '@etapiste/shared';
import type { StateCreator } from 'zustand';
import type { BoothState, InterpretingSlice } from './types.ts';

/** The customer's interpreter need when taking a number, and how the session's interpreter requests are doing. */
export const createInterpretingSlice: StateCreator<BoothState, [], [], InterpretingSlice> = (set, get) => ({
  interpreterSkills: null,
  interpreterNeed: null,
  interpreterChoiceOpen: false,
  interpreterRequests: [],

  loadInterpreterSkills: async (agencyId) => {
    const signaling = get().signaling;
    if (!signaling || get().interpreterSkills?.agencyId === agencyId) return;
    try {
      const { skills } = await signaling.request('interpreting.skills', { agencyId });
      if (get().agencyId === agencyId) set({ interpreterSkills: { agencyId, skills } });
    } catch (error) {
      // No interpreting offered: the customer can still take a number.
      console.error('interpreting.skills failed', error);
    }
  },

  toggleInterpreterChoice: () => {
    const open = !get().interpreterChoiceOpen;
    set({ interpreterChoiceOpen: open, ...(open ? {} : { interpreterNeed: null }) });
  },

  chooseInterpreter: (skill) => {
    const current = get().interpreterNeed;
    set({ interpreterNeed: skill && current && sameSkill(skill, current) ? null : skill });
  },

  onInterpreterRequestChanged: (request) => {
    if (request.sessionId !== get().session?.sessionId) return;
    set({ interpreterRequests: [...get().interpreterRequests.filter((entry) => entry.requestId !== request.requestId), request] });
  },

  loadInterpreterRequests: async (sessionId) => {
    const signaling = get().signaling;
    if (!signaling) return;
    try {
      const { requests } = await signaling.request('interpreting.requests', { sessionId });
      for (const request of requests) get().onInterpreterRequestChanged(request);
    } catch (error) {
      console.error('interpreting.requests failed', error);
    }
  },
});

/** The choice's reset, for a new customer or another service. */
export const noInterpreterChoice = (): Pick<InterpretingSlice, 'interpreterNeed' | 'interpreterChoiceOpen' | 'interpreterRequests'> => ({
  interpreterNeed: null,
  interpreterChoiceOpen: false,
  interpreterRequests: [],
});
