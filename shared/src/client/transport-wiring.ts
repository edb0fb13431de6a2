import type { ConnectionState, Transport } from 'mediasoup-client/types';
import type { MediaSource } from '../domain.ts';
import type { SignalingClient } from './signaling-client.ts';

/** What a transport's event handlers need from the call engine. */
export interface TransportWiringHost {
  readonly signaling: SignalingClient;
  readonly sessionId: string;
  /** A milestone on the call's timeline. */
  mark(step: string): void;
  /** The transport's connection state changed (after the timeline mark); not called once it is closed. */
  connectionStateChanged(transport: Transport, connectionState: ConnectionState): void;
}

/**
 * Wires a mediasoup-client transport to the server: DTLS `connect` to media.connectTransport,
 * (send side) `produce` to media.produce, and its gathering and connection states onto the
 * call's timeline.
 */
export function wireTransport(transport: Transport, host: TransportWiringHost): Transport {
  const { signaling, sessionId } = host;
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    signaling
      .request('media.connectTransport', { sessionId, transportId: transport.id, dtlsParameters: dtlsParameters as never })
      .then(() => callback(), errback);
  });
  if (transport.direction === 'send') {
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      signaling
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
    if (!transport.closed) host.mark(`${transport.direction}Transport:gathering:${gatheringState}`);
  });
  transport.on('connectionstatechange', (connectionState) => {
    if (transport.closed) return;
    host.mark(`${transport.direction}Transport:${connectionState}`);
    // Media got through while signalling is still waiting for its next attempt: the network
    // is back, so signalling tries now (its ICE restart is what the receive side needs).
    if (connectionState === 'connected' && signaling.connectionState === 'reconnecting') signaling.retryNow();
    host.connectionStateChanged(transport, connectionState);
  });
  return transport;
}
