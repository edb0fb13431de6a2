import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD } from '@etapiste/signaling';
import { freePort } from '../../signaling/src/testing/free-port.ts';
import { killServerProcess, startServerProcess } from '../../signaling/src/testing/server-process.ts';
import { boothUrl, launchChromium, loginStaffInPage, openPage, waitForTestId, waitForTwoWayMedia } from '../support/browser.ts';
import { callInfo, startBoothExpertCall, waitForMediaBack } from '../support/faults.ts';
import { expertCameraFile } from '../support/media-files.ts';

/**
 * Fault test 4: kill -9 of the signalling server during a call and a restart on the same data.
 * Both ends reconnect by themselves (backoff with jitter), resume the same session with their
 * resume tokens, set up media in the re-created room, and media flows again; nothing is lost.
 */
describe('faults: kill -9 of the signalling server during a call', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'etapiste-restart-'));
  let child: ChildProcess | null = null;
  let boothBrowser: Browser;
  let expertBrowser: Browser;
  let booth: Page;
  let expert: Page;
  let port: number;

  before(async () => {
    port = await freePort();
    child = await startServerProcess(dataDir, port);
    [boothBrowser, expertBrowser] = await Promise.all([launchChromium({ deviceCount: 3 }), launchChromium({ videoFile: expertCameraFile() })]);
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), expertBrowser?.close()]);
    if (child) await killServerProcess(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('both ends resume the same session and media flows again after the restart', async () => {
    const url = `http://127.0.0.1:${port}`;
    booth = await openPage(boothBrowser, boothUrl({ url }));
    expert = await openPage(expertBrowser, `${url}/agent/`);
    await loginStaffInPage(expert, 'expert.kela', DEMO_PASSWORD);
    await waitForTestId(expert, 'take-next');
    const { sessionId } = await startBoothExpertCall(booth, expert);
    const [boothBefore, expertBefore] = await Promise.all([callInfo(booth), callInfo(expert)]);

    await killServerProcess(child!);
    const killedAt = Date.now();
    child = await startServerProcess(dataDir, port);
    const restartedAt = Date.now();
    const [boothBack, expertBack] = await Promise.all([
      waitForMediaBack(booth, { videos: 1, oldEpoch: boothBefore.mediaEpoch, timeoutMs: 30_000 }),
      waitForMediaBack(expert, { videos: 2, oldEpoch: expertBefore.mediaEpoch, timeoutMs: 30_000 }),
    ]);
    console.log(
      `signalling kill -9 → restart took ${restartedAt - killedAt} ms; media back ${boothBack - restartedAt} ms (booth), ${expertBack - restartedAt} ms (expert) after the restart`,
    );
    // Same session on both ends, both still in the call, media both ways.
    assert.equal((await callInfo(booth)).sessionId, sessionId);
    assert.equal((await callInfo(expert)).sessionId, sessionId);
    await waitForTestId(booth, 'in-call');
    await waitForTestId(expert, 'in-call');
    await waitForTwoWayMedia(booth, expert);
    // Nothing lost: the expert ends the call normally and the customer gets the end screen
    // (a served visit), which needs the restored session and ticket.
    await expert.click('[data-testid="end-session"]');
    await waitForTestId(booth, 'call-ended', 20_000);
    await waitForTestId(expert, 'take-next', 20_000);
  });
});
