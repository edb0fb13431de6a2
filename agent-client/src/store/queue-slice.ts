import type { SignalingClient } from '@etapiste/shared/client';
import type { StateCreator } from 'zustand';
import { expertMedia } from '../media.ts';
import { customerInfoOf } from './names.ts';
import type { AgentState, QueueSlice } from './types.ts';

/**
 * Open the camera while someone of the agency waits (or is being called), so that the call
 * does not wait for the device; close it when nobody does.
 */
export function prepareCamera(state: AgentState): void {
  if (state.activeSession) return;
  if (state.calling || state.waiting.length > 0) expertMedia.prepare();
  // The queue empties as our take-next takes its last ticket: keep the camera for that call.
  else if (!state.takingNext) expertMedia.discard();
}

export const createQueueSlice: StateCreator<AgentState, [], [], QueueSlice> = (set, get) => ({
  overview: null,
  waiting: [],
  queueNotice: null,
  calling: null,
  takingNext: false,

  setOverview: (overview) => {
    set({ overview, waiting: overview.waiting });
    prepareCamera(get());
  },

  takeNext: async () => {
    const { signaling, takingNext, calling, activeSession } = get();
    if (!signaling || takingNext || calling || activeSession) return;
    // Names of the ticket's point and service, before it leaves the waiting list.
    const before = { waiting: get().waiting, adminCatalogue: get().adminCatalogue };
    set({ takingNext: true, queueNotice: null });
    try {
      const { call } = await signaling.request('queue.takeNext', {});
      if (!call) {
        set({ takingNext: false, queueNotice: 'nobodyWaiting' });
      } else {
        const known = before.waiting.some((entry) => entry.ticketId === call.ticket.ticketId) ? before : get();
        set({ takingNext: false, calling: { ...call, info: customerInfoOf(known, call.ticket) } });
        // Warm start: connect and publish (paused) while the number is being called.
        void get().warmUpCall(call.session.sessionId);
      }
    } catch (error) {
      console.error('queue.takeNext failed', error);
      set({ takingNext: false, queueNotice: 'takeNextFailed' });
    }
    prepareCamera(get());
  },
});

/** On every (re)connection: follow the queue, calls, session ends, transfer answers and interpreter requests, then load the queue. */
export async function wireConsole(client: SignalingClient, get: () => AgentState): Promise<void> {
  client.on('queue.changed', ({ overview }) => get().setOverview(overview));
  client.on('session.accepted', ({ session }) => void get().onAccepted(session));
  client.on('session.ended', ({ sessionId, reason }) => get().onSessionEnded(sessionId, reason));
  client.on('queue.transferAnswered', ({ sessionId, accepted }) => get().onTransferAnswered(sessionId, accepted));
  client.on('media.quality', (data) => get().onMediaQuality(data));
  client.on('session.participantPresence', (data) => get().onParticipantPresence(data));
  client.on('interpreting.requestChanged', ({ request }) => get().onInterpreterRequestChanged(request));
  void get().loadAdminCatalogue();
  void get().loadInterpretingSkills();
  const overview = await client.request('queue.overview', {});
  get().setOverview(overview);
}
