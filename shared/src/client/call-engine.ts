import type { MediaSource } from '../domain.ts';
import { ErrorCode } from '../errors.ts';
import type { CallStartOptions, CallState, LocalTrackSpec, RemoteTrack } from './call-types.ts';
import { DataChannelHub, type DataChannel, type DataChannelOptions, type DataEvent } from './data-channels.ts';
import type { SignalingClient } from './signaling-client.ts';
import { loadedDevice } from './loaded-device.ts';
import { LocalMedia } from './local-media.ts';
import { MediaTransports } from './media-transports.ts';
import { ReconnectLadder, type LadderTiming, type Recovery } from './reconnect-ladder.ts';
import { RemoteMedia, type RemoteMediaEvents } from './remote-media.ts';
import { TypedEmitter } from './typed-emitter.ts';
import { collectCallStats, type CallStats, type NetworkPath } from './call-stats.ts';

export type { CallStats, InboundStats, OutboundStats } from './call-stats.ts';
export type { CallStartOptions, CallState, LocalTrackSpec, RemoteTrack } from './call-types.ts';

interface CallEngineEvents extends RemoteMediaEvents {
  stateChanged: CallState;
  /** A message or a file arrived on another participant's data channel. */
  data: DataEvent;
  /** After a reconnection the session was gone (it ended while this client was away). */
  sessionLost: { sessionId: string };
}

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
 * The local side is `LocalMedia`, the remote side `RemoteMedia`, the transports
 * `MediaTransports`; this class sets media up, tears it down and drives the reconnection ladder.
 */
export class CallEngine extends TypedEmitter<CallEngineEvents> {
  readonly sessionId: string;
  readonly #signaling: SignalingClient;
  readonly #transports: MediaTransports;
  readonly #local: LocalMedia;
  readonly #remote: RemoteMedia;
  #unsubscribe: (() => void)[] = [];
  #state: CallState = 'idle';
  readonly #data: DataChannelHub;
  #resumeToken: string | null = null;
  #mediaEpoch: string | null = null;
  #rebuilding: Promise<void> | null = null;
  readonly #ladder: ReconnectLadder;

