import { Device } from 'mediasoup-client';

/**
 * Loaded devices by router capabilities: every session router has the same codecs, so one
 * loaded Device serves every call of the page and answering skips the load.
 */
const devices = new Map<string, Promise<Device>>();
export function loadedDevice(routerRtpCapabilities: unknown): Promise<Device> {
  const key = JSON.stringify(routerRtpCapabilities);
  let device = devices.get(key);
  if (!device) {
    device = (async () => {
      const fresh = new Device();
      await fresh.load({ routerRtpCapabilities: routerRtpCapabilities as never });
      return fresh;
    })();
    device.catch(() => devices.delete(key));
    devices.set(key, device);
  }
  return device;
}
