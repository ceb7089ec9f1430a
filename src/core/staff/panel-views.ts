/**
 * What the staff panel shows besides the switch: the case queue with its dead letters, the printer,
 * the configuration at a glance. Free text from outside (delivery errors, printer messages) passes
 * through the redactor; a part that cannot be read is shown as missing, never as an error.
 */
import { printerStates } from '../../contract/namespaces/print';
import type { CaseStats, CaseStatusValue, DeadLetterInfo } from '../../contract/namespaces/cases';
import type { Language } from '../../contract/namespaces/app';
import type { ConfigSummary, StaffPrinterStatus } from '../../contract/namespaces/staff';
import type { CasesConfig } from '../cases/config';
import type { CasesHandlers } from '../cases/service';
import { deliveryTargetHost, hostOf } from '../health/health-checks';
import type { BankIdConfig, RegisterConfig } from '../identity/config';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redaction';
import type { StaffConfig, StaffConfigInput } from './config';

/** What staff mode needs of the case queue (the case service provides it; see `caseOpsOf`). */
export interface StaffCaseOps {
  /** In the contract's shape, delivery targets included (the `cases.stats` handler's answer). */
  stats(): Promise<CaseStats>;
  deadLetters(): DeadLetterInfo[] | Promise<DeadLetterInfo[]>;
  retry(reference: string, staffId: string): CaseStatusValue | Promise<CaseStatusValue>;
  discard(reference: string, staffId: string): CaseStatusValue | Promise<CaseStatusValue>;
}

/** The case service as `StaffCaseOps`: its `cases.stats` handler, and its queue for the rest. */
export function caseOpsOf(service: {
  queue: Pick<StaffCaseOps, 'deadLetters' | 'retry' | 'discard'>;
  handlers: Pick<CasesHandlers, 'cases.stats'>;
}): StaffCaseOps {
  const { queue, handlers } = service;
  return {
    stats: () => handlers['cases.stats']({}),
    deadLetters: () => queue.deadLetters(),
    retry: (reference, staffId) => queue.retry(reference, staffId),
    discard: (reference, staffId) => queue.discard(reference, staffId),
  };
}

/** The printer as staff mode uses it: the print service's `Printer` fits as it is. */
export interface StaffPrinting {
  /** 'cups' | 'windows' | 'folder' | 'none'; 'none' counts as no printer. */
  readonly kind?: string;
  status(): Promise<{ state: string; printer?: string | null; reason?: string | null; message?: string | null }>;
  print(pdf: Uint8Array, options: { title: string }): Promise<{ jobId: string }>;
}

/** The parts of the kiosk configuration staff mode reads (the parsed KioskConfig fits). */
export interface StaffKioskConfig {
  kiosk: { id: string; municipality: { name: string }; languages: Language[] };
  flows: { enabled: 'all' | string[] };
  identity: { bankid: Pick<BankIdConfig, 'mode' | 'url'>; register: Pick<RegisterConfig, 'mode' | 'url'> };
  cases: Pick<CasesConfig, 'delivery'>;
  staff?: StaffConfigInput;
}

const PRINTER_STATES = new Set<string>(printerStates);

/** The configuration at a glance: names, modes and hosts only — no paths, passwords or hashes. */
export function summarizeConfig(config: StaffKioskConfig, staff: StaffConfig): ConfigSummary {
  const targets = Object.entries(config.cases.delivery.targets).map(([name, t]) => ({
    name,
    type: t.type,
    host: deliveryTargetHost(t),
  }));
  return {
    kioskId: config.kiosk.id,
    municipality: config.kiosk.municipality.name,
    languages: [...config.kiosk.languages],
    flows: config.flows.enabled === 'all' ? 'all' : [...config.flows.enabled],
    delivery: { defaultTarget: config.cases.delivery.defaultTarget, targets },
    bankid: { mode: config.identity.bankid.mode, host: hostOf(config.identity.bankid.url) },
    register: { mode: config.identity.register.mode, host: hostOf(config.identity.register.url) },
    staff: { members: staff.members.length, timeoutSeconds: staff.timeoutSeconds },
  };
}

export interface PanelViews {
  /** The printer staff can use; null when none is configured (`kind: none` counts as none). */
  readonly printer: StaffPrinting | null;
  queueView(): Promise<{ queue: CaseStats | null; deadLetters: DeadLetterInfo[] }>;
  printerView(): Promise<StaffPrinterStatus | null>;
}

export function createPanelViews(options: {
  cases: StaffCaseOps | null;
  printing: StaffPrinting | undefined;
  redactor: Redactor;
  logger: Logger;
}): PanelViews {
  const { cases, logger } = options;
  const scrub = (text: string): string => options.redactor.text(text);

  function printerStatus(raw: Awaited<ReturnType<StaffPrinting['status']>>): StaffPrinterStatus {
    const known = PRINTER_STATES.has(raw.state as StaffPrinterStatus['state']);
    const state = (known ? raw.state : 'unknown') as StaffPrinterStatus['state'];
    const said = [raw.reason, raw.message].filter((x): x is string => typeof x === 'string' && x !== '').join(': ');
    const reason = said !== '' ? scrub(said) : known ? null : `printer state "${scrub(raw.state)}"`;
    return { state, printer: raw.printer ? raw.printer : null, reason };
  }

  const printer: StaffPrinting | null = options.printing && options.printing.kind !== 'none' ? options.printing : null;

  return {
    printer,
    async queueView() {
      if (!cases) return { queue: null, deadLetters: [] };
      try {
        const [s, dead] = await Promise.all([cases.stats(), cases.deadLetters()]);
        const oldest = s.oldestWaiting;
        const queue: CaseStats = {
          ...s,
          oldestWaiting: oldest
            ? { ...oldest, lastError: oldest.lastError === null ? null : scrub(oldest.lastError) }
            : null,
        };
        return { queue, deadLetters: dead.map((d) => ({ ...d, reason: scrub(d.reason) })) };
      } catch (err) {
        logger.error({ err }, 'queue state could not be read for the staff screen');
        return { queue: null, deadLetters: [] };
      }
    },
    async printerView() {
      if (!printer) return null;
      try {
        return printerStatus(await printer.status());
      } catch (err) {
        return { state: 'unknown', printer: null, reason: scrub(err instanceof Error ? err.message : String(err)) };
      }
    },
  };
}
