import { captureBoothMedia, PreparedMedia } from '@etapiste/shared/client';
import { kioskConfig } from './kiosk-config.ts';

/**
 * The booth's cameras and microphone, opened as soon as the customer presses call and
 * published (paused) while they wait, so media is ready the moment an expert answers.
 */
export const boothMedia = new PreparedMedia(() => captureBoothMedia(kioskConfig().camera));
