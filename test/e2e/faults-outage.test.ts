import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD, type EtapisteServer } from '@etapiste/signaling';
import { sfuConfigFromEnv } from '@etapiste/sfu';
import { freePort } from '../../signaling/src/testing/free-port.ts';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import { boothUrl, launchChromium, loginStaffInPage, openPage, waitForTestId } from '../support/browser.ts';
import { callInfo, decodedFrames, startBoothExpertCall, waitForMediaBack } from '../support/faults.ts';
import { expertCameraFile } from '../support/media-files.ts';

const OUTAGE_MS = 20_000;
const TAG = 'etapiste-faults-outage-test';

/** iptables is there and we may use it (root); the rules below touch only this test's own ports. */
function iptablesUsable(): string | null {
  try {
    if (process.getuid?.() !== 0) return 'needs root for iptables';
    execFileSync('iptables', ['-S', 'INPUT'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'iptables is not available';
  }
}
const unusable = iptablesUsable();

/** Drops every packet to and from the ports (loopback: each packet passes INPUT once), or lifts that. */
function blackhole(ports: number[], on: boolean): void {
  for (const port of ports) {
    for (const protocol of ['udp', 'tcp']) {
      for (const direction of ['--dport', '--sport']) {
        const rule = ['INPUT', '-p', protocol, direction, String(port), '-m', 'comment', '--comment', TAG, '-j', 'DROP'];
        try {
          execFileSync('iptables', [on ? '-I' : '-D', ...rule], { stdio: 'ignore' });
        } catch (error) {
          if (on) throw error;
        }
      }
    }
  }
}

/**
 * The reconnection ladder against a real outage on loopback: the server's media and HTTP
 * ports are blackholed for 20 s (nobody sees a link change; the WebSocket stalls, both
 * browsers' transports go 'failed', which Chromium does not recover from by itself), then
 * restored. Media must come back on both ends by itself: ICE restarted locally while
 * signalling is down, the WebSocket found dead by the heartbeat and reopened with backoff,
 * the session resumed, ICE restarted on both ends. (Fault test 2 in network namespaces,
 * with the booth's link down, is test/e2e/network-outage.test.ts.)
 */
describe('faults: 20 s blackhole of the server during a call', { skip: unusable ?? false }, () => {
  let server: EtapisteServer;
  let boothBrowser: Browser;
  let expertBrowser: Browser;
  let booth: Page;
  let expert: Page;
  let ports: number[] = [];

  before(async () => {
    const rtcPort = await freePort();
    server = await startTestServer({ sfu: { ...sfuConfigFromEnv({}), workers: 1, rtcPort, listenIp: '127.0.0.1' } });
    ports = [rtcPort, server.port];
    [boothBrowser, expertBrowser] = await Promise.all([launchChromium({ deviceCount: 3 }), launchChromium({ videoFile: expertCameraFile() })]);
  });
  after(async () => {
    blackhole(ports, false);
    await Promise.allSettled([boothBrowser?.close(), expertBrowser?.close()]);
    await server?.close();
  });

  test('media flows again on both ends soon after the path returns; same session and ticket; nobody did anything', async () => {
    booth = await openPage(boothBrowser, boothUrl(server));
    expert = await openPage(expertBrowser, `${server.url}/agent/`);
    await loginStaffInPage(expert, 'expert.kela', DEMO_PASSWORD);
    await waitForTestId(expert, 'take-next');
    const { sessionId } = await startBoothExpertCall(booth, expert);
    const record = await server.storage.sessions.getSession(sessionId);

    blackhole(ports, true);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const [boothFrames, expertFrames] = await Promise.all([decodedFrames(booth), decodedFrames(expert)]);
    assert.equal((await callInfo(booth)).state, 'reconnecting', 'the booth shows that it is reconnecting');
    blackhole(ports, false);
    const restored = Date.now();
    const [boothBack, expertBack] = await Promise.all([
      waitForMediaBack(booth, { videos: 1, after: boothFrames, timeoutMs: 30_000 }),
      waitForMediaBack(expert, { videos: 2, after: expertFrames, timeoutMs: 30_000 }),
    ]);
    const [boothInfo, expertInfo] = await Promise.all([callInfo(booth), callInfo(expert)]);
    const steps = (info: typeof boothInfo) => info.recoveries.map((recovery) => recovery.steps.map((step) => step.step).join('>')).join(' | ');
    console.log(`blackhole ${OUTAGE_MS / 1000} s → media back ${boothBack - restored} ms (booth), ${expertBack - restored} ms (expert); steps booth: ${steps(boothInfo)}; expert: ${steps(expertInfo)}`);
    // Generous: this machine is shared; without the ladder media never comes back (research §4).
    // The 2-s target of fault test 2 is checked in network namespaces (network-outage.test.ts).
    assert.ok(boothBack - restored <= 10_000, `booth media back ${boothBack - restored} ms after the path returned`);
    assert.ok(expertBack - restored <= 10_000, `expert media back ${expertBack - restored} ms after the path returned`);
    assert.equal(boothInfo.sessionId, sessionId);
    assert.equal(expertInfo.sessionId, sessionId);
    assert.equal((await server.storage.queue.getTicket(record!.ticketId!))?.status, 'serving');
    assert.equal(server.sessions.get(sessionId)?.status, 'active');
  });
});
