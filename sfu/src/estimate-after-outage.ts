import type { types } from 'mediasoup';

/**
 * What the SFU's estimate of a receiver's link is held at, at least, right after the path came
 * back: the audio of everyone plus the lowest layer of each face (bit/s).
 */
export const RECOVERY_BITRATE_FLOOR = 400_000;
/** How long the floor holds: enough for GoogCC to measure the new path with real traffic. */
export const RECOVERY_FLOOR_MS = 3000;

/**
 * A receive transport whose path was lost (ICE 'disconnected': the receiver's consent expired
 * in an outage, e.g. a service bus in a dead zone) ends the outage with a bandwidth estimate
 * that has collapsed to almost nothing: seen here as 54 kbit/s after a 30 s outage, below the
 * lowest simulcast layer, so no video went out for 3 more seconds until GoogCC's probing climbed
 * back. The path that returns is as likely a new one (another cell) as the old: like libwebrtc
 * on a network route change, the estimate starts again, here from a floor that carries audio
 * and the lowest video layers, held for a few seconds and then released to the estimator.
 * Returns a function that stops watching.
 */
export function restartEstimateAfterOutage(
  transport: types.WebRtcTransport,
  floor = RECOVERY_BITRATE_FLOOR,
  holdMs = RECOVERY_FLOOR_MS,
): () => void {
  let lost = false;
  let release: ReturnType<typeof setTimeout> | undefined;
  const onIceState = (state: types.IceState) => {
    if (state === 'disconnected') {
      lost = true;
      return;
    }
    if ((state !== 'connected' && state !== 'completed') || !lost || transport.closed) return;
    lost = false;
    clearTimeout(release);
    void transport.setMinOutgoingBitrate(floor).catch(() => undefined);
    release = setTimeout(() => {
      if (!transport.closed) void transport.setMinOutgoingBitrate(0).catch(() => undefined);
    }, holdMs);
  };
  transport.on('icestatechange', onIceState);
  const stop = () => {
    clearTimeout(release);
    transport.off('icestatechange', onIceState);
  };
  transport.observer.once('close', stop);
  return stop;
}
