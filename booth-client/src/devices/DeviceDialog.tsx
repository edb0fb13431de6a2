import { useTranslate } from '@etapiste/shared/react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { boothDeviceAgent } from './agent-lifecycle.ts';
import { useBoothDevices, type BoothDeviceTask } from './device-store.ts';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad.tsx';
import './devices.css';

const locales = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-FI' } as const;

/** The device action in progress, over the call screen: what the customer sees and does. */
export function DeviceDialog() {
  const task = useBoothDevices((state) => state.task);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [task?.requestId]);
  if (!task || task.action === 'idVerification') return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog device-dialog" role="dialog" aria-modal="true" aria-labelledby="device-title" data-testid={`device-${task.action}`} data-step={task.step}>
        <TaskBody task={task} heading={heading} />
      </div>
    </div>
  );
}

function TaskBody({ task, heading }: { task: BoothDeviceTask; heading: React.RefObject<HTMLHeadingElement | null> }) {
  const { t, language } = useTranslate();
  const agent = boothDeviceAgent();
  const title = (text: string) => (
    <h2 id="device-title" ref={heading} tabIndex={-1}>
      {text}
    </h2>
  );
  const status = (text: ReactNode) => (
    <p role="status" className="device-dialog__status" data-testid="device-status">
      {text}
    </p>
  );
  const failure = task.step === 'failed' && task.error ? status(t('booth.device.failed', { reason: t(`devices.error.${task.error}`) })) : null;
  const closeButton =
    task.step === 'done' || task.step === 'failed' ? (
      <button type="button" className="button button--call" data-testid="device-close" onClick={() => agent?.dismiss()}>
        {t('booth.device.close')}
      </button>
    ) : null;
  const cancelButton = (
    <button type="button" className="button button--secondary" data-testid="device-cancel" onClick={() => void agent?.cancelByCustomer()}>
      {t('booth.device.cancel')}
    </button>
  );
  const pages = task.images?.length ? (
    // Focusable, so the row of pages can be scrolled from the keyboard too.
    <ol className="device-dialog__pages" tabIndex={0} aria-label={t('booth.device.printPages', { pages: task.images.length })}>
      {task.images.map((image, index) => (
        <li key={index}>
          <img src={image} alt={t('booth.device.printPage', { page: index + 1 })} />
        </li>
      ))}
    </ol>
  ) : null;

  switch (task.action) {
    case 'print':
      return (
        <>
          {title(t('booth.device.printTitle'))}
          {task.pages ? <p>{t('booth.device.printPages', { pages: task.pages })}</p> : null}
          {pages}
          {task.step === 'preparing' || task.step === 'working' ? status(t('booth.device.printing')) : null}
          {task.step === 'done' ? status(t('booth.device.printed')) : null}
          {failure}
          <div className="dialog__actions">{closeButton}</div>
        </>
      );
    case 'scan':
      return (
        <>
          {title(t('booth.device.scanTitle'))}
          {task.step === 'placePaper' ? <p>{t(task.source === 'scanner' ? 'booth.device.scanPlace' : 'booth.device.scanPlaceCamera')}</p> : null}
          {task.step === 'working' ? status(t('booth.device.scanning')) : null}
          {task.step === 'check' && task.imageUrl ? (
            <>
              <p>{t('booth.device.scanCheck')}</p>
              <img className="device-dialog__scan" src={task.imageUrl} alt={t('booth.device.scanImage')} data-testid="scan-preview" />
            </>
          ) : null}
          {task.step === 'done' ? status(t('booth.device.sent')) : null}
          {failure}
          <div className="dialog__actions">
            {task.step === 'placePaper' ? (
              <button type="button" className="button button--call" data-testid="scan-now" onClick={() => void agent?.scanNow()}>
                {t('booth.device.scanNow')}
              </button>
            ) : null}
            {task.step === 'check' ? (
              <>
                <button type="button" className="button button--call" data-testid="scan-send" onClick={() => void agent?.sendScan()}>
                  {t('booth.device.scanSend')}
                </button>
                <button type="button" className="button button--secondary" data-testid="scan-again" onClick={() => void agent?.scanNow()}>
                  {t('booth.device.scanAgain')}
                </button>
              </>
            ) : null}
            {task.step === 'placePaper' || task.step === 'check' ? cancelButton : null}
            {closeButton}
          </div>
        </>
      );
    case 'stillCapture':
      return (
        <>
          {title(t('booth.device.stillTaken'))}
          {task.step === 'working' ? status(t('booth.device.working')) : null}
          {failure}
          <div className="dialog__actions">{closeButton}</div>
        </>
      );
    case 'payment': {
      const amount = new Intl.NumberFormat(locales[language], { style: 'currency', currency: 'EUR' }).format((task.amountCents ?? 0) / 100);
      const ended: Partial<Record<NonNullable<BoothDeviceTask['paymentStatus']>, string>> = {
        approved: t('booth.device.paymentApproved'),
        declined: t('booth.device.paymentDeclined'),
        cancelled: t('booth.device.paymentCancelled'),
        timeout: t('booth.device.paymentTimeout'),
      };
      const finalText = task.paymentStatus ? ended[task.paymentStatus] : undefined;
      return (
        <>
          {title(t('booth.device.paymentTitle'))}
          <p className="device-dialog__amount" data-testid="payment-amount">
            {t('booth.device.paymentAmount', { amount })}
          </p>
          <p>{t('booth.device.paymentReference', { reference: task.reference ?? '' })}</p>
          {task.step === 'waitingForCard' ? status(t('booth.device.paymentInsert')) : null}
          {task.step === 'working' ? status(t('booth.device.working')) : null}
          {finalText && (task.step === 'done' || task.step === 'failed') ? status(finalText) : failure}
          {task.step === 'waitingForCard' && task.simulated ? (
            <fieldset className="device-dialog__simulator">
              <legend>{t('booth.device.simulator')}</legend>
              <button type="button" className="button button--secondary" data-testid="simulate-approve" onClick={() => void agent?.presentSimulatedCard('approve')}>
                {t('booth.device.simulateApprove')}
              </button>
              <button type="button" className="button button--secondary" data-testid="simulate-decline" onClick={() => void agent?.presentSimulatedCard('decline')}>
                {t('booth.device.simulateDecline')}
              </button>
            </fieldset>
          ) : null}
          {task.receipt === 'printed' ? status(t('booth.device.receiptPrinted')) : null}
          {task.receipt && task.receipt !== 'printed' && task.receipt !== 'printing'
            ? status(t('booth.device.receiptFailed', { reason: t(`devices.error.${task.receipt}`) }))
            : null}
          <div className="dialog__actions">
            {task.step === 'waitingForCard' ? cancelButton : null}
            {task.paymentStatus === 'approved' && task.receipt !== 'printed' ? (
              <button
                type="button"
                className="button button--secondary"
                data-testid="payment-receipt"
                disabled={task.receipt === 'printing'}
                onClick={() => void agent?.printPaymentReceipt()}
              >
                {t('booth.device.printReceipt')}
              </button>
            ) : null}
            {closeButton}
          </div>
        </>
      );
    }
    case 'acknowledgement':
      return <Acknowledgement task={task} title={title(t('booth.device.ackTitle', { title: task.title ?? '' }))} pages={pages} failure={failure} closeButton={closeButton} status={status} />;
    default:
      return null;
  }
}

