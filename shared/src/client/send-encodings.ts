import type { RtpEncodingParameters } from 'mediasoup-client/types';
import type { MediaSource } from '../domain.ts';

/**
 * How each source is encoded, so that the SFU can adapt every receiver to its own link
 * (sfu/src/bandwidth-policy.ts plans with the same layers):
 *  - face cameras: three simulcast layers (¼, ½ and full resolution), each at full frame
 *    rate: a receiver on a thin link gets a smaller picture, never a slide show (faces and
 *    sign language need motion);
 *  - the document camera: one encoding with three temporal layers (L1T3): a congested
 *    receiver loses frame rate, never resolution (text must stay readable), and the encoder is
 *    told the same ('maintain-resolution');
 *  - audio: Opus with in-band FEC; the SFU forwards it before any video.
 */
export interface SendSettings {
  encodings?: RtpEncodingParameters[];
  /** x-google-start-bitrate, kbit/s. */
  startBitrate?: number;
  degradationPreference?: 'maintain-framerate' | 'maintain-resolution' | 'balanced';
}

export const sendSettings: Record<MediaSource, SendSettings> = {
  microphone: {},
  faceCamera: {
    encodings: [
      { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T1' },
      { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T1' },
      { scaleResolutionDownBy: 1, maxBitrate: 1_200_000, scalabilityMode: 'L1T1' },
    ],
    startBitrate: 600,
    degradationPreference: 'maintain-framerate',
  },
  documentCamera: {
    encodings: [{ maxBitrate: 3_000_000, scalabilityMode: 'L1T3' }],
    startBitrate: 1000,
    degradationPreference: 'maintain-resolution',
  },
};

/** Tells the browser's encoder what to give up first when it must (CPU or bandwidth). */
export async function applyDegradationPreference(sender: RTCRtpSender | undefined, preference: SendSettings['degradationPreference']): Promise<void> {
  if (!sender || !preference) return;
  const parameters = sender.getParameters() as RTCRtpSendParameters & { degradationPreference?: string };
  if (parameters.degradationPreference === preference) return;
  try {
    await sender.setParameters({ ...parameters, degradationPreference: preference } as RTCRtpSendParameters);
  } catch {
    // Older browsers reject the field: the track's contentHint ('motion' / 'detail') says the same.
  }
}
