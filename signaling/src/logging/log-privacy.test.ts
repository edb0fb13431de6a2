import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SignalingClient } from '@etapiste/shared/client';
import { DEMO_PASSWORD, demoStaff } from '../catalogue/demo-data.ts';
import { freePort } from '../testing/free-port.ts';
import { addDays, localDateOf, weekdayOf } from '../time/helsinki-time.ts';
import { describeError, redact } from './safe-log.ts';

const root = path.resolve(import.meta.dirname, '../../..');

/** Personal data a customer or a staff member could bring in; none of it may reach the log. */
const personal = {
  name: 'Maija Meikäläinen',
  phone: '+358 40 123 4567',
  email: 'maija.meikalainen@example.fi',
  identityCode: '131052-308T',
  feedback: 'Palvelu oli hidasta, soittakaa minulle',
};

describe('logs carry no personal data', () => {
  test('redact and describeError remove e-mail, phone, identity code, tokens and quoted values', () => {
    const error = Object.assign(
      new Error(`duplicate key: Key (email)=(${personal.email}) for "${personal.name}" ${personal.identityCode} ${personal.phone} Bearer eyJhbGciOi.eyJzdWIi.c2ln`),
      { code: '23505', detail: personal.name, parameters: [personal.email] },
    );
    const described = describeError(error);
    for (const value of Object.values(personal)) assert.ok(!described.includes(value), `${value} in ${described}`);
    assert.ok(!described.includes('eyJ'), described);
    assert.match(described, /^Error 23505: duplicate key/);
    assert.match(described, /\n\s+at /, 'stack frames stay');
    assert.equal(redact('session s-123 of ticket K-042'), 'session s-123 of ticket K-042', 'ids survive');
  });

  test('server code logs only through logError (main.ts prints the start banner)', () => {
    const sources = fs
      .readdirSync(path.join(root, 'signaling/src'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.startsWith('testing/') && file !== 'main.ts' && file !== 'logging/safe-log.ts');
    assert.ok(sources.length > 50);
    const offenders = sources.filter((file) => /console\.(log|info|warn|error|debug|trace)\(/.test(fs.readFileSync(path.join(root, 'signaling/src', file), 'utf8')));
    assert.deepEqual(offenders, []);
  });

  describe('the real server process, driven through login, a booking, a call and feedback', () => {
    let server: ChildProcess;
    let url = '';
    let output = '';
    let afterBanner = 0;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'etapiste-logs-'));
    const issuedTokens: string[] = [];

    before(async () => {
      const port = await freePort();
      server = spawn(process.execPath, ['signaling/src/main.ts', '--demo', '--port', String(port)], {
        cwd: root,
        env: { ...process.env, ETAPISTE_DATA_DIR: dataDir, ETAPISTE_DEMO_ALWAYS_OPEN: '1', ETAPISTE_MEDIA_WORKERS: '1', ETAPISTE_RTC_PORT: '0', ETAPISTE_RTC_LISTEN_IP: '127.0.0.1', ETAPISTE_HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const collect = (chunk: Buffer) => (output += chunk.toString());
      server.stdout!.on('data', collect);
      server.stderr!.on('data', collect);
      const lastBannerLine = demoStaff[demoStaff.length - 1]!.username;
      const deadline = Date.now() + 60_000;
      while (!output.includes(lastBannerLine)) {
        if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      url = output.match(/running at (http:\/\/\S+)/)![1]!;
      afterBanner = output.indexOf('\n', output.lastIndexOf(lastBannerLine)) + 1;
    });
    after(async () => {
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await new Promise((resolve) => server.once('exit', resolve));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const post = async (route: string, body: unknown, token?: string) => {
      const response = await fetch(`${url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    const connect = async (token: string) => {
      const client = new SignalingClient({ url: `${url.replace('http', 'ws')}/ws`, token, requestTimeoutMs: 10_000 });
      await client.connect();
      return client;
    };

    test('nothing personal, no token and no password appears in the server’s output', { timeout: 120_000 }, async () => {
      // Logins, a wrong one with an e-mail address as the user name.
      const expertLogin = await post('/api/auth/login', { username: 'expert.kela', password: DEMO_PASSWORD });
      issuedTokens.push(expertLogin.body.token);
      assert.equal((await post('/api/auth/login', { username: personal.email, password: personal.identityCode })).status, 401);
      const boothLogin = await post('/api/auth/booth', { deviceToken: 'demo-booth-kallio-library-0001' });
      issuedTokens.push(boothLogin.body.token);
      // A booking, and one carrying contact details the API does not take (refused, not logged).
      const today = localDateOf(Date.now());
      const monday = addDays(today, 15 - weekdayOf(today));
      const slots = await fetch(`${url}/api/bookings/slots?servicePointId=sp-kallio-library&agencyId=kela&date=${monday}`, {
        headers: { authorization: `Bearer ${expertLogin.body.token}` },
      }).then((response) => response.json() as Promise<{ date: string; from: string; available: boolean }[]>);
      const slot = slots.find((candidate) => candidate.available)!;
      const booking = { servicePointId: 'sp-kallio-library', agencyId: 'kela', serviceId: 'kela-housing-allowance', date: slot.date, from: slot.from, stopId: null, language: 'fi' };
      const booked = await post('/api/bookings', booking, expertLogin.body.token);
      assert.equal(booked.status, 201);
      const withContact = await post('/api/bookings', { ...booking, contact: { name: personal.name, phone: personal.phone, email: personal.email } }, expertLogin.body.token);
      assert.equal(withContact.status, 400);
      // A call, with personal data also in refused params, and feedback with free text.
      const booth = await connect(boothLogin.body.token);
      const expert = await connect(expertLogin.body.token);
      await assert.rejects(booth.request('queue.takeNumber', { serviceId: `${personal.name} ${personal.phone}` as string, language: 'fi' }));
      const { view, session } = await booth.request('queue.takeNumber', { serviceId: 'kela-housing-allowance', language: 'fi' });
      await expert.request('queue.takeNext', {});
      await booth.request('queue.answer', { ticketId: view.ticket.ticketId });
      await expert.request('session.end', { sessionId: session.sessionId });
      await booth.request('feedback.submit', {
        visitId: session.visitId,
        answers: { ces: 4, csat: 5, nps: 9, text: `${personal.feedback}: ${personal.name}, ${personal.phone}, ${personal.email}, ${personal.identityCode}` },
      });
      booth.close();
      expert.close();
      // A forged token at the WebSocket door.
      const forged = `${expertLogin.body.token.slice(0, -4)}AAAA`;
      await assert.rejects(connect(forged));

      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      assert.match(output, /SIGTERM: shutting down/, 'the log was captured to the end');
      const log = output.slice(afterBanner);
      const secrets = [
        ...Object.values(personal),
        ...issuedTokens,
        forged,
        DEMO_PASSWORD,
        booked.body.code,
        ...demoStaff.map((user) => user.displayName),
      ];
      for (const secret of secrets) assert.ok(!log.includes(secret), `the log contains ${String(secret).slice(0, 24)}…:\n${log}`);
      assert.doesNotMatch(log, /eyJ[\w-]+\.[\w-]+/, 'no JWT at all');
    });
  });
});
