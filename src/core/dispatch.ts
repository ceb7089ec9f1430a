/**
 * The one place where a call from the renderer meets core: the method name is checked against the
 * contract, the payload parsed by its schema, the handler run, and any failure turned into a typed
 * error. Nothing ever throws across the bridge. Main (IPC) and host (WebSocket) both call this.
 */
import type { z } from 'zod';
import { isMethodName, KioskFailure, methods, type KioskError, type KioskHandlers, type Result } from '../contract';
import type { Logger } from './log/logger';

export function issuesOf(error: z.ZodError): NonNullable<KioskError['issues']> {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code }));
}

export async function dispatch(
  handlers: KioskHandlers,
  method: unknown,
  payload: unknown,
  logger: Logger,
): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    logger.warn({ method: typeof method === 'string' ? method.slice(0, 80) : typeof method }, 'unknown method called');
    return { ok: false, error: { code: 'unknown_method', message: 'This method is not part of the contract.' } };
  }
  const spec = methods[method];
  // the paper route leaves no line that dates it (it may be a visit by a person with protected identity)
  const paperRoute = method.startsWith('paper.');
  const named = paperRoute ? {} : { method };
  const parsed = spec.input.safeParse(payload ?? {});
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    if (!paperRoute) logger.warn({ method, issues }, 'invalid payload rejected');
    return { ok: false, error: { code: 'invalid_input', message: `Invalid payload for ${method}.`, issues } };
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      logger.error({ ...named, issues: issuesOf(checked.error) }, 'handler returned a value outside the contract');
      return { ok: false, error: { code: 'internal', message: 'The kiosk produced an invalid answer.' } };
    }
    return { ok: true, value: checked.data };
  } catch (err) {
    if (err instanceof KioskFailure) {
      if (!paperRoute)
        logger.info({ method, code: err.code, reason: err.extra.reason }, 'call answered with a typed error');
      return { ok: false, error: err.toError() };
    }
    logger.error({ ...named, err }, 'handler failed');
    return { ok: false, error: { code: 'internal', message: 'Something went wrong in the kiosk.' } };
  }
}
