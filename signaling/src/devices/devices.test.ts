import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCode, type DeviceHealth } from '@etapiste/shared';
import type { EtapisteServer } from '../server.ts';
import { connectClient, loginBooth, loginStaff, startTestServer } from '../testing/test-server.ts';
import { demoBooths } from '../catalogue/demo-data.ts';

const health: DeviceHealth[] = [
  { kind: 'printer', state: 'outOfPaper', detail: 'media-empty', simulated: false },
  { kind: 'scanner', state: 'ready', detail: null, simulated: false },
  { kind: 'paymentTerminal', state: 'ready', detail: null, simulated: true },
  { kind: 'idCardReader', state: 'absent', detail: null, simulated: false },
];

describe('booth device status and device statistics', () => {
  let server: EtapisteServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('a booth heartbeat reaches admins (all booths) and host staff (own point only); others may not look', async () => {
    const booth = await connectClient(server, (await loginBooth(server)).token);
    await booth.request('device.heartbeat', { devices: health });
    const admin = await connectClient(server, (await loginStaff(server, 'admin')).token);
    const { booths } = await admin.request('device.boothStatuses', {});
    assert.deepEqual(booths.map((entry) => entry.boothId).sort(), demoBooths.map((entry) => entry.id).sort());
    const kallio = booths.find((entry) => entry.boothId === demoBooths[0].id)!;
    assert.equal(kallio.stale, false);
    assert.deepEqual(kallio.devices, health);
    const bus = booths.find((entry) => entry.boothId === demoBooths[1].id)!;
    assert.equal(bus.stale, true, 'no heartbeat from the bus yet');
    assert.equal(bus.reportedAt, null);

    const host = await connectClient(server, (await loginStaff(server, 'host.kallio')).token);
    const seen = await host.request('device.boothStatuses', {});
    assert.deepEqual(seen.booths.map((entry) => entry.boothId), [demoBooths[0].id]);
    await assert.rejects(host.request('device.boothStatuses', { servicePointId: 'sp-lapland-bus' }), { code: ErrorCode.Forbidden });
    const expert = await connectClient(server, (await loginStaff(server, 'expert.kela')).token);
    await assert.rejects(expert.request('device.boothStatuses', {}), { code: ErrorCode.Forbidden });
    await assert.rejects(expert.request('device.heartbeat', { devices: health }), { code: ErrorCode.Forbidden });
    await assert.rejects(
      booth.request('device.heartbeat', { devices: [{ kind: 'toaster', state: 'ready', detail: null, simulated: false }] as never }),
      { code: ErrorCode.ValidationFailed },
    );
    for (const client of [booth, admin, host, expert]) client.close();
  });

  test('device actions are recorded only for the booth’s own active session', async () => {
    const booth = await connectClient(server, (await loginBooth(server)).token);
    await assert.rejects(
      booth.request('device.actionFinished', { sessionId: 's_nosuch', action: 'print', outcome: 'success', durationMs: 1200, error: null }),
      { code: ErrorCode.NotFound },
    );
    booth.close();
  });
});
