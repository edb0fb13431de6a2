import type { types } from 'mediasoup';
import {
  ErrorCode,
  EtapisteError,
  type MediaSource,
  type ParticipantRole,
  type RtpCapabilitiesWire,
  type RtpParametersWire,
  type TransportDirection,
  type TransportOptions,
} from '@etapiste/shared';
import { consumerPriority, planLayers, type PriorityProfile } from './bandwidth-policy.ts';
import type { ConsumerAnnouncement, DataProduceRequest, LayerDecision, MediaRoom, MediaRoomEvents, ParticipantQuality } from './media-server.ts';
import { restartEstimateAfterOutage } from './estimate-after-outage.ts';
import { RoomDataChannels, sctpTransportOptions } from './room-data-channels.ts';

/** The most a participant may send in total (face simulcast + document camera + audio), bit/s. */
const MAX_INCOMING_BITRATE = 6_000_000;

const MAX_TRANSPORTS_PER_PARTICIPANT = 4;

interface ProducerEntry {
  producer: types.Producer;
  source: MediaSource;
}
interface ParticipantMedia {
  role: ParticipantRole;
  transports: Map<string, { transport: types.WebRtcTransport; direction: TransportDirection }>;
  producers: Map<string, ProducerEntry>;
  consumers: Map<string, types.Consumer>;
  rtpCapabilities: types.RtpCapabilities | null;
  /** The receive transport's latest bandwidth estimate (mediasoup BWE), bit/s. */
  availableBitrate: number | null;
}

const noopSink: MediaRoomEvents = { consumerAdded() {}, consumerClosed() {}, consumerPaused() {}, dataConsumerAdded() {}, dataConsumerClosed() {} };

/** Translates mediasoup's argument errors into our typed validation error. */
async function mediasoupCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof EtapisteError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof TypeError || /invalid|unsupported|cannot|not found|already/i.test(message)) {
      throw new EtapisteError(ErrorCode.ValidationFailed, `${what}: ${message}`);
    }
    throw new EtapisteError(ErrorCode.MediaUnavailable, `${what} failed: ${message}`);
  }
}

/** The media of one service session: one mediasoup router and its participants' objects. */
export class MediasoupRoom implements MediaRoom {
  readonly sessionId: string;
  readonly #router: types.Router;
  readonly #webRtcServer: types.WebRtcServer;
  readonly #initialBitrate: number;
  readonly #participants = new Map<string, ParticipantMedia>();
  #sink: MediaRoomEvents = noopSink;
  #held = true;
  #profile: PriorityProfile = 'standard';
  /** Consumers whose client asked to resume while the room was held. */
  readonly #resumeWanted = new Set<types.Consumer>();
  /** Consumers being created ("receiver:producer"). */
  readonly #consuming = new Set<string>();
  readonly #data = new RoomDataChannels({ participants: this.#participants, sink: () => this.#sink, held: () => this.#held });

  constructor(sessionId: string, router: types.Router, webRtcServer: types.WebRtcServer, initialBitrate: number) {
    this.sessionId = sessionId;
    this.#router = router;
    this.#webRtcServer = webRtcServer;
    this.#initialBitrate = initialBitrate;
  }

  get id(): string {
    return this.#router.id;
  }

  get routerRtpCapabilities(): RtpCapabilitiesWire {
    return this.#router.rtpCapabilities as RtpCapabilitiesWire;
  }

  get closed(): boolean {
    return this.#router.closed;
  }

  setEventSink(sink: MediaRoomEvents): void {
    this.#sink = sink;
  }

