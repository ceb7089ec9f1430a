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

/**
 * The simulators' own JSON endpoints (phone side, control): a POST with a JSON object body.
 * Returns the object, or the status and error body to answer with.
 */
export async function readJsonObject(
  req: IncomingMessage,
  timeoutMs: number,
): Promise<
  | { ok: true; json: Record<string, unknown> }
  | { ok: false; status: number; error: string; message: string; headers?: Record<string, string> }
> {
  if (req.method !== 'POST')
    return { ok: false, status: 405, error: 'methodNotAllowed', message: 'Use POST', headers: { Allow: 'POST' } };
  if (!isJson(req.headers['content-type']))
    return { ok: false, status: 415, error: 'unsupportedMediaType', message: 'Send JSON' };
  const body = await readBody(req, { limit: 64 * 1024, timeoutMs });
  if (!body.ok)
    return { ok: false, status: 400, error: 'invalidRequest', message: 'The request body could not be read' };
  try {
    const parsed: unknown = JSON.parse(body.body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return { ok: true, json: parsed as Record<string, unknown> };
  } catch {
    return { ok: false, status: 400, error: 'invalidRequest', message: 'Send a JSON object' };
  }
}
