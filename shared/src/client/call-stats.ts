import type { MediaSource, ParticipantRole } from '../domain.ts';

/** What CallEngine.getStats() reports per received and sent stream. */
export interface InboundStats {
  source: MediaSource;
  kind: 'audio' | 'video';
  participantRole: ParticipantRole;
  packetsReceived: number;
  packetsLost: number;
  bytesReceived: number;
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  framesPerSecond: number;
  jitter: number;
}
export interface OutboundStats {
  source: MediaSource;
  kind: 'audio' | 'video';
  packetsSent: number;
  bytesSent: number;
  frameWidth: number;
  frameHeight: number;
  framesPerSecond: number;
  /** Why the encoder sends less than asked: 'none', 'bandwidth', 'cpu' or 'other'. */
  qualityLimitationReason: string;
  trackState: MediaStreamTrackState | 'none';
}
export interface CallStats {
  inbound: InboundStats[];
  outbound: OutboundStats[];
}