  addParticipant(participantId: string, role: ParticipantRole): void {
    if (this.#participants.has(participantId)) return;
    this.#participants.set(participantId, {
      role,
      transports: new Map(),
      producers: new Map(),
      consumers: new Map(),
      rtpCapabilities: null,
      availableBitrate: null,
    });
  }

  hasParticipant(participantId: string): boolean {
    return this.#participants.has(participantId);
  }

  async createTransport(participantId: string, direction: TransportDirection): Promise<TransportOptions> {
    const participant = this.#participant(participantId);
    if (participant.transports.size >= MAX_TRANSPORTS_PER_PARTICIPANT) {
      throw new EtapisteError(ErrorCode.Conflict, 'too many transports for this participant');
    }
    const transport = await mediasoupCall('createTransport', () =>
      this.#router.createWebRtcTransport({
        webRtcServer: this.#webRtcServer,
        enableUdp: true,
        enableTcp: true,
        preferUdp: true,
        initialAvailableOutgoingBitrate: this.#initialBitrate,
        ...sctpTransportOptions,
        appData: { participantId, direction },
      }),
    );
    participant.transports.set(transport.id, { transport, direction });
    transport.observer.once('close', () => participant.transports.delete(transport.id));
    if (direction === 'send') {
      await transport.setMaxIncomingBitrate(MAX_INCOMING_BITRATE).catch(() => undefined);
    } else {
      restartEstimateAfterOutage(transport);
      // Server-side layer selection follows this receiver's bandwidth estimate.
      transport.on('trace', (trace) => {
        const info = trace.info as { availableBitrate?: number } | undefined;
        if (trace.type === 'bwe' && typeof info?.availableBitrate === 'number') {
          void this.applyAvailableBitrate(participantId, info.availableBitrate).catch(() => undefined);
        }
      });
      await transport.enableTraceEvent(['bwe']).catch(() => undefined);
    }
    return {
      transportId: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
      sctpParameters: transport.sctpParameters,
    } as TransportOptions;
  }

  async connectTransport(participantId: string, transportId: string, dtlsParameters: unknown): Promise<void> {
    const { transport } = this.#transport(participantId, transportId);
    await mediasoupCall('connectTransport', () => transport.connect({ dtlsParameters: dtlsParameters as types.DtlsParameters }));
  }

  async restartIce(participantId: string, transportId: string): Promise<unknown> {
    const { transport } = this.#transport(participantId, transportId);
    return mediasoupCall('restartIce', () => transport.restartIce());
  }

  resetParticipant(participantId: string): void {
    const participant = this.#participants.get(participantId);
    if (!participant) return;
    this.removeParticipant(participantId);
    this.addParticipant(participantId, participant.role);
  }

  hasMedia(participantId: string): boolean {
    return (this.#participants.get(participantId)?.transports.size ?? 0) > 0;
  }

  async setReady(participantId: string, rtpCapabilities: RtpCapabilitiesWire): Promise<void> {
    const participant = this.#participant(participantId);
    participant.rtpCapabilities = rtpCapabilities as types.RtpCapabilities;
    for (const [producerOwnerId, owner] of this.#participants) {
      if (producerOwnerId === participantId) continue;
      for (const entry of owner.producers.values()) await this.#consume(participantId, producerOwnerId, entry);
    }
    await this.#data.participantReady(participantId);
  }

  async produceData(participantId: string, request: DataProduceRequest): Promise<string> {
    return this.#data.produce(participantId, this.#participant(participantId), request);
  }

  async produce(
    participantId: string,
    request: { transportId: string; kind: 'audio' | 'video'; source: MediaSource; rtpParameters: RtpParametersWire },
  ): Promise<string> {
    const participant = this.#participant(participantId);
    const { transport, direction } = this.#transport(participantId, request.transportId);
    if (direction !== 'send') throw new EtapisteError(ErrorCode.Conflict, 'not a send transport');
    const expectedKind = request.source === 'microphone' ? 'audio' : 'video';
    if (request.kind !== expectedKind) {
      throw new EtapisteError(ErrorCode.ValidationFailed, `source ${request.source} must be ${expectedKind}`);
    }
    for (const entry of participant.producers.values()) {
      if (entry.source === request.source) throw new EtapisteError(ErrorCode.Conflict, `already producing ${request.source}`);
    }
    const producer = await mediasoupCall('produce', () =>
      transport.produce({
        kind: request.kind,
        rtpParameters: request.rtpParameters as types.RtpParameters,
        appData: { participantId, source: request.source },
      }),
    );
    const entry: ProducerEntry = { producer, source: request.source };
    participant.producers.set(producer.id, entry);
    producer.observer.once('close', () => participant.producers.delete(producer.id));
    for (const receiverId of this.#participants.keys()) {
      if (receiverId !== participantId) await this.#consume(receiverId, participantId, entry);
    }
    return producer.id;
  }

  async setProducerPaused(participantId: string, producerId: string, paused: boolean): Promise<void> {
    const entry = this.#participant(participantId).producers.get(producerId);
    if (!entry) throw new EtapisteError(ErrorCode.NotFound, 'no such producer');
    if (paused) await entry.producer.pause();
    else await entry.producer.resume();
  }

  async resumeConsumer(participantId: string, consumerId: string): Promise<void> {
    const consumer = this.#participant(participantId).consumers.get(consumerId);
    if (!consumer) throw new EtapisteError(ErrorCode.NotFound, 'no such consumer');
    if (this.#held) this.#resumeWanted.add(consumer);
    else await consumer.resume();
  }

  async qualitySample(): Promise<{ rttMs: number | null; lossPct: number | null; streams: number }> {
    const all = await this.#streamStats([...this.#participants.values()]);
    return summarise(all);
  }

  async participantQuality(): Promise<ParticipantQuality[]> {
    const result: ParticipantQuality[] = [];
    for (const [participantId, participant] of this.#participants) {
      result.push({ participantId, ...summarise(await this.#streamStats([participant])) });
    }
    return result;
  }

  /** RTT and loss of every live consumer stream the SFU sends to these participants. */
  async #streamStats(participants: ParticipantMedia[]): Promise<{ rtt: number | null; sent: number; lost: number }[]> {
    const streams: { rtt: number | null; sent: number; lost: number }[] = [];
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

  get priorityProfile(): PriorityProfile {
    return this.#profile;
  }

  async setPriorityProfile(profile: PriorityProfile): Promise<void> {
    this.#profile = profile;
    for (const [receiverId, receiver] of this.#participants) {
      for (const consumer of receiver.consumers.values()) {
        const { source, ownerRole } = consumer.appData as { source: MediaSource; ownerRole: ParticipantRole };
        if (!consumer.closed) await consumer.setPriority(consumerPriority(profile, source, ownerRole)).catch(() => undefined);
      }
      if (receiver.availableBitrate !== null) await this.applyAvailableBitrate(receiverId, receiver.availableBitrate);
    }
  }

  /**
   * Re-plans the layers `participantId` receives for a link that carries `bitrate` bit/s
   * (called on each BWE trace of the receive transport; tests may call it directly).
   */
  async applyAvailableBitrate(participantId: string, bitrate: number): Promise<void> {
    const receiver = this.#participants.get(participantId);
    if (!receiver || this.#router.closed) return;
    receiver.availableBitrate = bitrate;
    const consumers = [...receiver.consumers.values()].filter((consumer) => !consumer.closed);
    const streams = await Promise.all(
      consumers.map(async (consumer) => {
        const { source, ownerRole } = consumer.appData as { source: MediaSource; ownerRole: ParticipantRole };
        const layers = layersOf(consumer.rtpParameters.encodings ?? []);
        const measured = layers.spatialLayers > 1 || layers.temporalLayers > 1 ? await this.#layerBitrates(consumer.producerId) : undefined;
        return { id: consumer.id, kind: consumer.kind, source, ownerRole, ...layers, ...(measured ? { measured } : {}) };
      }),
    );
    const plan = planLayers(bitrate, this.#profile, streams);
    await Promise.all(
      consumers.map(async (consumer) => {
        const choice = plan.get(consumer.id);
        const current = consumer.preferredLayers;
        if (!choice || (current?.spatialLayer === choice.spatialLayer && current?.temporalLayer === choice.temporalLayer)) return;
        await consumer.setPreferredLayers(choice).catch(() => undefined);
      }),
    );
  }

  /** Bitrate of each layer of a producer as the SFU receives it now ("spatial.temporal" → bit/s). */
  async #layerBitrates(producerId: string): Promise<Record<string, number> | undefined> {
    let producer: types.Producer | undefined;
    for (const participant of this.#participants.values()) producer ??= participant.producers.get(producerId)?.producer;
    if (!producer || producer.closed) return undefined;
    const stats = await producer.getStats().catch(() => []);
    const encodings = producer.rtpParameters.encodings ?? [];
    const measured: Record<string, number> = {};
    for (const stat of stats) {
      const spatial = encodings.length > 1 ? encodings.findIndex((encoding) => (encoding.rid ? encoding.rid === stat.rid : encoding.ssrc === stat.ssrc)) : 0;
      if (spatial < 0) continue;
      const byLayer = stat.bitrateByLayer ?? {};
      if (Object.keys(byLayer).length > 0 && encodings.length === 1) {
        for (const [layer, value] of Object.entries(byLayer)) measured[layer] = value;
      } else {
        // A simulcast stream: receiving spatial layer N costs that stream's whole bitrate.
        const temporalLayers = layersOf(encodings).temporalLayers;
        for (let temporal = 0; temporal < temporalLayers; temporal++) {
          measured[`${spatial}.${temporal}`] = byLayer[`0.${temporal}`] ?? stat.bitrate;
        }
      }
    }
    return measured;
  }

  layerDecisions(participantId: string): LayerDecision[] {
    const receiver = this.#participant(participantId);
    return [...receiver.consumers.values()].map((consumer) => {
      const { source, ownerRole } = consumer.appData as { source: MediaSource; ownerRole: ParticipantRole };
      return {
        consumerId: consumer.id,
        source,
        ownerRole,
        priority: consumer.priority,
        preferredLayers: consumer.preferredLayers ?? null,
        currentLayers: consumer.currentLayers ?? null,
      };
    });
  }

  get held(): boolean {
    return this.#held;
  }

  async release(): Promise<void> {
    this.#held = false;
    const ready = [...this.#resumeWanted].filter((consumer) => !consumer.closed);
    this.#resumeWanted.clear();
    await Promise.all(ready.map((consumer) => consumer.resume()));
    await this.#data.release();
  }

  removeParticipant(participantId: string): void {
    const participant = this.#participants.get(participantId);
    if (!participant) return;
    this.#participants.delete(participantId);
    this.#data.forget(participantId);
    for (const { transport } of participant.transports.values()) transport.close();
  }

  close(): void {
    this.#participants.clear();
    if (!this.#router.closed) this.#router.close();
  }

  async #consume(receiverId: string, producerOwnerId: string, entry: ProducerEntry): Promise<void> {
    const receiver = this.#participants.get(receiverId);
    const owner = this.#participants.get(producerOwnerId);
    if (!receiver?.rtpCapabilities || !owner || entry.producer.closed) return;
    const recv = [...receiver.transports.values()].find((candidate) => candidate.direction === 'recv');
    if (!recv) return;
    if (!this.#router.canConsume({ producerId: entry.producer.id, rtpCapabilities: receiver.rtpCapabilities })) return;
    for (const existing of receiver.consumers.values()) if (existing.producerId === entry.producer.id) return;
    // A producer that appears while the receiver gets ready is offered by both paths: once is enough.
    const key = `${receiverId}:${entry.producer.id}`;
    if (this.#consuming.has(key)) return;
    this.#consuming.add(key);
    try {
      await this.#createConsumer(receiverId, receiver, producerOwnerId, owner, recv.transport, entry);
    } finally {
      this.#consuming.delete(key);
    }
  }

  async #createConsumer(
    receiverId: string,
    receiver: ParticipantMedia,
    producerOwnerId: string,
    owner: ParticipantMedia,
    transport: types.WebRtcTransport,
    entry: ProducerEntry,
  ): Promise<void> {
    const consumer = await transport.consume({
      producerId: entry.producer.id,
      rtpCapabilities: receiver.rtpCapabilities!,
      // Paused until the client has set it up (media.resumeConsumer): avoids black video.
      paused: true,
      appData: { source: entry.source, ownerRole: owner.role },
    });
    await consumer.setPriority(consumerPriority(this.#profile, entry.source, owner.role));
    receiver.consumers.set(consumer.id, consumer);
    // The receiver's plan now includes this stream.
    if (receiver.availableBitrate !== null) void this.applyAvailableBitrate(receiverId, receiver.availableBitrate).catch(() => undefined);
    const forget = () => {
      if (receiver.consumers.delete(consumer.id)) this.#sink.consumerClosed(receiverId, consumer.id);
    };
    consumer.on('producerclose', forget);
    consumer.on('transportclose', () => receiver.consumers.delete(consumer.id));
    consumer.observer.once('close', () => this.#resumeWanted.delete(consumer));
    consumer.on('producerpause', () => this.#sink.consumerPaused(receiverId, consumer.id, true));
    consumer.on('producerresume', () => this.#sink.consumerPaused(receiverId, consumer.id, false));

    const announcement: ConsumerAnnouncement = {
      consumerId: consumer.id,
      producerId: entry.producer.id,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters as RtpParametersWire,
      source: entry.source,
      participantId: producerOwnerId,
      participantRole: owner.role,
      producerPaused: consumer.producerPaused,
    };
    this.#sink.consumerAdded(receiverId, announcement);
  }

  #participant(participantId: string): ParticipantMedia {
    const participant = this.#participants.get(participantId);
    if (!participant) throw new EtapisteError(ErrorCode.Forbidden, 'not a participant of this session');
    if (this.#router.closed) throw new EtapisteError(ErrorCode.MediaUnavailable, 'the session media is closed');
    return participant;
  }

  #transport(participantId: string, transportId: string) {
    const entry = this.#participant(participantId).transports.get(transportId);
    if (!entry) throw new EtapisteError(ErrorCode.NotFound, 'no such transport');
    return entry;
  }
}

/** Median RTT and overall loss of a set of streams. */
function summarise(streams: { rtt: number | null; sent: number; lost: number }[]): { rttMs: number | null; lossPct: number | null; streams: number } {
  const rtts = streams.flatMap((stream) => (stream.rtt === null ? [] : [stream.rtt])).sort((a, b) => a - b);
  const sent = streams.reduce((sum, stream) => sum + stream.sent, 0);
  const lost = streams.reduce((sum, stream) => sum + stream.lost, 0);
  return {
    rttMs: rtts.length > 0 ? Math.round(rtts[Math.floor((rtts.length - 1) / 2)]! * 10) / 10 : null,
    lossPct: sent + lost > 0 ? Math.round((lost / (sent + lost)) * 10_000) / 100 : null,
    streams: streams.length,
  };
}

/**
 * Spatial and temporal layers a consumer can switch between: mediasoup gives a simulcast or SVC
 * consumer one encoding whose scalabilityMode is L<spatial>T<temporal>.
 */
function layersOf(encodings: types.RtpEncodingParameters[]): { spatialLayers: number; temporalLayers: number } {
  const mode = /^L(\d+)T(\d+)/.exec(encodings[0]?.scalabilityMode ?? '');
  const temporalLayers = mode ? Number(mode[2]) : 1;
  const spatialLayers = encodings.length > 1 ? encodings.length : mode ? Number(mode[1]) : 1;
  return { spatialLayers, temporalLayers };
}
