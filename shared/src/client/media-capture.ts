import type { LocalTrackSpec } from './call-engine.ts';

/** Which physical cameras a booth uses, from its configuration (matched by device label). */
export interface BoothCameraConfig {
  /** Substring of the face camera's label; empty = the first camera. */
  faceCameraLabel?: string;
  /** Substring of the document camera's label; empty = the second camera, if any. */
  documentCameraLabel?: string;
}

async function videoInputs(): Promise<MediaDeviceInfo[]> {
  return (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === 'videoinput');
}

function pick(devices: MediaDeviceInfo[], label: string | undefined, fallbackIndex: number): MediaDeviceInfo | undefined {
  if (label) return devices.find((device) => device.label.includes(label));
  return devices[fallbackIndex];
}

/** Face camera and microphone of a staff workstation or a booth. */
export async function captureFaceAndMicrophone(deviceId?: string): Promise<LocalTrackSpec[]> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    video: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
  });
  const tracks: LocalTrackSpec[] = [];
  const audio = stream.getAudioTracks()[0];
  const video = stream.getVideoTracks()[0];
  if (audio) tracks.push({ source: 'microphone', track: audio });
  if (video) {
    video.contentHint = 'motion';
    tracks.push({ source: 'faceCamera', track: video });
  }
  return tracks;
}

/**
 * Resolution cap of the live document-camera stream. Above 1080p a software VP8 encoder on a
 * kiosk PC stalls (measured: a 4K fake camera sent no frames at all); full-resolution stills
 * are taken separately from the camera itself.
 */
export const DOCUMENT_STREAM_MAX = { width: 1920, height: 1080 } as const;

/**
 * The booth's tracks: face camera + microphone, and the document camera as a second video
 * track at the highest resolution the camera offers up to DOCUMENT_STREAM_MAX, hinted as
 * detail (keeps resolution, gives up frame rate under congestion).
 */
export async function captureBoothMedia(config: BoothCameraConfig = {}): Promise<LocalTrackSpec[]> {
  // Labels are only visible after a first permission grant.
  const probe = await navigator.mediaDevices.getUserMedia({ video: true });
  probe.getTracks().forEach((track) => track.stop());
  const cameras = await videoInputs();
  const face = pick(cameras, config.faceCameraLabel, 0);
  const tracks = await captureFaceAndMicrophone(face?.deviceId);
  const document = pick(cameras.filter((camera) => camera !== face), config.documentCameraLabel, 0);
  if (document) {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: {
        deviceId: { exact: document.deviceId },
        width: { ideal: DOCUMENT_STREAM_MAX.width, max: DOCUMENT_STREAM_MAX.width },
        height: { ideal: DOCUMENT_STREAM_MAX.height, max: DOCUMENT_STREAM_MAX.height },
        // Paper needs sharpness, not motion: 15 fps at most halves the encoder's work on the
        // kiosk (which also encodes the face in three layers) compared with a 30 fps camera.
        frameRate: { ideal: 15, max: 15 },
      },
    });
    const track = stream.getVideoTracks()[0];
    if (track) {
      track.contentHint = 'detail';
      tracks.push({ source: 'documentCamera', track });
    }
  }
  return tracks;
}
