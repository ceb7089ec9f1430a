/**
 * Delivery by e-mail to the municipality's registry mailbox (nodemailer). TLS is required
 * (STARTTLS with `requireTLS`, or TLS from the first byte with `secure`); the envelope is attached
 * as `envelope.json` and the case PDF beside it. The Message-ID is derived from the case id, so every
 * attempt of one case carries the same Message-ID and the registry can drop a duplicate.
 *
 * Outcomes: accepted (250) → delivered, the server's answer kept as receiver reference; a permanent
 * SMTP rejection (5xx but 503) → dead letter; everything else (4xx, connection, TLS, authentication,
 * timeouts) → retry, with refused/unreachable connections marking the target offline.
 */
import type { Logger } from '../../log/logger';
import type { ResolvedSmtpTarget } from '../config';
import { ENVELOPE_VERSION, envelopeBytes } from '../envelope';
import { createDeliveryFormatter, PACKAGE_MEDIA_TYPE, type FgsContext } from './delivery-format';
import {
  errorCodeOf,
  OFFLINE_ERROR_CODES,
  safeReason,
  type DeliveryAdapter,
  type DeliveryItem,
  type DeliveryOutcome,
} from './adapter';
import { createSmtpTransport } from './smtp-transport';
import { tcpReachable } from './tcp-probe';
import { errorMessage } from '../../../contract/errors';

interface SmtpError extends Error {
  code?: string;
  errno?: unknown;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
}

/** Turns a nodemailer failure into an outcome (pure). */
export function classifySmtpError(err: unknown): DeliveryOutcome {
  const e = (err ?? {}) as SmtpError;
  const code = errorCodeOf(e) ?? 'error';
  const message = errorMessage(err);
  // target-level problems (no TLS, wrong login) stay retries whatever reply code came with them
  if (code === 'ETLS' || code === 'EREQUIRETLS')
    return { kind: 'retry', offline: false, reason: safeReason(`TLS to the mail server failed: ${message}`) };
  if (code === 'EAUTH' || code === 'ENOAUTH')
    return { kind: 'retry', offline: false, reason: safeReason(`mail server login failed: ${message}`) };
  if (typeof e.responseCode === 'number') {
    const permanent = e.permanent ?? (e.responseCode >= 500 && e.responseCode !== 503);
    const text = safeReason(`mail server answered ${e.responseCode}: ${e.response ?? message}`);
    if (permanent) return { kind: 'rejected', reason: text };
    return { kind: 'retry', offline: false, reason: text };
  }
  const underlying = [code, typeof e.errno === 'string' ? e.errno : '', message].join(' ');
  if ([...OFFLINE_ERROR_CODES].some((c) => underlying.includes(c)) || code === 'EDNS') {
    return { kind: 'retry', offline: true, reason: safeReason(`mail server unreachable: ${message}`) };
  }
  return { kind: 'retry', offline: false, reason: safeReason(`${code}: ${message}`) };
}

export function messageIdFor(caseId: string, from: string): string {
  const domain = from.split('@')[1] ?? 'kommunkiosk.invalid';
  return `<${caseId}.case@${domain}>`;
}

export function createSmtpAdapter(
  target: ResolvedSmtpTarget,
  options: { logger: Logger; fgs?: FgsContext | undefined },
): DeliveryAdapter {
  const formatter = createDeliveryFormatter(target, options.fgs);
  const transport = createSmtpTransport(target, 'an smtp delivery target');
  const getTransport = () => transport.get();
  const to = Array.isArray(target.to) ? target.to : [target.to];

  async function send(item: DeliveryItem): Promise<DeliveryOutcome> {
    const p = item.payload;
    const pkg = formatter.format === 'fgs' ? formatter.fgsPackage(item) : null;
    const attachments = pkg
      ? [{ filename: pkg.fileName, content: Buffer.from(pkg.bytes), contentType: PACKAGE_MEDIA_TYPE }]
      : [
          {
            filename: 'envelope.json',
            content: envelopeBytes(formatter.envelope(item, false)),
            contentType: 'application/json; charset=utf-8',
          },
          ...p.documents.map((d) => ({ filename: d.name, content: Buffer.from(d.bytes), contentType: d.mediaType })),
        ];
    const info = await (
      await getTransport()
    ).sendMail({
      from: target.from,
      to,
      subject: `Ärende ${item.reference} (${item.flowId}) från Kommunkiosk`,
      text: [
        `Ett ärende inlämnat i kiosken ${p.kioskId}.`,
        '',
        `Referens: ${item.reference}`,
        `E-tjänst: ${item.flowId}, version ${String(p.flowVersion)}`,
        `Inlämnat: ${p.submittedAt}`,
        '',
        pkg
          ? `Ärendet finns i bilagan ${pkg.fileName}: ett FGS-paket (E-ARK SIP 2.1.0 med CITS ERMS 2.1).`
          : `Ärendets uppgifter finns i bilagan envelope.json (Kommunkiosk, envelopeVersion ${ENVELOPE_VERSION}) och i PDF-bilagan.`,
        'Samma ärende kan komma mer än en gång med samma Message-ID och Idempotency-Key; registrera det en gång.',
      ].join('\n'),
      messageId: messageIdFor(item.caseId, target.from),
      headers: {
        'X-Kommunkiosk-Idempotency-Key': item.idempotencyKey,
        'X-Kommunkiosk-Reference': item.reference,
        'X-Kommunkiosk-Envelope-Version': String(ENVELOPE_VERSION),
        'X-Kommunkiosk-Format': formatter.format,
      },
      attachments,
    });
    const response = typeof info.response === 'string' ? safeReason(info.response).slice(0, 200) : null;
    return { kind: 'delivered', receiverReference: response, duplicate: false };
  }

  return {
    type: 'smtp',
    async deliver(item, signal) {
      if (signal.aborted) return { kind: 'retry', offline: false, reason: 'attempt stopped (kiosk shutting down)' };
      let onAbort: (() => void) | undefined;
      const aborted = new Promise<DeliveryOutcome>((resolve) => {
        onAbort = () => resolve({ kind: 'retry', offline: false, reason: 'attempt stopped (kiosk shutting down)' });
        signal.addEventListener('abort', onAbort, { once: true });
      });
      try {
        // an SMTP transaction cannot be cancelled half-way; a stopped attempt that still completes is
        // sent again later with the same Message-ID
        const outcome = await Promise.race([send(item).catch(classifySmtpError), aborted]);
        options.logger.debug({ reference: item.reference, outcome: outcome.kind }, 'smtp delivery attempt done');
        return outcome;
      } finally {
        if (onAbort) signal.removeEventListener('abort', onAbort);
      }
    },
    probe(signal) {
      return tcpReachable(target.host, target.port, signal);
    },
    close() {
      transport.close();
      return Promise.resolve();
    },
  };
}
