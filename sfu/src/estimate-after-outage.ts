import type { types } from 'mediasoup';

/**
 * What the SFU's estimate of a receiver's link is held at, at least, right after the path came
 * back: the audio of everyone plus the lowest layer of each face (bit/s).
 */
export const RECOVERY_BITRATE_FLOOR = 400_000;
/** How long the range holds: enough for GoogCC to measure the new path with real traffic. */
export const RECOVERY_FLOOR_MS = 3000;

/** The range the estimate of a returning path is held in (bit/s), and for how long. */
export interface RecoveryRange {
  floor: number;
  /**
   * At most this, and never the transport's initial available bitrate: mediasoup (3.27) ignores
   * an estimate equal to that value (GoogCC reports it "periodically regardless of the real
   * bitrate"), and after an outage GoogCC's target is clamped to exactly it when the receiver's
   * desired bitrate recovers slowly (seen under load): the estimate then stayed at 0 from the
   * outage and no video went out at all (13.5 s and more in CI). A ceiling below it makes the
   * first estimate of the new path count.
   */
  ceiling: number;
  holdMs: number;
}

/** The recovery range for transports created with `initialAvailableOutgoingBitrate`. */
export function recoveryRange(initialAvailableOutgoingBitrate: number): RecoveryRange {
  const ceiling = Math.max(RECOVERY_BITRATE_FLOOR, Math.round(initialAvailableOutgoingBitrate * 0.8));
  return { floor: RECOVERY_BITRATE_FLOOR, ceiling: ceiling === initialAvailableOutgoingBitrate ? ceiling + 1000 : ceiling, holdMs: RECOVERY_FLOOR_MS };
}

/** Restarts a receive transport's bandwidth estimate when its path comes back (see below). */
export interface EstimateRestart {
  /** The client restarted ICE on this transport: the path it comes back on gets a fresh estimate. */
  iceRestarted(): void;
  stop(): void;
}

/**
 * A receive transport whose path was lost (a service bus in a dead zone) ends the outage with a
 * bandwidth estimate that has collapsed to almost nothing: seen here as 54 kbit/s after a 30 s
 * outage, below the lowest simulcast layer, so no video went out for 3 more seconds until
 * GoogCC's probing climbed back. The path that returns is as likely a new one (another cell)
 * as the old: like libwebrtc on a network route change, the estimate starts again, held for a
 * few seconds between a floor that carries audio and the lowest video layers and a ceiling (see
 * RecoveryRange), then released to the estimator. The path counts as lost when ICE went 'disconnected' (the consent expired)
 * or when the client restarted ICE (a 30 s outage ends right when mediasoup's consent would
 * expire, so that alone is a race); the floor starts when ICE is connected again or a new
 * path (tuple) is selected, and at the restart itself.
 */
export function restartEstimateAfterOutage(transport: types.WebRtcTransport, range: RecoveryRange): EstimateRestart {
  let lost = false;
  let release: ReturnType<typeof setTimeout> | undefined;
  // One change at a time, in order (a release and a new floor must not interleave).
  let changes = Promise.resolve();
  const change = (min: number, max: number) => {
    changes = changes
      .then(async () => {
        if (transport.closed) return;
        // The maximum first: mediasoup refuses a minimum above the maximum in force (and the
        // range's ceiling is above its floor).
        await transport.setMaxOutgoingBitrate(max);
        await transport.setMinOutgoingBitrate(min);
      })
      .catch(() => undefined);
  };
  const applyFloor = () => {
    if (transport.closed) return;
    clearTimeout(release);
    change(range.floor, range.ceiling);
    release = setTimeout(() => change(0, 0), range.holdMs);
  };
  const pathBack = () => {
    if (!lost) return;
    lost = false;
    applyFloor();
  };
  const onIceState = (state: types.IceState) => {
    if (state === 'disconnected') lost = true;
    else if (state === 'connected' || state === 'completed') pathBack();
  };
  transport.on('icestatechange', onIceState);
  transport.on('iceselectedtuplechange', pathBack);
  const stop = () => {
    clearTimeout(release);
    transport.off('icestatechange', onIceState);
    transport.off('iceselectedtuplechange', pathBack);
  };
  transport.observer.once('close', stop);
  return {
    iceRestarted() {
      lost = true;
      applyFloor();
    },
    stop,
  };
}
