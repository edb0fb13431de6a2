import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';

/**
 * Diagnostics for recovery problems: what each receive transport and its consumers go through —
 * ICE and DTLS states, the selected path, the bandwidth estimate, the layers sent, key-frame
 * requests, pauses — as lines `<epoch ms> <transport/consumer> <event> <detail>`. Read from
 * mediasoup's own observer events, so it shows what the SFU really did. Off by default: on with
 * ETAPISTE_MEDIA_TRACE=1 (to the log), or given a sink by a test. Ids and numbers only.
 */
export type MediaTraceEvent = { at: number; subject: string; event: string; detail: string };

const sinks = new Set<(event: MediaTraceEvent) => void>();
let attached = false;

/** Sends the trace of every receive transport created from now on to `sink`; returns a function that stops it. */
export function traceMedia(sink: (event: MediaTraceEvent) => void): () => void {
  sinks.add(sink);
  if (!attached) {
    attached = true;
    mediasoup.observer.on('newworker', (worker) => {
      worker.observer.on('newrouter', (router) => {
        router.observer.on('newtransport', (transport) => {
          const appData = transport.appData as { participantId?: string; direction?: string };
          if (sinks.size === 0 || appData.direction !== 'recv' || !('iceState' in transport)) return;
          traceReceiveTransport(transport as types.WebRtcTransport, `${appData.participantId?.slice(0, 8)}/recv/${transport.id.slice(0, 8)}`);
        });
      });
    });
  }
  return () => sinks.delete(sink);
}

let fromEnv = false;
export function enableMediaTraceFromEnv(env: NodeJS.ProcessEnv = process.env): void {
  if (fromEnv || env.ETAPISTE_MEDIA_TRACE !== '1') return;
  fromEnv = true;
  traceMedia(({ at, subject, event, detail }) => console.log(`[media-trace] ${at} ${subject} ${event} ${detail}`));
}

const log = (subject: string, event: string, detail: unknown = '') => {
  const line = { at: Date.now(), subject, event, detail: typeof detail === 'string' ? detail : JSON.stringify(detail) };
  for (const sink of sinks) sink(line);
};

function traceReceiveTransport(transport: types.WebRtcTransport, label: string): void {
  log(label, 'created');
  transport.on('icestatechange', (state) => log(label, 'ice', state));
  transport.on('dtlsstatechange', (state) => log(label, 'dtls', state));
  transport.on('iceselectedtuplechange', (tuple) => log(label, 'tuple', `${tuple.remoteIp}:${tuple.remotePort}/${tuple.protocol}`));
  let lastBitrate = -1;
  transport.on('trace', (trace) => {
    const info = trace.info as Record<string, number> | undefined;
    if (trace.type !== 'bwe' || typeof info?.availableBitrate !== 'number') return;
    // Only changes that matter (±20 %): the estimate is reported every few hundred ms.
    if (Math.abs(info.availableBitrate - lastBitrate) < lastBitrate * 0.2) return;
    lastBitrate = info.availableBitrate;
    const k = (value: number | undefined) => (typeof value === 'number' ? Math.round(value / 1000) : '?');
    log(label, 'bwe', `${k(info.availableBitrate)}k (desired ${k(info.desiredBitrate)}k, start ${k(info.startBitrate)}k, min ${k(info.minBitrate)}k, max ${k(info.maxBitrate)}k)`);
  });
  transport.observer.on('newconsumer', (consumer) => {
    if (consumer.kind !== 'video') return;
    const consumerLabel = `${label}/${consumer.id.slice(0, 8)}`;
    log(consumerLabel, 'consumer', consumer.type);
    consumer.on('layerschange', (layers) => log(consumerLabel, 'layers', layers ?? 'none'));
    consumer.observer.on('pause', () => log(consumerLabel, 'paused'));
    consumer.observer.on('resume', () => log(consumerLabel, 'resumed'));
    consumer.on('trace', (trace) => log(consumerLabel, trace.type, trace.direction));
    void consumer.enableTraceEvent(['keyframe', 'pli', 'fir']).catch(() => undefined);
  });
  transport.observer.once('close', () => log(label, 'closed'));
}
