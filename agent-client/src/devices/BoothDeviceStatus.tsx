import type { BoothDeviceStatus as BoothStatus } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useEffect, useState } from 'react';
import { useAgentStore } from '../store/index.ts';
import { helsinkiTime } from '../views/format.ts';
import './devices.css';

const REFRESH_MS = 5000;

/**
 * Each booth's devices as its last heartbeat reported them (admins: every booth; host staff:
 * their own point's). Device states only: never case data.
 */
export function BoothDeviceStatus() {
  const { t } = useTranslate();
  const signaling = useAgentStore((state) => state.signaling);
  const [booths, setBooths] = useState<BoothStatus[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!signaling) return;
    let stopped = false;
    const load = async () => {
      try {
        const { booths: latest } = await signaling.request('device.boothStatuses', {});
        if (!stopped) {
          setBooths(latest);
          setFailed(false);
        }
      } catch {
        if (!stopped) setFailed(true);
      }
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [signaling]);

  return (
    <section className="panel booth-devices" aria-labelledby="booth-devices-heading" data-testid="booth-device-status">
      <h2 id="booth-devices-heading">{t('devices.title')}</h2>
      {failed ? <p role="alert">{t('devices.loadFailed')}</p> : null}
      {booths === null ? <p>{t('common.loading')}</p> : null}
      {booths?.length === 0 ? <p>{t('devices.none')}</p> : null}
      {booths?.map((booth) => (
        <div key={booth.boothId} className="booth-devices__booth" data-testid={`booth-devices-${booth.boothId}`} data-stale={booth.stale}>
          <h3>
            {booth.label}{' '}
            <span className="booth-devices__reported">
              {t('devices.lastReport')}: {booth.reportedAt ? helsinkiTime(booth.reportedAt) : t('devices.never')}
            </span>
          </h3>
          {booth.stale ? <p className="booth-devices__stale">{t('devices.stale')}</p> : null}
          <ul className="booth-devices__list">
            {booth.devices.map((device) => (
              <li key={device.kind} data-testid={`device-${booth.boothId}-${device.kind}`} data-state={device.state} className={`device-state device-state--${device.state}`}>
                <span className="device-state__kind">{t(`devices.kind.${device.kind}`)}</span>{' '}
                <span className="device-state__value">{t(`devices.state.${device.state}`)}</span>
                {device.simulated ? ` ${t('devices.simulated')}` : null}
                {device.detail && device.state !== 'ready' ? <span className="device-state__detail"> — {device.detail}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
