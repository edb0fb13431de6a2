import type { Page } from 'puppeteer-core';

/**
 * Shared by the media benchmarks: a watcher for the first decoded frame of a remote track in a
 * page's call engine, and the WebRTC baseline (a bare RTCPeerConnection loopback in one page).
 */
/** Installs a watcher that records Date.now() of the first frame of the given remote source. */
export async function watchFirstFrame(page: Page, source: 'faceCamera', participantRole?: 'customer' | 'expert' | 'interpreter'): Promise<void> {
  await page.evaluate((wanted, role) => {
    const state = { firstFrameAt: 0 };
    (globalThis as any).__firstFrame = state;
    const attach = (engine: any) => {
      const onTrack = (remote: any) => {
        if (remote.source !== wanted || remote.kind !== 'video' || state.firstFrameAt) return;
        if (role && remote.participantRole !== role) return;
        const video = document.createElement('video');
        video.muted = true;
        video.srcObject = new MediaStream([remote.track]);
        video.requestVideoFrameCallback(() => {
          if (!state.firstFrameAt) state.firstFrameAt = Date.now();
          video.srcObject = null;
        });
        void video.play();
      };
      engine.on('remoteTrackAdded', onTrack);
      for (const remote of engine.remoteTracks) onTrack(remote);
    };
    const known = new Set();
    const timer = setInterval(() => {
      for (const engine of (globalThis as any).__etapisteCalls ?? []) {
        if (known.has(engine)) continue;
        known.add(engine);
        attach(engine);
      }
      if (state.firstFrameAt) clearInterval(timer);
    }, 2);
  }, source, participantRole ?? null);
}

export async function firstFrameAt(page: Page): Promise<number> {
  await page.waitForFunction(() => (globalThis as any).__firstFrame?.firstFrameAt > 0, { timeout: 20_000, polling: 10 });
  return page.evaluate(() => (globalThis as any).__firstFrame.firstFrameAt as number);
}

export async function loopbackBaseline(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const sender = new RTCPeerConnection();
    const receiver = new RTCPeerConnection();
    sender.onicecandidate = (event) => event.candidate && receiver.addIceCandidate(event.candidate);
    receiver.onicecandidate = (event) => event.candidate && sender.addIceCandidate(event.candidate);
    const started = performance.now();
    const frame = new Promise<number>((resolve) => {
      receiver.ontrack = (event) => {
        const video = document.createElement('video');
        video.muted = true;
        video.srcObject = new MediaStream([event.track]);
        video.requestVideoFrameCallback(() => resolve(performance.now() - started));
        void video.play();
      };
    });
    sender.addTrack(stream.getVideoTracks()[0]!, stream);
    await sender.setLocalDescription();
    await receiver.setRemoteDescription(sender.localDescription!);
    await receiver.setLocalDescription();
    await sender.setRemoteDescription(receiver.localDescription!);
    const elapsed = await frame;
    sender.close();
    receiver.close();
    stream.getTracks().forEach((track) => track.stop());
    return elapsed;
  });
}
