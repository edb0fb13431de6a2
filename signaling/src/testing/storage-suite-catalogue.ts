import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServiceWindow, Stop } from '@etapiste/shared';
import type { Storage } from '../storage/repositories.ts';
import { DAY, agencies, busPoint, roomPoint, services } from './storage-fixtures.ts';

/** Catalogue part of the storage contract; runs inside `defineStorageSuite` on the seeded catalogue. */
export function defineCatalogueTests(current: () => Storage): void {
  test('agencies and services round-trip and upsert in place', async () => {
    const storage = current();
    assert.deepEqual(await storage.catalogue.listAgencies(), [...agencies].sort((a, b) => a.code.localeCompare(b.code)));
    assert.deepEqual(await storage.catalogue.getAgency('vero'), agencies[1]);
    assert.equal(await storage.catalogue.getAgency('nope'), null);
    await storage.catalogue.upsertAgency({ ...agencies[0]!, name: { fi: 'Kela2', sv: 'FPA', en: 'Kela' } });
    assert.equal((await storage.catalogue.getAgency('kela'))?.name.sv, 'FPA');
    assert.equal((await storage.catalogue.listAgencies()).length, 3);
    assert.deepEqual(await storage.catalogue.getService('dvv-id'), services[3]);
    assert.deepEqual(
      (await storage.catalogue.listServices('kela')).map((service) => service.id),
      ['kela-general', 'kela-housing'],
    );
    assert.equal((await storage.catalogue.listServices()).length, 4);
    await storage.catalogue.upsertService({ ...services[0]!, remoteCapable: false });
    assert.equal((await storage.catalogue.getService('kela-general'))?.remoteCapable, false);
  });

  test('service point details round-trip; saving replaces agencies; listAgenciesAtPoint joins', async () => {
    const storage = current();
    assert.deepEqual(await storage.catalogue.getServicePointDetails('p-room'), roomPoint);
    assert.deepEqual(await storage.catalogue.getServicePoint('p-room'), {
      id: 'p-room',
      kind: 'S',
      name: roomPoint.name,
      municipality: 'Pyhäjärvi',
      region: 'Pohjois-Pohjanmaa',
    });
    assert.deepEqual(await storage.catalogue.listServicePoints(), [busPoint, roomPoint]);
    assert.equal(await storage.catalogue.getServicePointDetails('nope'), null);

    const atRoom = await storage.catalogue.listAgenciesAtPoint('p-room');
    assert.deepEqual(
      atRoom.map((agency) => [agency.id, agency.services.map((service) => service.id)]),
      [
        ['kela', ['kela-general', 'kela-housing']],
        ['vero', ['vero-tax-card']],
      ],
    );
    const changed = { ...roomPoint, agencyIds: ['dvv', 'kela'], openingHours: [], hostOrganisation: null, address: 'Uusi 2' };
    await storage.catalogue.saveServicePoint(changed);
    assert.deepEqual(await storage.catalogue.getServicePointDetails('p-room'), changed);
    assert.deepEqual(
      (await storage.catalogue.listAgenciesAtPoint('p-room')).map((agency) => agency.id),
      ['dvv', 'kela'],
    );
    assert.deepEqual(await storage.catalogue.listAgenciesAtPoint('nope'), []);
  });

  test('stops by inclusive date range; windows by filter; deleting a stop drops its windows', async () => {
    const storage = current();
    const stop = (id: string, date: string, from: string, to: string): Stop => ({ id, servicePointId: 'p-bus', place: `Tori ${id}`, date, from, to });
    await storage.catalogue.saveStop(stop('st-3', '2025-03-05', '09:00', '11:00'));
    await storage.catalogue.saveStop(stop('st-2', '2025-03-04', '13:00', '15:00'));
    await storage.catalogue.saveStop(stop('st-1', '2025-03-04', '09:00', '11:00'));
    await storage.catalogue.saveStop(stop('st-0', '2025-03-01', '09:00', '11:00'));
    assert.deepEqual(
      (await storage.catalogue.listStops('p-bus')).map((s) => s.id),
      ['st-0', 'st-1', 'st-2', 'st-3'],
    );
    assert.deepEqual(
      (await storage.catalogue.listStops('p-bus', { from: '2025-03-04', to: '2025-03-05' })).map((s) => s.id),
      ['st-1', 'st-2', 'st-3'],
    );
    assert.deepEqual(await storage.catalogue.listStops('p-room'), []);
    assert.deepEqual(await storage.catalogue.getStop('st-2'), stop('st-2', '2025-03-04', '13:00', '15:00'));
    await storage.catalogue.saveStop({ ...stop('st-2', '2025-03-04', '13:00', '15:00'), place: 'Kirjasto' });
    assert.equal((await storage.catalogue.getStop('st-2'))?.place, 'Kirjasto');

    const base = { slotMinutes: 15, from: '09:00', to: '11:00', weekday: null, date: null, stopId: null } as const;
    const windows: ServiceWindow[] = [
      { ...base, id: 'w-1', servicePointId: 'p-room', agencyId: 'kela', kind: 'bookable', weekday: 1 },
      { ...base, id: 'w-2', servicePointId: 'p-room', agencyId: 'vero', kind: 'walkIn', date: DAY },
      { ...base, id: 'w-3', servicePointId: 'p-bus', agencyId: 'kela', kind: 'bookable', stopId: 'st-1' },
    ];
    for (const window of windows) await storage.catalogue.saveWindow(window);
    assert.deepEqual(await storage.catalogue.listWindows({ servicePointId: 'p-room', agencyId: 'vero' }), [windows[1]]);
    assert.deepEqual(await storage.catalogue.listWindows({ stopId: 'st-1' }), [windows[2]]);
    assert.deepEqual((await storage.catalogue.listWindows({ agencyId: 'kela' })).map((w) => w.id).sort(), ['w-1', 'w-3']);
    assert.equal((await storage.catalogue.listWindows()).length, 3);
    await storage.catalogue.saveWindow({ ...windows[0]!, slotMinutes: 30 });
    assert.equal((await storage.catalogue.listWindows({ servicePointId: 'p-room', agencyId: 'kela' }))[0]?.slotMinutes, 30);

    await storage.catalogue.deleteStop('st-1');
    assert.equal(await storage.catalogue.getStop('st-1'), null);
    assert.deepEqual(await storage.catalogue.listWindows({ stopId: 'st-1' }), []);
    await storage.catalogue.deleteWindow('w-1');
    assert.deepEqual((await storage.catalogue.listWindows()).map((w) => w.id), ['w-2']);
  });

  test('booths and staff users', async () => {
    const storage = current();
    assert.deepEqual((await storage.catalogue.listBooths('p-room')).map((booth) => booth.id), ['booth-1', 'booth-2']);
    assert.deepEqual(await storage.catalogue.listBooths('p-bus'), []);
    assert.deepEqual(await storage.catalogue.findBoothByTokenHash('hash-2'), { id: 'booth-2', servicePointId: 'p-room', label: 'Koppi 2' });
    await storage.catalogue.upsertBooth({ id: 'booth-2', servicePointId: 'p-room', label: 'Koppi B' }, 'hash-rotated');
    assert.equal(await storage.catalogue.findBoothByTokenHash('hash-2'), null);
    assert.equal((await storage.catalogue.findBoothByTokenHash('hash-rotated'))?.label, 'Koppi B');
    assert.equal((await storage.catalogue.listBooths()).length, 2);

    const user = {
      id: 'u-1',
      username: 'expert.kela',
      passwordHash: 'scrypt$x',
      role: 'expert' as const,
      displayName: 'Eeva Expert',
      agencyId: 'kela',
      servicePointId: null,
      active: true,
    };
    await storage.catalogue.upsertStaffUser(user);
    assert.deepEqual(await storage.catalogue.findStaffByUsername('expert.kela'), user);
    await storage.catalogue.upsertStaffUser({ ...user, active: false, role: 'hostStaff', agencyId: null, servicePointId: 'p-room' });
    assert.deepEqual(await storage.catalogue.findStaffByUsername('expert.kela'), {
      ...user,
      active: false,
      role: 'hostStaff',
      agencyId: null,
      servicePointId: 'p-room',
    });
    assert.equal(await storage.catalogue.findStaffByUsername('nobody'), null);
  });
}
