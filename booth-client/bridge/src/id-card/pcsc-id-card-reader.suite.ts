import assert from 'node:assert/strict';
import { randomBytes, verify, X509Certificate } from 'node:crypto';
import { after, before, test } from 'node:test';
import { IdCardError } from '../device-registry.ts';
import { PcscIdCardReader } from './pcsc-id-card-reader.ts';
import { INS } from './testing/card-emulator.ts';
import { VirtualIdCardDevice } from './testing/virtual-card-device.ts';
import { startTestPcscd, type TestPcscd } from './testing/pcsc-sandbox.ts';
import { createTestCa, type TestCa, type TestCard } from './testing/test-ca.ts';

let pcscd: TestPcscd;
let ca: TestCa;
let issued: TestCard;
let reader: PcscIdCardReader;
const cards: VirtualIdCardDevice[] = [];

before(async () => {
  ca = createTestCa();
  issued = ca.issueCard({ givenName: 'Aino', surname: 'Testinen', personalIdentityCode: '131052-308T' });
  pcscd = await startTestPcscd();
  reader = new PcscIdCardReader({ readerName: pcscd.readerName, timeoutMs: 8000 });
});
after(async () => {
  await pcscd?.stop();
  ca?.dispose();
  for (const card of cards) await card.dispose();
});

function newCard(triesLeft = 3): VirtualIdCardDevice {
  const card = new VirtualIdCardDevice({ certificateDer: issued.certificateDer, privateKey: issued.privateKey, pin: '1234', triesLeft });
  cards.push(card);
  return card;
}

async function insert(card: VirtualIdCardDevice): Promise<void> {
  await card.insert(pcscd.cardPort);
  await waitFor(async () => (await reader.status()).cardPresent, 'the card to be seen');
}

async function remove(card: VirtualIdCardDevice): Promise<void> {
  await card.remove();
  await waitFor(async () => !(await reader.status()).cardPresent, 'the card to be gone');
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function rejectsWith(promise: Promise<unknown>, code: IdCardError['code'], triesLeft?: number): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof IdCardError, `expected an IdCardError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (triesLeft !== undefined) assert.equal(error.triesLeft, triesLeft);
    return true;
  });
}

test('status sees the virtual reader, and the card coming and going', async () => {
  assert.deepEqual(await reader.status(), { readerPresent: true, cardPresent: false });
  const card = newCard();
  await insert(card);
  assert.deepEqual(await reader.status(), { readerPresent: true, cardPresent: true });
  await remove(card);
  assert.deepEqual(await reader.status(), { readerPresent: true, cardPresent: false });
  await rejectsWith(reader.readAuthenticationCertificate(), 'noCard');
});

test('reads the authentication certificate and signs a challenge that verifies with its key', async () => {
  const card = newCard();
  await insert(card);
  try {
    const der = await reader.readAuthenticationCertificate();
    assert.deepEqual(der, issued.certificateDer);
    const certificate = new X509Certificate(der);
    const challenge = randomBytes(32);
    const signature = await reader.signChallenge(challenge, '1234');
    assert.equal(signature.length, 256);
    assert.ok(verify('sha256', challenge, certificate.publicKey, signature), 'the signature verifies with the certificate key');
    assert.ok(!verify('sha256', randomBytes(32), certificate.publicKey, signature), 'and only for that challenge');
    assert.ok((await card.receivedInstructions()).includes(INS.verify), 'the PIN went to the card');
  } finally {
    await remove(card);
  }
});

test('a wrong PIN tells the tries left, the right one resets the counter, three wrong ones block', async () => {
  const card = newCard();
  await insert(card);
  try {
    const challenge = randomBytes(32);
    await rejectsWith(reader.signChallenge(challenge, '9999'), 'wrongPin', 2);
    await rejectsWith(reader.signChallenge(challenge, '9998'), 'wrongPin', 1);
    assert.equal((await reader.signChallenge(challenge, '1234')).length, 256);
    assert.equal(await card.triesLeft(), 3);
    await rejectsWith(reader.signChallenge(challenge, '0000'), 'wrongPin', 2);
    await rejectsWith(reader.signChallenge(challenge, '0000'), 'wrongPin', 1);
    await rejectsWith(reader.signChallenge(challenge, '0000'), 'pinBlocked', 0);
    await rejectsWith(reader.signChallenge(challenge, '1234'), 'pinBlocked', 0);
    await rejectsWith(reader.signChallenge(challenge, '12'), 'wrongPin');
  } finally {
    await remove(card);
  }
});

test('the card pulled out in the middle of reading the certificate gives cardRemoved', async () => {
  const card = newCard();
  await insert(card);
  await card.setFault({ ins: INS.readBinary, nth: 2, action: 'cut' });
  const started = Date.now();
  await rejectsWith(reader.readAuthenticationCertificate(), 'cardRemoved');
  assert.ok(Date.now() - started < 5000, 'the failure comes at once, not after the timeout');
  await waitFor(async () => !(await reader.status()).cardPresent, 'the card to be gone');
});

test('the reader unplugged in the middle of a read (pcscd gone) gives readerUnavailable and nothing hangs', async () => {
  const card = newCard();
  await insert(card);
  await card.setFault({ ins: INS.readBinary, action: 'hold' });
  const held = card.waitForCommand(INS.readBinary);
  const started = Date.now();
  const reading = reader.readAuthenticationCertificate();
  const outcome = reading.then(() => null, (error: unknown) => error);
  await held;
  await pcscd.stop('SIGKILL');
  await rejectsWith(outcome.then((error) => Promise.reject(error)), 'readerUnavailable');
  assert.ok(Date.now() - started < 7000, `failed in ${Date.now() - started} ms`);
  assert.deepEqual(await reader.status(), { readerPresent: false, cardPresent: false });
  await rejectsWith(reader.signChallenge(randomBytes(32), '1234'), 'readerUnavailable');
  // Plugged back in, it works again without any recovery step.
  await card.remove();
  await pcscd.restart();
  const again = newCard();
  await insert(again);
  assert.deepEqual(await reader.readAuthenticationCertificate(), issued.certificateDer);
  await remove(again);
});
