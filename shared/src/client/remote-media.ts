import type { Consumer, Transport } from 'mediasoup-client/types';
import type { MediaSource } from '../domain.ts';
import type { NotificationData } from '../protocol/notifications.ts';
import type { RemoteTrack } from './call-types.ts';
import type { SignalingClient } from './signaling-client.ts';

/** The remote-track events a call engine passes on to its listeners. */
export interface RemoteMediaEvents {
  remoteTrackAdded: RemoteTrack;
  remoteTrackRemoved: RemoteTrack;
  remoteTrackChanged: RemoteTrack;
}

/** What the remote side needs from the call engine. */
export interface RemoteMediaHost {
  /** The receive transport (null while media is being set up). */
  recvTransport(): Transport | null;
  /** The call is closed: consume nothing more. */
  closed(): boolean;
  /** A milestone on the call's timeline. */
  mark(step: string): void;
  emit<E extends keyof RemoteMediaEvents>(event: E, payload: RemoteMediaEvents[E]): void;
}

/**
 * The other participants' media in one call: consumes what the server announces (consumers
 * arrive paused and are resumed once set up), follows the senders' mute and camera-off, and
 * drops consumers the server closes.
 */
export class RemoteMedia {
  readonly #signaling: SignalingClient;
  readonly #sessionId: string;
  readonly #host: RemoteMediaHost;
  readonly #consumers = new Map<string, { consumer: Consumer; remote: RemoteTrack }>();
  /** Sources this receiver does not want for now: their consumers stay paused at the SFU. */
  readonly #unwanted = new Set<MediaSource>();

  constructor(signaling: SignalingClient, sessionId: string, host: RemoteMediaHost) {
    this.#signaling = signaling;
    this.#sessionId = sessionId;
    this.#host = host;
  }

  get tracks(): RemoteTrack[] {
    return [...this.#consumers.values()].map((entry) => entry.remote);
  }

  /** Every consumer with what it carries (for statistics). */
  get consumers(): { consumer: Consumer; remote: RemoteTrack }[] {
    return [...this.#consumers.values()];
  }

  /** Subscribes to the server's consumer notifications of this session; returns the unsubscribers. */
  listen(): (() => void)[] {
    const mine = (data: { sessionId: string }) => data.sessionId === this.#sessionId;
    return [
      this.#signaling.on('media.consumerAdded', (data) => {
        if (mine(data)) void this.#consume(data).catch((error: unknown) => console.error('consume failed', error));
      }),
      this.#signaling.on('media.consumerClosed', (data) => {
        if (!mine(data)) return;
        const entry = this.#consumers.get(data.consumerId);
        if (!entry) return;
        entry.consumer.close();
        this.#consumers.delete(data.consumerId);
        this.#host.emit('remoteTrackRemoved', entry.remote);
      }),
      this.#signaling.on('media.consumerPaused', (data) => {
        const entry = mine(data) ? this.#consumers.get(data.consumerId) : undefined;
        if (!entry) return;
        entry.remote = { ...entry.remote, paused: data.paused };
        this.#host.emit('remoteTrackChanged', entry.remote);
      }),
    ];
  }

  /**
   * Whether this receiver wants `source` now. An unwanted source's consumers stay paused at the
   * SFU, so none of its bitrate reaches this receiver's link (an interpreter's document camera
   * until they open it); wanting it again resumes them (the SFU asks for a key frame).
   */
  async setSourceWanted(source: MediaSource, wanted: boolean): Promise<void> {
    if (wanted) this.#unwanted.delete(source);
    else this.#unwanted.add(source);
    const method = wanted ? 'media.resumeConsumer' : 'media.pauseConsumer';
    await Promise.all(
      [...this.#consumers.values()]
        .filter((entry) => entry.remote.source === source)
        .map((entry) => this.#signaling.request(method, { sessionId: this.#sessionId, consumerId: entry.remote.consumerId })),
    );
  }

  isSourceWanted(source: MediaSource): boolean {
    return !this.#unwanted.has(source);
  }

  /** Forgets every consumer (media torn down); each remote track is reported removed. */
  clear(): void {
    for (const entry of this.#consumers.values()) this.#host.emit('remoteTrackRemoved', entry.remote);
    this.#consumers.clear();
  }

  async #consume(data: NotificationData<'media.consumerAdded'>): Promise<void> {
    const transport = this.#host.recvTransport();
    if (!transport || this.#host.closed()) return;
    const consumer = await transport.consume({
      id: data.consumerId,
      producerId: data.producerId,
      kind: data.kind,
      rtpParameters: data.rtpParameters as never,
    });
    const remote: RemoteTrack = {
      consumerId: data.consumerId,
      producerId: data.producerId,
      kind: data.kind,
      source: data.source,
      participantId: data.participantId,
      participantRole: data.participantRole,
      track: consumer.track,
      paused: data.producerPaused,
    };
    this.#consumers.set(data.consumerId, { consumer, remote });
    this.#host.mark(`consumed:${data.source}`);
    this.#host.emit('remoteTrackAdded', remote);
    if (this.#unwanted.has(data.source)) {
      this.#host.mark(`notWanted:${data.source}`);
      return;
    }
    await this.#signaling.request('media.resumeConsumer', { sessionId: this.#sessionId, consumerId: data.consumerId });
    this.#host.mark(`resumed:${data.source}`);
  }
}
