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
export { CaseQueue, type SubmittedCase, type QueueStats, type CaseChange, type ReconcileReport } from './queue';
export type { CaseDraft, CaseFile, ConfirmationRequest } from './case-draft';
export { CaseDatabaseDamagedError } from './database';
export { CaseJournal } from './case-journal';
export { StorageGuard, type StorageNotice } from './storage-guard';
export {
  checkCaseStorage,
  describeStorageError,
  storagePathsOf,
  type StoragePaths,
  type StorageProblem,
} from './storage-check';
export { DeliveryWorker, type WorkerState } from './delivery/worker';
export { createKeyFileWrapper, KeyFileError } from './key-file-wrapper';
export { DataKeyError, type KeyWrapper } from './data-key';
export { normalizeReference, isValidReference } from './reference';
export { envelopeSchema, ENVELOPE_VERSION, type Envelope } from '../../contract/delivery/envelope';
