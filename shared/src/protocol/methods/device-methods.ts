import { z } from 'zod';
import { BoothDeviceStatus, DeviceAction, DeviceErrorCode, DeviceHealth, DeviceOutcome } from '../../devices.ts';
import { Id } from '../../domain.ts';
import { method } from './method.ts';

export const deviceMethods = {
  'device.heartbeat': method({
    summary:
      "The kiosk relays its device bridge's health (every device's state). Admins and the point's host staff see it with device.boothStatuses; a booth without a heartbeat for a while is shown as stale.",
    roles: ['booth'],
    params: z.object({ devices: z.array(DeviceHealth).max(8) }).strict(),
    result: z.object({}).strict(),
  }),
  'device.actionFinished': method({
    summary:
      'The booth reports a finished DeviceAction of its session for statistics: kind, outcome, duration, error code; never content. Returns the server time it was recorded at (acknowledgement receipts carry it).',
    roles: ['booth'],
    params: z
      .object({
        sessionId: Id,
        action: DeviceAction,
        outcome: DeviceOutcome,
        durationMs: z.number().int().min(0).max(3_600_000),
        error: DeviceErrorCode.nullable(),
      })
      .strict(),
    result: z.object({ recordedAt: z.number().int() }),
  }),
  'device.boothStatuses': method({
    summary: "Every booth's device status: all booths for admins, the own point's booths for host staff.",
    roles: ['admin', 'hostStaff'],
    params: z.object({ servicePointId: Id.optional() }).strict(),
    result: z.object({ booths: z.array(BoothDeviceStatus) }),
  }),
} as const;
