import type { StateCreator } from 'zustand';
import type { BoothState, JourneySlice } from './types.ts';

const start = { screen: 'language', language: 'fi', agencyId: null, serviceId: null } as const;

export const createJourneySlice: StateCreator<BoothState, [], [], JourneySlice> = (set, get) => ({
  ...start,
  chooseLanguage: (language) => set({ language, screen: 'agency', agencyId: null, serviceId: null }),
  chooseAgency: (agencyId) => set({ agencyId, serviceId: null, screen: 'service' }),
  chooseService: (serviceId) => set({ serviceId, requestFailed: false }),
  goBack: () => {
    const { screen } = get();
    if (screen === 'service') set({ screen: 'agency', serviceId: null, requestFailed: false });
    else if (screen === 'agency') set({ ...start });
  },
  restart: () => set({ ...start, endReason: null, requestFailed: false, cameraFailed: false }),
});

/** The agency and service the customer has chosen, looked up in the catalogue. */
export function selectedAgency(state: BoothState) {
  return state.catalogue?.agencies.find((agency) => agency.id === state.agencyId) ?? null;
}
export function selectedService(state: BoothState) {
  return selectedAgency(state)?.services.find((service) => service.id === state.serviceId) ?? null;
}
