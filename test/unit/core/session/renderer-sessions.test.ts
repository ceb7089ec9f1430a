/**
 * Core owns the visit: renderer sessions (windows, sockets) against a real kiosk with the embedded
 * BankID and register simulators. A session gets a fresh visit from core; calls carrying any other
 * visit id are refused; a session that goes away or is replaced ends its visit at once — BankID orders
 * cancelled at the simulator, the signed-in person forgotten — and nothing reaches the next session.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, Result } from '../../../../src/contract';
import type { RendererSession } from '../../../../src/core/session/renderer-sessions';
import { samples } from '../../fixtures/shipped-flow-answers';
import { createTestKiosk, simulatorDir, type TestKiosk } from '../../main/test-kiosk';
import { request } from '../../simulators/support/https-json';

const ANNA = '199001012385';
const CONFIG = `kiosk:
  municipality:
    name: Testby kommun
staff:
  members: []
`;

let t: TestKiosk;
let events: Array<{ event: EventName; payload: unknown }>;

beforeEach(async () => {
  t = await createTestKiosk(CONFIG);
  events = [];
  t.kiosk.events.subscribe((event, payload) => events.push({ event, payload }));
});
afterEach(() => t.dispose());

function simulator(): { origin: string; ca: string } {
  const line = t.kiosk.embedded.find((l) => l.startsWith('BankID simulator:')) ?? '';
  const origin = new URL(/scan endpoint (\S+)\)/.exec(line)?.[1] ?? '').origin;
  const pki = JSON.parse(readFileSync(path.join(simulatorDir, 'simulators', 'simulator-pki.json'), 'utf8')) as {
    caCertPem: string;
  };
  return { origin, ca: pki.caCertPem };
}

async function simOrders(): Promise<Array<{ kind: string; status: string; cancelledByRp: boolean }>> {
  const sim = simulator();
  return (await request(`${sim.origin}/sim/orders`, { ca: sim.ca })).json as Array<{
    kind: string;
    status: string;
    cancelledByRp: boolean;
  }>;
}

function open(): Promise<RendererSession> {
  return t.kiosk.sessions.open({ superseded: () => undefined }, 'socket');
}

async function ok<T>(res: Promise<Result<unknown>>): Promise<T> {
  const r = await res;
  if (!r.ok) throw new Error(`call failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** A visitor signs in with BankID: the QR core sends is scanned with the test person's phone. */
async function signIn(session: RendererSession, personalNumber: string): Promise<void> {
  const { orderId } = await ok<{ orderId: string }>(session.call(session.visitId, 'identity.startLogin', {}));
  const qr = await vi.waitFor(() => {
    const e = events.find(
      (x) => x.event === 'identity.qr' && (x.payload as { orderId: string; qr: string | null }).orderId === orderId,
    );
    const q = (e?.payload as { qr: string | null } | undefined)?.qr;
    if (!q) throw new Error('no QR yet');
    return q;
  });
  const sim = simulator();
  const scan = await request(`${sim.origin}/sim/scan`, {
    method: 'POST',
    ca: sim.ca,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ qr, personalNumber }),
  });
  expect(scan.status).toBe(200);
  await vi.waitFor(
    () => {
      expect(
        events.some((x) => x.event === 'identity.completed' && (x.payload as { orderId: string }).orderId === orderId),
      ).toBe(true);
    },
    { timeout: 10_000 },
  );
}

