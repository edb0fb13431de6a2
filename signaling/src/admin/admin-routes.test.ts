import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { weekdayOf, type Principal, type Role, type ServicePointDetails, type ServiceWindow, type Stop } from '@etapiste/shared';
import type { EtapisteServer } from '../server.ts';
import { startTestServer } from '../testing/test-server.ts';

let server: EtapisteServer;
const tokenFor: Partial<Record<Role, string>> = {};

function mint(role: Role, agencyId: string | null = null, servicePointId: string | null = null): string {
  const principal: Principal = { role, subjectId: `test-${role}`, displayName: `Test ${role}`, agencyId, servicePointId };
  return server.tokens.issue(principal, 600).token;
}

async function call(role: Role | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (role) headers.authorization = `Bearer ${tokenFor[role]}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}/api/admin${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

const text = (name: string) => ({ fi: `${name} fi`, sv: `${name} sv`, en: `${name} en` });
const policy = { noShowGraceSeconds: 150, checkInEarlyMinutes: 15, checkInLateMinutes: 10 };
const busPoint = {
  kind: 'XS',
  name: text('Test bus'),
  municipality: 'Inari',
  region: 'Lappi',
  address: '',
  hostOrganisation: null,
  openingHours: [],
  exceptions: [],
  queuePolicy: policy,
  agencyGraceSeconds: [{ agencyId: 'ag-test-kela', noShowGraceSeconds: 120 }],
  agencyIds: ['ag-test-kela'],
};

before(async () => {
  server = await startTestServer();
  tokenFor.admin = mint('admin');
  tokenFor.supervisor = mint('supervisor', 'kela');
  tokenFor.expert = mint('expert', 'kela');
  tokenFor.booth = mint('booth', null, 'sp-kallio-library');
  tokenFor.hostStaff = mint('hostStaff', null, 'sp-kallio-library');
  // Two agencies of our own: one given an id, one left to the server.
  assert.equal((await call('admin', 'POST', '/agencies', { id: 'ag-test-kela', code: 'TKELA', name: text('Kela') })).status, 201);
});

after(async () => {
  await server?.close();
});

describe('admin REST API', () => {
  let point: ServicePointDetails;
  let stops: Stop[];

  test('an admin creates agencies and services; ids are generated when omitted', async () => {
    const agency = await call('admin', 'POST', '/agencies', { code: 'TVERO', name: text('Vero') });
    assert.equal(agency.status, 201);
    assert.match(agency.body.id, /^ag_[A-Za-z0-9_-]+$/);
    const renamed = await call('admin', 'PUT', `/agencies/${agency.body.id}`, { code: 'TVERO', name: text('Verohallinto') });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name.fi, 'Verohallinto fi');

    const service = await call('admin', 'POST', '/services', {
      agencyId: 'ag-test-kela',
      name: text('Passport'),
      remoteCapable: false,
      notRemoteInstructions: text('Police station'),
    });
    assert.equal(service.status, 201);
    assert.match(service.body.id, /^sv_/);
    const catalogue = await call('supervisor', 'GET', '/catalogue');
    assert.equal(catalogue.status, 200);
    assert.ok(catalogue.body.agencies.some((entry: { id: string }) => entry.id === agency.body.id));
    assert.ok(catalogue.body.services.some((entry: { id: string }) => entry.id === service.body.id));
  });

  test('an admin creates an XS point, a weekly timetable, a stop and a window at a stop, and reads them back', async () => {
    const created = await call('admin', 'POST', '/service-points', busPoint);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    point = created.body;
    assert.match(point.id, /^sp_/);

    // Every Wednesday of March 2031: 5, 12, 19 and 26 March.
    const batch = await call('admin', 'POST', `/service-points/${point.id}/stops/batch`, {
      place: 'Market square',
      weekday: 3,
      from: '10:00',
      to: '14:00',
      startDate: '2031-03-01',
      endDate: '2031-03-31',
    });
    assert.equal(batch.status, 201, JSON.stringify(batch.body));
    assert.deepEqual(batch.body.stops.map((stop: Stop) => stop.date), ['2031-03-05', '2031-03-12', '2031-03-19', '2031-03-26']);
    assert.ok(batch.body.stops.every((stop: Stop) => weekdayOf(stop.date) === 3 && stop.servicePointId === point.id && stop.id.startsWith('st_')));

    const byDates = await call('admin', 'POST', `/service-points/${point.id}/stops/batch`, { place: 'Village hall', from: '09:00', to: '11:00', dates: ['2031-04-02', '2031-04-09'] });
    assert.equal(byDates.status, 201);
    const single = await call('admin', 'POST', `/service-points/${point.id}/stops`, { place: 'School', date: '2031-03-05', from: '15:00', to: '17:00' });
    assert.equal(single.status, 201);
    const clash = await call('admin', 'POST', `/service-points/${point.id}/stops`, { place: 'Library', date: '2031-03-05', from: '13:00', to: '16:00' });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.error.code, 'CONFLICT');

    const march = await call('admin', 'GET', `/service-points/${point.id}/stops?from=2031-03-01&to=2031-03-31`);
    assert.equal(march.status, 200);
    stops = march.body;
    assert.deepEqual(stops.map((stop) => `${stop.date} ${stop.from}`), ['2031-03-05 10:00', '2031-03-05 15:00', '2031-03-12 10:00', '2031-03-19 10:00', '2031-03-26 10:00']);

    const stop = stops[0]!;
    const window = await call('admin', 'POST', '/windows', {
      servicePointId: point.id,
      agencyId: 'ag-test-kela',
      kind: 'bookable',
      weekday: null,
      date: null,
      stopId: stop.id,
      from: '10:00',
      to: '12:00',
      slotMinutes: 20,
    });
    assert.equal(window.status, 201, JSON.stringify(window.body));
    assert.match(window.body.id, /^w_/);
    const windows = await call('supervisor', 'GET', `/windows?servicePointId=${point.id}`);
    assert.equal(windows.status, 200);
    assert.deepEqual(windows.body.map((entry: ServiceWindow) => entry.stopId), [stop.id]);

    const catalogue = await call('admin', 'GET', '/catalogue');
    const saved = catalogue.body.servicePoints.find((entry: ServicePointDetails) => entry.id === point.id);
    assert.deepEqual(saved.agencyIds, ['ag-test-kela']);
    assert.equal(saved.agencyGraceSeconds[0].noShowGraceSeconds, 120);
    assert.equal(saved.hostOrganisation, null);
  });

  test('a window for an agency not at the point, or at another point\'s stop, is refused', async () => {
    const base = { servicePointId: point.id, kind: 'walkIn', weekday: null, date: null, stopId: stops[1]!.id, from: '15:00', to: '16:00', slotMinutes: 15 };
    const notHere = await call('admin', 'POST', '/windows', { ...base, agencyId: 'vero' });
    assert.equal(notHere.status, 409);
    assert.equal(notHere.body.error.code, 'CONFLICT');
    assert.match(notHere.body.error.message, /does not serve at/);

    const otherBus = await call('admin', 'POST', '/service-points', { ...busPoint, name: text('Other bus') });
    const otherStop = await call('admin', 'POST', `/service-points/${otherBus.body.id}/stops`, { place: 'Harbour', date: '2031-03-05', from: '15:00', to: '17:00' });
    const foreign = await call('admin', 'POST', '/windows', { ...base, agencyId: 'ag-test-kela', stopId: otherStop.body.id });
    assert.equal(foreign.status, 400);
    assert.equal(foreign.body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(foreign.body.error.details.map((problem: { path: string }) => problem.path), ['stopId']);

    const outside = await call('admin', 'POST', '/windows', { ...base, agencyId: 'ag-test-kela', from: '16:30', to: '17:30' });
    assert.equal(outside.status, 400);
    const s = await call('admin', 'POST', `/service-points/sp-kallio-library/stops`, { place: 'Lobby', date: '2031-03-05', from: '15:00', to: '17:00' });
    assert.equal(s.status, 409, 'an S point has no stops');
  });

  test('supervisors, experts, booths and host staff cannot write; experts and host staff read only the catalogue', async () => {
    for (const role of ['supervisor', 'expert', 'booth', 'hostStaff'] as const) {
      const writes = [
        call(role, 'POST', '/agencies', { code: 'X', name: text('X') }),
        call(role, 'PUT', '/agencies/ag-test-kela', { code: 'X', name: text('X') }),
        call(role, 'POST', '/service-points', busPoint),
        call(role, 'POST', `/service-points/${point.id}/stops`, { place: 'X', date: '2031-05-01', from: '10:00', to: '11:00' }),
        call(role, 'DELETE', `/stops/${stops[0]!.id}`),
        call(role, 'DELETE', '/windows/w_x'),
      ];
      for (const result of await Promise.all(writes)) {
        assert.equal(result.status, 403, `${role}: ${JSON.stringify(result.body)}`);
        assert.equal(result.body.error.code, 'FORBIDDEN');
      }
    }
    assert.equal((await call('expert', 'GET', '/catalogue')).status, 200, 'the expert console names ids and offers chaining from it');
    assert.equal((await call('expert', 'GET', `/windows?servicePointId=${point.id}`)).body.error.code, 'FORBIDDEN');
    assert.equal((await call('booth', 'GET', '/catalogue')).status, 403);
    const hostRead = await call('hostStaff', 'GET', '/catalogue');
    assert.equal(hostRead.status, 200, 'the host console offers the services of the agencies at the point from it');
    assert.equal((await call('hostStaff', 'PUT', '/agencies/ag-test-kela', { code: 'X', name: text('X') })).body.error.code, 'FORBIDDEN', 'reading is not writing');
    assert.equal((await call(null, 'GET', '/catalogue')).body.error.code, 'UNAUTHENTICATED');
    assert.equal((await call('supervisor', 'GET', `/service-points/${point.id}/stops`)).status, 200);
  });

  test('invalid bodies get VALIDATION_FAILED with the failing paths', async () => {
    const room = await call('admin', 'POST', '/service-points', { ...busPoint, kind: 'S', municipality: '' });
    assert.equal(room.status, 400);
    assert.equal(room.body.error.code, 'VALIDATION_FAILED');
    const paths = room.body.error.details.map((problem: { path: string }) => problem.path);
    assert.ok(paths.includes('hostOrganisation'), paths.join());
    assert.ok(paths.includes('municipality'), paths.join());

    const service = await call('admin', 'POST', '/services', { agencyId: 'ag-test-kela', name: { fi: '', sv: 'x', en: 'x' }, remoteCapable: false, notRemoteInstructions: null });
    assert.deepEqual(service.body.error.details.map((problem: { path: string }) => problem.path).sort(), ['name.fi', 'notRemoteInstructions']);

    const stop = await call('admin', 'POST', `/service-points/${point.id}/stops`, { place: 'X', date: '2031-13-01', from: '12:00', to: '11:00' });
    assert.deepEqual(stop.body.error.details.map((problem: { path: string }) => problem.path).sort(), ['date', 'to']);

    const rule = await call('admin', 'POST', `/service-points/${point.id}/stops/batch`, { place: 'X', weekday: 8, from: '10:00', to: '11:00', startDate: '2031-05-01', endDate: '2031-04-01' });
    assert.deepEqual(rule.body.error.details.map((problem: { path: string }) => problem.path).sort(), ['endDate', 'weekday']);

    const window = await call('admin', 'POST', '/windows', { servicePointId: point.id, agencyId: 'ag-test-kela', kind: 'bookable', weekday: 1, date: null, stopId: stops[0]!.id, from: '10:00', to: '10:10', slotMinutes: 30 });
    assert.deepEqual(window.body.error.details.map((problem: { path: string }) => problem.path).sort(), ['slotMinutes', 'weekday']);

    const badJson = await fetch(`${server.url}/api/admin/agencies`, { method: 'POST', headers: { authorization: `Bearer ${tokenFor.admin}`, 'content-type': 'application/json' }, body: '{' });
    assert.equal(badJson.status, 400);
    assert.equal((await call('admin', 'PUT', '/agencies/no-such-agency', { code: 'X', name: text('X') })).body.error.code, 'NOT_FOUND');
    assert.equal((await call('admin', 'PUT', '/agencies/ag-test-kela', { id: 'other', code: 'X', name: text('X') })).body.error.details[0].path, 'id');
  });

  test('a point keeps its stops and windows consistent: kind and agencies cannot change under them; deleting a stop deletes its windows', async () => {
    const toRoom = await call('admin', 'PUT', `/service-points/${point.id}`, { ...busPoint, kind: 'S', hostOrganisation: { name: 'Library', address: 'Street 1' } });
    assert.equal(toRoom.status, 409);
    const dropAgency = await call('admin', 'PUT', `/service-points/${point.id}`, { ...busPoint, agencyIds: [], agencyGraceSeconds: [] });
    assert.equal(dropAgency.status, 409);
    assert.match(dropAgency.body.error.message, /service window/);

    const deleted = await call('admin', 'DELETE', `/stops/${stops[0]!.id}`);
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, { stopId: stops[0]!.id, windowsDeleted: 1 });
    assert.deepEqual((await call('admin', 'GET', `/windows?servicePointId=${point.id}`)).body, []);
    assert.equal((await call('admin', 'DELETE', `/stops/${stops[0]!.id}`)).status, 404);
  });

  test('stops and bookable windows with open bookings cannot be deleted', async () => {
    const stop = await call('admin', 'POST', `/service-points/${point.id}/stops`, { place: 'Church', date: '2031-06-04', from: '10:00', to: '12:00' });
    const window = await call('admin', 'POST', '/windows', {
      servicePointId: point.id, agencyId: 'ag-test-kela', kind: 'bookable', weekday: null, date: null, stopId: stop.body.id, from: '10:00', to: '12:00', slotMinutes: 30,
    });
    assert.equal(window.status, 201);
    const booking = await server.storage.bookings.createBooking({
      agencyId: 'ag-test-kela', serviceId: 'kela-housing-allowance', servicePointId: point.id, stopId: stop.body.id, date: '2031-06-04',
      from: '10:30', to: '11:00', startsAt: Date.parse('2031-06-04T07:30:00Z'), language: 'fi', status: 'booked', createdBy: 'test-admin', createdAt: Date.now(),
      interpreterNeed: null, interpreterId: null,
    });
    const stopRefused = await call('admin', 'DELETE', `/stops/${stop.body.id}`);
    assert.equal(stopRefused.status, 409);
    assert.deepEqual(stopRefused.body.error.details.bookingIds, [booking.bookingId]);
    assert.equal((await call('admin', 'DELETE', `/windows/${window.body.id}`)).status, 409);
    const shrunk = await call('admin', 'PUT', `/windows/${window.body.id}`, { ...window.body, to: '10:30' });
    assert.equal(shrunk.status, 409, 'the booking at 10:30 would fall outside');
    const widened = await call('admin', 'PUT', `/windows/${window.body.id}`, { ...window.body, from: '10:00', to: '12:00', slotMinutes: 15 });
    assert.equal(widened.status, 200);
  });

  test('an S point with opening hours: windows must lie within them, and closed days refuse date windows', async () => {
    const room = await call('admin', 'POST', '/service-points', {
      ...busPoint,
      kind: 'S',
      name: text('Test library'),
      address: 'Library street 1',
      hostOrganisation: { name: 'City library', address: 'Library street 1' },
      openingHours: [{ weekday: 1, from: '09:00', to: '16:00' }],
      exceptions: [{ date: '2031-12-08', closed: true, from: null, to: null, note: 'Holiday' }],
    });
    assert.equal(room.status, 201, JSON.stringify(room.body));
    const base = { servicePointId: room.body.id, agencyId: 'ag-test-kela', kind: 'bookable', stopId: null, slotMinutes: 30 };
    const inHours = await call('admin', 'POST', '/windows', { ...base, weekday: 1, date: null, from: '10:00', to: '12:00' });
    assert.equal(inHours.status, 201);
    const overlapping = await call('admin', 'POST', '/windows', { ...base, weekday: 1, date: null, from: '11:00', to: '13:00' });
    assert.equal(overlapping.status, 409);
    const late = await call('admin', 'POST', '/windows', { ...base, weekday: 1, date: null, from: '15:00', to: '17:00' });
    assert.equal(late.status, 400);
    const holiday = await call('admin', 'POST', '/windows', { ...base, weekday: null, date: '2031-12-08', from: '10:00', to: '11:00' });
    assert.equal(holiday.status, 400);
    assert.match(holiday.body.error.details[0].message, /closed/);
    const moved = await call('admin', 'PUT', `/windows/${inHours.body.id}`, { ...base, weekday: 1, date: null, from: '13:00', to: '15:00', kind: 'walkIn' });
    assert.equal(moved.status, 200);
    assert.equal((await call('admin', 'DELETE', `/windows/${inHours.body.id}`)).status, 200);
  });
});
