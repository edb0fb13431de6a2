import { isEtapisteError, openInterpreterRequestStates, type InterpreterRequest, type InterpretingSkill } from '@etapiste/shared';
import type { StateCreator } from 'zustand';
import type { AgentState, InterpretingSlice } from './types.ts';

/** The session the expert is calling or serving. */
export const currentSessionId = (state: AgentState): string | null => state.activeSession?.sessionId ?? state.calling?.session.sessionId ?? null;

/** The interpreter requests of the current session, oldest first. */
export const sessionInterpreterRequests = (state: AgentState): InterpreterRequest[] => {
  const sessionId = currentSessionId(state);
  return state.interpreterRequests.filter((request) => request.sessionId === sessionId).sort((a, b) => a.requestedAt - b.requestedAt);
};

export const isOpenRequest = (request: InterpreterRequest): boolean => openInterpreterRequestStates.includes(request.state);

/** Asking for an interpreter during the call and following the request to its outcome. */
export const createInterpretingSlice: StateCreator<AgentState, [], [], InterpretingSlice> = (set, get) => ({
  interpretingSkills: null,
  interpreterRequests: [],
  interpreterPanelOpen: false,
  interpreterRequestError: null,

  loadInterpretingSkills: async () => {
    const signaling = get().signaling;
    if (!signaling) return;
    try {
      const { skills } = await signaling.request('interpreting.skills', {});
      set({ interpretingSkills: skills });
    } catch (error) {
      console.error('interpreting.skills failed', error);
    }
  },

  toggleInterpreterPanel: () => {
    set({ interpreterPanelOpen: !get().interpreterPanelOpen, interpreterRequestError: null });
    if (get().interpretingSkills === null) void get().loadInterpretingSkills();
  },

  requestInterpreter: async (skill: InterpretingSkill) => {
    const { signaling, activeSession } = get();
    if (!signaling || !activeSession) return;
    set({ interpreterRequestError: null });
    try {
      const { request } = await signaling.request('interpreting.request', { sessionId: activeSession.sessionId, skill });
      get().onInterpreterRequestChanged(request);
      set({ interpreterPanelOpen: false });
    } catch (error) {
      console.error('interpreting.request failed', error);
      set({ interpreterRequestError: isEtapisteError(error) ? error.message : String(error) });
    }
  },

  cancelInterpreter: async (requestId) => {
    const signaling = get().signaling;
    if (!signaling) return;
    try {
      const { request } = await signaling.request('interpreting.cancel', { requestId });
      get().onInterpreterRequestChanged(request);
    } catch (error) {
      // Answered or unanswered meanwhile: requestChanged tells the outcome.
      console.warn('interpreting.cancel failed', error);
    }
  },

  onInterpreterRequestChanged: (request) => {
    const current = get().interpreterRequests;
    const existing = current.find((entry) => entry.requestId === request.requestId);
    // Notifications may overtake the answer to interpreting.request: keep the most advanced view.
    if (existing && existing.state !== request.state && !isOpenRequest(existing) && isOpenRequest(request)) return;
    // Requests of earlier sessions are dropped.
    const kept = current.filter((entry) => entry.requestId !== request.requestId && entry.sessionId === request.sessionId);
    set({ interpreterRequests: [...kept, request] });
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
