import type { KioskError } from '../../../contract';

/** The outcome of a staff action, shown beside the button that did it. */
export interface StaffNotice {
  kind: 'ok' | 'error';
  text: string;
  /** The English message for IT (failures only); never personal data. */
  detail?: string;
}

export function errorNotice(text: string, error: KioskError): StaffNotice {
  return { kind: 'error', text, detail: error.message };
}
