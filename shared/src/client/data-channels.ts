import type { DataConsumer, DataProducer, Transport } from 'mediasoup-client/types';
import type { ParticipantRole } from '../domain.ts';
import type { NotificationData } from '../protocol/notifications.ts';
import { DataFrameAssembler, fileFrames, type DataPayload, type ReceivedFile } from './data-framing.ts';
import type { SignalingClient } from './signaling-client.ts';

export type { ReceivedFile } from './data-framing.ts';

export interface DataChannelOptions {
  /** Free text telling receivers what the channel speaks ("etapiste-devices/1"). */
  protocol?: string;
  /** Only participants in these roles receive the channel; everyone else in the session when absent. */
  receiverRoles?: ParticipantRole[];
}

/** What arrived on another participant's data channel. */
export type DataEvent = DataPayload & { label: string; participantId: string; participantRole: ParticipantRole };

/** A data channel this client opened: typed messages and files out. */
export interface DataChannel<T> {
  readonly label: string;
  send(message: T): void;
  /** Sends a file in chunks, pausing while the channel's buffer is full; resolves once all is handed over. */
  sendFile(file: { name: string; mime: string; bytes: Uint8Array; meta?: unknown }, onProgress?: (sentBytes: number) => void): Promise<void>;
  /**
   * Resolves once a receiver has opened the channel and gets what is sent (at once if one has);
   * rejects if the channel is closed first. Apps offer actions on the channel from then on.
   */
  whenReady(): Promise<void>;
  close(): void;
}

/** Above this many bytes waiting in the browser's buffer the sender waits for `bufferedamountlow`. */
const HIGH_WATER_BYTES = 1024 * 1024;
const LOW_WATER_BYTES = 256 * 1024;

/** Messages a channel holds while its producer is being set up again (a media rebuild), at most. */
const HELD_MESSAGES_MAX = 200;

/** One channel this client opened: kept across media rebuilds, its producer replaced each time. */
interface OwnChannel {
  label: string;
  options: DataChannelOptions;
  producer: DataProducer | null;
  /** Messages sent while there was no open producer, or no receiver had opened it yet: sent then. */
  held: string[];
  /** Receivers that have opened this producer's channel (the SFU delivers to them). */
  readyReceivers: number;
  /** Called whenever the channel may have become able to send. */
  wake: (() => void)[];
  closed: boolean;
}

/** How long a file waits for a receiver to open the channel. */
const FILE_WAIT_FOR_RECEIVER_MS = 15_000;

/**
 * The data channels of one call: the ones this client opened and the others' it receives.
 * A channel this client opened outlives the transport it runs on: when media is set up again
 * (a new room after a worker died, new transports in the reconnection ladder) `reopen()` opens
 * it on the new send transport, and the handle the app holds keeps working; messages sent in
 * between are held and sent then.
 */
export class DataChannelHub {
  readonly #signaling: SignalingClient;
  readonly #sessionId: string;
  readonly #deliver: (event: DataEvent) => void;
  readonly #channels = new Map<string, OwnChannel>();
  readonly #consumers = new Map<string, DataConsumer>();
  #nextTransferId = 1;

  readonly #mark: (step: string) => void;

  constructor(signaling: SignalingClient, sessionId: string, deliver: (event: DataEvent) => void, mark: (step: string) => void = () => undefined) {
    this.#signaling = signaling;
    this.#sessionId = sessionId;
    this.#deliver = deliver;
    this.#mark = mark;
  }

  /** Wires the send transport's `producedata` event to media.produceData. */
  wireSendTransport(transport: Transport): void {
    transport.on('producedata', ({ sctpStreamParameters, label, protocol, appData }, callback, errback) => {
      const receiverRoles = (appData as { receiverRoles?: ParticipantRole[] }).receiverRoles;
      this.#signaling
        .request('media.produceData', {
          sessionId: this.#sessionId,
          transportId: transport.id,
          sctpStreamParameters: sctpStreamParameters as never,
          label: label ?? '',
          protocol: protocol ?? '',
          ...(receiverRoles ? { receiverRoles } : {}),
        })
        .then(({ dataProducerId }) => callback({ id: dataProducerId }), errback);
    });
  }

