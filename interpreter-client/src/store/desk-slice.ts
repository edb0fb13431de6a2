import type { StateCreator } from 'zustand';
import { interpreterMedia } from '../media.ts';
import type { DeskSlice, InterpreterState } from './types.ts';

const empty = (): Pick<DeskSlice, 'profile' | 'available' | 'availabilityPending' | 'offers' | 'assignments' | 'answering'> => ({
  profile: null,
  available: false,
  availabilityPending: false,
  offers: [],
  assignments: [],
  answering: null,
});

/** Availability, ringing requests (accept / decline) and today's booked assignments. */
export const createDeskSlice: StateCreator<InterpreterState, [], [], DeskSlice> = (set, get) => {
  /** Nothing rings any more and nothing is being answered: the prepared camera is closed. */
  const ringingOver = () => {
    const { offers, answering, session } = get();
    if (offers.length === 0 && !answering && !session) interpreterMedia.discard();
  };
  return {
    ...empty(),
    notice: null,

    setAvailable: async (available) => {
      const { signaling, availabilityPending } = get();
      if (!signaling || availabilityPending) return;
      set({ availabilityPending: true });
      try {
        const result = await signaling.request('interpreter.setAvailability', { available });
        set({ available: result.available, availabilityPending: false });
      } catch (error) {
        console.error('interpreter.setAvailability failed', error);
        set({ availabilityPending: false });
      }
    },

    accept: async (requestId) => {
      const { signaling, answering } = get();
      if (!signaling || answering) return;
      set({ answering: requestId, notice: null });
      try {
        const agency = get().offers.find((offer) => offer.requestId === requestId)?.agency ?? null;
        const { session } = await signaling.request('interpreting.accept', { requestId });
        set({ answering: null, offers: [] });
        await get().joinSession(signaling, session, agency);
      } catch (error) {
        console.error('interpreting.accept failed', error);
        set({ answering: null, notice: 'acceptFailed', offers: get().offers.filter((offer) => offer.requestId !== requestId) });
        ringingOver();
      }
    },

    decline: async (requestId) => {
      const { signaling } = get();
      if (!signaling) return;
      // The ring stops here at once; the server is told and rings someone else.
      set({ offers: get().offers.filter((offer) => offer.requestId !== requestId) });
      ringingOver();
      await signaling.request('interpreting.decline', { requestId }).catch((error: unknown) => console.error('interpreting.decline failed', error));
    },

    onRinging: (offer) => {
      if (get().session) return;
      set({ offers: [...get().offers.filter((existing) => existing.requestId !== offer.requestId), offer], notice: null });
      // The camera opens while it rings, so that Accept joins without waiting for it.
      interpreterMedia.prepare();
    },

    onRingStopped: (requestId) => {
      set({ offers: get().offers.filter((offer) => offer.requestId !== requestId) });
      ringingOver();
    },

    resetDesk: () => {
      set(empty());
      if (!get().session) interpreterMedia.discard();
    },
  };
};
