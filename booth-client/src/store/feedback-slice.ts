import type { FeedbackAnswers } from '@etapiste/shared';
import type { StateCreator } from 'zustand';
import type { BoothState, FeedbackSlice } from './types.ts';

const noAnswers: FeedbackAnswers = { ces: null, csat: null, nps: null, text: null };

/** The state of the feedback form when no feedback is asked for. */
export const noFeedback = { feedbackVisitId: null, feedbackAnswers: noAnswers, feedbackStatus: 'idle' } as const;

/**
 * Anonymous end-of-visit feedback (CES, CSAT, NPS, free text), asked for after a served call
 * ended with a hang-up. It is sent with the visit id only; the server keeps the text apart.
 */
export const createFeedbackSlice: StateCreator<BoothState, [], [], FeedbackSlice> = (set, get) => ({
  ...noFeedback,

  offerFeedback: (visitId) => set({ feedbackVisitId: visitId, feedbackAnswers: noAnswers, feedbackStatus: 'open' }),

  setFeedbackAnswer: (question, value) => {
    const { feedbackStatus, feedbackAnswers } = get();
    if (feedbackStatus !== 'open' && feedbackStatus !== 'failed') return;
    set({ feedbackAnswers: { ...feedbackAnswers, [question]: value } });
  },

  sendFeedback: async () => {
    const { feedbackVisitId: visitId, feedbackAnswers, feedbackStatus, signaling } = get();
    if (!visitId || (feedbackStatus !== 'open' && feedbackStatus !== 'failed')) return;
    const text = feedbackAnswers.text?.trim() ?? '';
    const answers: FeedbackAnswers = { ...feedbackAnswers, text: text.length > 0 ? text : null };
    // Nothing answered: there is nothing to send, so "Send" is the same as "Skip".
    if (answers.ces === null && answers.csat === null && answers.nps === null && answers.text === null) {
      get().restart();
      return;
    }
    if (!signaling) {
      set({ feedbackStatus: 'failed' });
      return;
    }
    set({ feedbackStatus: 'sending' });
    try {
      await signaling.request('feedback.submit', { visitId, answers });
      if (get().feedbackVisitId === visitId) set({ feedbackStatus: 'sent', feedbackAnswers: noAnswers });
    } catch (error) {
      console.error('feedback.submit failed', error);
      if (get().feedbackVisitId === visitId) set({ feedbackStatus: 'failed' });
    }
  },
});
