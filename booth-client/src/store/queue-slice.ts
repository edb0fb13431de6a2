import type { StateCreator } from 'zustand';
import { boothMedia } from '../media.ts';
import { selectedService } from './journey-slice.ts';
import type { BoothState, QueueSlice } from './types.ts';

/** Taking a number, checking in a booking, waiting, and answering the call of the number. */
export const createQueueSlice: StateCreator<BoothState, [], [], QueueSlice> = (set, get) => ({
  ticket: null,
  booking: null,
  checkIn: null,
  calling: null,
  takeNumberPending: false,
  takeNumberFailed: false,
  checkInPending: false,
  checkInFailed: false,
  answerPending: false,
  answerFailed: false,

  takeNumber: async () => {
    const { signaling, language, takeNumberPending, interpreterNeed } = get();
    const service = selectedService(get());
    if (!signaling || !service?.remoteCapable || takeNumberPending) return;
    set({ takeNumberPending: true, takeNumberFailed: false, cameraFailed: false });
    // Open the cameras at once: the warm start then only has to publish them.
    boothMedia.prepare();
    try {
      const visit = await signaling.request('queue.takeNumber', { serviceId: service.id, language, ...(interpreterNeed ? { interpreter: interpreterNeed } : {}) });
      set({ takeNumberPending: false, booking: null, checkIn: null });
      get().beginVisit(visit);
    } catch (error) {
      console.error('queue.takeNumber failed', error);
      boothMedia.discard();
      set({ takeNumberPending: false, takeNumberFailed: true });
    }
  },

  checkInBooking: async (code) => {
    const { signaling, checkInPending } = get();
    if (!signaling || checkInPending) return;
    set({ checkInPending: true, checkInFailed: false, checkIn: null });
    try {
      const { outcome, booking, visit } = await signaling.request('booking.checkIn', { code });
      set({ checkInPending: false, checkIn: { outcome, booking }, booking: visit ? booking : null });
      if (visit) get().beginVisit(visit);
    } catch (error) {
      console.error('booking.checkIn failed', error);
      set({ checkInPending: false, checkInFailed: true });
    }
  },

  clearCheckIn: () => set({ checkIn: null, checkInFailed: false }),

  leaveQueue: async () => {
    const { ticket, signaling } = get();
    if (!ticket) return;
    get().restart();
    await signaling?.request('queue.leave', { ticketId: ticket.ticket.ticketId }).catch((error: unknown) => {
      console.error('queue.leave failed', error);
    });
  },

  answerCall: async () => {
    const { calling, signaling, answerPending } = get();
    if (!calling || !signaling || answerPending) return;
    set({ answerPending: true, answerFailed: false });
    // Pressing Start is the customer's consent: un-pause the warm-started media right away. The
    // server holds every stream until the answer below has made the session active.
    void get().resumeCall().catch((error: unknown) => console.warn('early resume failed', error));
    try {
      const { session } = await signaling.request('queue.answer', { ticketId: calling.ticketId });
      set({ answerPending: false });
      await get().onAccepted(session);
    } catch (error) {
      console.error('queue.answer failed', error);
      // Past the grace period the server ends the session (noShow) and says so.
      set({ answerPending: false, answerFailed: true });
    }
  },

  onTicketChanged: (view) => {
    const current = get().ticket;
    if (current && current.ticket.ticketId === view.ticket.ticketId) set({ ticket: view });
  },

  onCalled: (call) => {
    const { session, screen } = get();
    set({ calling: call, answerFailed: false });
    // The number can be called before the answer to queue.takeNumber arrives; beginVisit
    // then shows the called screen.
    if (session?.sessionId === call.sessionId && (screen === 'waiting' || screen === 'called')) set({ screen: 'called' });
  },
});
