/**
 * `app.info`: what the screen is told about this kiosk. Without a valid config the kiosk still
 * answers (the "Ur funktion" screen needs languages and limits): every such value is the config
 * schema's own default, never a number repeated here.
 */
import type { KioskInfo } from '../../contract';
import type { KioskConfig } from '../config/kiosk-config';
import { accessibilitySchema, kioskSectionSchema, sessionSchema } from '../config/schema';
import type { OutOfOrderState } from './out-of-order';

/** What an unconfigured kiosk is called in logs, metrics and on its screen. */
export const UNCONFIGURED_KIOSK_ID = 'unconfigured';
const UNCONFIGURED_NAME = 'Kommunkiosk';

/** The parts of `app.info` that a config sets, as the schema's defaults. */
export function defaultInfoSettings(): Pick<KioskConfig, 'session' | 'accessibility'> & {
  languages: KioskConfig['kiosk']['languages'];
  defaultLanguage: KioskConfig['kiosk']['defaultLanguage'];
} {
  const kiosk = kioskSectionSchema.parse({});
  return {
    session: sessionSchema.parse({}),
    accessibility: accessibilitySchema.parse({}),
    languages: kiosk.languages,
    defaultLanguage: kiosk.defaultLanguage,
  };
}

export function kioskInfo(
  config: KioskConfig | null,
  context: { version: string; logo: string | null; outOfOrder: OutOfOrderState },
): KioskInfo {
  const defaults = config ? null : defaultInfoSettings();
  const session = config?.session ?? defaults!.session;
  const accessibility = config?.accessibility ?? defaults!.accessibility;
  const contact = config?.kiosk.municipality.contactCentre;
  const reasons = context.outOfOrder.reasons();
  const notice = context.outOfOrder.notice;
  return {
    state: reasons.length > 0 ? 'out_of_order' : 'ready',
    outOfOrderReasons: reasons,
    ...(notice ? { outOfOrderNotice: notice } : {}),
    kioskId: config?.kiosk.id ?? UNCONFIGURED_KIOSK_ID,
    version: context.version,
    municipality: {
      name: config?.kiosk.municipality.name ?? UNCONFIGURED_NAME,
      logo: context.logo,
      contactCentre: {
        phone: contact?.phone ?? null,
        email: contact?.email ?? null,
        hours: contact?.hours ?? null,
      },
    },
    languages: config?.kiosk.languages ?? defaults!.languages,
    defaultLanguage: config?.kiosk.defaultLanguage ?? defaults!.defaultLanguage,
    session: {
      idleSeconds: session.idleSeconds,
      warningSeconds: session.warningSeconds,
      extendSteps: session.extendSteps,
    },
    accessibility: {
      onScreenKeyboard: accessibility.onScreenKeyboard,
      statement: accessibility.statement,
      reportContact: {
        email: accessibility.reportContact.email,
        phone: accessibility.reportContact.phone,
      },
      reviewed: accessibility.reviewed,
      speech: { enabled: accessibility.speech.enabled, rate: accessibility.speech.rate },
    },
    attachments: {
      scanner: config ? config.attachments.scanner.adapter !== 'none' : false,
      feeder: config ? config.attachments.scanner.source === 'feeder' : false,
      camera: config?.attachments.camera.enabled
        ? { enabled: true, deviceLabel: config.attachments.camera.deviceLabel }
        : { enabled: false, deviceLabel: null },
    },
  };
}
