import { captureFaceAndMicrophone, PreparedMedia } from '@etapiste/shared/client';

/**
 * The interpreter's camera and microphone, opened while a request rings: accepting then joins
 * at once instead of waiting for the devices. Discarded when the ringing ends unanswered.
 */
export const interpreterMedia = new PreparedMedia(() => captureFaceAndMicrophone());
