/**
 * BankID's animated QR code. The content of each frame is
 * `bankid.<qrStartToken>.<time>.<qrAuthCode>` where `time` is the whole number of seconds since the
 * auth/sign response arrived and `qrAuthCode` is HMAC-SHA256(key = qrStartSecret, message = time) in
 * lowercase hex. The secret stays in core; only the finished strings go to the renderer.
 */
import { createHmac } from 'node:crypto';

export function qrAuthCode(qrStartSecret: string, time: number): string {
  if (!Number.isSafeInteger(time) || time < 0) throw new RangeError('QR time must be a whole number of seconds ≥ 0');
  return createHmac('sha256', Buffer.from(qrStartSecret, 'ascii')).update(String(time), 'ascii').digest('hex');
}

export function qrString(qrStartToken: string, qrStartSecret: string, time: number): string {
  return `bankid.${qrStartToken}.${time}.${qrAuthCode(qrStartSecret, time)}`;
}

/** Whole seconds between the moment the order response arrived and `now` (both in ms). */
export function qrTime(startedAtMs: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - startedAtMs) / 1000));
}