function Acknowledgement(props: {
  task: BoothDeviceTask;
  title: ReactNode;
  pages: ReactNode;
  failure: ReactNode;
  closeButton: ReactNode;
  status: (text: ReactNode) => ReactNode;
}) {
  const { t } = useTranslate();
  const pad = useRef<SignaturePadHandle>(null);
  const [signed, setSigned] = useState(false);
  const agent = boothDeviceAgent();
  const { task } = props;
  return (
    <>
      {props.title}
      {props.pages}
      {task.step === 'preparing' || task.step === 'working' ? props.status(t('booth.device.working')) : null}
      {task.step === 'reading' ? (
        <>
          <p>{t('booth.device.ackSignHint')}</p>
          <SignaturePad ref={pad} onChange={setSigned} />
        </>
      ) : null}
      {task.step === 'done' ? props.status(t('booth.device.ackDone')) : null}
      {props.failure}
      <div className="dialog__actions">
        {task.step === 'reading' ? (
          <>
            <button
              type="button"
              className="button button--call"
              data-testid="ack-confirm"
              onClick={async () => void agent?.confirmAcknowledgement(signed ? ((await pad.current?.png()) ?? null) : null)}
            >
              {signed ? t('booth.device.ackConfirmSigned') : t('booth.device.ackConfirm')}
            </button>
            <button type="button" className="button button--secondary" data-testid="ack-decline" onClick={() => void agent?.cancelByCustomer()}>
              {t('booth.device.ackDecline')}
            </button>
          </>
        ) : null}
        {props.closeButton}
      </div>
    </>
  );
}
