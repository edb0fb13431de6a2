import assert from 'node:assert/strict';
import { randomBytes, sign, X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ErrorCode, type NotificationData } from '@etapiste/shared';
import { createTestCa, type TestCa, type TestCard } from '../../../booth-client/bridge/src/id-card/testing/test-ca.ts';
import type { EtapisteServer } from '../server.ts';
import { connectClient, loginBooth, loginStaff, nextNotification, startTestServer } from '../testing/test-server.ts';
import { localDateOf } from '../time/helsinki-time.ts';
import { parsePemBundle, subjectOf, verifyCertificate, verifyChallengeSignature } from './certificate-verification.ts';

const KELA_SERVICE = 'kela-housing-allowance';
let ca: TestCa;
let otherCa: TestCa;
let card: TestCard;
let strangerCard: TestCard;

before(() => {
  ca = createTestCa();
  otherCa = createTestCa('Somebody Else CA');
  card = ca.issueCard({ givenName: 'Aino', surname: 'Testinen', personalIdentityCode: '131052-308T' });
  strangerCard = otherCa.issueCard({ givenName: 'Eve', surname: 'Mallory', personalIdentityCode: '010101-123N' });
});
after(() => {
  ca.dispose();
  otherCa.dispose();
});

const signed = (challenge: Buffer, key = card.privateKey) => sign('sha256', challenge, key);

describe('certificate and signature checks', () => {
  test('a card certificate of the trusted CA verifies, with the name and the code from the subject', () => {
    const trusted = parsePemBundle(ca.certificatePem);
    const result = verifyCertificate(card.certificateDer, trusted);
    assert.deepEqual(result, { ok: true, subject: { givenName: 'Aino', surname: 'Testinen', commonName: 'Testinen Aino', personalIdentityCode: '131052-308T' } });
  });

  test('another CA, a CA certificate as the card, garbage and an expired chain are refused', () => {
    const trusted = parsePemBundle(ca.certificatePem);
    assert.deepEqual(verifyCertificate(strangerCard.certificateDer, trusted), { ok: false, problem: 'unknownCa' });
    assert.deepEqual(verifyCertificate(new X509Certificate(ca.certificatePem).raw, trusted), { ok: false, problem: 'unknownCa' });
    assert.deepEqual(verifyCertificate(Buffer.from('not a certificate'), trusted), { ok: false, problem: 'cardError' });
    assert.deepEqual(verifyCertificate(card.certificateDer, []), { ok: false, problem: 'unknownCa' });
    const in20years = Date.now() + 20 * 365 * 86_400_000;
    assert.deepEqual(verifyCertificate(card.certificateDer, trusted, in20years), { ok: false, problem: 'certificateExpired' });
  });

  test('the signature must be over this challenge with this certificate’s key', () => {
    const challenge = randomBytes(32);
    assert.ok(verifyChallengeSignature(card.certificateDer, challenge, signed(challenge)));
    assert.ok(!verifyChallengeSignature(card.certificateDer, randomBytes(32), signed(challenge)));
    assert.ok(!verifyChallengeSignature(card.certificateDer, challenge, signed(challenge, strangerCard.privateKey)));
    assert.ok(!verifyChallengeSignature(card.certificateDer, challenge, Buffer.alloc(256)));
  });

  test('no personal identity code without a PNOFI semantic identifier', () => {
    const subject = subjectOf(new X509Certificate(ca.certificatePem));
    assert.equal(subject.personalIdentityCode, null);
  });
});

