import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { SignalingClient } from '@etapiste/shared/client';
import type { Booking, BookingSlot, LoginResponse } from '@etapiste/shared';
import { DEMO_PASSWORD, demoBooths } from '../catalogue/demo-data.ts';
import { addDays, localDateOf } from '../time/helsinki-time.ts';
import { freePort } from '../testing/free-port.ts';
import { killServerProcess, startServerProcess as startProcess } from '../testing/server-process.ts';


describe('durability: kill -9 of the server loses no ticket or booking, and clients resume', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'etapiste-durability-'));
  let child: ChildProcess | null = null;
  after(async () => {
    if (child) await killServerProcess(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('tickets (waiting and being called), numbering and bookings survive; the booth resumes its ticket', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const post = async (pathname: string, body: unknown, token?: string) => {
      const response = await fetch(`${url}${pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return (await response.json()) as any;
    };
    const connect = async (login: LoginResponse) => {
      const client = new SignalingClient({ url: `ws://127.0.0.1:${port}/ws`, token: login.token });
      await client.connect();
      return client;
    };

    child = await startProcess(dataDir, port);
    const boothLogin = (await post('/api/auth/booth', { deviceToken: demoBooths[0].deviceToken })) as LoginResponse;
    const busLogin = (await post('/api/auth/booth', { deviceToken: demoBooths[1].deviceToken })) as LoginResponse;
    const expertLogin = (await post('/api/auth/login', { username: 'expert.kela', password: DEMO_PASSWORD })) as LoginResponse;
    const booth = await connect(boothLogin);
    const bus = await connect(busLogin);
    const expert = await connect(expertLogin);
    const first = await booth.request('queue.takeNumber', { serviceId: 'kela-housing-allowance', language: 'fi' });
    const second = await bus.request('queue.takeNumber', { serviceId: 'kela-housing-allowance', language: 'sv' });
    const { call } = await expert.request('queue.takeNext', {});
    assert.equal(call?.ticket.ticketId, first.view.ticket.ticketId);

    let booking: Booking | null = null;
    for (let day = 1; day <= 7 && !booking; day++) {
      const date = addDays(localDateOf(Date.now()), day);
      const response = await fetch(`${url}/api/bookings/slots?servicePointId=sp-kallio-library&agencyId=kela&date=${date}`, {
        headers: { authorization: `Bearer ${expertLogin.token}` },
      });
      const slot = ((await response.json()) as BookingSlot[]).find((candidate) => candidate.available);
      if (slot) {
        booking = await post('/api/bookings', { servicePointId: slot.servicePointId, agencyId: 'kela', serviceId: 'kela-housing-allowance', date: slot.date, from: slot.from, stopId: null, language: 'fi' }, expertLogin.token);
      }
    }
    assert.ok(booking?.code, 'a booking was made');

    // The moment after the acknowledgements: no graceful shutdown.
    await killServerProcess(child);
    for (const client of [booth, bus, expert]) client.close();

    child = await startProcess(dataDir, port);
    const boothAgain = await connect(boothLogin);
    const state = await boothAgain.request('booth.state', {});
    assert.equal(state.current?.view.ticket.ticketId, first.view.ticket.ticketId, 'the booth resumes its ticket');
    assert.equal(state.current?.view.ticket.status, 'waiting', 'the interrupted call goes back to waiting');
    assert.equal(state.current?.session.status, 'waiting');
    const expertAgain = await connect(expertLogin);
    const overview = await expertAgain.request('queue.overview', {});
    assert.deepEqual(
      overview.waiting.map((ticket) => ticket.ticketId),
      [first.view.ticket.ticketId, second.view.ticket.ticketId],
      'both tickets, in their places',
    );
    const bookings = await (await fetch(`${url}/api/bookings?agencyId=kela&date=${booking!.date}`, { headers: { authorization: `Bearer ${expertLogin.token}` } })).json() as Booking[];
    assert.ok(bookings.some((entry) => entry.bookingId === booking!.bookingId && entry.code === booking!.code && entry.status === 'booked'));
    const busAgain = await connect(busLogin);
    await busAgain.request('queue.leave', { ticketId: second.view.ticket.ticketId });
    const third = await busAgain.request('queue.takeNumber', { serviceId: 'kela-housing-allowance', language: 'fi' });
    assert.notEqual(third.view.ticket.number, second.view.ticket.number, 'numbering continues, no reuse within the day');
    // The resumed session carries a call end to end.
    const { call: again } = await expertAgain.request('queue.takeNext', {});
    assert.equal(again?.ticket.ticketId, first.view.ticket.ticketId);
    const { session } = await boothAgain.request('queue.answer', { ticketId: first.view.ticket.ticketId });
    assert.equal(session.status, 'active');
    for (const client of [boothAgain, expertAgain, busAgain]) client.close();
  });
});
