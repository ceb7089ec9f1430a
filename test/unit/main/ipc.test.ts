import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { methodNames, type Result } from '../../../src/contract';
import { createTestKiosk, type TestKiosk } from './test-kiosk';

vi.mock('electron', () => import('./fake-electron'));

const fake = await import('./fake-electron');
const { bindContract } = await import('../../../src/main/ipc');
const { EVENT_CHANNEL, methodChannel, PING_CHANNEL, SESSION_CHANNEL } = await import('../../../src/main/ipc-channels');

type Contents = InstanceType<typeof fake.FakeWebContents>;
type BoundContents = Parameters<typeof bindContract>[1] extends () => infer C ? C : never;

let t: TestKiosk;
let window: Contents;
let binding: ReturnType<typeof bindContract>;
/** The visit id the page's preload got when it opened its session. */
let visitId: string;

/** What the preload does once per page load: main opens the page's session and answers its visit id. */
async function openSession(
  event: { sender: unknown; senderFrame: unknown } = { sender: window, senderFrame: window.mainFrame },
): Promise<Result<{ visitId: string }>> {
  const handler = fake.ipcMain.handlers.get(SESSION_CHANNEL);
  if (!handler) throw new Error('no session handler');
  return (await handler(event)) as Result<{ visitId: string }>;
}

beforeEach(async () => {
  fake.resetFakeElectron();
  t = await createTestKiosk();
  window = new fake.FakeWebContents();
  await window.loadURL('app://kiosk/index.html');
  binding = bindContract(t.kiosk, () => window as unknown as BoundContents);
  const opened = await openSession();
  if (!opened.ok) throw new Error('the page got no session');
  visitId = opened.value.visitId;
});
afterEach(async () => {
  binding.dispose();
  await t.dispose();
});

async function call(
  method: string,
  payload: unknown,
  event: { sender: unknown; senderFrame: unknown } = { sender: window, senderFrame: window.mainFrame },
): Promise<Result<unknown>> {
  const handler = fake.ipcMain.handlers.get(`kiosk:${method}`);
  if (!handler) throw new Error(`no handler for ${method}`);
  return (await handler(event, payload, visitId)) as Result<unknown>;
}

describe('the contract over IPC', () => {
  it('binds exactly one handler per contract method and nothing else', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(
      [...methodNames.map((m) => methodChannel(m)), SESSION_CHANNEL, PING_CHANNEL].sort(),
    );
  });

  it("answers a call from the kiosk window with core's result", async () => {
    const result = await call('app.info', {});
    expect(result.ok).toBe(true);
    expect(result.ok && (result.value as { municipality: { name: string } }).municipality.name).toBe('Testby kommun');
  });

  it("answers the preload's ping at once, and only to the kiosk window", async () => {
    const ping = fake.ipcMain.handlers.get(PING_CHANNEL)!;
    expect(await ping({ sender: window, senderFrame: window.mainFrame })).toBe(true);
    const other = new fake.FakeWebContents();
    other.mainFrame.url = 'app://kiosk/index.html';
    expect(await ping({ sender: other, senderFrame: other.mainFrame })).toBe(false);
  });

  it('answers an invalid payload with a typed error, never a throw', async () => {
    const result = await call('session.reset', { reason: 'because' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'reason' }] } });
    expect(await call('app.info', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('app.info', 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  describe("refuses calls that do not come from the app's own main frame, without calling core", () => {
    let reset: ReturnType<typeof vi.spyOn>;
    beforeEach(() => {
      reset = vi.spyOn(t.kiosk.handlers, 'session.reset');
    });

    const cases: Array<[string, () => { sender: unknown; senderFrame: unknown }]> = [
      [
        'another window',
        () => {
          const other = new fake.FakeWebContents();
          other.mainFrame.url = 'app://kiosk/index.html';
          return { sender: other, senderFrame: other.mainFrame };
        },
      ],
      [
        'a subframe of the kiosk window',
        () => {
          const sub = new fake.FakeWebFrame('app://kiosk/index.html', window.mainFrame.processId, 7);
          sub.parent = window.mainFrame;
          return { sender: window, senderFrame: sub };
        },
      ],
      [
        'the main frame after it navigated away from app://',
        () => {
          window.mainFrame.url = 'https://evil.example/';
          return { sender: window, senderFrame: window.mainFrame };
        },
      ],
      [
        'an app:// lookalike host',
        () => {
          window.mainFrame.url = 'app://kiosk.evil/index.html';
          return { sender: window, senderFrame: window.mainFrame };
        },
      ],
      ['a frame that is already gone', () => ({ sender: window, senderFrame: null })],
      [
        'a destroyed frame',
        () => {
          const frame = new fake.FakeWebFrame(
            'app://kiosk/index.html',
            window.mainFrame.processId,
            window.mainFrame.routingId,
          );
          frame.destroyed = true;
          return { sender: window, senderFrame: frame };
        },
      ],
      [
        'a different frame in the same window',
        () => ({ sender: window, senderFrame: new fake.FakeWebFrame('app://kiosk/index.html', 999, 1) }),
      ],
    ];
    it.each(cases)('%s', async (_name, makeEvent) => {
      const result = await call('session.reset', { reason: 'staff' }, makeEvent());
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
      expect(reset).not.toHaveBeenCalled();
    });

    it('a destroyed kiosk window', async () => {
      window.destroyed = true;
      expect(await call('session.reset', { reason: 'staff' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(reset).not.toHaveBeenCalled();
    });

    it('(control) the same call from the kiosk window reaches core', async () => {
      expect(await call('session.reset', { reason: 'staff' })).toMatchObject({ ok: true });
      expect(reset).toHaveBeenCalledOnce();
    });
  });

  it("forwards core's events to the kiosk window as (name, payload) on one channel", () => {
    t.kiosk.setOutOfOrder(['printer offline']);
    expect(window.sent).toEqual([
      [EVENT_CHANNEL, 'app.state', { state: 'out_of_order', outOfOrderReasons: ['printer offline'] }],
    ]);
  });

  it('stops forwarding and unbinds on dispose', () => {
    binding.dispose();
    expect(fake.ipcMain.handlers.size).toBe(0);
    t.kiosk.setOutOfOrder([]);
    expect(window.sent).toEqual([]);
    binding = bindContract(t.kiosk, () => window as unknown as BoundContents);
  });
});
