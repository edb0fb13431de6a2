import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_PASSWORD, type EtapisteServer } from '@etapiste/signaling';
import { startTestServer } from '../../signaling/src/testing/test-server.ts';
import { boothUrl, click, launchChromium, loginStaffInPage, openPage, waitForTestId, waitForTwoWayMedia } from '../support/browser.ts';
import { expertCameraFile } from '../support/media-files.ts';
import { freePort } from '../../signaling/src/testing/free-port.ts';


/** Debian's coturn with TURN REST credentials (use-auth-secret), on loopback for the test. */
async function startCoturn(secret: string): Promise<{ url: string; process: ChildProcess; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etapiste-turn-'));
  const port = await freePort();
  const config = [
    'listening-ip=127.0.0.1',
    'relay-ip=127.0.0.1',
    `listening-port=${port}`,
    'min-port=49300',
    'max-port=49400',
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    'realm=etapiste.test',
    'fingerprint',
    'no-tls',
    'no-dtls',
    'no-cli',
    'no-multicast-peers',
    // Only because the test's SFU listens on 127.0.0.1; never in production (infra/coturn/turnserver.conf).
    'allow-loopback-peers',
    `pidfile=${dir}/turnserver.pid`,
    `userdb=${dir}/turndb`,
    'log-file=stdout',
    'simple-log',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'turn.conf'), config);
  const child = spawn('turnserver', ['-c', path.join(dir, 'turn.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`coturn did not start: ${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Total (General|UDP) servers|IPv4. UDP listener opened|listener opened on/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`coturn exited (${code}): ${output}`)));
  });
  return { url: `turn:127.0.0.1:${port}?transport=udp`, process: child, dir };
}

describe('TURN: a booth behind a firewall that allows only the relay', () => {
  let server: EtapisteServer;
  let coturn: Awaited<ReturnType<typeof startCoturn>>;
  let boothBrowser: Browser;
  let expertBrowser: Browser;

  before(async () => {
    const secret = randomBytes(24).toString('hex');
    coturn = await startCoturn(secret);
    server = await startTestServer({ turn: { urls: [coturn.url], secret, ttlSeconds: 600, forceRelay: true } });
    [boothBrowser, expertBrowser] = await Promise.all([launchChromium({ deviceCount: 3 }), launchChromium({ videoFile: expertCameraFile() })]);
  });
  after(async () => {
    await Promise.allSettled([boothBrowser?.close(), expertBrowser?.close()]);
    await server?.close();
    coturn?.process.kill('SIGTERM');
    if (coturn) fs.rmSync(coturn.dir, { recursive: true, force: true });
  });

  test('with relay-only ICE and ephemeral TURN credentials the call connects, all media through coturn', async () => {
    const booth = await openPage(boothBrowser, boothUrl(server));
    const expert = await openPage(expertBrowser, `${server.url}/agent/`);
    await loginStaffInPage(expert, 'expert.kela', DEMO_PASSWORD);
    await waitForTestId(expert, 'take-next');
    await click(booth, 'language-fi');
    await click(booth, 'agency-kela');
    await click(booth, 'service-kela-housing-allowance');
    await click(booth, 'take-number');
    await waitForTestId(booth, 'waiting-screen');
    await click(expert, 'take-next');
    await click(booth, 'answer-call');
    await Promise.all([waitForTestId(booth, 'in-call'), waitForTestId(expert, 'in-call')]);
    await waitForTwoWayMedia(booth, expert, 30_000);

    const paths = async (page: Page) =>
      page.evaluate(async () => {
        const engine = [...((globalThis as any).__etapisteCalls ?? [])][0];
        return engine ? await engine.networkPaths() : [];
      });
    for (const [name, page] of [['booth', booth], ['expert', expert]] as const) {
      const used = (await paths(page)) as { direction: string; localCandidateType: string | null; relayProtocol: string | null }[];
      assert.equal(used.length, 2, `${name}: send and receive transports`);
      for (const entry of used) assert.equal(entry.localCandidateType, 'relay', `${name} ${entry.direction} goes through TURN`);
    }
  });
});
