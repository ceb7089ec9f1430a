/** What the screen is told about the kiosk, configured or not, and how the out-of-order reasons combine. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/core/config/load-config';
import { kioskInfo } from '../../../../src/core/kiosk/kiosk-info';
import { OutOfOrderState } from '../../../../src/core/kiosk/out-of-order';

describe('app.info', () => {
  it('an unconfigured kiosk is out of order but still gives the screen the defaults a valid config would', () => {
    const outOfOrder = new OutOfOrderState();
    outOfOrder.addStartupProblem('kiosk.yaml: session.idleSeconds: too small');
    const info = kioskInfo(null, { version: '1.2.3', logo: null, outOfOrder });
    const parsed = parseConfig('{}\n', null);
    if (!parsed.ok) throw new Error('the empty config must be valid');
    const configured = kioskInfo(parsed.config, { version: '1.2.3', logo: null, outOfOrder: new OutOfOrderState() });

    expect(info.state).toBe('out_of_order');
    expect(info.outOfOrderReasons).toEqual(['kiosk.yaml: session.idleSeconds: too small']);
    expect(info.kioskId).toBe('unconfigured');
    expect(info.session).toEqual(configured.session);
    expect(info.session).toEqual({ idleSeconds: 90, warningSeconds: 30, extendSteps: [120, 300] });
    expect(info.languages).toEqual(configured.languages);
    expect(info.defaultLanguage).toBe(configured.defaultLanguage);
    expect(info.accessibility).toEqual(configured.accessibility);
    expect(configured.state).toBe('ready');
  });

  it('the config decides what the screen is told', () => {
    const parsed = parseConfig(
      'kiosk:\n  id: reception-2\n  languages: [en, sv, ar]\nsession:\n  idleSeconds: 120\n  extendSteps: [60]\n',
      null,
    );
    if (!parsed.ok) throw new Error('config must be valid');
    const info = kioskInfo(parsed.config, { version: '1', logo: null, outOfOrder: new OutOfOrderState() });
    expect(info.kioskId).toBe('reception-2');
    expect(info.languages).toEqual(['en', 'sv', 'ar']);
    expect(info.defaultLanguage).toBe('en');
    expect(info.session).toEqual({ idleSeconds: 120, warningSeconds: 30, extendSteps: [60] });
  });
});

describe('out-of-order reasons', () => {
  it('staff switching the kiosk back on never hides a start-up problem or a storage fault', () => {
    const state = new OutOfOrderState();
    const announced: string[][] = [];
    state.onChange(() => announced.push(state.reasons()));
    let storage = ['storage: the disk is full'];
    state.watchStorage(() => storage);
    state.addStartupProblem('printing: no such printer');

    state.setByStaff(['Switched off by staff'], 'technical_problem');
    expect(state.reasons()).toEqual([
      'printing: no such printer',
      'storage: the disk is full',
      'Switched off by staff',
    ]);
    expect(state.notice).toBe('technical_problem');

    state.setByStaff([], 'technical_problem');
    expect(state.reasons()).toEqual(['printing: no such printer', 'storage: the disk is full']);
    expect(state.notice).toBeNull();

    storage = [];
    expect(state.reasons()).toEqual(['printing: no such printer']);
    expect(announced).toHaveLength(2);
  });
});
