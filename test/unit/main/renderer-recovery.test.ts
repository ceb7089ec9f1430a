import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestKiosk, type TestKiosk } from './test-kiosk';

vi.mock('electron', () => import('./fake-electron'));

const fake = await import('./fake-electron');
const { RestartBudget, watchRenderer } = await import('../../../src/main/renderer-recovery');
const { START_URL } = await import('../../../src/main/app-origin');

type Contents = Parameters<typeof watchRenderer>[0];

let t: TestKiosk;
let contents: InstanceType<typeof fake.FakeWebContents>;
let resets: string[];
let giveUp: ReturnType<typeof vi.fn<() => void>>;
let recovery: ReturnType<typeof watchRenderer>;

beforeEach(async () => {
  fake.resetFakeElectron();
  t = await createTestKiosk();
  resets = [];
  t.kiosk.visit.onReset('test-probe', (reason) => {
    resets.push(reason);
  });
  contents = new fake.FakeWebContents();
  await contents.loadURL(START_URL);
  contents.loadedUrls.length = 0;
  giveUp = vi.fn<() => void>();
  recovery = watchRenderer(contents as unknown as Contents, t.kiosk, { giveUp, maxRestarts: 3, windowMs: 60_000 });
});
afterEach(() => t.dispose());

describe('renderer recovery', () => {
  it('a hung renderer is killed and replaced by a new one on the start screen, with the visit reset', async () => {
    contents.emit('unresponsive');
    await recovery.settled();
    expect(contents.crashCount).toBe(1);
    expect(resets).toEqual(['renderer_restart']);
    expect(t.clears()).toBe(1);
    expect(contents.loadedUrls).toEqual([START_URL]);
  });

  it('a crashed renderer is replaced the same way', async () => {
    contents.emit('render-process-gone', new fake.FakeEvent(), { reason: 'crashed', exitCode: 139 });
    await recovery.settled();
    expect(resets).toEqual(['renderer_restart']);
    expect(contents.loadedUrls).toEqual([START_URL]);
    expect(contents.crashCount).toBe(0);
  });

  it('the crash that follows killing a hung renderer does not restart it twice', async () => {
    contents.emit('unresponsive');
    contents.emit('render-process-gone', new fake.FakeEvent(), { reason: 'killed', exitCode: 9 });
    await recovery.settled();
    expect(resets).toEqual(['renderer_restart']);
    expect(contents.loadedUrls).toEqual([START_URL]);
  });

  it('a clean exit (window closing) is not a crash', async () => {
    contents.emit('render-process-gone', new fake.FakeEvent(), { reason: 'clean-exit', exitCode: 0 });
    await recovery.settled();
    expect(resets).toEqual([]);
    expect(contents.loadedUrls).toEqual([]);
  });

  it('a renderer that keeps dying makes the app give up so the supervisor restarts it', async () => {
    for (let i = 0; i < 3; i++) {
      contents.emit('render-process-gone', new fake.FakeEvent(), { reason: 'oom', exitCode: 1 });
      await recovery.settled();
    }
    expect(giveUp).not.toHaveBeenCalled();
    contents.emit('render-process-gone', new fake.FakeEvent(), { reason: 'oom', exitCode: 1 });
    await recovery.settled();
    expect(giveUp).toHaveBeenCalledOnce();
    expect(contents.loadedUrls).toHaveLength(3);
  });
});

describe('restart budget', () => {
  it('allows max restarts per sliding window', () => {
    let now = 0;
    const budget = new RestartBudget(2, 1000, () => now);
    expect(budget.take()).toBe(true);
    now = 10;
    expect(budget.take()).toBe(true);
    now = 20;
    expect(budget.take()).toBe(false);
    now = 1011;
    expect(budget.take()).toBe(true);
  });
});
