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
  /**
   * The sender's share of the browser's uplink estimate (RTCRtpEncodingParameters.priority:
   * Chrome's bitrate_priority): on a thin uplink the face gets 4× the document camera's share.
   */
  priority?: RTCPriorityType;
  /** x-google-start-bitrate, kbit/s. */
  startBitrate?: number;
  degradationPreference?: 'maintain-framerate' | 'maintain-resolution' | 'balanced';
}

export const sendSettings: Record<MediaSource, SendSettings> = {
  microphone: { priority: 'high' },
  faceCamera: {
    encodings: [
      { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T1' },
      { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T1' },
      { scaleResolutionDownBy: 1, maxBitrate: 1_200_000, scalabilityMode: 'L1T1' },
    ],
    startBitrate: 600,
    priority: 'high',
    degradationPreference: 'maintain-framerate',
  },
  documentCamera: {
    encodings: [{ maxBitrate: 3_000_000, scalabilityMode: 'L1T3' }],
    startBitrate: 1000,
    priority: 'low',
    degradationPreference: 'maintain-resolution',
  },
};

/**
 * Tells the browser's sender what to give up first when it must: its share of the uplink
 * (priority) and, for video, frame rate or resolution (degradationPreference).
 */
export async function applySenderPreferences(sender: RTCRtpSender | undefined, settings: SendSettings): Promise<void> {
  if (!sender || (!settings.priority && !settings.degradationPreference)) return;
  const parameters = sender.getParameters() as RTCRtpSendParameters & { degradationPreference?: string };
  // Chrome takes a sender's priority from its first encoding only (others must stay default).
  if (settings.priority && parameters.encodings[0]) {
    Object.assign(parameters.encodings[0], { priority: settings.priority, networkPriority: settings.priority });
  }
  try {
    await sender.setParameters({ ...parameters, ...(settings.degradationPreference ? { degradationPreference: settings.degradationPreference } : {}) } as RTCRtpSendParameters);
  } catch (error) {
    // Older browsers reject a field: the track's contentHint ('motion' / 'detail') says the same.
    console.warn('sender preferences not applied', error);
  }
}
