import type { CallEngine, LocalTrackSpec, SignalingClient } from '@etapiste/shared/client';
import { BoothDeviceAgent } from './booth-device-agent.ts';

let agent: BoothDeviceAgent | null = null;

/** One device agent per call: started with the call's engine, closed when the call stops. */
export function onBoothEngine(engine: CallEngine | null, state: () => { signaling: SignalingClient | null; localTracks: LocalTrackSpec[] }): void {
  agent?.close();
  agent = null;
  const signaling = state().signaling;
  if (!engine || !signaling) return;
  agent = new BoothDeviceAgent(engine, signaling, () => state().localTracks.find((spec) => spec.source === 'documentCamera')?.track ?? null);
}

export function boothDeviceAgent(): BoothDeviceAgent | null {
  return agent;
}
