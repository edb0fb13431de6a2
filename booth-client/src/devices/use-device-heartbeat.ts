import { useEffect } from 'react';
import { useBoothStore } from '../store/index.ts';
import { devicesForHeartbeat } from './bridge-client.ts';

export const HEARTBEAT_INTERVAL_MS = 10_000;

/**
 * Relays the device bridge's health to signalling every 10 s over the kiosk's live
 * connection, so admins and host staff see the room's devices. The bridge itself holds no
 * signalling credentials.
 */
export function useDeviceHeartbeat(): void {
  const signaling = useBoothStore((state) => state.signaling);
  useEffect(() => {
    if (!signaling) return;
    let stopped = false;
    const beat = async () => {
      const devices = await devicesForHeartbeat();
      if (stopped) return;
      await signaling.request('device.heartbeat', { devices }).catch((error: unknown) => console.warn('device heartbeat failed', error));
    };
    void beat();
    const timer = setInterval(() => void beat(), HEARTBEAT_INTERVAL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [signaling]);
}
