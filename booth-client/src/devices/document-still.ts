import { DeviceFailure } from './bridge-client.ts';

type ImageCaptureLike = { grabFrame(): Promise<ImageBitmap> };
declare const ImageCapture: { new (track: MediaStreamTrack): ImageCaptureLike } | undefined;

/**
 * A still of the document camera at the camera's full resolution. The live stream is capped
 * at 1920×1080 (media-capture.ts); for the still the track is raised to the largest size the
 * camera offers, one frame is grabbed and encoded losslessly (PNG), and the live size is restored.
 */
export async function documentCameraStill(track: MediaStreamTrack | null): Promise<{ png: Uint8Array; width: number; height: number }> {
  if (!track || track.readyState !== 'live') throw new DeviceFailure('cameraUnavailable', 'no live document camera');
  const live = track.getConstraints();
  const capabilities = track.getCapabilities?.() ?? {};
  const maxWidth = capabilities.width?.max;
  const maxHeight = capabilities.height?.max;
  let raised = false;
  try {
    if (maxWidth && maxHeight && (maxWidth > (track.getSettings().width ?? 0) || maxHeight > (track.getSettings().height ?? 0))) {
      try {
        await track.applyConstraints({ ...live, width: { ideal: maxWidth, max: maxWidth }, height: { ideal: maxHeight, max: maxHeight } });
        raised = true;
      } catch (error) {
        // A camera that refuses its own maximum still gives a still at the live size.
        console.warn('the document camera stayed at its live size', error);
      }
    }
    const frame = await grab(track).catch((error: unknown) => {
      throw new DeviceFailure('cameraUnavailable', `no frame from the document camera: ${(error as Error).message}`);
    });
    const canvas = document.createElement('canvas');
    canvas.width = frame.width;
    canvas.height = frame.height;
    canvas.getContext('2d')!.drawImage(frame, 0, 0);
    frame.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new DeviceFailure('cameraUnavailable', 'could not encode the still');
    return { png: new Uint8Array(await blob.arrayBuffer()), width: canvas.width, height: canvas.height };
  } finally {
    if (raised) await track.applyConstraints(live).catch((error: unknown) => console.warn('restoring the document camera failed', error));
  }
}

/** One frame at the track's current size, after the new size has reached the frames. */
async function grab(track: MediaStreamTrack): Promise<ImageBitmap> {
  const wanted = track.getSettings();
  if (typeof ImageCapture !== 'undefined') {
    const capture = new ImageCapture(track);
    for (let attempt = 0; attempt < 20; attempt++) {
      const frame = await capture.grabFrame();
      if (frame.width === wanted.width && frame.height === wanted.height) return frame;
      frame.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return capture.grabFrame();
  }
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  await video.play();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const bitmap = await createImageBitmap(video);
  video.srcObject = null;
  return bitmap;
}
