import { kioskInfoSchema, type KioskInfo } from '../../../src/contract';

/** What app.info says about a ready test kiosk (checked against the contract's schema). */
export function kioskInfo(overrides: Partial<KioskInfo> = {}): KioskInfo {
  return kioskInfoSchema.parse({
    state: 'ready',
    outOfOrderReasons: [],
    kioskId: 'kiosk-test',
    version: '0.0.0',
    municipality: { name: 'Provkommun', logo: null, contactCentre: { phone: null, email: null, hours: null } },
    languages: ['sv', 'en', 'ar'],
    defaultLanguage: 'sv',
    session: { idleSeconds: 90, warningSeconds: 30, extendSteps: [120, 300] },
    accessibility: {
      onScreenKeyboard: true,
      statement: null,
      reportContact: { email: null, phone: null },
      reviewed: null,
      speech: { enabled: true, rate: 175 },
    },
    attachments: { scanner: true, feeder: false, camera: { enabled: true, deviceLabel: null } },
    ...overrides,
  });
}
