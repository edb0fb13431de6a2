import { captureFaceAndMicrophone, PreparedMedia } from '@etapiste/shared/client';

/**
 * The expert's camera and microphone, opened while a customer of the agency is waiting (and
 * closed when nobody is), so that answering does not wait for the devices.
 */
export const expertMedia = new PreparedMedia(() => captureFaceAndMicrophone());
