/**
 * The browser host's WebSocket against bad clients, on a real host process: a frame with invalid
 * UTF-8, a frame over the size limit and a frame that is not a bridge frame each end only their own
 * connection; 1,000 connections dropped abruptly (mid-handshake and after it) leave the host up; and
 * afterwards it still serves a visitor in Chromium. A host that is alive but frozen (SIGSTOP) does not
 * leave the screen waiting: the call answers `unavailable`, the screen says the connection is lost,
 * and when the host runs again the screen starts over with a new visit.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { expect, test } from './support/fixtures';
import type { TestHost } from './support/host';
import { h1, openKiosk } from './support/journey';

/** A bridge client as the host client is, speaking the frames of src/host/bridge-protocol.ts. */
function bridgeUrl(host: TestHost): { url: string; origin: string } {
  const u = new URL(host.url);
  const token = new URLSearchParams(u.hash.slice(1)).get('token') ?? '';
  return { url: `ws://${u.host}/bridge?token=${encodeURIComponent(token)}`, origin: u.origin };
}

/** Each socket's close code, recorded from the start (a socket may close before a test waits for it). */
const closeCodes = new WeakMap<WebSocket, Promise<number>>();

function connect(host: TestHost): WebSocket {
  const { url, origin } = bridgeUrl(host);
  const ws = new WebSocket(url, { origin });
  ws.on('error', () => undefined); // the test's own side of a dropped connection
  closeCodes.set(ws, new Promise((resolve) => ws.once('close', (code) => resolve(code))));
  return ws;
}

/** Connects, waits for the visit core opened for this connection, and returns its id. */
async function session(host: TestHost): Promise<{ ws: WebSocket; visitId: string }> {
  const ws = connect(host);
  const visitId = await new Promise<string>((resolve, reject) => {
    ws.once('close', (code) => reject(new Error(`closed with ${code} before the visit started`)));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; visitId?: string };
      if (frame.type === 'session' && frame.visitId) resolve(frame.visitId);
    });
  });
  return { ws, visitId };
}

function closed(ws: WebSocket): Promise<number> {
  return closeCodes.get(ws) as Promise<number>;
}

/** One call over the bridge; resolves with its Result. */
function call(ws: WebSocket, visitId: string, method: string, payload: unknown): Promise<unknown> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const frame = JSON.parse(String(data)) as { type: string; id?: number; result?: unknown };
      if (frame.type === 'result' && frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'call', id, method, payload, visitId }));
  });
}

/** The host is alive and serves: a fresh connection gets a visit and its calls are answered. */
async function expectServing(host: TestHost): Promise<void> {
  const { ws, visitId } = await session(host);
  expect(await call(ws, visitId, 'identity.current', {})).toMatchObject({ ok: true, value: { signedIn: false } });
  ws.close();
  await closed(ws);
}

test('bad frames end only their own connection, never the host', async ({ host }) => {
  const bystander = await session(host);

  const utf8 = await session(host);
  // a text frame whose bytes are not UTF-8
  utf8.ws.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xfd, 0x22, 0x7d]), { binary: false });
  expect(await closed(utf8.ws)).toBe(1007);
  await expectServing(host);

  const big = await session(host);
  big.ws.send('x'.repeat(4 * 1024 * 1024 + 1));
  expect(await closed(big.ws)).toBe(1009);
  await expectServing(host);

  for (const frame of ['not json', '[]', '{"type":"call","id":"one"}', '{"type":"call"}', 'null']) {
    const bad = await session(host);
    bad.ws.send(frame);
    expect(await closed(bad.ws), frame).toBe(4002);
  }
  const binary = await session(host);
  binary.ws.send(Buffer.from(JSON.stringify({ type: 'call', id: 1, method: 'app.info', payload: {} })));
  expect(await closed(binary.ws)).toBe(4002);

  await expectServing(host);
  // the first connection was replaced by the later ones (one screen at a time), not killed by a bad frame
  expect(await closed(bystander.ws)).toBe(4001);
  expect(host.output()).not.toMatch(/Unhandled|uncaught|RangeError|Invalid WebSocket frame/i);
});

test('1,000 connections dropped abruptly leave the host up and serving a visitor', async ({ host, page }) => {
  test.setTimeout(180_000);
  const total = 1000;
  const batch = 50;
  for (let done = 0; done < total; done += batch) {
    await Promise.all(
      Array.from({ length: batch }, async (_, i) => {
        const ws = connect(host);
        if ((done + i) % 2 === 0) {
          // dropped mid-handshake
          ws.terminate();
        } else {
          // dropped once open, without a close frame
          await new Promise<void>((resolve) => {
            ws.once('open', () => resolve());
            ws.once('close', () => resolve());
          });
          ws.terminate();
        }
        await closed(ws);
      }),
    );
  }
  await expectServing(host);
  await openKiosk(page, host);
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun');
  expect(host.output()).not.toMatch(/Unhandled|uncaught/i);
});

test('a host that is alive but frozen: the waiting call gives up, the screen says so, and the visit ends', async ({
  host,
  page,
}) => {
  // the client gives a silent host CALL_WATCHDOG_DEFAULTS.silenceMs (15 s) before it gives up
  test.setTimeout(120_000);
  await openKiosk(page, host);
  await page.getByRole('button', { name: 'Börja' }).click();
  await expect(h1(page)).toHaveText('Välj e-tjänst');
  // English: a visit is under way, and the next screen must come back in Swedish
  await page.locator('.language-switch button[lang="en"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.waitForLoadState('networkidle');

  process.kill(host.pid, 'SIGSTOP');
  try {
    // the visitor opens a service: the call waits on a host that neither answers nor closes
    await page.locator('[data-service="support-e-tjanster"]').click();
    const lost = page.getByTestId('connection-failure');
    await expect(lost).toBeVisible({ timeout: 45_000 });
    // nothing of the visit stays: the screen is back in the kiosk's own language
    await expect(lost).toContainText('Kiosken tappade kontakten med sin tjänst');
    await expect(lost).toContainText('Kiosken försöker få kontakt igen');
  } finally {
    process.kill(host.pid, 'SIGCONT');
  }
  // the host runs again: the screen starts over with a new visit, on the start screen, in Swedish
  await expect(h1(page)).toHaveText('Välkommen till Testby kommun', { timeout: 30_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  // core ended the frozen visit when the client gave up its connection (close code 4003)
  await expect
    .poll(() => readFileSync(path.join(host.dataDir, 'logs', 'kiosk.log'), 'utf8'))
    .toMatch(/"code":4003[^\n]*screen connection closed/);
  await expectServing(host);
});
