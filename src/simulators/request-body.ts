/** Reading a request body with a size limit and a deadline, for the simulators' HTTP servers. */
import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'timeout' | 'tooLarge' | 'aborted' };

export function readBody(req: IncomingMessage, options: { limit: number; timeoutMs: number }): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      resolve(r);
    };
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size > options.limit) {
        finish({ ok: false, reason: 'tooLarge' });
        return;
      }
      chunks.push(c);
    };
    const onEnd = (): void => finish({ ok: true, body: Buffer.concat(chunks) });
    const onError = (): void => finish({ ok: false, reason: 'aborted' });
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), options.timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}

/** `Content-Type` is exactly application/json (no parameters): BankID's rule. */
export function isExactJson(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.trim().toLowerCase() === 'application/json';
}

/** `Content-Type` is JSON, parameters allowed (the simulators' own endpoints). */
export function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType.trim());
}
