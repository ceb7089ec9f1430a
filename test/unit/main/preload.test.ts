import { afterEach, describe, expect, it, vi } from 'vitest';
import { CALL_WATCHDOG_DEFAULTS } from '../../../src/contract/call-watchdog';
import { eventNames, methodNames, type KioskBridge } from '../../../src/contract';
import { EVENT_CHANNEL, methodChannel, PING_CHANNEL, SESSION_CHANNEL } from '../../../src/main/ipc-channels';

vi.mock('electron', () => import('./fake-electron'));

const fake = await import('./fake-electron');
fake.resetFakeElectron();
/** The visit id main gives the page when the preload opens its session (once, when it loads). */
const VISIT = '0b7c2f3e-7a41-4c55-8d2e-5c6a3f1e9d20';
const NEXT_VISIT = 'c9a4e8d1-2b3f-4e6a-9c7d-1f2e3d4c5b6a';
fake.ipcRenderer.answer = async (channel) =>
  channel === 'kiosk:session' ? { ok: true, value: { visitId: VISIT } } : { ok: true, value: {} };
await import('../../../src/preload/index');
const exposedKiosk = fake.contextBridge.exposed.get('kiosk') as KioskBridge;

/**
 * The preload registers its one IPC listener when it loads, so it is loaded once; each test gets
 * fresh answers and a fresh call log. Subscriptions of earlier tests stay, with their own callbacks.
 */
async function loadPreload(): Promise<{ fake: typeof fake; kiosk: KioskBridge }> {
  fake.ipcRenderer.invocations.length = 0;
  fake.ipcRenderer.answer = async () => ({ ok: true, value: {} });
  return { fake, kiosk: exposedKiosk };
}

function shapeOf(bridge: object): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [ns, value] of Object.entries(bridge)) {
    out[ns] = typeof value === 'function' ? ['(function)'] : Object.keys(value as object).sort();
  }
  return out;
}