describe('identification in a service session', () => {
  let server: EtapisteServer;
  before(async () => {
    server = await startTestServer({ idCardTrustedCas: parsePemBundle(ca.certificatePem) });
  });
  after(() => server.close());

  async function activeSession() {
    const booth = await connectClient(server, (await loginBooth(server)).token);
    const expert = await connectClient(server, (await loginStaff(server, 'expert.kela')).token);
    const { view } = await booth.request('queue.takeNumber', { serviceId: KELA_SERVICE, language: 'fi' });
    const { call } = await expert.request('queue.takeNext', {});
    assert.ok(call);
    const { session } = await booth.request('queue.answer', { ticketId: view.ticket.ticketId });
    const close = async () => {
      await expert.request('session.end', { sessionId: session.sessionId });
      booth.close();
      expert.close();
    };
    return { booth, expert, sessionId: session.sessionId, close };
  }

  test('the expert asks, the booth reports a wrong PIN, then signs: the expert sees the name, the code only by agency policy', async () => {
    const { booth, expert, sessionId, close } = await activeSession();
    const other = await connectClient(server, (await loginStaff(server, 'expert2.kela')).token);
    await assert.rejects(other.request('identity.request', { sessionId }), { code: ErrorCode.Forbidden });
    await assert.rejects(booth.request('identity.request', { sessionId }), { code: ErrorCode.Forbidden });
    other.close();

    const requested = nextNotification<NotificationData<'identity.requested'>>(booth, 'identity.requested');
    const { state } = await expert.request('identity.request', { sessionId });
    assert.equal(state.status, 'waitingForCustomer');
    const { requestId, challenge } = await requested;
    assert.equal(requestId, state.requestId);
    assert.equal(Buffer.from(challenge, 'base64').length, 32);

    const wrongPin = nextNotification<NotificationData<'identity.changed'>>(expert, 'identity.changed');
    await booth.request('identity.report', { requestId, problem: 'wrongPin', triesLeft: 2 });
    assert.deepEqual((await wrongPin).state, { ...state, problem: 'wrongPin', triesLeft: 2 });

    const verified = nextNotification<NotificationData<'identity.changed'>>(expert, 'identity.changed');
    const answer = await booth.request('identity.submit', {
      requestId,
      certificate: card.certificateDer.toString('base64'),
      signature: signed(Buffer.from(challenge, 'base64')).toString('base64'),
    });
    assert.deepEqual(answer, { verified: true, problem: null });
    const seen = (await verified).state;
    assert.equal(seen.status, 'verified');
    assert.deepEqual(seen.person, { givenName: 'Aino', surname: 'Testinen', commonName: 'Testinen Aino', personalIdentityCode: null });

    // Single use: the same challenge cannot be answered twice.
    await assert.rejects(booth.request('identity.submit', { requestId, certificate: card.certificateDer.toString('base64'), signature: 'AAAA' }), { code: ErrorCode.NotFound });

    // The agency allows the code: the next identification shows it.
    const kela = (await server.storage.catalogue.getAgency('kela'))!;
    await server.storage.catalogue.upsertAgency({ ...kela, showsPersonalIdentityCode: true });
    try {
      const again = nextNotification<NotificationData<'identity.requested'>>(booth, 'identity.requested');
      await expert.request('identity.request', { sessionId });
      const second = await again;
      const shown = nextNotification<NotificationData<'identity.changed'>>(expert, 'identity.changed');
      await booth.request('identity.submit', {
        requestId: second.requestId,
        certificate: card.certificateDer.toString('base64'),
        signature: signed(Buffer.from(second.challenge, 'base64')).toString('base64'),
      });
      assert.equal((await shown).state.person?.personalIdentityCode, '131052-308T');
    } finally {
      await server.storage.catalogue.upsertAgency(kela);
    }

    const events = await server.storage.statistics.listEvents({ fromDate: localDateOf(Date.now()), toDate: localDateOf(Date.now()), kinds: ['deviceUsed'] });
    const mine = events.filter((event) => event.sessionId === sessionId && event.data.action === 'idVerification');
    assert.equal(mine.length, 2);
    for (const event of mine) {
      assert.equal(event.data.outcome, 'success');
      assert.equal(typeof event.data.durationMs, 'number');
      assert.ok(!JSON.stringify(event).includes('Testinen') && !JSON.stringify(event).includes('131052'), 'never the identity');
    }
    await close();
  });

  test('an unknown CA, a wrong signature and a reader unplugged end the request with that problem on both sides', async () => {
    const { booth, expert, sessionId, close } = await activeSession();
    const ask = async () => {
      const requested = nextNotification<NotificationData<'identity.requested'>>(booth, 'identity.requested');
      await expert.request('identity.request', { sessionId });
      return requested;
    };
    const changed = () => nextNotification<NotificationData<'identity.changed'>>(expert, 'identity.changed');

    let request = await ask();
    let seen = changed();
    const stranger = await booth.request('identity.submit', {
      requestId: request.requestId,
      certificate: strangerCard.certificateDer.toString('base64'),
      signature: signed(Buffer.from(request.challenge, 'base64'), strangerCard.privateKey).toString('base64'),
    });
    assert.deepEqual(stranger, { verified: false, problem: 'unknownCa' });
    assert.deepEqual([(await seen).state.status, (await seen).state.problem, (await seen).state.person], ['failed', 'unknownCa', null]);

    request = await ask();
    seen = changed();
    const forged = await booth.request('identity.submit', {
      requestId: request.requestId,
      certificate: card.certificateDer.toString('base64'),
      signature: signed(randomBytes(32)).toString('base64'),
    });
    assert.deepEqual(forged, { verified: false, problem: 'badSignature' });
    assert.equal((await seen).state.problem, 'badSignature');

    request = await ask();
    seen = changed();
    const closed = nextNotification<NotificationData<'identity.closed'>>(booth, 'identity.closed');
    await booth.request('identity.report', { requestId: request.requestId, problem: 'readerUnavailable', triesLeft: null });
    assert.deepEqual([(await seen).state.status, (await seen).state.problem], ['failed', 'readerUnavailable']);
    assert.equal((await closed).requestId, request.requestId);
    await assert.rejects(booth.request('identity.report', { requestId: request.requestId, problem: 'wrongPin', triesLeft: 1 }), { code: ErrorCode.NotFound });
    await assert.rejects(booth.request('identity.report', { requestId: request.requestId, problem: 'unknownCa' as never, triesLeft: null }), { code: ErrorCode.ValidationFailed });
    await close();
  });
});
