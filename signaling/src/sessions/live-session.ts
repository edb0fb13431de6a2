import type { Participant, ServiceSessionInfo } from '@etapiste/shared';
import type { MediaRoom } from '@etapiste/sfu';
import { newId } from '../storage/rows.ts';
import type { ServiceSessionRecord } from '../storage/repositories.ts';
import type { Participation } from './participant-presence.ts';

/** Live state of an open service session: its durable record plus participants and media room. */
export interface LiveSession {
  record: ServiceSessionRecord;
  /** Participant per principal subject id (the booth's id for the customer). */
  participants: Map<string, Participant>;
  expertDisplayName: string | null;
  room: MediaRoom | null;
  roomPending: Promise<MediaRoom> | null;
  qualityTimer: ReturnType<typeof setInterval> | null;
  /** Subjects that have asked for the session's media at least once. */
  mediaJoined: Set<string>;
  /** Who gives way under congestion; kept here so a rebuilt room gets it too. */
  priorityProfile: 'standard' | 'signLanguage';
}

/** The live state of a session record: the customer (at the booth) is its first participant, no room yet. */
export function newLiveSession(record: ServiceSessionRecord): LiveSession {
  const customer: Participant = { participantId: newId('p'), role: 'customer', displayName: null };
  return { record, participants: new Map([[record.boothId, customer]]), expertDisplayName: null, room: null, roomPending: null, qualityTimer: null, mediaJoined: new Set(), priorityProfile: 'standard' };
}

/** What participants are told about a session (the read model of the live state). */
export function sessionInfo(live: LiveSession): ServiceSessionInfo {
  const { record } = live;
  return {
    sessionId: record.sessionId,
    visitId: record.visitId,
    agencyId: record.agencyId,
    serviceId: record.serviceId,
    servicePointId: record.servicePointId,
    language: record.language,
    status: record.status,
    participants: [...live.participants.values()],
  };
}

/** Active sessions a subject takes part in, with the others to tell about them (participant presence). */
export function participationsIn(sessions: Iterable<LiveSession>, subjectId: string): Participation[] {
  return [...sessions].flatMap((live) => {
    const participant = live.participants.get(subjectId);
    if (!participant || live.record.status !== 'active') return [];
    return [{ sessionId: live.record.sessionId, participant, otherSubjectIds: [...live.participants.keys()].filter((id) => id !== subjectId) }];
  });
}

/** Open sessions a subject takes part in or is assigned to (as the expert). */
export function openSessionsIn(sessions: Iterable<LiveSession>, subjectId: string): ServiceSessionRecord[] {
  return [...sessions].filter((live) => live.participants.has(subjectId) || live.record.expertId === subjectId).map((live) => live.record);
}
