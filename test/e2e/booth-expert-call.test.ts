import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD } from '@etapiste/signaling';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import type { EtapisteServer } from '@etapiste/signaling';
import { boothUrl, callStats, click, launchChromium, loginStaffInPage, openPage, poll, waitForTestId, wcagViolations } from '../support/browser.ts';
import { expertCameraFile } from '../support/media-files.ts';

/**
 * The foundation's end-to-end call: a booth with a face camera and a document camera takes a
 * number, a Kela expert takes the next customer, the customer answers the call, and getStats()
 * on both pages proves that media flows both ways.
 *
 * Cameras: Chromium offers exactly one camera when it plays a .y4m file
 * (--use-file-for-fake-video-capture), so the booth, which needs two cameras, uses synthetic
 * fake devices, and the expert's camera is a generated .y4m. Chromium's second fake device
 * (fake_device_1) is a Y16 depth camera whose frames never reach a PeerConnection, so the
 * booth is configured, as a real kiosk would be, to use fake_device_2 as its document camera
 * (see boothUrl).
 */
describe('booth ↔ expert video call', () => {
  let server: EtapisteServer;
  let boothBrowser: Browser;
  let expertBrowser: Browser;
  let booth: Page;
  let expert: Page;

  before(async () => {
    server = await startTestServer();
    [boothBrowser, expertBrowser] = await Promise.all([
      launchChromium({ deviceCount: 3 }),
      launchChromium({ videoFile: expertCameraFile() }),
    ]);
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), expertBrowser?.close()]);
    await server?.close();
  });

  test('the booth calls, the expert answers, media flows both ways, and hang-up releases everything', async () => {
    booth = await openPage(boothBrowser, boothUrl(server));
    expert = await openPage(expertBrowser, `${server.url}/agent/`);
    await loginStaffInPage(expert, 'expert.kela', DEMO_PASSWORD);
    await waitForTestId(expert, 'take-next');

    await click(booth, 'language-fi');
    assert.deepEqual(await wcagViolations(booth), [], 'agency screen meets WCAG 2.1 AA');
    await click(booth, 'agency-kela');
    await click(booth, 'service-kela-housing-allowance');
    await click(booth, 'take-number');
    await waitForTestId(booth, 'waiting-screen');
    assert.deepEqual(await wcagViolations(booth), [], 'waiting screen meets WCAG 2.1 AA');

    await click(expert, 'take-next');
    await waitForTestId(expert, 'calling');
    await waitForTestId(booth, 'called-screen');
    assert.deepEqual(await wcagViolations(booth), [], 'called screen meets WCAG 2.1 AA');
    // The expert's media is warming up while the number is called, but nothing of the customer
    // reaches the expert before the customer answers.
    const remoteTracks = () => expert.evaluate(() => [...((globalThis as any).__etapisteCalls ?? [])][0]?.remoteTracks.length ?? 0);
    await poll('the expert to consume the customer’s three tracks', remoteTracks, (count) => count === 3, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const beforeAnswer = await callStats(expert);
    assert.equal(
      beforeAnswer.inbound.reduce((sum, stat) => sum + stat.packetsReceived, 0),
      0,
      'no customer media before the answer',
    );
    await click(booth, 'answer-call');
    await Promise.all([waitForTestId(booth, 'in-call'), waitForTestId(expert, 'in-call')]);

    // Expert: customer face + document camera + customer audio, decoding.
    const expertFirst = await poll(
      'expert to decode 2 videos and receive audio',
      () => callStats(expert),
      ({ inbound }) =>
        inbound.filter((stat) => stat.kind === 'video' && stat.framesDecoded > 0).length === 2 &&
        inbound.some((stat) => stat.kind === 'audio' && stat.packetsReceived > 0),
    );
    assert.equal(expertFirst.inbound.length, 3, 'expert receives exactly 2 video + 1 audio');
    // Booth: expert face + expert audio.
    const boothFirst = await poll(
      'booth to decode the expert video and receive audio',
      () => callStats(booth),
      ({ inbound }) =>
        inbound.some((stat) => stat.kind === 'video' && stat.framesDecoded > 0) &&
        inbound.some((stat) => stat.kind === 'audio' && stat.packetsReceived > 0),
    );
    assert.equal(boothFirst.inbound.length, 2, 'booth receives exactly 1 video + 1 audio');
    assert.deepEqual(
      boothFirst.inbound.map((stat) => `${stat.participantRole}:${stat.source}`).sort(),
      ['expert:faceCamera', 'expert:microphone'],
    );

    // Frames keep being decoded, and the document camera arrives sharp.
    const expertLater = await poll(
      'document camera at ≥ 1280 px and frames increasing',
      () => callStats(expert),
      ({ inbound }) => {
        const document = inbound.find((stat) => stat.source === 'documentCamera');
        const face = inbound.find((stat) => stat.source === 'faceCamera');
        const firstDocument = expertFirst.inbound.find((stat) => stat.source === 'documentCamera')!;
        const firstFace = expertFirst.inbound.find((stat) => stat.source === 'faceCamera')!;
        return (
          !!document && !!face && document.frameWidth >= 1280 &&
          document.framesDecoded > firstDocument.framesDecoded && face.framesDecoded > firstFace.framesDecoded
        );
      },
      30_000,
    );
    const documentStat = expertLater.inbound.find((stat) => stat.source === 'documentCamera')!;
    assert.ok(documentStat.frameWidth >= 1280, `document camera width ${documentStat.frameWidth}`);
    const boothLater = await poll('booth frames increasing', () => callStats(booth), ({ inbound }) => {
      const video = inbound.find((stat) => stat.kind === 'video');
      return !!video && video.framesDecoded > boothFirst.inbound.find((stat) => stat.kind === 'video')!.framesDecoded;
    });
    assert.ok(boothLater.inbound.length === 2);
    assert.deepEqual(await wcagViolations(booth), [], 'in-call screen meets WCAG 2.1 AA');

    const during = server.media.counters();
    assert.equal(during.routers, 1);
    assert.equal(during.transports, 4);
    assert.equal(during.producers, 5, "booth: microphone, face, document; expert: microphone, face");
    assert.equal(during.consumers, 5, "expert receives 3, booth receives 2");

    await click(expert, 'end-session');
    await waitForTestId(booth, 'call-ended');
    assert.deepEqual(await wcagViolations(booth), [], 'end screen meets WCAG 2.1 AA');
    const released = await poll('server to release the session media', async () => server.media.counters(), (counters) =>
      counters.routers === 0 && counters.transports === 0 && counters.producers === 0 && counters.consumers === 0,
    5000);
    assert.deepEqual(released, { routers: 0, transports: 0, producers: 0, consumers: 0 });

    // The served session left a media-quality sample from the SFU's own RTP statistics.
    const quality = await server.storage.statistics.listEvents({ fromDate: '2000-01-01', toDate: '2999-12-31', kinds: ['mediaQuality'] });
    assert.equal(quality.length, 1);
    assert.equal(quality[0]!.agencyId, 'kela');
    assert.equal(quality[0]!.data.streams, 5, 'expert: 3 streams, booth: 2');
    assert.equal(typeof quality[0]!.data.lossPct, 'number');
    assert.ok((quality[0]!.data.lossPct as number) < 5, 'no real loss on loopback');
  });
});
