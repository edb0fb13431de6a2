import type { Participant, SessionEndReason } from '@etapiste/shared';
import { logError } from '../logging/safe-log.ts';
import type { ServiceSessionRecord } from '../storage/repositories.ts';

export type EndListener = (record: ServiceSessionRecord, reason: SessionEndReason) => void | Promise<void>;
export type ExpertListener = (record: ServiceSessionRecord) => void | Promise<void>;
export type ParticipantListener = (record: ServiceSessionRecord, subjectId: string, participant: Participant) => void | Promise<void>;

/**
 * Who wants to know about a session's milestones (interpreting, queue, chaining): each
 * `on…` registers a listener and returns its removal; the service calls the matching `…ed`.
 */
export class SessionListeners {
  readonly #ended = new Set<EndListener>();
  readonly #expertAssigned = new Set<ExpertListener>();
  readonly #mediaJoined = new Set<ParticipantListener>();
  readonly #participantLeft = new Set<ParticipantListener>();

  onEnded(listener: EndListener): () => void {
    return subscribe(this.#ended, listener);
  }

  onExpertAssigned(listener: ExpertListener): () => void {
    return subscribe(this.#expertAssigned, listener);
  }

  onMediaJoined(listener: ParticipantListener): () => void {
    return subscribe(this.#mediaJoined, listener);
  }

  onParticipantLeft(listener: ParticipantListener): () => void {
    return subscribe(this.#participantLeft, listener);
  }

  /** Awaits each listener in turn. */
  async ended(record: ServiceSessionRecord, reason: SessionEndReason): Promise<void> {
    for (const listener of this.#ended) await listener(record, reason);
  }

  /** Awaits each listener in turn. */
  async expertAssigned(record: ServiceSessionRecord): Promise<void> {
    for (const listener of this.#expertAssigned) await listener(record);
  }

  /** Awaits each listener in turn. */
  async mediaJoined(record: ServiceSessionRecord, subjectId: string, participant: Participant): Promise<void> {
    for (const listener of this.#mediaJoined) await listener(record, subjectId, participant);
  }

  /** Does not wait: a failing listener is logged, the leaving goes on. */
  participantLeft(record: ServiceSessionRecord, subjectId: string, participant: Participant): void {
    for (const listener of this.#participantLeft) {
      void Promise.resolve(listener(record, subjectId, participant)).catch((error: unknown) => logError('sessions', 'leave listener failed', error));
    }
  }
}

/** Adds the listener; the returned function removes it again. */
function subscribe<L>(listeners: Set<L>, listener: L): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
