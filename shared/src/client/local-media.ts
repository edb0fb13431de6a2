import type { Producer, Transport } from 'mediasoup-client/types';
import type { MediaSource } from '../domain.ts';
import type { LocalTrackSpec } from './call-types.ts';
import { applySenderPreferences, sendSettings } from './send-encodings.ts';
import type { SignalingClient } from './signaling-client.ts';

const publishOrder: Record<MediaSource, number> = { faceCamera: 0, microphone: 1, documentCamera: 2 };

/** What the local side needs from the call engine. */
export interface LocalMediaHost {
  /** The send transport (null until created). */
  sendTransport(): Transport | null;
  /** A milestone on the call's timeline. */
  mark(step: string): void;
}

/**
 * This participant's published media in one call: the local tracks, their producers, and which
 * sources are paused (microphone mute, camera off, a warm-started booth).
 */
export class LocalMedia {
  readonly #signaling: SignalingClient;
  readonly #sessionId: string;
  readonly #host: LocalMediaHost;
  readonly #producers = new Map<MediaSource, Producer>();
  #tracks: LocalTrackSpec[] = [];
  /** Sources the user (or the warm start) paused: kept paused across media rebuilds. */
  readonly #pausedSources = new Set<MediaSource>();

  constructor(signaling: SignalingClient, sessionId: string, host: LocalMediaHost) {
    this.#signaling = signaling;
    this.#sessionId = sessionId;
    this.#host = host;
  }

  /** The tracks published every time media is set up; with `paused` all their sources start paused. */
  setTracks(localTracks: LocalTrackSpec[], paused: boolean): void {
    this.#tracks = [...localTracks];
    if (paused) for (const { source } of localTracks) this.#pausedSources.add(source);
  }

  get tracks(): LocalTrackSpec[] {
    return this.#tracks;
  }

  /** The producers by source (for statistics). */
  get producers(): Map<MediaSource, Producer> {
    return this.#producers;
  }

  /** Publishes every local track (paused ones paused). The face goes first, it is what the other side waits to see. */
  async publishAll(): Promise<void> {
    for (const local of [...this.#tracks].sort((a, b) => publishOrder[a.source] - publishOrder[b.source])) {
      await this.publish(local);
      if (this.#pausedSources.has(local.source)) await this.#pauseProducer(local.source, true);
      this.#host.mark(`produced:${local.source}`);
    }
  }

  /** Publishes a track (or replaces the track of the same source). */
  async publish({ source, track }: LocalTrackSpec): Promise<void> {
    const existing = this.#producers.get(source);
    if (existing) {
      await existing.replaceTrack({ track });
      return;
    }
    const sendTransport = this.#host.sendTransport();
    if (!sendTransport) throw new Error('no send transport');
    const settings = sendSettings[source];
    const producer = await sendTransport.produce({
      track,
      stopTracks: false,
      // Pausing disables the track (black frames / silence at a few kbit/s) rather than
      // renegotiating: resuming is then instant, and a waiting booth sends nothing of the customer.
      disableTrackOnPause: true,
      zeroRtpOnPause: false,
      ...(settings.encodings ? { encodings: settings.encodings } : {}),
      codecOptions: settings.startBitrate ? { videoGoogleStartBitrate: settings.startBitrate } : { opusFec: true, opusDtx: false },
      appData: { source },
    });
    this.#producers.set(source, producer);
    await applySenderPreferences(producer.rtpSender, settings);
  }

  /** Resumes every paused local source (the warm-started booth when the expert answers). */
  async resumeAll(): Promise<void> {
    await Promise.all([...this.#producers.keys()].map((source) => this.setSourcePaused(source, false)));
    this.#host.mark('resumedAll');
  }

  /** Mute / unmute the microphone, camera off / on. */
  async setSourcePaused(source: MediaSource, paused: boolean): Promise<void> {
    if (paused) this.#pausedSources.add(source);
    else this.#pausedSources.delete(source);
    await this.#pauseProducer(source, paused);
  }

  isSourcePaused(source: MediaSource): boolean {
    return this.#producers.get(source)?.paused ?? true;
  }

  /** Forgets the producers (media torn down); the paused sources stay for the next setup. */
  clear(): void {
    this.#producers.clear();
  }

  async #pauseProducer(source: MediaSource, paused: boolean): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer || producer.paused === paused) return;
    if (paused) producer.pause();
    else producer.resume();
    await this.#signaling.request('media.setProducerPaused', { sessionId: this.#sessionId, producerId: producer.id, paused });
  }
}
