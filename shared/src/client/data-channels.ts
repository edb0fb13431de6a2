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
  close(): void;
}

/** Above this many bytes waiting in the browser's buffer the sender waits for `bufferedamountlow`. */
const HIGH_WATER_BYTES = 1024 * 1024;
const LOW_WATER_BYTES = 256 * 1024;

/** The data channels of one call: the ones this client opened and the others' it receives. */
export class DataChannelHub {
  readonly #signaling: SignalingClient;
  readonly #sessionId: string;
  readonly #deliver: (event: DataEvent) => void;
  readonly #producers = new Map<string, DataProducer>();
  readonly #consumers = new Map<string, DataConsumer>();
  #nextTransferId = 1;

  constructor(signaling: SignalingClient, sessionId: string, deliver: (event: DataEvent) => void) {
    this.#signaling = signaling;
    this.#sessionId = sessionId;
    this.#deliver = deliver;
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
    if (this.#producers.has(label)) throw new Error(`data channel ${label} is already open`);
    const producer = await transport.produceData({
      ordered: true,
      label,
      protocol: options.protocol ?? '',
      appData: options.receiverRoles ? { receiverRoles: options.receiverRoles } : {},
    });
    producer.bufferedAmountLowThreshold = LOW_WATER_BYTES;
    this.#producers.set(label, producer);
    producer.observer.once('close', () => this.#producers.delete(label));
    const drained = () =>
      new Promise<void>((resolve, reject) => {
        if (producer.closed) return reject(new Error(`data channel ${label} is closed`));
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
    return {
      label,
      send: (message: T) => producer.send(JSON.stringify({ t: 'msg', v: message })),
      sendFile: async (file, onProgress) => {
        const { header, chunks } = await fileFrames(this.#nextTransferId++ % 0xffffffff, file);
        producer.send(header);
        let sent = 0;
        for (const chunk of chunks) {
          if (producer.bufferedAmount > HIGH_WATER_BYTES) await drained();
          producer.send(chunk as Uint8Array<ArrayBuffer>);
          sent += chunk.byteLength - 4;
          onProgress?.(sent);
        }
      },
      close: () => producer.close(),
    };
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
  }

  closeConsumer(dataConsumerId: string): void {
    this.#consumers.get(dataConsumerId)?.close();
    this.#consumers.delete(dataConsumerId);
  }

  close(): void {
    for (const producer of this.#producers.values()) producer.close();
    for (const consumer of this.#consumers.values()) consumer.close();
    this.#producers.clear();
    this.#consumers.clear();
  }
}