describe('a renderer session and its visit', () => {
  it('core creates the visit id; calls with it are served, calls with any other id are refused untouched', async () => {
    const s = await open();
    expect(s.visitId).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.visitId).toBe(t.kiosk.visit.id);
    expect(await s.call(s.visitId, 'identity.current', {})).toMatchObject({ ok: true, value: { signedIn: false } });
    const touched = vi.spyOn(t.kiosk.handlers, 'identity.current');
    for (const wrong of [null, undefined, 42, '', 'd2a1c0a6-0000-4000-8000-000000000000']) {
      expect(await s.call(wrong, 'identity.current', {})).toMatchObject({ ok: false, error: { code: 'visit_ended' } });
    }
    expect(touched).not.toHaveBeenCalled();
    // about the kiosk itself: answered without a visit
    expect((await s.call(null, 'app.info', {})).ok).toBe(true);
    // a malformed call is answered as malformed, whatever id it carries
    expect(await s.call(null, 'session.reset', { reason: 'because' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('session.reset ends the visit and hands the same session a fresh one; the old id is refused from then on', async () => {
    const s = await open();
    const first = s.visitId;
    const reset = await ok<{ visitId: string }>(s.call(first, 'session.reset', { reason: 'finished' }));
    expect(reset.visitId).not.toBe(first);
    expect(s.visitId).toBe(reset.visitId);
    expect(await s.call(first, 'identity.current', {})).toMatchObject({ ok: false, error: { code: 'visit_ended' } });
    expect((await s.call(reset.visitId, 'identity.current', {})).ok).toBe(true);
  });

  it('a second session takes over: the first is told and refused, its order is cancelled at BankID, the second starts clean', async () => {
    const superseded = vi.fn();
    const a = await t.kiosk.sessions.open({ superseded }, 'socket');
    await signIn(a, ANNA);
    expect(await a.call(a.visitId, 'identity.current', {})).toMatchObject({
      ok: true,
      value: { signedIn: true, givenName: 'Anna' },
    });
    // A goes on to another service's sign-in: an order is pending at BankID
    await ok(a.call(a.visitId, 'identity.logout', {}));
    await ok(a.call(a.visitId, 'identity.startLogin', {}));
    await vi.waitFor(async () => expect((await simOrders()).filter((o) => o.status === 'pending')).toHaveLength(1));
    const aVisit = a.visitId;

    const b = await open();
    expect(superseded).toHaveBeenCalledOnce();
    expect(a.ended).toBe(true);
    expect(b.visitId).not.toBe(aVisit);
    expect(await a.call(aVisit, 'identity.current', {})).toMatchObject({ ok: false, error: { code: 'visit_ended' } });
    expect(await a.call(b.visitId, 'identity.current', {})).toMatchObject({
      ok: false,
      error: { code: 'visit_ended' },
    });
    await vi.waitFor(async () =>
      expect((await simOrders()).filter((o) => o.kind === 'auth' && o.cancelledByRp)).toHaveLength(1),
    );
    expect(await b.call(b.visitId, 'identity.current', {})).toMatchObject({ ok: true, value: { signedIn: false } });
    expect(await b.call(b.visitId, 'submission.prefill', { flowId: 'forskoleplats' })).toMatchObject({
      ok: true,
      value: { answers: {}, children: [] },
    });
  });

  it('a session that goes away ends its visit at once: the signed-in person is gone, the order cancelled', async () => {
    const a = await open();
    await signIn(a, ANNA);
    expect(t.kiosk.visit.state.person?.givenName).toBe('Anna');
    await ok(
      a.call(a.visitId, 'submission.startSign', {
        flowId: 'parkeringstillstand',
        answers: samples['parkeringstillstand'],
        language: 'sv',
      }),
    );
    await vi.waitFor(async () => expect((await simOrders()).some((o) => o.kind === 'sign')).toBe(true));
    await a.close('session_closed');
    expect(t.kiosk.visit.state.person).toBeNull();
    await vi.waitFor(async () =>
      expect((await simOrders()).filter((o) => o.kind === 'sign').map((o) => o.cancelledByRp)).toEqual([true]),
    );
    expect(t.clears()).toBeGreaterThanOrEqual(1);
    const b = await open();
    expect(await b.call(b.visitId, 'identity.current', {})).toMatchObject({ ok: true, value: { signedIn: false } });
  });

  it('a second login in the same visit is refused; it never goes on as the person signed in', async () => {
    const a = await open();
    await signIn(a, ANNA);
    expect(await a.call(a.visitId, 'identity.startLogin', {})).toMatchObject({
      ok: false,
      error: { code: 'conflict', reason: 'already_signed_in' },
    });
  });

  it('core ends the visit by itself when the deadline passes and tells the session its fresh visit', async () => {
    const s = await open();
    const first = s.visitId;
    // the deadline runs once the visitor did something; it is idle + warning (+ grace) from config
    await ok(s.call(first, 'session.touch', {}));
    expect(t.kiosk.visit.deadlineLeft()).toBeGreaterThan((90 + 30) * 1000);
    await ok(s.call(first, 'session.touch', { extendSeconds: 300 }));
    expect(t.kiosk.visit.deadlineLeft()).toBeGreaterThan((90 + 300 + 30) * 1000);
    expect(await s.call(first, 'session.touch', { extendSeconds: 7 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await t.kiosk.sessions.endVisit('expired');
    expect(s.visitId).not.toBe(first);
    expect(events.filter((e) => e.event === 'session.reset')).toEqual([
      { event: 'session.reset', payload: { reason: 'expired', visitId: s.visitId } },
    ]);
    expect(await s.call(first, 'identity.current', {})).toMatchObject({ ok: false, error: { code: 'visit_ended' } });
    // the fresh visit has no deadline until something happens in it
    expect(t.kiosk.visit.deadlineLeft()).toBeNull();
  });
});
