import { z } from 'zod';
import { Id } from '../../domain.ts';
import { FeedbackAnswers } from '../../statistics.ts';
import { method } from './method.ts';

export const statisticsMethods = {
  'feedback.submit': method({
    summary:
      'Anonymous end-of-visit feedback from the booth (CES 1–5, CSAT 1–5, NPS 0–10, optional text; every answer optional). Once per visit, within an hour of its end.',
    roles: ['booth'],
    params: z.object({ visitId: Id, answers: FeedbackAnswers }).strict(),
    result: z.object({}).strict(),
  }),
} as const;
