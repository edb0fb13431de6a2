import { useTranslate } from '@etapiste/shared/react';
import { useState } from 'react';
import { DeviceActivity } from './DeviceActivity.tsx';
import { expertDevices, useExpertDevices, type DocumentView } from './expert-devices.ts';
import './devices.css';

/** The expert's view transform of the document camera (digital zoom, pan, rotation). */
export function documentViewStyle(view: DocumentView): React.CSSProperties {
  return {
    transform: `rotate(${view.rotation}deg) scale(${view.zoom}) translate(${view.panX}%, ${view.panY}%)`,
    transition: 'transform 120ms ease-out',
  };
}

async function readPdf(input: HTMLInputElement | null): Promise<{ name: string; bytes: Uint8Array } | null> {
  const file = input?.files?.[0];
  if (!file || !(file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf'))) return null;
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Parses "25,50" or "25.50" (euros) into cents. */
export function parseEuros(text: string): number | null {
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return cents > 0 ? cents : null;
}

/** Device actions of the call: document camera view and still, print, scan, payment, acknowledgement. */
export function DevicePanel() {
  const { t } = useTranslate();
  const ready = useExpertDevices((state) => state.ready);
  const view = useExpertDevices((state) => state.view);
  const setView = useExpertDevices((state) => state.setView);
  const [formError, setFormError] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [ackTitle, setAckTitle] = useState('');
  const devices = expertDevices();
  const move = (change: Partial<DocumentView>) => setView({ ...view, ...change });
  const viewButton = (testId: string, label: string, change: Partial<DocumentView>, text: string) => (
    <button type="button" className="button button--small" data-testid={testId} aria-label={label} title={label} onClick={() => move(change)}>
      {text}
    </button>
  );

  return (
    <section className="panel device-panel" aria-labelledby="device-panel-heading" data-testid="device-panel">
      <h3 id="device-panel-heading">{t('expert.devices.title')}</h3>
      <fieldset className="device-panel__group">
        <legend>{t('expert.devices.documentCamera')}</legend>
        <div className="device-panel__row" role="group">
          {viewButton('view-zoom-in', t('expert.devices.zoomIn'), { zoom: Math.min(6, view.zoom * 1.25) }, '+')}
          {viewButton('view-zoom-out', t('expert.devices.zoomOut'), { zoom: Math.max(1, view.zoom / 1.25) }, '−')}
          {viewButton('view-pan-left', t('expert.devices.panLeft'), { panX: view.panX + 10 }, '←')}
          {viewButton('view-pan-right', t('expert.devices.panRight'), { panX: view.panX - 10 }, '→')}
          {viewButton('view-pan-up', t('expert.devices.panUp'), { panY: view.panY + 10 }, '↑')}
          {viewButton('view-pan-down', t('expert.devices.panDown'), { panY: view.panY - 10 }, '↓')}
          {viewButton('view-rotate', t('expert.devices.rotate'), { rotation: (view.rotation + 90) % 360 }, '⟳')}
          <button type="button" className="button button--small" data-testid="view-reset" onClick={() => setView({ zoom: 1, panX: 0, panY: 0, rotation: 0 })}>
            {t('expert.devices.reset')}
          </button>
          <button type="button" className="button button--small" data-testid="take-still" disabled={!ready} onClick={() => devices?.stillCapture()}>
            {t('expert.devices.takeStill')}
          </button>
        </div>
      </fieldset>

      <fieldset className="device-panel__group">
        <legend>{t('expert.devices.printFile')}</legend>
        <div className="device-panel__row">
          <input type="file" accept="application/pdf,.pdf" id="device-print-file" data-testid="print-file" aria-label={t('expert.devices.printFile')} />
          <button
            type="button"
            className="button button--small"
            data-testid="print-send"
            disabled={!ready}
            onClick={async () => {
              const pdf = await readPdf(document.getElementById('device-print-file') as HTMLInputElement);
              if (!pdf) return setFormError(t('expert.devices.notPdf'));
              setFormError(null);
              await devices?.print(pdf);
            }}
          >
            {t('expert.devices.print')}
          </button>
          <button type="button" className="button button--small" data-testid="scan-request" disabled={!ready} onClick={() => devices?.scan()}>
            {t('expert.devices.scan')}
          </button>
        </div>
      </fieldset>

      <fieldset className="device-panel__group">
        <legend>{t('expert.devices.requestPayment')}</legend>
        <div className="device-panel__row">
          <label>
            {t('expert.devices.amount')}{' '}
            <input data-testid="payment-amount-input" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} size={8} />
          </label>
          <label>
            {t('expert.devices.reference')}{' '}
            <input data-testid="payment-reference-input" value={reference} maxLength={64} onChange={(event) => setReference(event.target.value)} size={14} />
          </label>
          <button
            type="button"
            className="button button--small"
            data-testid="payment-request"
            disabled={!ready}
            onClick={() => {
              const cents = parseEuros(amount);
              const ref = reference.trim();
              if (!cents || !/^[A-Za-z0-9 _./-]{1,64}$/.test(ref)) return setFormError(t('expert.devices.badPayment'));
              setFormError(null);
              devices?.payment({ amountCents: cents, currency: 'EUR', reference: ref });
            }}
          >
            {t('expert.devices.requestPayment')}
          </button>
        </div>
      </fieldset>

      <fieldset className="device-panel__group">
        <legend>{t('expert.devices.requestAck')}</legend>
        <div className="device-panel__row">
          <input type="file" accept="application/pdf,.pdf" id="device-ack-file" data-testid="ack-file" aria-label={t('expert.devices.ackFile')} />
          <label>
            {t('expert.devices.ackTitle')}{' '}
            <input data-testid="ack-title-input" value={ackTitle} maxLength={200} onChange={(event) => setAckTitle(event.target.value)} />
          </label>
          <button
            type="button"
            className="button button--small"
            data-testid="ack-request"
            disabled={!ready}
            onClick={async () => {
              const pdf = await readPdf(document.getElementById('device-ack-file') as HTMLInputElement);
              if (!pdf) return setFormError(t('expert.devices.notPdf'));
              setFormError(null);
              await devices?.acknowledgement(pdf, ackTitle.trim() || pdf.name);
            }}
          >
            {t('expert.devices.requestAck')}
          </button>
        </div>
      </fieldset>
      {formError ? (
        <p role="alert" className="device-panel__error" data-testid="device-form-error">
          {formError}
        </p>
      ) : null}
      <DeviceActivity />
    </section>
  );
}
