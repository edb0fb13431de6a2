import type { Consumer, Producer, Transport } from 'mediasoup-client/types';
import type { MediaSource, ParticipantRole } from '../domain.ts';
import type { RemoteTrack } from './call-types.ts';

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

export interface NetworkPath {
  direction: 'send' | 'recv';
  localCandidateType: string | null;
  relayProtocol: string | null;
}

/** Inbound and outbound RTP statistics of a call's consumers and producers (each receiver's own stream only). */
export async function collectCallStats(
consumers: { consumer: Consumer; remote: RemoteTrack }[],
producers: Map<MediaSource, Producer>,
): Promise<CallStats> {
  const inbound: InboundStats[] = [];
  const seen = new Set<unknown>();
  for (const { consumer, remote } of consumers) {
    // A consumer closed meanwhile (media being set up again) has no statistics any more.
    if (consumer.closed) continue;
    const report = await consumer.getStats().catch(() => null);
    if (!report) continue;
    report.forEach((stat: Record<string, number | string | undefined>) => {
      // A receiver's report can include other streams of the same connection: keep its own.
      if (stat.type !== 'inbound-rtp' || stat.kind !== remote.kind || seen.has(stat.id)) return;
      if (consumer.rtpParameters.encodings?.[0]?.ssrc !== undefined && stat.ssrc !== consumer.rtpParameters.encodings[0].ssrc) return;
      seen.add(stat.id);
      inbound.push({
        source: remote.source,
        kind: remote.kind,
        participantRole: remote.participantRole,
        packetsReceived: Number(stat.packetsReceived ?? 0),
        packetsLost: Number(stat.packetsLost ?? 0),
        bytesReceived: Number(stat.bytesReceived ?? 0),
        framesDecoded: Number(stat.framesDecoded ?? 0),
        frameWidth: Number(stat.frameWidth ?? 0),
        frameHeight: Number(stat.frameHeight ?? 0),
        framesPerSecond: Number(stat.framesPerSecond ?? 0),
        jitter: Number(stat.jitter ?? 0),
      });
    });
  }
  const outbound: OutboundStats[] = [];
  for (const [source, producer] of producers) {
    if (producer.closed) continue;
    const report = await producer.getStats().catch(() => null);
    if (!report) continue;
    report.forEach((stat: Record<string, number | string | undefined>) => {
      if (stat.type !== 'outbound-rtp') return;
      outbound.push({
        source,
        kind: producer.kind as 'audio' | 'video',
        packetsSent: Number(stat.packetsSent ?? 0),
        bytesSent: Number(stat.bytesSent ?? 0),
        frameWidth: Number(stat.frameWidth ?? 0),
        frameHeight: Number(stat.frameHeight ?? 0),
        framesPerSecond: Number(stat.framesPerSecond ?? 0),
        qualityLimitationReason: String(stat.qualityLimitationReason ?? 'none'),
        trackState: producer.track?.readyState ?? 'none',
      });
    });
  }
  return { inbound, outbound };
}

/**
 * The network path each transport uses now: the selected ICE pair's local candidate type
 * ('host', 'srflx', 'relay') and, through TURN, the protocol to the relay.
 */
export async function networkPathsOf(transports: (Transport | null)[]): Promise<NetworkPath[]> {
  const paths: NetworkPath[] = [];
  for (const transport of transports) {
    if (!transport || transport.closed) continue;
    const stats = await transport.getStats();
    const byId = new Map<string, Record<string, unknown>>();
    stats.forEach((stat: Record<string, unknown>) => byId.set(String(stat.id), stat));
    const pairId = [...byId.values()].find((stat) => stat.type === 'transport')?.selectedCandidatePairId;
    const pair = pairId ? byId.get(String(pairId)) : undefined;
    const local = pair ? byId.get(String(pair.localCandidateId)) : undefined;
    paths.push({
      direction: transport.direction,
      localCandidateType: local ? String(local.candidateType) : null,
      relayProtocol: local?.relayProtocol ? String(local.relayProtocol) : null,
    });
  }
  return paths;
}
