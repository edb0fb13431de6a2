import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultQueuePolicy, type ServicePointDetails } from '@etapiste/shared';
import { openStorage } from '../storage/open-storage.ts';
import { epochOf, weekdayOf } from '../time/helsinki-time.ts';
import { boothCatalogue } from './booth-catalogue.ts';

const text = (value: string) => ({ fi: value, sv: value, en: value });

test('a booth offers walk-in numbers only when the point is open and inside the agency’s walk-in windows', async () => {
  const storage = await openStorage({ kind: 'sqlite', dataDir: ':memory:' });
  for (const id of ['kela', 'vero', 'dvv']) await storage.catalogue.upsertAgency({ id, code: id, name: text(id) });
  const date = '2026-11-24'; // a Tuesday
  const weekday = weekdayOf(date);
  const point: ServicePointDetails = {
    id: 'sp-room',
    kind: 'S',
    name: text('Room'),
    municipality: 'Oulu',
    region: 'Pohjois-Pohjanmaa',
    address: '',
    hostOrganisation: { name: 'Library', address: '' },
    openingHours: [{ weekday, from: '08:00', to: '18:00' }],
    exceptions: [{ date: '2026-12-08', closed: true, from: null, to: null, note: 'Staff training day' }],
    queuePolicy: defaultQueuePolicy,
    agencyGraceSeconds: [],
    agencyIds: ['kela', 'vero', 'dvv'],
  };
  await storage.catalogue.saveServicePoint(point);
  await storage.catalogue.saveWindow({ id: 'w1', servicePointId: 'sp-room', agencyId: 'kela', kind: 'walkIn', weekday, date: null, stopId: null, from: '09:00', to: '12:00', slotMinutes: 30 });
  await storage.catalogue.saveWindow({ id: 'w2', servicePointId: 'sp-room', agencyId: 'vero', kind: 'bookable', weekday, date: null, stopId: null, from: '09:00', to: '12:00', slotMinutes: 30 });
  const ids = async (time: string, day = date) => {
    const catalogue = await boothCatalogue(storage, 'sp-room', epochOf(day, time));
    return { open: catalogue.openNow, agencies: catalogue.agencies.map((agency) => agency.id).sort() };
  };
  assert.deepEqual(await ids('10:00'), { open: true, agencies: ['dvv', 'kela', 'vero'] }, 'Vero has only bookable windows: walk-ins whenever open');
  assert.deepEqual(await ids('13:00'), { open: true, agencies: ['dvv', 'vero'] }, 'Kela walk-ins only 9–12');
  assert.deepEqual(await ids('19:00'), { open: false, agencies: [] }, 'closed after hours');
  assert.deepEqual(await ids('10:00', '2026-12-08'), { open: false, agencies: [] }, 'closed on the exception day (a Tuesday)');
  await storage.close();
});
