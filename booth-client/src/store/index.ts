import { createCallSlice } from '@etapiste/shared/react';
import { create } from 'zustand';
import { createConnectionSlice } from './connection-slice.ts';
import { createJourneySlice } from './journey-slice.ts';
import { createSessionSlice } from './session-slice.ts';
import type { BoothState } from './types.ts';

/** The booth's one store: connection, the customer's journey, the session and its call. */
export const useBoothStore = create<BoothState>()((set, get, api) => ({
  ...createConnectionSlice(set, get, api),
  ...createJourneySlice(set, get, api),
  ...createSessionSlice(set, get, api),
  ...createCallSlice()(set, get),
}));

export type { BoothScreen, BoothState, ConnectionStatus } from './types.ts';
export { selectedAgency, selectedService } from './journey-slice.ts';
