import type { NotificationData, ParticipantRole } from '@etapiste/shared';
import type { StateCreator } from 'zustand';
import type { AgentState } from './types.ts';

export type LinkLevel = NotificationData<'media.quality'>['participants'][number]['level'];

/** One other participant's link, as the expert sees it during a call. */
export interface ParticipantLink {
  participantId: string;
  role: ParticipantRole;
  level: LinkLevel;
  rttMs: number | null;
  lossPct: number | null;
  /** 'reconnecting' while their connection is down and the server keeps their place. */
  presence: 'present' | 'reconnecting' | 'left';
  graceEndsAt: number | null;
}

export interface LinksSlice {
  /** The session the links belong to, and the links of its other participants. */
  links: { sessionId: string; participants: ParticipantLink[] } | null;
  onMediaQuality: (data: NotificationData<'media.quality'>) => void;
  onParticipantPresence: (data: NotificationData<'session.participantPresence'>) => void;
}

/** Each participant's connection quality and reconnection state, for the expert's call view. */
export const createLinksSlice: StateCreator<AgentState, [], [], LinksSlice> = (set, get) => {
  const linksOf = (sessionId: string) => (get().links?.sessionId === sessionId ? get().links!.participants : []);
  const ownId = (sessionId: string) =>
    get().activeSession?.sessionId === sessionId ? get().activeSession!.participants.find((p) => p.role === 'expert')?.participantId : undefined;
  return {
    links: null,

    onMediaQuality: ({ sessionId, participants }) => {
      const previous = new Map(linksOf(sessionId).map((link) => [link.participantId, link]));
      const mine = ownId(sessionId);
      const next = participants
        .filter((entry) => entry.participantId !== mine && entry.role !== 'expert')
        .map((entry): ParticipantLink => {
          const known = previous.get(entry.participantId);
          return { ...entry, presence: known?.presence ?? 'present', graceEndsAt: known?.graceEndsAt ?? null };
        });
      set({ links: { sessionId, participants: next } });
    },

    onParticipantPresence: ({ sessionId, participantId, role, state, graceEndsAt }) => {
      const current = linksOf(sessionId);
      const presence = state === 'reconnected' ? 'present' : state;
      const existing = current.find((link) => link.participantId === participantId);
      const updated: ParticipantLink = existing
        ? { ...existing, presence, graceEndsAt }
        : { participantId, role, level: 'unknown', rttMs: null, lossPct: null, presence, graceEndsAt };
      set({ links: { sessionId, participants: [...current.filter((link) => link.participantId !== participantId), updated] } });
    },
  };
};
