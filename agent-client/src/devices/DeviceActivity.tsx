import { useTranslate } from '@etapiste/shared/react';
import { helsinkiTime } from '../views/format.ts';
import { expertDevices, useExpertDevices, type DeviceRequest } from './expert-devices.ts';

const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;

/** What happened to each device action, with clear messages for every failure. */
export function DeviceActivity() {
  const { t } = useTranslate();
  const requests = useExpertDevices((state) => state.requests);
  if (requests.length === 0) return null;
  return (
    <div className="device-activity">
      <h4>{t('expert.devices.activity')}</h4>
      <ul className="device-activity__list">
        {requests.map((request) => (
          <li key={request.requestId} data-testid={`device-request-${request.action}`} data-outcome={request.outcome ?? ''} data-status={request.status}>
            <strong>{t(`expert.devices.action.${request.action}`)}</strong>: <RequestStatus request={request} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function RequestStatus({ request }: { request: DeviceRequest }) {
  const { t } = useTranslate();
  const cancellable = request.status !== 'finished' && (request.action === 'payment' || request.status === 'waitingForCustomer');
  const images = request.images.map((image) => (
    <figure key={image.url} className="device-activity__image">
      <img src={image.url} alt={request.action === 'acknowledgement' ? t('expert.devices.signature') : t('expert.devices.still', { width: image.width, height: image.height })} />
      <figcaption>
        <span data-testid="received-image-size">{t('expert.devices.still', { width: image.width, height: image.height })}</span>{' '}
        <a href={image.url} download={image.name} data-testid="received-image-download">
          {t('expert.devices.download', { name: image.name })}
        </a>
      </figcaption>
    </figure>
  ));
  let text: string;
  if (request.noAnswer) text = t('expert.devices.noAnswer');
  else if (request.status === 'sent') text = t('expert.devices.sent');
  else if (request.status === 'waitingForCustomer') text = t('expert.devices.waitingForCustomer');
  else if (request.status === 'working') text = t('expert.devices.working');
  else if (request.outcome === 'success') {
    if (request.action === 'print') text = t('expert.devices.printed', { pages: request.pages ?? 0 });
    else if (request.action === 'scan') text = request.scanSource === 'documentCamera' ? t('expert.devices.scanFromCamera') : t('expert.devices.scanReceived');
    else if (request.action === 'stillCapture') text = t('expert.devices.stillReceived');
    else if (request.action === 'payment' && request.payment) {
      text = t('expert.devices.paymentApproved', { amount: euros(request.payment.amountCents), code: request.payment.approvalCode ?? '', card: request.payment.maskedCard ?? '' });
    } else text = t('expert.devices.receipt');
  } else if (request.error) text = t('expert.devices.failed', { reason: t(`devices.error.${request.error}`) });
  else text = request.outcome === 'declined' ? t('expert.devices.declined') : t('expert.devices.cancelled');

  return (
    <>
      <span role="status" data-testid="device-request-text">
        {text}
      </span>
      {cancellable ? (
        <button type="button" className="button button--small" data-testid="device-request-cancel" onClick={() => expertDevices()?.cancel(request.requestId)}>
          {t('expert.devices.cancel')}
        </button>
      ) : null}
      {request.receipt ? <Receipt request={request} /> : null}
      {images}
    </>
  );
}

function Receipt({ request }: { request: DeviceRequest }) {
  const { t } = useTranslate();
  const receipt = request.receipt!;
  const matches = receipt.documentSha256 === request.sentSha256;
  return (
    <dl className="device-receipt" data-testid="ack-receipt" data-matches={matches}>
      <dt>{t('expert.devices.receiptHash')}</dt>
      <dd>
        <code data-testid="ack-receipt-hash">{receipt.documentSha256}</code>{' '}
        <strong className={matches ? 'device-receipt__ok' : 'device-receipt__bad'}>
          {matches ? t('expert.devices.receiptMatches') : t('expert.devices.receiptMismatch')}
        </strong>
      </dd>
      <dt>{t('expert.devices.receiptTime')}</dt>
      <dd data-testid="ack-receipt-time">{helsinkiTime(receipt.confirmedAt)}</dd>
      <dt>{t('expert.devices.receiptSession')}</dt>
      <dd data-testid="ack-receipt-session">{receipt.sessionId}</dd>
      <dd>{receipt.method === 'signature' ? t('expert.devices.receiptBySignature') : t('expert.devices.receiptByConfirm')}</dd>
    </dl>
  );
}
