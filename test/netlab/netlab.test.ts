import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createNetLab, netLabAvailable, type NetLab } from './netlab.ts';

const available = netLabAvailable();
const probeScript = path.join(import.meta.dirname, 'udp-probe.ts');

/** The impairment tool itself: measured with UDP round trips from inside the lab to an echo server outside. */
describe('netlab: namespace, veth and impairment', { skip: available.ok ? false : available.reason }, () => {
  let lab: NetLab;
  let echo: dgram.Socket;
  let port: number;

  before(async () => {
    lab = await createNetLab();
    echo = dgram.createSocket('udp4');
    echo.on('message', (message, from) => echo.send(message, from.port, from.address));
    await new Promise<void>((resolve) => echo.bind(0, lab.serverAddress, resolve));
    port = echo.address().port;
  });
  after(async () => {
    echo?.close();
    await lab?.close();
  });

  const probe = (count: number, intervalMs: number) =>
    new Promise<{ sent: number; received: number; rttsMs: number[] }>((resolve, reject) => {
      execFile('ip', ['netns', 'exec', lab.name, process.execPath, probeScript, lab.serverAddress, String(port), String(count), String(intervalMs)],
        (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout.trim().split('\n').pop()!))));
    });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

  test('the lab reaches the server address only through its link', async () => {
    const clean = await probe(20, 10);
    assert.equal(clean.received, 20);
    assert.ok(median(clean.rttsMs) < 20, `clean RTT ${median(clean.rttsMs)} ms`);
    // The booth's default route is its link to the router; the router knows only the server.
    assert.match(lab.exec('ip', ['route', 'show']), /^default via \S+ dev etpc/m);
    const routerRoutes = execFileSync('ip', ['-n', `${lab.name}-r`, 'route', 'show'], { encoding: 'utf8' });
    assert.doesNotMatch(routerRoutes, /default/, 'the router has no default route: nothing leaves the lab');
  });

  test('delay each way adds twice the delay to the round trip (NFQUEUE helper)', async () => {
    await lab.impair({ delayMs: 50 });
    const delayed = await probe(30, 20);
    await lab.clearImpairment();
    assert.equal(delayed.received, 30);
    const rtt = median(delayed.rttsMs);
    assert.ok(rtt >= 98 && rtt < 170, `RTT with 50 ms each way: ${rtt} ms`);
    const after = await probe(10, 10);
    assert.ok(median(after.rttsMs) < 20, 'delay removed');
  });

  test('loss each way drops about the set share (nftables numgen)', async () => {
    await lab.impair({ lossPct: 30 });
    const lossy = await probe(300, 2);
    await lab.clearImpairment();
    // Two chances to drop a round trip: 1 - 0.7² = 51 %.
    const lost = 1 - lossy.received / lossy.sent;
    assert.ok(lost > 0.38 && lost < 0.64, `round-trip loss ${(lost * 100).toFixed(1)} %`);
  });

  test('link down stops everything, link up restores it', async () => {
    lab.setLinkDown(true);
    const down = await probe(10, 20);
    lab.setLinkDown(false);
    assert.equal(down.received, 0);
    let up = await probe(10, 20);
    for (let attempt = 0; attempt < 10 && up.received === 0; attempt++) up = await probe(10, 50);
    assert.ok(up.received > 0, 'replies again after link up');
    lab.setInterfaceDown(true);
    const interfaceDown = await probe(10, 20).catch(() => ({ received: 0 }));
    lab.setInterfaceDown(false);
    assert.equal(interfaceDown.received, 0);
    up = await probe(10, 20).catch(() => ({ sent: 0, received: 0, rttsMs: [] }));
    for (let attempt = 0; attempt < 10 && up.received === 0; attempt++) up = await probe(10, 50).catch(() => up);
    assert.ok(up.received > 0, 'replies again after the interface is up');
    lab.setBlackhole(true);
    const blackholed = await probe(10, 20);
    lab.setBlackhole(false);
    assert.equal(blackholed.received, 0);
    assert.equal((await probe(10, 20)).received, 10);
  });
});
