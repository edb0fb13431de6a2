import type { types } from 'mediasoup';
import { ErrorCode, EtapisteError, type ParticipantRole, type SctpStreamParametersWire } from '@etapiste/shared';
import type { DataConsumerAnnouncement, DataProduceRequest, MediaRoomEvents } from './media-server.ts';

/** SCTP settings of every session transport: enough streams, and room for a few MB in flight. */
export const sctpTransportOptions = {
  enableSctp: true,
  numSctpStreams: { OS: 1024, MIS: 1024 },
  maxSendMessageSize: 262_144,
  maxReceiveMessageSize: 262_144,
  /**
   * The SFU buffers what a slow receiver has not taken yet; a file of several MB must fit, or
   * mediasoup drops messages. Senders cap their own backlog (bufferedAmount) on top of this.
   */
  sctpSendBufferSize: 16 * 1024 * 1024,
  sctpPerStreamSendQueueLimit: 16 * 1024 * 1024,
} as const;

const MAX_DATA_PRODUCERS_PER_PARTICIPANT = 8;

/** What the data-channel relay needs to know about a participant of the room. */
export interface DataParticipant {
  role: ParticipantRole;
  transports: Map<string, { transport: types.WebRtcTransport; direction: 'send' | 'recv' }>;
  /** Set once the participant can receive (media.ready). */
  rtpCapabilities: unknown;
}

interface DataProducerEntry {
  producer: types.DataProducer;
  ownerId: string;
  receiverRoles: readonly ParticipantRole[] | null;
}

/**
 * The data channels of one room: each participant's data producers, and for every other
 * ready participant allowed to receive them a data consumer on their receive transport.
 * Messages pass through the SFU's SCTP associations; nothing is stored. A data consumer starts
 * paused and is resumed when its receiver has opened the channel (media.dataConsumerReady) and
 * the room is not held: mediasoup would otherwise pass messages to a browser that has no channel
 * for them yet, which drops them. The owner is told each receiver that is ready, and holds its
 * first messages until one is.
 */
export class RoomDataChannels {
  readonly #producers = new Map<string, DataProducerEntry>();
  readonly #consumers = new Map<string, Map<string, types.DataConsumer>>();
  /** Data consumers whose receiver has opened the channel. */
  readonly #receiverReady = new WeakSet<types.DataConsumer>();
  readonly #participants: ReadonlyMap<string, DataParticipant>;
  readonly #sink: () => MediaRoomEvents;
  readonly #held: () => boolean;

  constructor(deps: { participants: ReadonlyMap<string, DataParticipant>; sink: () => MediaRoomEvents; held: () => boolean }) {
    this.#participants = deps.participants;
    this.#sink = deps.sink;
    this.#held = deps.held;
  }

  async produce(participantId: string, participant: DataParticipant, request: DataProduceRequest): Promise<string> {
    const entry = participant.transports.get(request.transportId);
    if (!entry) throw new EtapisteError(ErrorCode.NotFound, 'no such transport');
    if (entry.direction !== 'send') throw new EtapisteError(ErrorCode.Conflict, 'not a send transport');
    const own = [...this.#producers.values()].filter((candidate) => candidate.ownerId === participantId);
    if (own.length >= MAX_DATA_PRODUCERS_PER_PARTICIPANT) throw new EtapisteError(ErrorCode.Conflict, 'too many data channels');
    if (own.some((candidate) => candidate.producer.label === request.label)) {
      throw new EtapisteError(ErrorCode.Conflict, `data channel ${request.label} is already open`);
    }
    let producer: types.DataProducer;
    try {
      producer = await entry.transport.produceData({
        sctpStreamParameters: request.sctpStreamParameters as types.SctpStreamParameters,
        label: request.label,
        protocol: request.protocol,
        appData: { participantId },
      });
    } catch (error) {
      throw new EtapisteError(ErrorCode.ValidationFailed, `produceData: ${error instanceof Error ? error.message : String(error)}`);
    }
    const produced: DataProducerEntry = { producer, ownerId: participantId, receiverRoles: request.receiverRoles ? [...request.receiverRoles] : null };
    this.#producers.set(producer.id, produced);
    producer.observer.once('close', () => this.#producers.delete(producer.id));
    for (const receiverId of this.#participants.keys()) {
      if (receiverId !== participantId) await this.#consume(receiverId, produced);
    }
    return producer.id;
  }

  /** The participant can receive: open every allowed data channel of the others for them. */
  async participantReady(participantId: string): Promise<void> {
    for (const entry of this.#producers.values()) {
      if (entry.ownerId !== participantId) await this.#consume(participantId, entry);
    }
  }

  /** The room is released: data flows from now on to every receiver that has opened its channel. */
  async release(): Promise<void> {
    for (const [receiverId, byId] of this.#consumers) {
      for (const consumer of byId.values()) if (this.#receiverReady.has(consumer)) await this.#deliverTo(receiverId, consumer);
    }
  }

  /** The receiver has opened the channel of this data consumer. */
  async receiverReady(receiverId: string, dataConsumerId: string): Promise<void> {
    const consumer = this.#consumers.get(receiverId)?.get(dataConsumerId);
    if (!consumer || consumer.closed) throw new EtapisteError(ErrorCode.NotFound, 'no such data consumer');
    this.#receiverReady.add(consumer);
    if (!this.#held()) await this.#deliverTo(receiverId, consumer);
  }

  async #deliverTo(receiverId: string, consumer: types.DataConsumer): Promise<void> {
    if (consumer.closed || !consumer.paused) return;
    await consumer.resume();
    const entry = this.#producers.get(consumer.dataProducerId);
    if (entry) this.#sink().dataReceiverReady(entry.ownerId, entry.producer.id, receiverId);
  }

  forget(participantId: string): void {
    this.#consumers.delete(participantId);
  }

  async #consume(receiverId: string, entry: DataProducerEntry): Promise<void> {
    const receiver = this.#participants.get(receiverId);
    const owner = this.#participants.get(entry.ownerId);
    if (!receiver?.rtpCapabilities || !owner || entry.producer.closed) return;
    if (entry.receiverRoles && !entry.receiverRoles.includes(receiver.role)) return;
    const recv = [...receiver.transports.values()].find((candidate) => candidate.direction === 'recv');
    if (!recv) return;
    let byId = this.#consumers.get(receiverId);
    if (!byId) this.#consumers.set(receiverId, (byId = new Map()));
    for (const existing of byId.values()) if (existing.dataProducerId === entry.producer.id) return;

    const consumer = await recv.transport.consumeData({ dataProducerId: entry.producer.id, paused: true });
    byId.set(consumer.id, consumer);
    const receiverConsumers = byId;
    consumer.on('dataproducerclose', () => {
      if (receiverConsumers.delete(consumer.id)) this.#sink().dataConsumerClosed(receiverId, consumer.id);
    });
    consumer.on('transportclose', () => receiverConsumers.delete(consumer.id));
    const announcement: DataConsumerAnnouncement = {
      dataConsumerId: consumer.id,
      dataProducerId: entry.producer.id,
      sctpStreamParameters: consumer.sctpStreamParameters as SctpStreamParametersWire,
      label: consumer.label,
      protocol: consumer.protocol,
      participantId: entry.ownerId,
      participantRole: owner.role,
    };
    this.#sink().dataConsumerAdded(receiverId, announcement);
  }
}
