/** The case capability's public surface: what createKiosk, the flow engine and the shells use. */
export {
  createCaseService,
  createDeliveryAdapter,
  type CaseService,
  type CaseServiceOptions,
  type CasesHandlers,
  type CasesEmitter,
} from './service';
export {
  casesConfigSchema,
  resolveCasesConfig,
  type CasesConfig,
  type CasesConfigInput,
  type ResolvedCasesConfig,
} from './config';
export {
  CaseQueue,
  type CaseStatus,
  type SubmittedCase,
  type QueueStats,
  type DeadLetter,
  type CaseChange,
} from './queue';
export type { CaseDraft, CaseDocument, ConfirmationRequest } from './case-draft';
export type { StorageAlert } from './database';
export { DeliveryWorker, type WorkerState } from './delivery/worker';
export { createKeyFileWrapper, KeyFileError } from './key-file-wrapper';
export { DataKeyError, type KeyWrapper } from './data-key';
export { normalizeReference, isValidReference } from './reference';
export { envelopeSchema, ENVELOPE_VERSION, type Envelope } from '../../contract/delivery/envelope';
