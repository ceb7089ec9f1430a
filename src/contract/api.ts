/**
 * The contract between the renderer and core: every method the renderer may call and every event it
 * may receive, with the zod schemas both sides check. The preload (Electron) and the host bridge
 * (browser) are generated from these maps; nothing else crosses.
 *
 * To add a capability: write `namespaces/<name>.ts` with `<name>Methods` (and `<name>Events` when it
 * sends any), spread them in below, implement the handlers in core.
 */
import type { z } from 'zod';
import type { MethodSpec } from './define';
import type { Result } from './errors';
import { appEvents, appMethods } from './namespaces/app';
import { attachmentsMethods } from './namespaces/attachments';
import { catalogueMethods } from './namespaces/catalogue';
import { casesEvents, casesMethods } from './namespaces/cases';
import { flowsMethods } from './namespaces/flows';
import { identityEvents, identityMethods } from './namespaces/identity';
import { paperMethods } from './namespaces/paper';
import { printMethods } from './namespaces/print';
import { sessionEvents, sessionMethods } from './namespaces/session';
import { speechEvents, speechMethods } from './namespaces/speech';
import { staffEvents, staffMethods } from './namespaces/staff';
import { submissionMethods } from './namespaces/submission';

export const methods = {
  ...appMethods,
  ...sessionMethods,
  ...catalogueMethods,
  ...flowsMethods,
  ...identityMethods,
  ...submissionMethods,
  ...attachmentsMethods,
  // the visitor's receipt; the queue's staff operations are reached through staff mode only
  'cases.status': casesMethods['cases.status'],
  ...paperMethods,
  ...printMethods,
  ...speechMethods,
  ...staffMethods,
} as const satisfies Record<string, MethodSpec>;

export const events = {
  ...appEvents,
  ...sessionEvents,
  ...identityEvents,
  ...casesEvents,
  ...speechEvents,
  ...staffEvents,
} as const satisfies Record<string, z.ZodType>;

export type Methods = typeof methods;
export type MethodName = keyof Methods & string;
export type EventName = keyof typeof events & string;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** What core implements: one async function per method, taking the parsed input. */
export type KioskHandlers = { [M in MethodName]: (input: z.output<Methods[M]['input']>) => Promise<MethodOutput<M>> };

type Namespace<M extends string> = M extends `${infer N}.${string}` ? N : never;
type Leaf<M extends string, N extends string> = M extends `${N}.${infer L}` ? L : never;

/** `window.kiosk`: namespaces of methods returning a Result (never throwing), plus `on` for events. */
export type KioskBridge = {
  readonly [N in Namespace<MethodName>]: {
    readonly [L in Leaf<MethodName, N>]: (
      input: MethodInput<`${N}.${L}` & MethodName>,
    ) => Promise<Result<MethodOutput<`${N}.${L}` & MethodName>>>;
  };
} & {
  /** Subscribe to a contract event; the callback gets the validated payload only. Returns unsubscribe. */
  readonly on: <E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void) => () => void;
};

/** Builds the nested `window.kiosk` object from one transport function (IPC or WebSocket). */
export function buildBridge(
  invoke: (method: MethodName, input: unknown) => Promise<Result<unknown>>,
  on: (event: EventName, callback: (payload: unknown) => void) => () => void,
): KioskBridge {
  const root: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of methodNames) {
    const [ns, leaf] = name.split('.') as [string, string];
    root[ns] ??= {};
    root[ns][leaf] = (input: unknown) => invoke(name, input ?? {});
  }
  for (const ns of Object.values(root)) Object.freeze(ns);
  return Object.freeze({
    ...root,
    on: (event: EventName, callback: (payload: unknown) => void) => {
      if (!isEventName(event)) throw new TypeError('unknown event');
      return on(event, callback);
    },
  }) as unknown as KioskBridge;
}
