// @vitest-environment happy-dom
/** What the kiosk says about itself, and what the visitor sees when core cannot answer. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useKioskStore } from '../../../../../src/renderer/src/stores/kiosk';
import { kioskInfo } from '../../kiosk-info';
import { freshPinia, installBridge, removeBridge } from '../../support';

describe('the kiosk store', () => {
  beforeEach(() => freshPinia());
  afterEach(() => removeBridge());

  it('without a bridge to core the kiosk says so', async () => {
    removeBridge();
    await useKioskStore().load();
    expect(useKioskStore().failure).toBe('no_bridge');
    expect(useKioskStore().info).toBeNull();
  });

  it('core that does not answer app.info is "unavailable"', async () => {
    installBridge({});
    await useKioskStore().load();
    expect(useKioskStore().failure).toBe('unavailable');
  });

  it("loads the kiosk's info and shows it in its default language, right to left for Arabic", async () => {
    installBridge({ 'app.info': kioskInfo({ defaultLanguage: 'ar' }) });
    const kiosk = useKioskStore();
    await kiosk.load();
    expect(kiosk.failure).toBeNull();
    expect(kiosk.info?.municipality.name).toBe('Provkommun');
    expect(kiosk.language).toBe('ar');
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    kiosk.setLanguage('sv');
    expect(document.documentElement.dir).toBe('ltr');
  });

  it('is out of order when core says so', async () => {
    installBridge({ 'app.info': kioskInfo({ state: 'out_of_order', outOfOrderReasons: ['printer'] }) });
    await useKioskStore().load();
    expect(useKioskStore().outOfOrder).toBe(true);
  });
});
