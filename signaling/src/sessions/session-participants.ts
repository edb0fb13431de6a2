import type { Participant, Principal } from '@etapiste/shared';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import { newId } from '../storage/rows.ts';
import type { LiveSession } from './live-session.ts';

type Notifier = Pick<ConnectionRegistry, 'notifySubject'>;

/**
 * The expert who took the number becomes a participant (and of the room, when there is one);
 * a previous, different expert is taken out. `null` takes the expert out. Not persisted here.
 */
export function assignExpertParticipant(live: LiveSession, expert: Principal | null): void {
  const previous = live.record.expertId;
  if (previous && previous !== expert?.subjectId) {
    const participant = live.participants.get(previous);
    live.participants.delete(previous);
    if (participant) live.room?.removeParticipant(participant.participantId);
  }
  live.record = { ...live.record, expertId: expert?.subjectId ?? null };
  live.expertDisplayName = expert?.displayName ?? null;
  if (expert && !live.participants.has(expert.subjectId)) {
    const participant: Participant = { participantId: newId('p'), role: 'expert', displayName: expert.displayName };
    live.participants.set(expert.subjectId, participant);
    live.room?.addParticipant(participant.participantId, participant.role);
  }
}

/** An interpreter joins as a third participant (once); the others are told. */
export function addInterpreterParticipant(live: LiveSession, interpreter: Principal, registry: Notifier): void {
  if (live.participants.has(interpreter.subjectId)) return;
  const { sessionId } = live.record;
  const participant: Participant = { participantId: newId('p'), role: 'interpreter', displayName: interpreter.displayName };
  live.participants.set(interpreter.subjectId, participant);
  live.room?.addParticipant(participant.participantId, participant.role);
  for (const subjectId of live.participants.keys()) {
    if (subjectId !== interpreter.subjectId) registry.notifySubject(subjectId, 'session.participantJoined', { sessionId, participant });
  }
}

/**
 * An interpreter leaves (nobody else can this way): out of the session and its room, and they
 * and the others are told. Returns the participant who left, null when the subject is no interpreter of it.
 */
export function removeInterpreterParticipant(live: LiveSession, subjectId: string, registry: Notifier): Participant | null {
  const participant = live.participants.get(subjectId);
  if (!participant || participant.role !== 'interpreter') return null;
  const { sessionId } = live.record;
  live.participants.delete(subjectId);
  live.mediaJoined.delete(subjectId);
  live.room?.removeParticipant(participant.participantId);
  registry.notifySubject(subjectId, 'session.participantLeft', { sessionId, participant });
  for (const other of live.participants.keys()) registry.notifySubject(other, 'session.participantLeft', { sessionId, participant });
  return participant;
}

/**
 * Drops an interpreter's media in the session but keeps them a participant: the others'
 * consumers of it close, and a reconnected console publishes afresh.
 */
export function resetInterpreterMedia(live: LiveSession, subjectId: string): void {
  const participant = live.participants.get(subjectId);
  if (!participant || participant.role !== 'interpreter') return;
  live.mediaJoined.delete(subjectId);
  live.room?.removeParticipant(participant.participantId);
  live.room?.addParticipant(participant.participantId, participant.role);
}
