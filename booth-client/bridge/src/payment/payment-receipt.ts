import type { PaymentState } from '@etapiste/shared';
import { DeviceError } from '../device-registry.ts';

/**
 * The customer's receipt of an approved card payment, from the terminal's own record of it
 * (amount, reference, approval code, masked card, time), as plain text for the booth printer.
 * Bilingual like Finnish public-sector receipts (Finnish / Swedish, English below).
 */
export function paymentReceiptText(payment: PaymentState): string {
  if (payment.status !== 'approved' || !payment.finishedAt) throw new DeviceError('paymentDeclined', 'only an approved payment has a receipt');
  const amount = `${(payment.amountCents / 100).toFixed(2).replace('.', ',')} EUR`;
  const time = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', dateStyle: 'short', timeStyle: 'medium' }).format(payment.finishedAt);
  return [
    'Etäpiste',
    'KORTTIMAKSU / KORTBETALNING / CARD PAYMENT',
    '',
    `Summa / Belopp / Amount:      ${amount}`,
    `Viite / Referens / Reference: ${payment.reference}`,
    `Kortti / Kort / Card:         ${payment.maskedCard ?? ''}`,
    `Hyväksyntä / Godkännande / Approval: ${payment.approvalCode ?? ''}`,
    `Aika / Tid / Time:            ${time}`,
    `Tapahtuma / Transaktion / Transaction: ${payment.paymentId}`,
    '',
    'HYVÄKSYTTY / GODKÄND / APPROVED',
    '',
  ].join('\n');
}
