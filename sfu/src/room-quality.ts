import type { types } from 'mediasoup';
import type { ParticipantQuality } from './media-server.ts';

/** What the quality statistics need to know about a participant of the room. */
export interface QualityParticipant {
  consumers: Map<string, types.Consumer>;
}

/** RTT and packet counts of one consumer stream. */
interface StreamStat {
  rtt: number | null;
  sent: number;
  lost: number;
}

export interface QualitySummary {
  rttMs: number | null;
  lossPct: number | null;
  streams: number;
}

/**
 * Media quality of one room from the SFU's own RTP statistics of what it sends to the
 * participants (median round-trip time and packet loss of the live consumer streams).
 */
export class RoomQuality {
  readonly #participants: ReadonlyMap<string, QualityParticipant>;

  constructor(deps: { participants: ReadonlyMap<string, QualityParticipant> }) {
    this.#participants = deps.participants;
  }

  /** Over every consumer stream of the room. */
  async sample(): Promise<QualitySummary> {
    const all = await this.#streamStats([...this.#participants.values()]);
    return summarise(all);
  }

  /** The same per receiving participant (what each one's downlink looks like). */
  async perParticipant(): Promise<ParticipantQuality[]> {
    const result: ParticipantQuality[] = [];
    for (const [participantId, participant] of this.#participants) {
      result.push({ participantId, ...summarise(await this.#streamStats([participant])) });
    }
    return result;
  }

  /** RTT and loss of every live consumer stream the SFU sends to these participants. */
  async #streamStats(participants: QualityParticipant[]): Promise<StreamStat[]> {
    const streams: StreamStat[] = [];
    for (const participant of participants) {
      for (const consumer of participant.consumers.values()) {
        if (consumer.closed || consumer.paused) continue;
        for (const stat of await consumer.getStats().catch(() => [])) {
          if (stat.type !== 'outbound-rtp') continue;
          const rtt = typeof stat.roundTripTime === 'number' && stat.roundTripTime > 0 ? stat.roundTripTime : null;
          streams.push({ rtt, sent: stat.packetCount, lost: Math.max(0, stat.packetsLost) });
        }
      }
    }
    return streams;
  }
}

/** Median RTT and overall loss of a set of streams. */
function summarise(streams: StreamStat[]): QualitySummary {
  const rtts = streams.flatMap((stream) => (stream.rtt === null ? [] : [stream.rtt])).sort((a, b) => a - b);
  const sent = streams.reduce((sum, stream) => sum + stream.sent, 0);
  const lost = streams.reduce((sum, stream) => sum + stream.lost, 0);
  return {
    rttMs: rtts.length > 0 ? Math.round(rtts[Math.floor((rtts.length - 1) / 2)]! * 10) / 10 : null,
    lossPct: sent + lost > 0 ? Math.round((lost / (sent + lost)) * 10_000) / 100 : null,
    streams: streams.length,
  };
}
