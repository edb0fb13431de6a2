import type { MethodHandlers } from '../gateway/handlers.ts';
import type { DeviceService } from './device-service.ts';

export function deviceHandlers(devices: DeviceService): Pick<MethodHandlers, 'device.heartbeat' | 'device.actionFinished' | 'device.boothStatuses'> {
  return {
    'device.heartbeat': async ({ devices: health }, { principal }) => {
      devices.heartbeat(principal, health);
      return {};
    },
    'device.actionFinished': (report, { principal }) => devices.actionFinished(principal, report),
    'device.boothStatuses': async ({ servicePointId }, { principal }) => ({ booths: await devices.boothStatuses(principal, servicePointId) }),
  };
}
