import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCode, type NotificationData } from '@etapiste/shared';
import type { EtapisteServer } from '../server.ts';
import { connectClient, loginBooth, loginStaff, nextNotification, startTestServer } from '../testing/test-server.ts';

describe('service sessions over the live protocol', () => {
  let server: EtapisteServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('request → waiting list → accept → hang-up, with the notifications each side needs', async () => {
    const booth = await connectClient(server, (await loginBooth(server)).token);
    const expert = await connectClient(server, (await loginStaff(server, 'expert.kela')).token);
    const otherExpert = await connectClient(server, (await loginStaff(server, 'expert.vero')).token);
    let veroNotified = false;
    otherExpert.on('session.waitingChanged', () => (veroNotified = true));

    const listed = nextNotification<NotificationData<'session.waitingChanged'>>(expert, 'session.waitingChanged');
    const { session } = await booth.request('session.request', { serviceId: 'kela-housing-allowance', language: 'sv' });
    assert.equal(session.status, 'waiting');
    const waiting = (await listed).sessions;
    assert.equal(waiting.length, 1);
    assert.equal(waiting[0]!.sessionId, session.sessionId);
    assert.equal(waiting[0]!.servicePoint.id, 'sp-kallio-library');
    assert.equal(waiting[0]!.language, 'sv');
    assert.deepEqual(Object.keys(waiting[0]!).sort(), ['language', 'service', 'servicePoint', 'sessionId', 'waitingSince']);
    assert.equal(veroNotified, false, 'another agency sees nothing');

    await assert.rejects(booth.request('session.request', { serviceId: 'kela-housing-allowance', language: 'fi' }), {
      code: ErrorCode.Conflict,
    });
    // The waiting booth may already set up its media (warm start); the expert may not yet.
    await booth.request('media.getRouterCapabilities', { sessionId: session.sessionId });
    await assert.rejects(expert.request('media.getRouterCapabilities', { sessionId: session.sessionId }), { code: ErrorCode.Forbidden });

    const accepted = nextNotification<NotificationData<'session.accepted'>>(booth, 'session.accepted');
    const { session: active } = await expert.request('session.accept', { sessionId: session.sessionId });
    assert.equal(active.status, 'active');
    assert.deepEqual(active.participants.map((participant) => participant.role), ['customer', 'expert']);
    assert.equal(active.participants[0]!.displayName, null, 'customers are never named');
    assert.equal((await accepted).session.sessionId, session.sessionId);
    await assert.rejects(expert.request('session.accept', { sessionId: session.sessionId }), { code: ErrorCode.Conflict });

    const boothEnded = nextNotification<NotificationData<'session.ended'>>(booth, 'session.ended');
    const expertEnded = nextNotification<NotificationData<'session.ended'>>(expert, 'session.ended');
    await booth.request('session.end', { sessionId: session.sessionId });
    assert.equal((await boothEnded).reason, 'hangup');
    assert.equal((await expertEnded).reason, 'hangup');
    assert.deepEqual(server.media.counters(), { routers: 0, transports: 0, producers: 0, consumers: 0 });
    for (const client of [booth, expert, otherExpert]) client.close();
  });

  test('a booth that disconnects ends its session for the expert; a waiting one leaves the list', async () => {
    const expert = await connectClient(server, (await loginStaff(server, 'expert.kela')).token);
    const booth = await connectClient(server, (await loginBooth(server)).token);
    const { session } = await booth.request('session.request', { serviceId: 'kela-housing-allowance', language: 'fi' });
    await expert.request('session.accept', { sessionId: session.sessionId });
    const ended = nextNotification<NotificationData<'session.ended'>>(expert, 'session.ended');
    booth.close();
    assert.equal((await ended).reason, 'boothDisconnected');

    const secondBooth = await connectClient(server, (await loginBooth(server, 'demo-booth-lapland-servicebus-01')).token);
    await secondBooth.request('session.request', { serviceId: 'kela-housing-allowance', language: 'en' });
    const emptied = nextNotification<NotificationData<'session.waitingChanged'>>(expert, 'session.waitingChanged');
    secondBooth.close();
    assert.deepEqual((await emptied).sessions, []);
    assert.equal(server.media.counters().routers, 0);
    expert.close();
  });

  test('when the worker carrying a session dies, both sides get session.ended with mediaFailure', async () => {
    const booth = await connectClient(server, (await loginBooth(server)).token);
    const expert = await connectClient(server, (await loginStaff(server, 'expert.kela')).token);
    const { session } = await booth.request('session.request', { serviceId: 'kela-housing-allowance', language: 'fi' });
    await expert.request('session.accept', { sessionId: session.sessionId });
    const boothEnded = nextNotification<NotificationData<'session.ended'>>(booth, 'session.ended');
    const expertEnded = nextNotification<NotificationData<'session.ended'>>(expert, 'session.ended');
    process.kill(server.media.workerOf(session.sessionId)!, 'SIGKILL');
    assert.equal((await boothEnded).reason, 'mediaFailure');
    assert.equal((await expertEnded).reason, 'mediaFailure');
    // The replacement worker serves the next request.
    const deadline = Date.now() + 5000;
    while (server.media.health().healthyWorkers < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const { session: next } = await booth.request('session.request', { serviceId: 'kela-housing-allowance', language: 'fi' });
    await booth.request('session.cancel', { sessionId: next.sessionId });
    booth.close();
    expert.close();
  });

  test('a service that is not remote-capable cannot be requested', async () => {
    const booth = await connectClient(server, (await loginBooth(server)).token);
    await assert.rejects(booth.request('session.request', { serviceId: 'vero-new-taxpayer-id', language: 'fi' }), {
      code: ErrorCode.Conflict,
    });
    await assert.rejects(booth.request('session.request', { serviceId: 'no-such-service', language: 'fi' }), {
      code: ErrorCode.NotFound,
    });
    booth.close();
  });
});
