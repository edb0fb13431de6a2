import type { MediaSource, ParticipantRole } from '../domain.ts';

/** A track this client publishes, tagged with what it is. */
export interface LocalTrackSpec {
  source: MediaSource;
  track: MediaStreamTrack;
}

/** A track received from another participant. */
export interface RemoteTrack {
  consumerId: string;
  producerId: string;
  kind: 'audio' | 'video';
  source: MediaSource;
  participantId: string;
  participantRole: ParticipantRole;
  track: MediaStreamTrack;
  /** The sender has muted this track (microphone mute / camera off). */
  paused: boolean;
}

/** 'reconnecting': the reconnection ladder is bringing media back (see ReconnectLadder). */
export type CallState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failed' | 'closed';

export interface CallStartOptions {
  /** Publish without sending (a booth warming up while it waits; `resumeAll()` sends). */
  paused?: boolean;
  /** Sources of the others this participant does not receive until it asks for them. */
  notReceiving?: MediaSource[];
}
