import { ErrorCode, EtapisteError, type FeedbackAnswers, type Principal } from '@etapiste/shared';
import type { MethodHandlers } from '../gateway/handlers.ts';
import type { Storage } from '../storage/repositories.ts';
import type { UsageRecorder } from './usage-recorder.ts';

const FEEDBACK_WINDOW_MS = 60 * 60_000;

/**
 * End-of-visit feedback: accepted from the booth where the visit took place, once, within an
 * hour of the visit's last session. Scores go to the usage log; the free text is kept apart,
 * without the visit id, so it cannot be tied back to anyone.
 */
export class FeedbackService {
  readonly #storage: Storage;
  readonly #usage: UsageRecorder;
  readonly #answered = new Set<string>();

  constructor(deps: { storage: Storage; usage: UsageRecorder }) {
    this.#storage = deps.storage;
    this.#usage = deps.usage;
  }

  async submit(booth: Principal, visitId: string, answers: FeedbackAnswers): Promise<void> {
    const sessions = await this.#storage.sessions.listSessions({ visitId });
    const mine = sessions.filter((session) => session.boothId === booth.subjectId);
    const last = mine.sort((a, b) => (b.endedAt ?? b.createdAt) - (a.endedAt ?? a.createdAt))[0];
    if (!last) throw new EtapisteError(ErrorCode.NotFound, 'no such visit at this booth');
    if (!last.startedAt) throw new EtapisteError(ErrorCode.Conflict, 'the visit had no service session');
    if (Date.now() - (last.endedAt ?? Date.now()) > FEEDBACK_WINDOW_MS) throw new EtapisteError(ErrorCode.Conflict, 'feedback time is over');
    if (this.#answered.has(visitId)) throw new EtapisteError(ErrorCode.Conflict, 'feedback was already given for this visit');
    this.#answered.add(visitId);
    const text = answers.text?.trim() ?? '';
    await this.#usage.record(
      'feedback',
      { servicePointId: last.servicePointId, agencyId: last.agencyId, serviceId: last.serviceId, visitId, language: last.language },
      { ces: answers.ces, csat: answers.csat, nps: answers.nps, hasText: text.length > 0 },
    );
    if (text) await this.#storage.statistics.appendFeedbackText({ at: Date.now(), servicePointId: last.servicePointId, agencyId: last.agencyId, language: last.language, text });
  }
}

export function feedbackHandlers(feedback: FeedbackService): Pick<MethodHandlers, 'feedback.submit'> {
  return {
    'feedback.submit': async ({ visitId, answers }, { principal }) => {
      await feedback.submit(principal, visitId, answers);
      return {};
    },
  };
}
