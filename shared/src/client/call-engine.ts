import { Device } from 'mediasoup-client';
import type { Consumer, Producer, Transport } from 'mediasoup-client/types';
import type { MediaSource, ParticipantRole } from '../domain.ts';
import { ErrorCode } from '../errors.ts';
import type { NotificationData } from '../protocol/notifications.ts';
import { DataChannelHub, type DataChannel, type DataChannelOptions, type DataEvent } from './data-channels.ts';
import type { SignalingClient } from './signaling-client.ts';
import { gatheredUsableCandidate, localCandidateIds } from './ice-gathering.ts';
import { ReconnectLadder, type LadderTiming, type Recovery } from './reconnect-ladder.ts';
import { applySenderPreferences, sendSettings } from './send-encodings.ts';
import { TypedEmitter } from './typed-emitter.ts';
import { collectCallStats, networkPathsOf, type CallStats, type NetworkPath } from './call-stats.ts';

export type { CallStats, InboundStats, OutboundStats } from './call-stats.ts';

/** A track this client publishes, tagged with what it is. */
export interface LocalTrackSpec {
  source: MediaSource;
  track: MediaStreamTrack;
}

/** A track received from another participant. */
export interface RemoteTrack {
  consumerId: string;
  producerId: string;
  kind: 'audio' | 'video';
  source: MediaSource;
  participantId: string;
  participantRole: ParticipantRole;
  track: MediaStreamTrack;
  /** The sender has muted this track (microphone mute / camera off). */
  paused: boolean;
}

/** 'reconnecting': the reconnection ladder is bringing media back (see ReconnectLadder). */
export type CallState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failed' | 'closed';

interface CallEngineEvents {
  remoteTrackAdded: RemoteTrack;
  remoteTrackRemoved: RemoteTrack;
  remoteTrackChanged: RemoteTrack;
  stateChanged: CallState;
  /** A message or a file arrived on another participant's data channel. */
  data: DataEvent;
  /** After a reconnection the session was gone (it ended while this client was away). */
  sessionLost: { sessionId: string };
}


/**
 * Loaded devices by router capabilities: every session router has the same codecs, so one
 * loaded Device serves every call of the page and answering skips the load.
 */
const devices = new Map<string, Promise<Device>>();
function loadedDevice(routerRtpCapabilities: unknown): Promise<Device> {
  const key = JSON.stringify(routerRtpCapabilities);
  let device = devices.get(key);
  if (!device) {
    device = (async () => {
      const fresh = new Device();
      await fresh.load({ routerRtpCapabilities: routerRtpCapabilities as never });
      return fresh;
    })();
    device.catch(() => devices.delete(key));
    devices.set(key, device);
  }
  return device;
}

const publishOrder: Record<MediaSource, number> = { faceCamera: 0, microphone: 1, documentCamera: 2 };

/** Subscribes to the browser's 'online' event (none outside a browser). */
function onBrowserOnline(listener: () => void): () => void {
  if (typeof globalThis.addEventListener !== 'function') return () => undefined;
  globalThis.addEventListener('online', listener);
  return () => globalThis.removeEventListener('online', listener);
}

/** Live engines, so end-to-end tests and diagnostics can read `getStats()` of the page. */
export const activeCallEngines = new Set<CallEngine>();
(globalThis as { __etapisteCalls?: Set<CallEngine> }).__etapisteCalls = activeCallEngines;

/**
 * One participant's media in one service session, on top of mediasoup-client: loads the
 * device, creates a send and a receive transport, publishes local tracks and consumes the
 * others' (consumers arrive paused and are resumed once set up). The three apps share it.
 */