describe('preload', () => {
  it('exposes window.kiosk and nothing else', async () => {
    const { fake } = await loadPreload();
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['kiosk']);
  });

  it('exposes exactly the contract: its namespaces and methods, plus on()', async () => {
    const { kiosk } = await loadPreload();
    const expected: Record<string, string[]> = { on: ['(function)'] };
    for (const name of methodNames) {
      const [ns, leaf] = name.split('.') as [string, string];
      (expected[ns] ??= []).push(leaf);
    }
    for (const ns of Object.keys(expected)) expected[ns]!.sort();
    expect(shapeOf(kiosk)).toEqual(expected);
    for (const generic of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'postMessage', 'removeAllListeners']) {
      expect(kiosk).not.toHaveProperty(generic);
    }
    expect(Object.isFrozen(kiosk)).toBe(true);
  });

  it("calls main on the method's own channel, with the page's visit id, and returns its Result", async () => {
    const { fake, kiosk } = await loadPreload();
    fake.ipcRenderer.answer = async () => ({ ok: true, value: { cancelled: 2 } });
    await expect(kiosk.session.reset({ reason: 'finished' })).resolves.toEqual({ ok: true, value: { cancelled: 2 } });
    expect(fake.ipcRenderer.invocations).toEqual([[methodChannel('session.reset'), { reason: 'finished' }, VISIT]]);
    await kiosk.app.info({});
    expect(fake.ipcRenderer.invocations.at(-1)).toEqual(['kiosk:app.info', {}, VISIT]);
  });

  it('takes over the fresh visit id core hands out on a reset (answer or event), and stamps it on later calls', async () => {
    const { fake, kiosk } = await loadPreload();
    fake.ipcRenderer.answer = async () => ({ ok: true, value: { cancelled: 1, visitId: NEXT_VISIT } });
    await kiosk.session.reset({ reason: 'finished' });
    await kiosk.app.info({});
    expect(fake.ipcRenderer.invocations.at(-1)).toEqual(['kiosk:app.info', {}, NEXT_VISIT]);
    fake.ipcRenderer.emit(EVENT_CHANNEL, {}, 'session.reset', { reason: 'expired', visitId: VISIT });
    await kiosk.app.info({});
    expect(fake.ipcRenderer.invocations.at(-1)).toEqual(['kiosk:app.info', {}, VISIT]);
  });

  it('never rejects: a failed or odd answer becomes a typed error', async () => {
    const { fake, kiosk } = await loadPreload();
    fake.ipcRenderer.answer = async () => {
      throw new Error("Error invoking remote method 'kiosk:app.info': No handler registered");
    };
    await expect(kiosk.app.info({})).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
    fake.ipcRenderer.answer = async () => {
      throw new Error('An object could not be cloned.');
    };
    await expect(kiosk.app.info({})).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    fake.ipcRenderer.answer = async () => 'surprise';
    await expect(kiosk.app.info({})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    fake.ipcRenderer.answer = async () => ({ ok: false, error: { code: 'forbidden', message: 'no' } });
    await expect(kiosk.app.info({})).resolves.toEqual({ ok: false, error: { code: 'forbidden', message: 'no' } });
  });

  it('registers one IPC listener however many subscribers there are', async () => {
    const { fake, kiosk } = await loadPreload();
    expect(fake.ipcRenderer.eventNames()).toEqual([EVENT_CHANNEL]);
    for (const e of eventNames) kiosk.on(e, () => undefined);
    kiosk.on('session.reset', () => undefined);
    expect(fake.ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(1);
  });

  it('gives callbacks the validated payload only, never the IPC event', async () => {
    const { fake, kiosk } = await loadPreload();
    const received: unknown[][] = [];
    kiosk.on('session.reset', (...args: unknown[]) => received.push(args));
    const ipcEvent = { sender: { send: () => undefined }, senderId: 0, ports: [] };
    fake.ipcRenderer.emit(EVENT_CHANNEL, ipcEvent, 'session.reset', { reason: 'staff', visitId: VISIT });
    expect(received).toEqual([[{ reason: 'staff', visitId: VISIT }]]);
    expect(JSON.stringify(received)).not.toContain('sender');
  });

  it('drops events outside the contract and payloads that fail their schema', async () => {
    const { fake, kiosk } = await loadPreload();
    const received: unknown[] = [];
    kiosk.on('session.reset', (p) => received.push(p));
    fake.ipcRenderer.emit(EVENT_CHANNEL, {}, 'session.reset', { reason: 'hacked' });
    fake.ipcRenderer.emit(EVENT_CHANNEL, {}, 'session.reset', null);
    fake.ipcRenderer.emit(EVENT_CHANNEL, {}, 'shell.exec', { reason: 'staff' });
    fake.ipcRenderer.emit(EVENT_CHANNEL, {}, '__proto__', {});
    expect(received).toEqual([]);
  });

  it('routes each event to its own subscribers and honours unsubscribe', async () => {
    const { fake, kiosk } = await loadPreload();
    const resets: unknown[] = [];
    const states: unknown[] = [];
    const off = kiosk.on('session.reset', (p) => resets.push(p));
    kiosk.on('app.state', (p) => states.push(p));
    fake.ipcRenderer.emit(EVENT_CHANNEL, {}, 'app.state', { state: 'ready', outOfOrderReasons: [] });
    expect(resets).toEqual([]);
    expect(states).toEqual([{ state: 'ready', outOfOrderReasons: [] }]);
    off();
    fake.ipcRenderer.emit(EVENT_CHANNEL, {}, 'session.reset', { reason: 'staff', visitId: VISIT });
    expect(resets).toEqual([]);
  });

  it('refuses to subscribe to events outside the contract', async () => {
    const { kiosk } = await loadPreload();
    expect(() => (kiosk.on as (e: string, cb: () => void) => void)('ipc.anything', () => undefined)).toThrow(TypeError);
  });

  describe('a main process that is alive but frozen (answers nothing)', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('the waiting call answers unavailable, the page is told the connection is lost, and a new session starts when main is back', async () => {
      const { fake, kiosk } = await loadPreload();
      vi.useFakeTimers();
      const connection: unknown[] = [];
      kiosk.on('session.connection', (p) => connection.push(p));
      let thaw!: () => void;
      const thawed = new Promise<void>((r) => (thaw = r));
      // frozen: no call, no ping is answered until thaw()
      fake.ipcRenderer.answer = async (channel) => {
        await thawed;
        return channel === SESSION_CHANNEL ? { ok: true, value: { visitId: NEXT_VISIT } } : { ok: true, value: {} };
      };
      const waiting = kiosk.identity.startLogin({});
      await vi.advanceTimersByTimeAsync(CALL_WATCHDOG_DEFAULTS.silenceMs - 2_000);
      // it asked main whether it lives while the call waited
      expect(fake.ipcRenderer.invocations.some(([channel]) => channel === PING_CHANNEL)).toBe(true);
      expect(connection).toEqual([]);
      await vi.advanceTimersByTimeAsync(3_000);
      await expect(waiting).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(connection).toEqual([{ state: 'lost' }]);
      // while main is silent, calls answer at once
      await expect(kiosk.catalogue.list({})).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });

      fake.ipcRenderer.invocations.length = 0;
      thaw();
      await vi.advanceTimersByTimeAsync(10);
      // a new session for the page (main ends the frozen visit), then the page is told
      expect(fake.ipcRenderer.invocations.map(([channel]) => channel)).toContain(SESSION_CHANNEL);
      expect(connection).toEqual([{ state: 'lost' }, { state: 'restored' }]);
      await kiosk.app.info({});
      expect(fake.ipcRenderer.invocations.at(-1)).toEqual(['kiosk:app.info', {}, NEXT_VISIT]);
    });

    it('a slow call of a main that answers its pings is waited for', async () => {
      const { fake, kiosk } = await loadPreload();
      vi.useFakeTimers();
      const connection: unknown[] = [];
      kiosk.on('session.connection', (p) => connection.push(p));
      fake.ipcRenderer.answer = async (channel) => {
        if (channel === PING_CHANNEL) return true;
        await new Promise((r) => setTimeout(r, 40_000));
        return { ok: true, value: { done: true } };
      };
      const slow = kiosk.identity.startLogin({});
      await vi.advanceTimersByTimeAsync(41_000);
      await expect(slow).resolves.toEqual({ ok: true, value: { done: true } });
      expect(connection).toEqual([]);
    });
  });

  it('spells the IPC channels exactly as main does', async () => {
    expect(SESSION_CHANNEL).toBe('kiosk:session');
    expect(PING_CHANNEL).toBe('kiosk:ping');
    const { fake, kiosk } = await loadPreload();
    for (const name of methodNames) {
      const [ns, leaf] = name.split('.') as [string, string];
      await (kiosk as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[ns]![leaf]!({});
      expect(fake.ipcRenderer.invocations.at(-1)?.[0]).toBe(methodChannel(name));
    }
  });
});
