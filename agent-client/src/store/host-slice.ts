import { ErrorCode, isEtapisteError, type LocalizedText, type MethodResult, type QueueBoard } from '@etapiste/shared';
import type { SignalingClient } from '@etapiste/shared/client';
import type { StateCreator } from 'zustand';
import type { AgentState } from './types.ts';

/** A number waiting at the host's point: number, agency, service, language, times. Never a name. */
export type PointTicket = MethodResult<'queue.pointTickets'>['tickets'][number];

/** What the last move came to; the console turns it into text (each case maps to an i18n key). */
export type HostNotice =
  | { kind: 'moved'; number: string; agencyName: LocalizedText | null; serviceName: LocalizedText | null }
  | { kind: 'failed'; number: string; code: ErrorCode; message: string };

/** Host staff of a service point: the point's board and its waiting numbers, and moving a number to the right agency. */
export interface HostSlice {
  hostBoard: QueueBoard | null;
  hostTickets: PointTicket[];
  /** The ticket being moved right now, if any. */
  hostMoving: string | null;
  hostNotice: HostNotice | null;
  setHostBoard: (board: QueueBoard) => void;
  /** Reloads the waiting numbers of the point (no push exists for them: call on every board change). */
  loadHostTickets: () => Promise<void>;
  moveHostTicket: (ticketId: string, serviceId: string) => Promise<void>;
  /** Forgets everything (logout). */
  resetHost: () => void;
}

const empty = { hostBoard: null, hostTickets: [], hostMoving: null, hostNotice: null } satisfies Partial<HostSlice>;

export const createHostSlice: StateCreator<AgentState, [], [], HostSlice> = (set, get) => {
  /** Only the newest reload may write the list (answers can overtake each other). */
  let generation = 0;
  return {
    ...empty,

    setHostBoard: (hostBoard) => {
      set({ hostBoard });
      void get().loadHostTickets();
    },

    loadHostTickets: async () => {
      const { signaling, principal } = get();
      const servicePointId = principal?.servicePointId;
      if (!signaling || !servicePointId) return;
      const mine = ++generation;
      try {
        const { tickets } = await signaling.request('queue.pointTickets', { servicePointId });
        if (mine === generation) set({ hostTickets: tickets });
      } catch (error) {
        console.error('queue.pointTickets failed', error);
      }
    },

    moveHostTicket: async (ticketId, serviceId) => {
      const { signaling, hostMoving, hostTickets, adminCatalogue } = get();
      const ticket = hostTickets.find((entry) => entry.ticketId === ticketId);
      if (!signaling || hostMoving || !ticket) return;
      set({ hostMoving: ticketId, hostNotice: null });
      try {
        const { ticket: moved } = await signaling.request('queue.moveTicket', { ticketId, serviceId });
        const service = adminCatalogue?.services.find((entry) => entry.id === moved.serviceId);
        const agency = adminCatalogue?.agencies.find((entry) => entry.id === moved.agencyId);
        set({ hostNotice: { kind: 'moved', number: moved.number, agencyName: agency?.name ?? null, serviceName: service?.name ?? null } });
      } catch (error) {
        const code = isEtapisteError(error) ? error.code : ErrorCode.Internal;
        set({ hostNotice: { kind: 'failed', number: ticket.number, code, message: error instanceof Error ? error.message : String(error) } });
      }
      set({ hostMoving: null });
      await get().loadHostTickets();
    },

    resetHost: () => {
      generation++;
      set({ ...empty });
    },
  };
};

/** On every (re)connection: watch the point's board, reload the waiting numbers on each change, read the catalogue. */
export async function wireHost(client: SignalingClient, get: () => AgentState): Promise<void> {
  const servicePointId = get().principal?.servicePointId;
  if (!servicePointId) return;
  client.on('queue.boardChanged', ({ board }) => {
    if (board.servicePointId === servicePointId) get().setHostBoard(board);
  });
  void get().loadAdminCatalogue();
  get().setHostBoard(await client.request('queue.watchBoard', { servicePointId }));
}