export class CallEngine extends TypedEmitter<CallEngineEvents> {
  readonly sessionId: string;
  readonly #signaling: SignalingClient;
  #device: Device | null = null;
  #sendTransport: Transport | null = null;
  #recvTransport: Transport | null = null;
  #producers = new Map<MediaSource, Producer>();
  #consumers = new Map<string, { consumer: Consumer; remote: RemoteTrack }>();
  #unsubscribe: (() => void)[] = [];
  #state: CallState = 'idle';
  readonly #data: DataChannelHub;
  #sendTransportPending: Promise<Transport> | null = null;
  #ice: { iceServers: RTCIceServer[]; iceTransportPolicy: 'all' | 'relay' } | null = null;
  #localTracks: LocalTrackSpec[] = [];
  /** Sources the user (or the warm start) paused: kept paused across media rebuilds. */
  readonly #pausedSources = new Set<MediaSource>();
  #resumeToken: string | null = null;
  #mediaEpoch: string | null = null;
  /** The server's current ICE parameters per transport (local ICE restarts while signalling is down). */
  readonly #serverIce = new Map<string, unknown>();
  #rebuilding: Promise<void> | null = null;
  readonly #ladder: ReconnectLadder;

  constructor(signaling: SignalingClient, sessionId: string, ladderTiming: Partial<LadderTiming> = {}) {
    super();
    this.#signaling = signaling;
    this.sessionId = sessionId;
    this.#data = new DataChannelHub(signaling, sessionId, (event) => this.emit('data', event));
    this.#ladder = new ReconnectLadder(
      {
        transports: () => [this.#sendTransport, this.#recvTransport].filter((transport): transport is Transport => !!transport && !transport.closed),
        signalingOpen: () => this.#signaling.isOpen,
        restartIce: (transport) => this.#restartIce(transport),
        restartIceLocally: async (transport) => {
          const iceParameters = this.#serverIce.get(transport.id);
          if (iceParameters) await transport.restartIce({ iceParameters: iceParameters as never });
        },
        newTransports: () => this.#rebuild('newTransports'),
        rejoin: async () => {
          if (!(await this.#resumeSession())) await this.#rebuild('rejoin');
        },
        recovering: (active) => {
          this.#mark(active ? 'recovering' : 'recovered');
          this.#setState(active ? 'reconnecting' : 'connected');
        },
      },
      ladderTiming,
    );
  }

  /** Every recovery of this call with the times of its ladder steps (fault tests, bench:faults). */
  get recoveries(): readonly Recovery[] {
    return this.#ladder.recoveries;
  }

  /** The session's media room this call is set up in (changes when the room is rebuilt). */
  get mediaEpoch(): string | null {
    return this.#mediaEpoch;
  }

  /**
   * Opens a data channel of this participant: typed JSON messages and chunked files (with
   * flow control) to the other participants, or only to `receiverRoles`. Receivers get them
   * as `data` events with the sender's participant id and role. Call after start().
   */
  async openDataChannel<T>(label: string, options: DataChannelOptions = {}): Promise<DataChannel<T>> {
    if (this.#state === 'idle' || this.#state === 'closed') throw new Error('the call is not started');
    return this.#data.open<T>(await this.#ensureSendTransport(), label, options);
  }

  get state(): CallState {
    return this.#state;
  }

  get remoteTracks(): RemoteTrack[] {
    return [...this.#consumers.values()].map((entry) => entry.remote);
  }

  /** Milestones of the call setup (epoch ms), for diagnostics and the join benchmark. */
  readonly timeline: { step: string; at: number }[] = [];
  #mark(step: string): void {
    this.timeline.push({ step, at: Date.now() });
  }

  /**
   * Loads the device, creates the transports and publishes the local tracks. With
   * `paused: true` the tracks are published paused (no RTP leaves the client): the booth does
   * this while it waits, so that answering only needs `resumeAll()`.
   */
  async start(localTracks: LocalTrackSpec[], options: { paused?: boolean } = {}): Promise<void> {
    if (this.#state !== 'idle') throw new Error('CallEngine.start called twice');
    activeCallEngines.add(this);
    this.#setState('connecting');
    this.#mark('start');
    this.#localTracks = [...localTracks];
    if (options.paused) for (const { source } of localTracks) this.#pausedSources.add(source);
    this.#listen();
    await this.#setupMedia();
  }

  /**
   * Joins the session's media: router capabilities (with the media epoch and the resume
   * token), a send and a receive transport, the local tracks published (paused ones paused),
   * and the server told that this client can receive.
   */
  async #setupMedia(): Promise<void> {
    const sessionId = this.sessionId;
    const joined = await this.#signaling.request('media.getRouterCapabilities', { sessionId });
    const { routerRtpCapabilities, iceServers, iceTransportPolicy } = joined;
    this.#mediaEpoch = joined.mediaEpoch;
    this.#resumeToken = joined.resumeToken;
    this.#mark('routerCapabilities');
    const device = await loadedDevice(routerRtpCapabilities);
    this.#device = device;
    this.#mark('deviceLoaded');

    this.#ice = { iceServers: iceServers as RTCIceServer[], iceTransportPolicy };
    const localTracks = this.#localTracks;
    const [, recvOptions] = await Promise.all([
      localTracks.length > 0 ? this.#ensureSendTransport() : null,
      this.#signaling.request('media.createTransport', { sessionId, direction: 'recv' }),
    ]);
    this.#serverIce.set(recvOptions.transportId, recvOptions.iceParameters);
    this.#recvTransport = this.#wireTransport(
      device.createRecvTransport({ ...recvOptions, id: recvOptions.transportId, ...this.#ice } as never),
    );
    this.#mark('transportsCreated');
    // Receiving and sending use separate transports: set both up at once. The face goes
    // first, it is what the other side waits to see.
    const receiving = this.#signaling
      .request('media.ready', { sessionId, rtpCapabilities: device.rtpCapabilities as never })
      .then(() => this.#mark('ready'));
    const sending = (async () => {
      for (const local of [...localTracks].sort((a, b) => publishOrder[a.source] - publishOrder[b.source])) {
        await this.publish(local);
        if (this.#pausedSources.has(local.source)) await this.#pauseProducer(local.source, true);
        this.#mark(`produced:${local.source}`);
      }
    })();
    await Promise.all([receiving, sending]);
  }

  /** The send transport, created on first use (a receive-only participant may still open data channels). */
  #ensureSendTransport(): Promise<Transport> {
    if (this.#sendTransport) return Promise.resolve(this.#sendTransport);
    this.#sendTransportPending ??= (async () => {
      const device = this.#device;
      if (!device || !this.#ice) throw new Error('the call is not started');
      const options = await this.#signaling.request('media.createTransport', { sessionId: this.sessionId, direction: 'send' });
      this.#serverIce.set(options.transportId, options.iceParameters);
      const transport = this.#wireTransport(device.createSendTransport({ ...options, id: options.transportId, ...this.#ice } as never));
      this.#data.wireSendTransport(transport);
      this.#sendTransport = transport;
      return transport;
    })();
    return this.#sendTransportPending;
  }

  /** Drops this client's media objects (the server drops its side when media is set up again). */
  #teardownMedia(): void {
    for (const transport of [this.#sendTransport, this.#recvTransport]) {
      if (!transport) continue;
      this.#ladder.forget(transport);
      transport.close();
    }
    this.#sendTransport = null;
    this.#sendTransportPending = null;
    this.#recvTransport = null;
    this.#serverIce.clear();
    for (const entry of this.#consumers.values()) this.emit('remoteTrackRemoved', entry.remote);
    this.#consumers.clear();
    this.#producers.clear();
  }

  /** New transports in the session's (current) room: teardown, then set up again. One at a time. */
  #rebuild(reason: string): Promise<void> {
    if (this.#rebuilding) return this.#rebuilding;
    this.#rebuilding = (async () => {
      this.#mark(`rebuild:${reason}`);
      this.#teardownMedia();
      if (this.#state === 'closed') return;
      await this.#setupMedia();
      this.#mark('rebuilt');
    })().finally(() => {
      this.#rebuilding = null;
    });
    return this.#rebuilding;
  }

  /** Re-binds this call to its participant after a reconnection; rebuilds media if the room changed. */
  async #resumeSession(): Promise<boolean> {
    if (!this.#resumeToken) return false;
    const { mediaEpoch } = await this.#signaling.request('session.resume', { sessionId: this.sessionId, resumeToken: this.#resumeToken });
    this.#mark('resumed');
    if (mediaEpoch !== this.#mediaEpoch) {
      this.#ladder.note('roomChanged', 'rejoin');
      await this.#rebuild('roomChanged');
      return true;
    }
    return false;
  }

  /** ICE restart on both ends: the server's new ICE parameters, then the client's. */
  async #restartIce(transport: Transport): Promise<void | 'networkNotReady'> {
    const { iceParameters } = await this.#signaling.request('media.restartIce', { sessionId: this.sessionId, transportId: transport.id }, { timeoutMs: 4000 });
    if (transport.closed) return;
    this.#serverIce.set(transport.id, iceParameters);
    const before = await localCandidateIds(transport);
    await transport.restartIce({ iceParameters: iceParameters as never });
    if (!(await gatheredUsableCandidate(transport, before))) return 'networkNotReady';
  }

  /** Resumes every paused local source (the warm-started booth when the expert answers). */
  async resumeAll(): Promise<void> {
    await Promise.all([...this.#producers.keys()].map((source) => this.setSourcePaused(source, false)));
    this.#mark('resumedAll');
  }

  /** Publishes a track (or replaces the track of the same source). */
  async publish({ source, track }: LocalTrackSpec): Promise<void> {
    const existing = this.#producers.get(source);
    if (existing) {
      await existing.replaceTrack({ track });
      return;
    }
    if (!this.#sendTransport) throw new Error('no send transport');
    const settings = sendSettings[source];
    const producer = await this.#sendTransport.produce({
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

  /** Mute / unmute the microphone, camera off / on. */
  async setSourcePaused(source: MediaSource, paused: boolean): Promise<void> {
    if (paused) this.#pausedSources.add(source);
    else this.#pausedSources.delete(source);
    await this.#pauseProducer(source, paused);
  }

  async #pauseProducer(source: MediaSource, paused: boolean): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer || producer.paused === paused) return;
    if (paused) producer.pause();
    else producer.resume();
    await this.#signaling.request('media.setProducerPaused', { sessionId: this.sessionId, producerId: producer.id, paused });
  }

  isSourcePaused(source: MediaSource): boolean {
    return this.#producers.get(source)?.paused ?? true;
  }

  async getStats(): Promise<CallStats> {
    return collectCallStats([...this.#consumers.values()], this.#producers);
  }

  /**
   * The network path each transport uses now: the selected ICE pair's local candidate type
   * ('host', 'srflx', 'relay') and, through TURN, the protocol to the relay.
   */
  networkPaths(): Promise<NetworkPath[]> {
    return networkPathsOf([this.#sendTransport, this.#recvTransport]);
  }

  /** Closes transports locally. The server releases its side on session end or disconnect. */
  close(): void {
    if (this.#state === 'closed') return;
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    this.#data.close();
    this.#ladder.stop();
    this.#teardownMedia();
    activeCallEngines.delete(this);
    this.#setState('closed');
  }

  #listen(): void {
    const mine = (data: { sessionId: string }) => data.sessionId === this.sessionId;
    this.#unsubscribe.push(
      this.#signaling.on('media.consumerAdded', (data) => {
        if (mine(data)) void this.#consume(data).catch((error: unknown) => console.error('consume failed', error));
      }),
      this.#signaling.on('media.consumerClosed', (data) => {
        if (!mine(data)) return;
        const entry = this.#consumers.get(data.consumerId);
        if (!entry) return;
        entry.consumer.close();
        this.#consumers.delete(data.consumerId);
        this.emit('remoteTrackRemoved', entry.remote);
      }),
      this.#signaling.on('media.dataConsumerAdded', (data) => {
        const transport = this.#recvTransport;
        if (mine(data) && transport && this.#state !== 'closed') {
          void this.#data.consume(transport, data).catch((error: unknown) => console.error('data consume failed', error));
        }
      }),
      this.#signaling.on('media.dataConsumerClosed', (data) => {
        if (mine(data)) this.#data.closeConsumer(data.dataConsumerId);
      }),
      // The browser saw its network come back: the next ladder step now.
      onBrowserOnline(() => {
        this.#mark('online');
        this.#ladder.kick('online');
      }),
      this.#signaling.on('connectionState', (state) => this.#mark(`signaling:${state}`)),
      // The signalling connection came back: re-bind to the session; a rebuilt room means new media.
      this.#signaling.on('reconnected', () => {
        this.#mark('signalingReconnected');
        void this.#resumeSession()
          .then(() => this.#ladder.kick('signalingReconnected'))
          .catch((error: unknown) => {
            console.warn('session.resume failed', error);
            const code = (error as { code?: string }).code;
            if (code === ErrorCode.NotFound || code === ErrorCode.Forbidden) {
              this.#ladder.stop();
              this.#setState('failed');
              this.emit('sessionLost', { sessionId: this.sessionId });
            }
          });
      }),
      // The worker carrying the room died and the server rebuilt the room: set up media again.
      this.#signaling.on('media.roomRebuilt', (data) => {
        if (!mine(data) || data.mediaEpoch === this.#mediaEpoch) return;
        this.#ladder.note('roomRebuilt', 'newTransports');
        void this.#rebuild('roomRebuilt').catch((error: unknown) => {
          console.error('media rebuild failed', error);
          this.#ladder.kick('rebuildFailed');
        });
      }),
      this.#signaling.on('media.consumerPaused', (data) => {
        const entry = mine(data) ? this.#consumers.get(data.consumerId) : undefined;
        if (!entry) return;
        entry.remote = { ...entry.remote, paused: data.paused };
        this.emit('remoteTrackChanged', entry.remote);
      }),
    );
  }

  async #consume(data: NotificationData<'media.consumerAdded'>): Promise<void> {
    const transport = this.#recvTransport;
    if (!transport || this.#state === 'closed') return;
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
    this.#mark(`consumed:${data.source}`);
    this.emit('remoteTrackAdded', remote);
    await this.#signaling.request('media.resumeConsumer', { sessionId: this.sessionId, consumerId: data.consumerId });
    this.#mark(`resumed:${data.source}`);
  }

  #wireTransport(transport: Transport): Transport {
    const sessionId = this.sessionId;
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.#signaling
        .request('media.connectTransport', { sessionId, transportId: transport.id, dtlsParameters: dtlsParameters as never })
        .then(() => callback(), errback);
    });
    if (transport.direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        this.#signaling
          .request('media.produce', {
            sessionId,
            transportId: transport.id,
            kind,
            source: (appData as { source: MediaSource }).source,
            rtpParameters: rtpParameters as never,
          })
          .then(({ producerId }) => callback({ id: producerId }), errback);
      });
    }
    transport.on('icegatheringstatechange', (gatheringState) => {
      if (!transport.closed) this.#mark(`${transport.direction}Transport:gathering:${gatheringState}`);
    });
    transport.on('connectionstatechange', (connectionState) => {
      if (transport.closed) return;
      this.#mark(`${transport.direction}Transport:${connectionState}`);
      // Media got through while signalling is still waiting for its next attempt: the network
      // is back, so signalling tries now (its ICE restart is what the receive side needs).
      if (connectionState === 'connected' && this.#signaling.connectionState === 'reconnecting') this.#signaling.retryNow();
      if (connectionState === 'connected' && !this.#ladder.current) this.#setState('connected');
      else if (connectionState === 'disconnected' || connectionState === 'failed') this.#setState('reconnecting');
      this.#ladder.transportState(transport, connectionState);
    });
    return transport;
  }

  #setState(state: CallState): void {
    if (this.#state === state || this.#state === 'closed') return;
    this.#state = state;
    this.emit('stateChanged', state);
  }
}
