import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { translate, type MessageKey } from '@etapiste/shared/i18n';
import { startBridge, type RunningBridge } from '../../booth-client/bridge/src/bridge-server.ts';
import { idCardRoutes } from '../../booth-client/bridge/src/id-card/id-card-routes.ts';
import { PcscIdCardReader } from '../../booth-client/bridge/src/id-card/pcsc-id-card-reader.ts';
import { INS } from '../../booth-client/bridge/src/id-card/testing/card-emulator.ts';
import { startTestPcscd, type TestPcscd } from '../../booth-client/bridge/src/id-card/testing/pcsc-sandbox.ts';
import { createTestCa, type TestCa } from '../../booth-client/bridge/src/id-card/testing/test-ca.ts';
import { VirtualIdCardDevice } from '../../booth-client/bridge/src/id-card/testing/virtual-card-device.ts';
import { parsePemBundle } from '../../signaling/src/identity/certificate-verification.ts';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import type { EtapisteServer } from '@etapiste/signaling';
import { boothUrl, click, launchChromium, poll, textOfTestId, typeOnKeypad, waitForTestId, wcagViolations } from '../support/browser.ts';
import { expertCameraFile } from '../support/media-files.ts';
import { startServedCall } from '../support/served-call.ts';

const BRIDGE_TOKEN = 'id-card-e2e-bridge-token-0123';
const PIN = '2580';

/** The text in any of the three languages (the test does not care which one a console uses). */
const inSomeLanguage = (text: string, key: MessageKey, vars?: Record<string, string | number>) =>
  (['fi', 'sv', 'en'] as const).some((language) => text.includes(translate(language, key, vars)));

describe('ID-card identification in a served call', () => {
  let ca: TestCa;
  let pcscd: TestPcscd;
  let card: VirtualIdCardDevice;
  let server: EtapisteServer;
  let bridge: RunningBridge;
  let boothBrowser: Browser;
  let expertBrowser: Browser;
  let booth: Page;
  let expert: Page;

  before(async () => {
    ca = createTestCa();
    const issued = ca.issueCard({ givenName: 'Aino', surname: 'Testinen', personalIdentityCode: '131052-308T' });
    pcscd = await startTestPcscd();
    card = new VirtualIdCardDevice({ certificateDer: issued.certificateDer, privateKey: issued.privateKey, pin: PIN });
    server = await startTestServer({ idCardTrustedCas: parsePemBundle(ca.certificatePem) });
    const reader = new PcscIdCardReader({ readerName: pcscd.readerName, timeoutMs: 10_000 });
    const registry = { printer: null, scanner: null, paymentTerminal: null, idCardReader: reader };
    bridge = await startBridge({ registry, token: BRIDGE_TOKEN, kioskOrigin: server.url, port: 0 }, [idCardRoutes(reader)]);
    [boothBrowser, expertBrowser] = await Promise.all([launchChromium({ deviceCount: 3 }), launchChromium({ videoFile: expertCameraFile() })]);
    ({ booth, expert } = await startServedCall(server, boothBrowser, expertBrowser, {
      boothUrl: `${boothUrl(server)}&bridge=${encodeURIComponent(bridge.url)}&bridgeToken=${BRIDGE_TOKEN}`,
    }));
    await card.insert(pcscd.cardPort);
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), expertBrowser?.close()]);
    await bridge?.close();
    await server?.close();
    await card?.dispose();
    await pcscd?.stop();
    ca?.dispose();
  });

  test('a wrong PIN is told on both sides with the tries left; the right PIN gives the expert "identity verified" with the name', async () => {
    await click(expert, 'identity-request');
    await waitForTestId(booth, 'identity-dialog');
    assert.ok(inSomeLanguage(await textOfTestId(expert, 'identity-status'), 'identity.expert.waiting'));
    assert.deepEqual(await wcagViolations(booth), [], 'the PIN dialog meets WCAG 2.1 AA');

    await typeOnKeypad(booth, '9999', 'pin-key');
    assert.equal(await booth.$eval('[data-testid="identity-pin"]', (input) => (input as HTMLInputElement).type), 'password', 'the PIN is masked');
    await click(booth, 'identity-confirm');
    const boothProblem = await poll('the booth to tell the wrong PIN', () => textOfTestId(booth, 'identity-problem'), (text) => text.length > 0, 20_000);
    assert.equal(boothProblem, translate('fi', 'identity.problem.wrongPin', { count: 2 }));
    const expertProblem = await poll('the expert to see the wrong PIN', () => textOfTestId(expert, 'identity-status'), (text) => inSomeLanguage(text, 'identity.problem.wrongPin', { count: 2 }));
    assert.ok(expertProblem);
    assert.deepEqual(await wcagViolations(booth), [], 'the PIN dialog with its problem meets WCAG 2.1 AA');

    await typeOnKeypad(booth, PIN, 'pin-key');
    await click(booth, 'identity-confirm');
    const result = await poll('the booth to show the result', () => textOfTestId(booth, 'identity-result', 30_000), (text) => text.length > 0, 30_000);
    assert.equal(result, translate('fi', 'identity.booth.verified'));
    await waitForTestId(expert, 'identity-verified', 15_000);
    assert.ok(inSomeLanguage(await textOfTestId(expert, 'identity-verified'), 'identity.expert.verified'));
    assert.ok(inSomeLanguage(await textOfTestId(expert, 'identity-name'), 'identity.expert.name', { name: 'Aino Testinen' }));
    assert.equal(await expert.$('[data-testid="identity-code"]'), null, "Kela's policy does not show the personal identity code");
    await click(booth, 'identity-close');
  });

  test('the reader unplugged in the middle of reading the card: both sides get a clear message and nothing hangs', async () => {
    await card.setFault({ ins: INS.readBinary, action: 'hold' });
    await click(expert, 'identity-request');
    await waitForTestId(booth, 'identity-dialog');
    await typeOnKeypad(booth, PIN, 'pin-key');
    const reading = card.waitForCommand(INS.readBinary);
    await click(booth, 'identity-confirm');
    await waitForTestId(booth, 'identity-reading');
    await reading;
    const unplugged = Date.now();
    await pcscd.stop('SIGKILL');
    const boothText = await poll('the booth to tell the reader is gone', () => textOfTestId(booth, 'identity-dialog'), (text) => text.includes(translate('fi', 'identity.problem.readerUnavailable')), 15_000);
    assert.ok(boothText.includes(translate('fi', 'identity.booth.failed')));
    await waitForTestId(expert, 'identity-failed', 15_000);
    assert.ok(inSomeLanguage(await textOfTestId(expert, 'identity-failed'), 'identity.problem.readerUnavailable'));
    const took = Date.now() - unplugged;
    assert.ok(took < 10_000, `both sides knew within ${took} ms`);
    console.log(`reader unplugged mid-read: booth and expert told within ${took} ms`);
    assert.deepEqual(await wcagViolations(booth), [], 'the failure message meets WCAG 2.1 AA');
    // The call goes on: the customer closes the message and is back in the call.
    await click(booth, 'identity-close');
    await waitForTestId(booth, 'in-call');
    await waitForTestId(expert, 'in-call');
  });
});