  constructor(signaling: SignalingClient, sessionId: string, ladderTiming: Partial<LadderTiming> = {}) {
    super();
    this.#signaling = signaling;
    this.sessionId = sessionId;
    this.#data = new DataChannelHub(signaling, sessionId, (event) => this.emit('data', event), (step) => this.#mark(step));
    this.#transports = new MediaTransports(signaling, sessionId, {
      mark: (step) => this.#mark(step),
      connectionStateChanged: (transport, connectionState) => {
        if (connectionState === 'connected' && !this.#ladder.current) this.#setState('connected');
        else if (connectionState === 'disconnected' || connectionState === 'failed') this.#setState('reconnecting');
        this.#ladder.transportState(transport, connectionState);
      },
      sendTransportCreated: (transport) => this.#data.wireSendTransport(transport),
    });
    this.#local = new LocalMedia(signaling, sessionId, {
      sendTransport: () => this.#transports.send,
      mark: (step) => this.#mark(step),
    });
    this.#remote = new RemoteMedia(signaling, sessionId, {
      recvTransport: () => this.#transports.recv,
      closed: () => this.#state === 'closed',
      mark: (step) => this.#mark(step),
      emit: (event, payload) => this.emit(event, payload),
    });
    this.#ladder = new ReconnectLadder(
      {
        transports: () => this.#transports.live(),
        signalingOpen: () => this.#signaling.isOpen,
        restartIce: (transport) => this.#transports.restartIce(transport),
        restartIceLocally: (transport) => this.#transports.restartIceLocally(transport),
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
    return this.#data.open<T>(await this.#transports.ensureSend(), label, options);
  }

  get state(): CallState {
    return this.#state;
  }

  /** Receive `source` from the others (true) or leave it paused at the SFU (false). */
  setRemoteSourceWanted(source: MediaSource, wanted: boolean): Promise<void> {
    return this.#remote.setSourceWanted(source, wanted);
  }

  get remoteTracks(): RemoteTrack[] {
    return this.#remote.tracks;
  }

  /** Milestones of the call setup (epoch ms), for diagnostics and the join benchmark. */
  readonly timeline: { step: string; at: number }[] = [];
  #mark(step: string): void {
    this.timeline.push({ step, at: Date.now() });
  }

  /**
   * Loads the device, creates the transports and publishes the local tracks. With
   * `paused: true` the tracks are published paused (no RTP leaves the client): the booth does
   * this while it waits, so that answering only needs `resumeAll()`. `notReceiving` names
   * sources this participant does not receive until `setRemoteSourceWanted(source, true)`.
   */
  async start(localTracks: LocalTrackSpec[], options: CallStartOptions = {}): Promise<void> {
    if (this.#state !== 'idle') throw new Error('CallEngine.start called twice');
    activeCallEngines.add(this);
    this.#setState('connecting');
    this.#mark('start');
    this.#local.setTracks(localTracks, !!options.paused);
    for (const source of options.notReceiving ?? []) await this.#remote.setSourceWanted(source, false);
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
    this.#mark('deviceLoaded');

    const ice = { iceServers: iceServers as RTCIceServer[], iceTransportPolicy };
    await this.#transports.create(device, ice, this.#local.tracks.length > 0);
    this.#mark('transportsCreated');
    // Receiving and sending use separate transports: set both up at once.
    const receiving = this.#signaling
      .request('media.ready', { sessionId, rtpCapabilities: device.rtpCapabilities as never })
      .then(() => this.#mark('ready'));
    const sending = this.#local.publishAll();
    await Promise.all([receiving, sending]);
  }

  /** Drops this client's media objects (the server drops its side when media is set up again). */
  #teardownMedia(): void {
    this.#transports.close((transport) => this.#ladder.forget(transport));
    this.#remote.clear();
    this.#local.clear();
  }

  /** New transports in the session's (current) room: teardown, then set up again. One at a time. */
  #rebuild(reason: string): Promise<void> {
    if (this.#rebuilding) return this.#rebuilding;
    this.#rebuilding = (async () => {
      this.#mark(`rebuild:${reason}`);
      this.#teardownMedia();
      if (this.#state === 'closed') return;
      await this.#setupMedia();
      // The channels this client opened run on the new send transport; the app's handles stay.
      if (this.#data.hasOwnChannels) await this.#data.reopen(await this.#transports.ensureSend());
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

  /** Resumes every paused local source (the warm-started booth when the expert answers). */
  resumeAll(): Promise<void> {
    return this.#local.resumeAll();
  }

  /** Publishes a track (or replaces the track of the same source). */
  publish(spec: LocalTrackSpec): Promise<void> {
    return this.#local.publish(spec);
  }

  /** Mute / unmute the microphone, camera off / on. */
  setSourcePaused(source: MediaSource, paused: boolean): Promise<void> {
    return this.#local.setSourcePaused(source, paused);
  }

  isSourcePaused(source: MediaSource): boolean {
    return this.#local.isSourcePaused(source);
  }

  async getStats(): Promise<CallStats> {
    return collectCallStats(this.#remote.consumers, this.#local.producers);
  }

  /**
   * The network path each transport uses now: the selected ICE pair's local candidate type
   * ('host', 'srflx', 'relay') and, through TURN, the protocol to the relay.
   */
  networkPaths(): Promise<NetworkPath[]> {
    return this.#transports.networkPaths();
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
      ...this.#remote.listen(),
      this.#signaling.on('media.dataConsumerAdded', (data) => {
        const transport = this.#transports.recv;
        if (mine(data) && transport && this.#state !== 'closed') {
          void this.#data.consume(transport, data).catch((error: unknown) => console.error('data consume failed', error));
        }
      }),
      this.#signaling.on('media.dataReceiverReady', (data) => {
        if (mine(data)) this.#data.receiverReady(data.dataProducerId);
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
    );
  }

  #setState(state: CallState): void {
    if (this.#state === state || this.#state === 'closed') return;
    this.#state = state;
    this.emit('stateChanged', state);
  }
}
