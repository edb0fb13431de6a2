import { ErrorCode, EtapisteError, type BoothDeviceStatus, type DeviceHealth, type MethodParams, type Principal } from '@etapiste/shared';
import type { ServiceSessionService } from '../sessions/service-session-service.ts';
import type { UsageRecorder } from '../statistics/usage-recorder.ts';
import type { Storage } from '../storage/repositories.ts';

/** The kiosk relays a heartbeat every 10 s; after this long without one a booth is shown stale. */
export const HEARTBEAT_STALE_MS = 45_000;

/**
 * Booth devices on the server side: the latest heartbeat of each booth (live state, not
 * persisted: a restart shows booths stale until their next heartbeat), the status views of
 * admins and host staff, and the statistics of device actions. The server never sees a
 * device action's content; the booth reports only kind, outcome, duration and error code.
 */
export class DeviceService {
  readonly #storage: Storage;
  readonly #sessions: ServiceSessionService;
  readonly #usage: UsageRecorder;
  readonly #heartbeats = new Map<string, { at: number; servicePointId: string; devices: DeviceHealth[] }>();
  readonly #now: () => number;

  constructor(deps: { storage: Storage; sessions: ServiceSessionService; usage: UsageRecorder; now?: () => number }) {
    this.#storage = deps.storage;
    this.#sessions = deps.sessions;
    this.#usage = deps.usage;
    this.#now = deps.now ?? Date.now;
  }

  heartbeat(booth: Principal, devices: DeviceHealth[]): void {
    if (!booth.servicePointId) throw new EtapisteError(ErrorCode.Forbidden, 'a booth belongs to a service point');
    this.#heartbeats.set(booth.subjectId, { at: this.#now(), servicePointId: booth.servicePointId, devices });
  }

  async boothStatuses(viewer: Principal, servicePointId: string | undefined): Promise<BoothDeviceStatus[]> {
    let pointId = servicePointId;
    if (viewer.role === 'hostStaff') {
      if (!viewer.servicePointId) throw new EtapisteError(ErrorCode.Forbidden, 'host staff belong to a service point');
      if (pointId && pointId !== viewer.servicePointId) throw new EtapisteError(ErrorCode.Forbidden, 'not your service point');
      pointId = viewer.servicePointId;
    } else if (viewer.role !== 'admin') {
      throw new EtapisteError(ErrorCode.Forbidden, 'admins and host staff only');
    }
    const booths = await this.#storage.catalogue.listBooths(pointId);
    const now = this.#now();
    return booths.map((booth) => {
      const beat = this.#heartbeats.get(booth.id);
      return {
        boothId: booth.id,
        label: booth.label,
        servicePointId: booth.servicePointId,
        reportedAt: beat?.at ?? null,
        stale: !beat || now - beat.at > HEARTBEAT_STALE_MS,
        devices: beat?.devices ?? [],
      };
    });
  }

  /** Records a finished device action of the booth's own session as a `deviceUsed` usage event. */
  async actionFinished(booth: Principal, report: MethodParams<'device.actionFinished'>): Promise<{ recordedAt: number }> {
    const record = this.#sessions.get(report.sessionId);
    if (!record || record.boothId !== booth.subjectId) throw new EtapisteError(ErrorCode.NotFound, 'no such session at this booth');
    if (record.status !== 'active') throw new EtapisteError(ErrorCode.Conflict, 'the session is not active');
    const recordedAt = this.#now();
    await this.#usage.record(
      'deviceUsed',
      {
        servicePointId: record.servicePointId,
        agencyId: record.agencyId,
        serviceId: record.serviceId,
        visitId: record.visitId,
        sessionId: record.sessionId,
        language: record.language,
        at: recordedAt,
      },
      { action: report.action, outcome: report.outcome, durationMs: report.durationMs, error: report.error },
    );
    return { recordedAt };
  }
}
