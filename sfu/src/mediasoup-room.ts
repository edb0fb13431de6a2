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
import type { PriorityProfile } from './bandwidth-policy.ts';
import type { ConsumerAnnouncement, DataProduceRequest, LayerDecision, MediaRoom, MediaRoomEvents, ParticipantQuality } from './media-server.ts';
import { recoveryRange, restartEstimateAfterOutage, type EstimateRestart } from './estimate-after-outage.ts';
import { mediasoupCall } from './mediasoup-call.ts';
import { RoomDataChannels, sctpTransportOptions } from './room-data-channels.ts';
import { RoomLayerPlans } from './room-layer-plans.ts';
import { RoomQuality } from './room-quality.ts';

/** The most a participant may send in total (face simulcast + document camera + audio), bit/s. */
const MAX_INCOMING_BITRATE = 6_000_000;

const MAX_TRANSPORTS_PER_PARTICIPANT = 4;

interface ProducerEntry {
  producer: types.Producer;
  source: MediaSource;
}
interface ParticipantMedia {
  role: ParticipantRole;
  transports: Map<string, { transport: types.WebRtcTransport; direction: TransportDirection; estimate?: EstimateRestart }>;
  producers: Map<string, ProducerEntry>;
  consumers: Map<string, types.Consumer>;
  rtpCapabilities: types.RtpCapabilities | null;
  /** The receive transport's latest bandwidth estimate (mediasoup BWE), bit/s. */
  availableBitrate: number | null;
}

const noopSink: MediaRoomEvents = { consumerAdded() {}, consumerClosed() {}, consumerPaused() {}, dataConsumerAdded() {}, dataConsumerClosed() {}, dataReceiverReady() {} };

/** The media of one service session: one mediasoup router and its participants' objects. */
export class MediasoupRoom implements MediaRoom {
  readonly sessionId: string;
  readonly #router: types.Router;
  readonly #webRtcServer: types.WebRtcServer;
  readonly #initialBitrate: number;
  readonly #participants = new Map<string, ParticipantMedia>();
  #sink: MediaRoomEvents = noopSink;
  #held = true;
  /** Consumers whose client asked to resume while the room was held. */
  readonly #resumeWanted = new Set<types.Consumer>();
  /** Consumers being created ("receiver:producer"). */
  readonly #consuming = new Set<string>();
  readonly #data = new RoomDataChannels({ participants: this.#participants, sink: () => this.#sink, held: () => this.#held });
  readonly #layers: RoomLayerPlans;
  readonly #quality = new RoomQuality({ participants: this.#participants });

  constructor(sessionId: string, router: types.Router, webRtcServer: types.WebRtcServer, initialBitrate: number) {
    this.sessionId = sessionId;
    this.#router = router;
    this.#webRtcServer = webRtcServer;
    this.#initialBitrate = initialBitrate;
    this.#layers = new RoomLayerPlans({ participants: this.#participants, router });
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
    // A receive transport's estimate restarts when its path comes back after an outage.
    const estimate = direction === 'recv' ? restartEstimateAfterOutage(transport, recoveryRange(this.#initialBitrate)) : undefined;
    participant.transports.set(transport.id, { transport, direction, ...(estimate ? { estimate } : {}) });
    transport.observer.once('close', () => participant.transports.delete(transport.id));
    if (direction === 'send') {
      await transport.setMaxIncomingBitrate(MAX_INCOMING_BITRATE).catch(() => undefined);
    } else {
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
    const { transport, estimate } = this.#transport(participantId, transportId);
    const iceParameters = await mediasoupCall('restartIce', () => transport.restartIce());
    estimate?.iceRestarted();
    return iceParameters;
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

  async dataConsumerReady(participantId: string, dataConsumerId: string): Promise<void> {
    this.#participant(participantId);
    await this.#data.receiverReady(participantId, dataConsumerId);
  }

  async pauseConsumer(participantId: string, consumerId: string): Promise<void> {
    const consumer = this.#participant(participantId).consumers.get(consumerId);
    if (!consumer) throw new EtapisteError(ErrorCode.NotFound, 'no such consumer');
    this.#resumeWanted.delete(consumer);
    await consumer.pause();
  }

  async qualitySample(): Promise<{ rttMs: number | null; lossPct: number | null; streams: number }> {
    return this.#quality.sample();
  }

  async participantQuality(): Promise<ParticipantQuality[]> {
    return this.#quality.perParticipant();
  }

  get priorityProfile(): PriorityProfile {
    return this.#layers.profile;
  }

  async setPriorityProfile(profile: PriorityProfile): Promise<void> {
    await this.#layers.setProfile(profile);
  }

  /** Re-plans the layers `participantId` receives for `bitrate` bit/s (see RoomLayerPlans); tests call it directly. */
  async applyAvailableBitrate(participantId: string, bitrate: number): Promise<void> {
    await this.#layers.applyAvailableBitrate(participantId, bitrate);
  }

  layerDecisions(participantId: string): LayerDecision[] {
    return this.#layers.decisions(this.#participant(participantId));
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
    await consumer.setPriority(this.#layers.priorityOf(entry.source, owner.role));
    receiver.consumers.set(consumer.id, consumer);
    // The receiver's plan now includes this stream.
    this.#layers.replan(receiverId, receiver);
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
