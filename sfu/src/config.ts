import os from 'node:os';
import type { types } from 'mediasoup';

export interface SfuConfig {
  /** Number of mediasoup workers; default one per core. */
  workers: number;
  /** IP the WebRtcServers listen on. */
  listenIp: string;
  /** Address announced in ICE candidates (public IP or hostname behind NAT). */
  announcedAddress: string | undefined;
  /** First UDP/TCP port; worker i uses port + i for both. 0 = pick free ports (tests). */
  rtcPort: number;
  logLevel: types.WorkerLogLevel;
  /** Initial outgoing bitrate estimate per transport, bit/s. */
  initialAvailableOutgoingBitrate: number;
}

export function sfuConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SfuConfig {
  return {
    workers: Number(env.ETAPISTE_MEDIA_WORKERS ?? os.availableParallelism()),
    listenIp: env.ETAPISTE_RTC_LISTEN_IP ?? '127.0.0.1',
    announcedAddress: env.ETAPISTE_RTC_ANNOUNCED_ADDRESS || undefined,
    rtcPort: Number(env.ETAPISTE_RTC_PORT ?? 40000),
    logLevel: (env.ETAPISTE_MEDIA_LOG_LEVEL as types.WorkerLogLevel | undefined) ?? 'warn',
    initialAvailableOutgoingBitrate: 1_500_000,
  };
}

/** Codecs of every session router: Opus, VP8 (the default), VP9 and H.264 for older kiosks. */
export const mediaCodecs: types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, preferredPayloadType: 100 },
  {
    kind: 'video',
    mimeType: 'video/VP8',
    clockRate: 90000,
    preferredPayloadType: 101,
    parameters: { 'x-google-start-bitrate': 1000 },
  },
  { kind: 'video', mimeType: 'video/VP9', clockRate: 90000, preferredPayloadType: 103, parameters: { 'profile-id': 2 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    preferredPayloadType: 105,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];