  async open<T>(transport: Transport, label: string, options: DataChannelOptions): Promise<DataChannel<T>> {
    if (this.#channels.has(label)) throw new Error(`data channel ${label} is already open`);
    const channel: OwnChannel = { label, options, producer: null, held: [], readyReceivers: 0, wake: [], closed: false };
    this.#channels.set(label, channel);
    try {
      await this.#produce(transport, channel);
    } catch (error) {
      this.#channels.delete(label);
      throw error;
    }
    const drained = () =>
      new Promise<void>((resolve, reject) => {
        const producer = channel.producer;
        if (!producer || producer.closed) return reject(new Error(`data channel ${label} is closed`));
        if (producer.bufferedAmount <= LOW_WATER_BYTES) return resolve();
        const onLow = () => {
          producer.off('close', onClose);
          resolve();
        };
        const onClose = () => {
          producer.off('bufferedamountlow', onLow);
          reject(new Error(`data channel ${label} closed while sending`));
        };
        producer.once('bufferedamountlow', onLow);
        producer.once('close', onClose);
      });
    const live = () => {
      const producer = channel.producer;
      if (channel.closed) throw new Error(`data channel ${label} is closed`);
      return producer && !producer.closed && producer.readyState === 'open' && channel.readyReceivers > 0 ? producer : null;
    };
    const whenLive = (timeoutMs: number | null) =>
      new Promise<DataProducer>((resolve, reject) => {
        const timer = timeoutMs === null ? undefined : setTimeout(() => reject(new Error(`data channel ${label}: no receiver opened it`)), timeoutMs);
        const check = () => {
          try {
            const producer = live();
            if (!producer) return void channel.wake.push(check);
            clearTimeout(timer);
            resolve(producer);
          } catch (error) {
            clearTimeout(timer);
            reject(error);
          }
        };
        check();
      });
    return {
      label,
      send: (message: T) => {
        const frame = JSON.stringify({ t: 'msg', v: message });
        const producer = live();
        if (producer) producer.send(frame);
        else if (channel.held.length < HELD_MESSAGES_MAX) channel.held.push(frame);
        else throw new Error(`data channel ${label} is reconnecting and its buffer is full`);
      },
      sendFile: async (file, onProgress) => {
        const { header, chunks } = await fileFrames(this.#nextTransferId++ % 0xffffffff, file);
        // A file goes whole over one producer (it fails if that producer goes away midway), once
        // a receiver has opened the channel.
        const producer = live() ?? (await whenLive(FILE_WAIT_FOR_RECEIVER_MS));
        producer.send(header);
        let sent = 0;
        for (const chunk of chunks) {
          if (producer.closed) throw new Error(`data channel ${label} closed while sending`);
          if (producer.bufferedAmount > HIGH_WATER_BYTES) await drained();
          producer.send(chunk as Uint8Array<ArrayBuffer>);
          sent += chunk.byteLength - 4;
          onProgress?.(sent);
        }
      },
      whenReady: async () => {
        await whenLive(null);
      },
      close: () => {
        channel.closed = true;
        channel.held = [];
        channel.producer?.close();
        this.#channels.delete(label);
        for (const wake of channel.wake.splice(0)) wake();
      },
    };
  }

  /** This client has opened channels (that a new send transport must carry). */
  get hasOwnChannels(): boolean {
    return [...this.#channels.values()].some((channel) => !channel.closed);
  }

  /** Opens every channel of this client again on a new send transport (media was set up again). */
  async reopen(transport: Transport): Promise<void> {
    await Promise.all(
      [...this.#channels.values()]
        .filter((channel) => !channel.closed && (!channel.producer || channel.producer.closed))
        .map((channel) => this.#produce(transport, channel).catch((error: unknown) => console.error(`[data] reopening ${channel.label} failed`, error))),
    );
  }

  async #produce(transport: Transport, channel: OwnChannel): Promise<void> {
    const producer = await transport.produceData({
      ordered: true,
      label: channel.label,
      protocol: channel.options.protocol ?? '',
      appData: channel.options.receiverRoles ? { receiverRoles: channel.options.receiverRoles } : {},
    });
    producer.bufferedAmountLowThreshold = LOW_WATER_BYTES;
    if (channel.closed) {
      producer.close();
      return;
    }
    channel.producer = producer;
    channel.readyReceivers = 0;
    this.#mark(`data:produced:${channel.label}`);
    producer.observer.once('close', () => {
      if (channel.producer === producer) channel.producer = null;
    });
    // The channel may already be open (it opens while media.produceData is answered).
    if (producer.readyState === 'open') this.#flush(channel);
    else producer.once('open', () => this.#flush(channel));
  }

  /** The SFU delivers this producer's messages to one more receiver (media.dataReceiverReady). */
  receiverReady(dataProducerId: string): void {
    const channel = [...this.#channels.values()].find((candidate) => candidate.producer?.id === dataProducerId);
    if (!channel) return this.#mark(`data:receiverReadyUnknown`);
    channel.readyReceivers += 1;
    this.#mark(`data:receiverReady:${channel.label}`);
    this.#flush(channel);
  }

  /** Sends what the channel held, once its producer is open and a receiver is ready. */
  #flush(channel: OwnChannel): void {
    const producer = channel.producer;
    if (!producer || producer.closed || producer.readyState !== 'open' || channel.readyReceivers === 0) return;
    for (const frame of channel.held.splice(0)) producer.send(frame);
    for (const wake of channel.wake.splice(0)) wake();
  }

  async consume(transport: Transport, data: NotificationData<'media.dataConsumerAdded'>): Promise<void> {
    const consumer = await transport.consumeData({
      id: data.dataConsumerId,
      dataProducerId: data.dataProducerId,
      sctpStreamParameters: data.sctpStreamParameters as never,
      label: data.label,
      protocol: data.protocol,
    });
    consumer.binaryType = 'arraybuffer';
    this.#consumers.set(data.dataConsumerId, consumer);
    // The SFU delivers only once this side has the channel open (it would be dropped before).
    this.#mark(`data:consumed:${data.label}`);
    const ready = () => {
      if (consumer.closed) return;
      this.#mark(`data:open:${data.label}`);
      void this.#signaling
        .request('media.dataConsumerReady', { sessionId: this.#sessionId, dataConsumerId: data.dataConsumerId })
        .catch((error: unknown) => console.warn(`[data] ${data.label}: ready not confirmed`, error));
    };
    const from = { label: data.label, participantId: data.participantId, participantRole: data.participantRole };
    const assembler = new DataFrameAssembler(
      (payload) => this.#deliver({ ...payload, ...from }),
      (reason) => console.warn(`[data] ${data.label} from ${data.participantRole}: ${reason}`),
    );
    // Frames are assembled strictly in arrival order (hashing a finished file is asynchronous).
    let queue = Promise.resolve();
    consumer.on('message', (frame: string | ArrayBuffer) => {
      queue = queue.then(() => assembler.push(frame)).catch((error: unknown) => console.warn('[data] frame failed', error));
    });
    if (consumer.readyState === 'open') ready();
    else consumer.once('open', ready);
  }

  closeConsumer(dataConsumerId: string): void {
    this.#consumers.get(dataConsumerId)?.close();
    this.#consumers.delete(dataConsumerId);
  }

  close(): void {
    for (const channel of this.#channels.values()) {
      channel.closed = true;
      channel.producer?.close();
    }
    for (const consumer of this.#consumers.values()) consumer.close();
    this.#channels.clear();
    this.#consumers.clear();
  }
}
