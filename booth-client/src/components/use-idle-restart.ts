import { useEffect } from 'react';

/** Choice screens go back to the start after this long without a touch or key press. */
export const idleRestartMs = 120_000;

/** Calls `restart` when nobody has touched the kiosk for `idleMs` while `active`. */
export function useIdleRestart(active: boolean, restart: () => void, idleMs: number = idleRestartMs): void {
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(restart, idleMs);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(restart, idleMs);
    };
    const events = ['pointerdown', 'keydown'] as const;
    for (const event of events) window.addEventListener(event, touched, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const event of events) window.removeEventListener(event, touched);
    };
  }, [active, restart, idleMs]);
}
