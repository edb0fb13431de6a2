import type { Transport } from 'mediasoup-client/types';

/** Ids of the local ICE candidates a transport has gathered so far (every ICE generation). */
export async function localCandidateIds(transport: Transport): Promise<Set<string>> {
  const ids = new Set<string>();
  (await transport.getStats().catch(() => new Map())).forEach((stat: { type: string; id: string }) => {
    if (stat.type === 'local-candidate') ids.add(stat.id);
  });
  return ids;
}

const loopback = (address: string) => address.startsWith('127.') || address === '::1' || address === 'localhost';

/**
 * After an ICE restart: whether the new gathering (candidates not in `before`) found anything
 * that can reach beyond this machine. A browser whose network has just come back may not list
 * the interface yet and gathers only loopback candidates, and a restart like that cannot
 * connect. Polls until a usable candidate appears, or the gathering completes without one,
 * or `timeoutMs` passes (then: undecided, treated as usable).
 */
export async function gatheredUsableCandidate(transport: Transport, before: Set<string>, timeoutMs = 1000): Promise<boolean> {
  const started = Date.now();
  let sawGathering = false;
  const onGathering = (state: string) => {
    if (state === 'gathering') sawGathering = true;
  };
  transport.on('icegatheringstatechange', onGathering);
  try {
    while (Date.now() - started < timeoutMs && !transport.closed) {
      let fresh = 0;
      let usable = false;
      (await transport.getStats().catch(() => new Map())).forEach((stat: { type: string; id: string; address?: string; candidateType?: string }) => {
        if (stat.type !== 'local-candidate' || before.has(stat.id)) return;
        fresh += 1;
        // A relay (or server-reflexive) candidate reaches out whatever its address (a TURN
        // server on this machine in development); only a loopback host candidate does not.
        if (stat.candidateType !== 'host' || (stat.address && !loopback(stat.address))) usable = true;
      });
      if (usable) return true;
      // Gathering of this generation has ended with only loopback candidates (or none).
      if ((sawGathering || fresh > 0) && transport.iceGatheringState === 'complete') return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return true;
  } finally {
    transport.off('icegatheringstatechange', onGathering);
  }
}
