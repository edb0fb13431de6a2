import type { Device } from 'mediasoup-client';
import type { Transport } from 'mediasoup-client/types';
import { networkPathsOf, type NetworkPath } from './call-stats.ts';
import { gatheredUsableCandidate, localCandidateIds } from './ice-gathering.ts';
import type { SignalingClient } from './signaling-client.ts';
import { wireTransport, type TransportWiringHost } from './transport-wiring.ts';

/** What the transports need from the call engine. */
export interface MediaTransportsHost extends Pick<TransportWiringHost, 'mark' | 'connectionStateChanged'> {
  /** The send transport was created (data channels wire their `producedata` to it). */
  sendTransportCreated(transport: Transport): void;
}

/**
 * The send and the receive transport of one call: created on the loaded device with the
 * session's ICE servers, the server's current ICE parameters kept per transport, ICE restarts
 * on both ends or on this end only.
 */
export class MediaTransports {
  readonly #signaling: SignalingClient;
  readonly #sessionId: string;
  readonly #host: MediaTransportsHost;
  #device: Device | null = null;
  #send: Transport | null = null;
  #recv: Transport | null = null;
  #sendPending: Promise<Transport> | null = null;
  #ice: { iceServers: RTCIceServer[]; iceTransportPolicy: 'all' | 'relay' } | null = null;
  /** The server's current ICE parameters per transport (local ICE restarts while signalling is down). */
  readonly #serverIce = new Map<string, unknown>();

  constructor(signaling: SignalingClient, sessionId: string, host: MediaTransportsHost) {
    this.#signaling = signaling;
    this.#sessionId = sessionId;
    this.#host = host;
  }

  get send(): Transport | null {
    return this.#send;
  }

  get recv(): Transport | null {
    return this.#recv;
  }

  /** The transports that are open. */
  live(): Transport[] {
    return [this.#send, this.#recv].filter((transport): transport is Transport => !!transport && !transport.closed);
  }

  /**
   * Creates the receive transport, and the send transport too when `withSend` (at once), on
   * `device` with the session's ICE servers.
   */
  async create(
    device: Device,
    ice: { iceServers: RTCIceServer[]; iceTransportPolicy: 'all' | 'relay' },
    withSend: boolean,
  ): Promise<void> {
    this.#device = device;
    this.#ice = ice;
    const [, recvOptions] = await Promise.all([
      withSend ? this.ensureSend() : null,
      this.#signaling.request('media.createTransport', { sessionId: this.#sessionId, direction: 'recv' }),
    ]);
    this.#serverIce.set(recvOptions.transportId, recvOptions.iceParameters);
    this.#recv = this.#wire(device.createRecvTransport({ ...recvOptions, id: recvOptions.transportId, ...this.#ice } as never));
  }

  /** The send transport, created on first use (a receive-only participant may still open data channels). */
  ensureSend(): Promise<Transport> {
    if (this.#send) return Promise.resolve(this.#send);
    this.#sendPending ??= (async () => {
      const device = this.#device;
      if (!device || !this.#ice) throw new Error('the call is not started');
      const options = await this.#signaling.request('media.createTransport', { sessionId: this.#sessionId, direction: 'send' });
      this.#serverIce.set(options.transportId, options.iceParameters);
      const transport = this.#wire(device.createSendTransport({ ...options, id: options.transportId, ...this.#ice } as never));
      this.#host.sendTransportCreated(transport);
      this.#send = transport;
      return transport;
    })();
    return this.#sendPending;
  }

  /** ICE restart on both ends: the server's new ICE parameters, then the client's. */
  async restartIce(transport: Transport): Promise<void | 'networkNotReady'> {
    const { iceParameters } = await this.#signaling.request('media.restartIce', { sessionId: this.#sessionId, transportId: transport.id }, { timeoutMs: 4000 });
    if (transport.closed) return;
    this.#serverIce.set(transport.id, iceParameters);
    const before = await localCandidateIds(transport);
    await transport.restartIce({ iceParameters: iceParameters as never });
    if (!(await gatheredUsableCandidate(transport, before))) return 'networkNotReady';
  }

  /** ICE restart on this end only, with the server's last ICE parameters (signalling is down). */
  async restartIceLocally(transport: Transport): Promise<void> {
    const iceParameters = this.#serverIce.get(transport.id);
    if (iceParameters) await transport.restartIce({ iceParameters: iceParameters as never });
  }

  /**
   * The network path each transport uses now: the selected ICE pair's local candidate type
   * ('host', 'srflx', 'relay') and, through TURN, the protocol to the relay.
   */
  networkPaths(): Promise<NetworkPath[]> {
    return networkPathsOf([this.#send, this.#recv]);
  }

  /** Closes both transports (`closing` is told of each first) and forgets them. */
  close(closing: (transport: Transport) => void): void {
    for (const transport of [this.#send, this.#recv]) {
      if (!transport) continue;
      closing(transport);
      transport.close();
    }
    this.#send = null;
    this.#sendPending = null;
    this.#recv = null;
    this.#serverIce.clear();
  }

  #wire(transport: Transport): Transport {
    return wireTransport(transport, {
      signaling: this.#signaling,
      sessionId: this.#sessionId,
      mark: (step) => this.#host.mark(step),
      connectionStateChanged: (changed, connectionState) => this.#host.connectionStateChanged(changed, connectionState),
    });
  }
}
