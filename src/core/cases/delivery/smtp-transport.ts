/**
 * One way to open an SMTP connection for the kiosk: TLS 1.2+ always (STARTTLS with `requireTLS`, or TLS
 * from the first byte with `secure`), optionally pinned to a CA file, with a login whose password is read
 * from a file. Used by the smtp delivery target and by the visitor's confirmation e-mail (the relay).
 * nodemailer is loaded on first use, so a kiosk without either never pays for it at start.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { Transporter } from 'nodemailer';

export interface SmtpConnection {
  host: string;
  port: number;
  secure: boolean;
  requireTLS: boolean;
  auth?: { user: string; passFile: string } | undefined;
  caFile?: string | undefined;
  timeoutMs: number;
}

/** A file of the configuration could not be read: the message names it (and never its content). */
export class SmtpConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmtpConfigError';
  }
}

function readConfigFile(file: string, what: string, owner: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new SmtpConfigError(`The ${what} ${file} of ${owner} cannot be read: ${(err as Error).message}`);
  }
}

/** nodemailer's transport options for a connection, its CA and password read from their files now. */
export function smtpTransportOptions(c: SmtpConnection, owner: string) {
  const ca = c.caFile ? readConfigFile(c.caFile, 'CA file', owner) : undefined;
  const pass = c.auth
    ? readConfigFile(c.auth.passFile, 'password file', owner)
        .toString('utf8')
        .replace(/\r?\n$/, '')
    : undefined;
  return {
    host: c.host,
    port: c.port,
    secure: c.secure,
    requireTLS: c.requireTLS,
    ...(c.auth ? { auth: { user: c.auth.user, pass } } : {}),
    tls: {
      minVersion: 'TLSv1.2' as const,
      ...(isIP(c.host) ? {} : { servername: c.host }),
      ...(ca ? { ca } : {}),
    },
    connectionTimeout: c.timeoutMs,
    greetingTimeout: c.timeoutMs,
    socketTimeout: c.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** Reads the files now (a missing file stops the kiosk at start) and returns a lazy transport. */
export function createSmtpTransport(c: SmtpConnection, owner: string): { get(): Promise<Transporter>; close(): void } {
  const options = smtpTransportOptions(c, owner);
  let transport: Transporter | undefined;
  return {
    async get() {
      transport ??= (await import('nodemailer')).createTransport(options);
      return transport;
    },
    close() {
      transport?.close();
    },
  };
}
