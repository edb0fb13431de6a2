import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { traceMedia, type MediaTraceEvent } from '../../sfu/src/media-trace.ts';
import { netLabAvailable } from '../netlab/netlab.ts';
import { callState, connectCall, customerFaceFrames, mediaBack, startLabCall, type LabCall } from '../netlab/lab-call.ts';
import { waitForTestId } from '../support/browser.ts';
import { callInfo } from '../support/faults.ts';

const available = netLabAvailable();
const OUTAGE_MS = 30_000;

/**
 * Fault test 2 (issue 7): the service bus drives through a dead zone. The bus's mobile router
 * loses its uplink for 30 s (the link between the router and the network goes down; the
 * booth's own interface to the router stays up, as on the bus), then the link comes back.
 * Chromium has declared its transports 'failed' by then and never recovers on its own
 * (research/network-faults.md), so this needs the call engine's reconnection ladder: local ICE
 * restarts while signalling is down, then ICE restart on both ends over a signalling connection
 * that itself had to reconnect and resume, and the SFU's bandwidth estimate restarted for the
 * returning path. Media must flow again within 2 s of the link returning, the customer keeps
 * the same session and queue ticket, and the expert does nothing. The timelines of both ends
 * after the link returned are printed for diagnosis.
 */
describe('fault: the booth link down for 30 s', { skip: available.ok ? false : available.reason }, () => {
  let call: LabCall;
  // What the SFU did for the receive transports (ICE, estimate, layers, key frames): printed for
  // the seconds around the link's return, with both ends' timelines.
  const sfuTrace: MediaTraceEvent[] = [];
  const stopTrace = traceMedia((event) => sfuTrace.push(event));
  before(async () => {
    call = await startLabCall();
  });
  after(async () => {
    stopTrace();
    await call?.close();
  });

  test('media flows again within 2 s of the link returning; same session and ticket; the expert did nothing', async () => {
    await connectCall(call);
    const [ticket] = await call.server!.storage.queue.listTickets({ servicePointId: 'sp-kallio-library', statuses: ['serving'] });
    assert.ok(ticket, 'the customer’s ticket is being served');
    const before = await callState(call.booth);
    assert.ok(before.sessionId);

    call.lab.setLinkDown(true);
    const outageStart = performance.now();
    // While the link is down nothing of the customer reaches the expert.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const frozenAt = await customerFaceFrames(call.expert);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (performance.now() - outageStart)));
    assert.ok((await customerFaceFrames(call.expert)) - frozenAt < 5, 'no customer video during the outage');
    call.lab.setLinkDown(false);
    const linkUp = performance.now();
    const linkUpAt = Date.now();

    const back = await mediaBack(call, linkUp, 20_000);
    console.log(`media back after the link returned: customer → expert ${back.toExpertMs} ms, expert → booth ${back.toBoothMs} ms`);
    for (const [name, page] of [['booth', call.booth], ['expert', call.expert]] as const) {
      const marks = (await callInfo(page)).timeline.filter((mark) => mark.at >= linkUpAt - 2000);
      const steps = (await callInfo(page)).recoveries.flatMap((recovery) => recovery.steps).filter((step) => step.at >= linkUpAt - 2000);
      console.log(`  ${name} steps: ${steps.map((step) => `${step.step}${step.at - linkUpAt}`).join(' ')}`);
      console.log(`  ${name}: ${marks.map((mark) => `${mark.step}${mark.at >= linkUpAt ? '+' : ''}${mark.at - linkUpAt}`).join(' ')}`);
    }
    const recent = sfuTrace.filter((event) => event.at >= linkUpAt - 2000);
    console.log(`  sfu: ${recent.map((event) => `${event.subject} ${event.event} ${event.detail}${event.at >= linkUpAt ? '+' : ''}${event.at - linkUpAt}`).join(' | ')}`);
    assert.ok(back.toExpertMs !== null && back.toExpertMs <= 2000, `customer video at the expert after ${back.toExpertMs} ms`);
    assert.ok(back.toBoothMs !== null && back.toBoothMs <= 2000, `expert video at the booth after ${back.toBoothMs} ms`);

    // Same session, same ticket, both still in the call; the expert's page was never touched.
    const afterBooth = await callState(call.booth);
    assert.equal(afterBooth.sessionId, before.sessionId, 'the booth is back in the same session');
    assert.equal((await callState(call.expert)).sessionId, before.sessionId);
    const stored = await call.server!.storage.queue.getTicket(ticket.ticketId);
    assert.equal(stored?.status, 'serving', 'the same ticket is still being served');
    await Promise.all([waitForTestId(call.booth, 'in-call', 5000), waitForTestId(call.expert, 'in-call', 5000)]);
  });
});
