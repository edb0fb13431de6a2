import { createCallSlice } from '@etapiste/shared/react';
import { create } from 'zustand';
import { onBoothEngine } from '../devices/agent-lifecycle.ts';
import { createConnectionSlice } from './connection-slice.ts';
import { createFeedbackSlice } from './feedback-slice.ts';
import { createInterpretingSlice } from './interpreting-slice.ts';
import { createJourneySlice } from './journey-slice.ts';
import { createQueueSlice } from './queue-slice.ts';
import { createSessionSlice } from './session-slice.ts';
import type { BoothState } from './types.ts';

/** The booth's one store: connection, the customer's journey, the queue, the session and its call, interpreting, and feedback. */
export const useBoothStore = create<BoothState>()((set, get, api) => ({
  ...createConnectionSlice(set, get, api),
  ...createJourneySlice(set, get, api),
  ...createQueueSlice(set, get, api),
  ...createSessionSlice(set, get, api),
  ...createFeedbackSlice(set, get, api),
  ...createInterpretingSlice(set, get, api),
  ...createCallSlice({ onEngine: (engine) => onBoothEngine(engine, () => useBoothStore.getState()) })(set, get),
}));

export type { BoothScreen, BoothState, CallingNumber, ConnectionStatus, FeedbackQuestion, FeedbackStatus, TransferOffer } from './types.ts';
export { selectedAgency, selectedService, visitService } from './journey-slice.ts';
