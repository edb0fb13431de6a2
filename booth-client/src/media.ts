import { captureBoothMedia, type LocalTrackSpec } from '@etapiste/shared/client';
import { kioskConfig } from './kiosk-config.ts';

/**
 * The booth's cameras and microphone, captured as soon as the customer presses call so they
 * are ready when an expert answers. Tracks live here until a call takes them.
 */
let pending: Promise<LocalTrackSpec[]> | null = null;

export function prepareBoothMedia(): void {
  if (pending) return;
  pending = captureBoothMedia(kioskConfig().camera);
  pending.catch(() => undefined);
}

/** Hands the captured tracks to the caller (who then owns them). Rejects if capture failed. */
export function takeBoothMedia(): Promise<LocalTrackSpec[]> {
  prepareBoothMedia();
  const taken = pending as Promise<LocalTrackSpec[]>;
  pending = null;
  return taken;
}

/** Stops tracks captured for a call that did not happen. */
export function discardBoothMedia(): void {
  const dropped = pending;
  pending = null;
  dropped?.then(stopTracks, () => undefined);
}

export function stopTracks(tracks: LocalTrackSpec[]): void {
  for (const { track } of tracks) track.stop();
}
