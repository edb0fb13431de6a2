import type { StateCreator } from 'zustand';
import { noFeedback } from './feedback-slice.ts';
import { noInterpreterChoice } from './interpreting-slice.ts';
import type { BoothState, JourneySlice } from './types.ts';

const start = { screen: 'language', language: 'fi', agencyId: null, serviceId: null } as const;

export const createJourneySlice: StateCreator<BoothState, [], [], JourneySlice> = (set, get) => ({
  ...start,
  chooseLanguage: (language) => set({ language, screen: 'agency', agencyId: null, serviceId: null }),
  chooseAgency: (agencyId) => {
    set({ agencyId, serviceId: null, screen: 'service', ...noInterpreterChoice() });
    void get().loadInterpreterSkills(agencyId);
  },
  chooseService: (serviceId) => set({ serviceId, takeNumberFailed: false }),
  openBooking: () => set({ screen: 'booking', checkIn: null, checkInFailed: false }),
  goBack: () => {
    const { screen } = get();
    if (screen === 'service') set({ screen: 'agency', serviceId: null, takeNumberFailed: false });
    else if (screen === 'booking') set({ screen: 'agency', checkIn: null, checkInFailed: false });
    else if (screen === 'agency') set({ ...start });
  },
  restart: () => {
    get().dropVisit();
    set({
      ...start,
      endReason: null,
      takeNumberFailed: false,
      checkIn: null,
      checkInFailed: false,
      answerFailed: false,
      cameraFailed: false,
      transferredTo: null,
      ...noFeedback,
      ...noInterpreterChoice(),
    });
  },
});

/** The agency and service the customer has chosen, looked up in the catalogue. */
export function selectedAgency(state: BoothState) {
  return state.catalogue?.agencies.find((agency) => agency.id === state.agencyId) ?? null;
}
export function selectedService(state: BoothState) {
  return selectedAgency(state)?.services.find((service) => service.id === state.serviceId) ?? null;
}

/** The service of the visit: from the catalogue, or the one a transfer moved the customer to. */
export function visitService(state: BoothState) {
  const serviceId = state.ticket?.ticket.serviceId ?? state.session?.serviceId;
  if (!serviceId) return null;
  for (const agency of state.catalogue?.agencies ?? []) {
    const service = agency.services.find((candidate) => candidate.id === serviceId);
    if (service) return service;
  }
  return state.transferredTo?.service.id === serviceId ? state.transferredTo.service : null;
}
