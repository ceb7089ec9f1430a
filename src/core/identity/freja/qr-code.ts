/**
 * Freja eID+'s QR code for a transaction the user is not known for in advance (INFERRED).
 *
 * - static: `frejaeid://bindUserToTransaction?transactionReference=<ref>`
 * - dynamic: `https://app.prod.frejaeid.com/freja?action=bindUserToTransaction&transactionReference=<ref>.<timeWindow>.<hmac>`
 *   with timeWindow = whole seconds since initiation and hmac = base64url(HMAC-SHA256(qrCodeSecret,
 *   timeWindow)). The secret stays in core; only the finished strings reach the renderer.
 */
import { createHmac } from 'node:crypto';

export const FREJA_DYNAMIC_QR_BASE = 'https://app.prod.frejaeid.com/freja?action=bindUserToTransaction';

export function frejaQrHmac(qrCodeSecret: string, timeWindow: number): string {
  if (!Number.isSafeInteger(timeWindow) || timeWindow < 0)
    throw new RangeError('time window must be whole seconds ≥ 0');
  return createHmac('sha256', Buffer.from(qrCodeSecret, 'utf8'))
    .update(String(timeWindow), 'ascii')
    .digest('base64url');
}

export function staticFrejaQr(ref: string): string {
  return `frejaeid://bindUserToTransaction?transactionReference=${encodeURIComponent(ref)}`;
}

export function dynamicFrejaQr(ref: string, qrCodeSecret: string, timeWindow: number): string {
  return `${FREJA_DYNAMIC_QR_BASE}&transactionReference=${encodeURIComponent(ref)}.${timeWindow}.${frejaQrHmac(qrCodeSecret, timeWindow)}`;
}
