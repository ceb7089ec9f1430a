/**
 * The visitor's way from answers to a stored case (the `submission.*` contract methods):
 *  - prefill: register data of the signed-in person for the flow's prefilled fields and its children;
 *  - startSign: core builds the case document and the readable summary from the answers itself and
 *    has BankID sign them (the renderer never says what is signed);
 *  - submit: validated again, signature checked against exactly these answers, case PDF rendered,
 *    committed encrypted to the queue — and only then the receipt.
 * Nothing is kept beyond the visit; the paper route never reaches the queue.
 */
import type { HandlersOf } from '../../contract/define';
import { KioskFailure } from '../../contract/errors';
import { namedAttachments } from '../../contract/flows/attachment-answer';
import type { FlowDefinition } from '../../contract/flows/definition';
import { prefillAnswers } from '../../contract/flows/prefill';
import type { AttachmentSummary, ChildOption, PrefillValues } from '../../contract/flows/validation-context';
import type { Language } from '../../contract/namespaces/app';
import type { submissionMethods } from '../../contract/namespaces/submission';
import type { CaseIdentification, CaseSigning } from '../../contract/delivery/envelope';
import type { CaseDraft, CaseFile, ConfirmationRequest } from '../cases/case-draft';
import type { SubmittedCase } from '../cases/queue';
import type { CaseAnswer } from '../../contract/delivery/envelope';
import type { FrejaEvidence } from '../identity/freja/freja-order';
import { prepareSubmission, type CaseDocument } from './case-document';
import type { IdentityService, SignCompletion } from '../identity/identity-service';
import { visibleChildren } from '../identity/register/person-display';
import type { RegisterPerson } from '../identity/register/person-register';
import type { Logger } from '../log/logger';
import type { Visit } from '../session/visit';
import { contentHash, signedContent } from './signed-content';

/** The queue as submission needs it. */
export interface CaseSink {
  submit(draft: CaseDraft): SubmittedCase;
  reserveReference(): string;
  releaseReference(reference: string): void;
}

/** Renders the case document as PDF (the documents capability); null while none is configured. */
export type CasePdfRenderer = (
  doc: CaseDocument,
  extra: { reference: string; identification: CaseIdentification | null; signing: CaseSigning | null },
) => Promise<Uint8Array>;

/** Prints the receipt of a case of this visit (documents + printer); absent when there is no printer. */
export type ReceiptPrinter = (receipt: {
  reference: string;
  flow: FlowDefinition;
  submittedAt: string;
  status: 'stored' | 'delivered';
  language: Language;
  /** Named from the flow, with their pages: nothing personal. */
  attachments: Array<{ name: string; pages: number }>;
}) => Promise<void>;

/** The visit's attachments as submission needs them (see attachments/attachment-service.ts). */
export interface AttachmentSource {
  summaries(flowId: string): AttachmentSummary[];
  documents(flow: FlowDefinition, answers: Record<string, unknown>, reference: string): Promise<CaseFile[]>;
  release(ids: readonly string[]): void;
}

export interface SubmissionServiceOptions {
  attachments?: AttachmentSource | null;
  printReceipt?: ReceiptPrinter;
  /** The case's status now (for the printed receipt). */
  caseStatus?: (reference: string) => string;
  flows: () => ReadonlyMap<string, FlowDefinition>;
  identity: IdentityService;
  queue: CaseSink;
  visit: Visit;
  kioskId: string;
  logger: Logger;
  renderCasePdf?: CasePdfRenderer;
  now?: () => Date;
}

function prefillValues(person: RegisterPerson): PrefillValues {
  return {
    name: person.name,
    givenName: person.givenName,
    surname: person.surname,
    personnummer: person.personalNumber,
    ...(person.address && person.protection === 'none'
      ? { address: { ...person.address, postalCode: person.address.postalCode.replace(/^(\d{3}) ?(\d{2})$/, '$1 $2') } }
      : {}),
  };
}

function childOptions(person: RegisterPerson | null): ChildOption[] | undefined {
  if (!person) return undefined;
  return visibleChildren(person).children.map((c) => ({ personnummer: c.personalNumber, name: c.name }));
}

/**
 * The confirmation e-mail a signed-in visitor gets once the case has reached the municipality: to the
 * first e-mail address they gave in the flow. None without a signed-in visitor (the paper route never
 * gets here at all).
 */
function confirmationFor(
  identification: CaseIdentification | null,
  answers: readonly CaseAnswer[],
  language: Language,
): ConfirmationRequest | null {
  if (!identification) return null;
  const email = answers.find((a) => a.type === 'email' && typeof a.value === 'string' && a.value.length > 0);
  return email ? { email: email.value as string, language } : null;
}

export function createSubmissionService(options: SubmissionServiceOptions) {
  const { identity, queue, visit, logger } = options;
  const log = logger.child({ area: 'submission' });
  const now = options.now ?? (() => new Date());
  /** Completed signatures of this visit, by the hash of what was signed. */
  const signatures = new Map<string, SignCompletion>();
  let startedAt: Date | null = null;
  /** The cases this visit submitted: only their receipts can be printed. */
  const submitted = new Map<
    string,
    { flowId: string; submittedAt: string; attachments: Array<{ id: string; fieldId: string; pages: number }> }
  >();

  visit.onReset('submission', () => {
    signatures.clear();
    submitted.clear();
    startedAt = null;
  });

  const findFlow = (id: string): FlowDefinition => {
    const flow = options.flows().get(id);
    if (!flow) throw new KioskFailure('not_found', `flow '${id}' is not offered on this kiosk`);
    return flow;
  };

  const requirePerson = (flow: FlowDefinition) => {
    if (visit.state.paperRoute) {
      throw new KioskFailure('forbidden', 'This visit goes the paper route; nothing may be stored.', {
        reason: 'paper_route',
      });
    }
    const person = visit.state.person;
    if (flow.identification !== 'none' && !person) {
      throw new KioskFailure('forbidden', `flow ${flow.id} needs a BankID login first`, { reason: 'not_signed_in' });
    }
    return person;
  };

  const buildDocument = (flow: FlowDefinition, answers: Record<string, unknown>, language: Language): CaseDocument => {
    const register = identity.getRegisterPerson();
    return prepareSubmission(flow, answers, {
      kioskId: options.kioskId,
      children: childOptions(register),
      prefill: register ? prefillValues(register) : undefined,
      startedAt: startedAt ?? undefined,
      now: now(),
      language,
      attachments: options.attachments?.summaries(flow.id) ?? [],
    });
  };

  /** The attachment answers of a case document: field id → the attachment ids, in order. */
  const attachmentAnswers = (doc: CaseDocument): Record<string, string[]> => {
    const out: Record<string, string[]> = {};
    for (const a of doc.answers) if (a.type === 'attachment' && Array.isArray(a.value)) out[a.fieldId] = a.value;
    return out;
  };

  /** The case's attachments by name and pages, in the visitor's language (the receipt lists them). */
  const attachmentList = (flowId: string, held: readonly AttachmentSummary[], language: Language) => {
    const flow = options.flows().get(flowId);
    if (!flow) return [];
    const fields = flow.steps.flatMap((s) => s.fields);
    return fields.flatMap((field) => {
      if (field.type !== 'attachment') return [];
      const ids = held.filter((h) => h.fieldId === field.id).map((h) => h.id);
      return namedAttachments(field, ids, held, language).map(({ name, pages }) => ({ name, pages }));
    });
  };

  const handlers: HandlersOf<typeof submissionMethods> = {
    'submission.prefill': async ({ flowId }) => {
      const flow = findFlow(flowId);
      startedAt ??= now();
      const register = identity.getRegisterPerson();
      if (!register || visit.state.paperRoute) return { answers: {}, children: [], hiddenChildren: 0 };
      const { children, hiddenChildren } = visibleChildren(register);
      return {
        answers: prefillAnswers(flow, prefillValues(register)),
        children: children.map((c) => ({ personnummer: c.personalNumber, name: c.name })),
        hiddenChildren,
      };
    },

    'submission.startSign': async ({ flowId, answers, language }) => {
      const flow = findFlow(flowId);
      if (flow.identification !== 'sign') throw new KioskFailure('conflict', `flow ${flow.id} is not signed`);
      const person = requirePerson(flow);
      if (!person) throw new KioskFailure('forbidden', 'no one is signed in', { reason: 'not_signed_in' });
      const doc = buildDocument(flow, answers, language);
      const hash = contentHash(signedContent(doc, person.personalNumber));
      const lang = language === 'en' ? 'en' : 'sv';
      const summary = {
        service: flow.title[lang] ?? flow.title.sv,
        items: doc.answers
          .filter((a) => a.displayValue[lang].trim().length > 0)
          .slice(0, 60)
          .map((a) => ({
            label: (a.label[lang] ?? a.label.sv).slice(0, 200),
            value: a.displayValue[lang].slice(0, 2000),
          })),
      };
      const started = identity.startSignWithHash(summary, hash);
      const visitId = visit.id;
      void started.outcome.then((result) => {
        if (result.status === 'complete' && visit.id === visitId)
          signatures.set(result.signature.documentHash, result.signature);
      });
      log.info({ flowId: flow.id, orderId: started.orderId }, 'sign order started');
      return { orderId: started.orderId };
    },

    'submission.submit': async ({ flowId, answers, language }) => {
      const visitId = visit.id;
      const flow = findFlow(flowId);
      const person = requirePerson(flow);
      const doc = buildDocument(flow, answers, language);

      let signing: CaseSigning | null = null;
      if (flow.identification === 'sign') {
        if (!person) throw new KioskFailure('forbidden', 'no one is signed in', { reason: 'not_signed_in' });
        const hash = contentHash(signedContent(doc, person.personalNumber));
        const signature = signatures.get(hash);
        if (!signature || signature.signer.personalNumber !== person.personalNumber) {
          throw new KioskFailure(
            'forbidden',
            `flow ${flow.id}: no signature of exactly these answers by the signed-in person`,
            { reason: 'not_signed' },
          );
        }
        const signed = {
          signedAt: signature.completedAt,
          documentHash: signature.documentHash,
          signedText: signature.signedText,
        };
        signing =
          signature.method === 'bankid'
            ? {
                method: 'bankid',
                ...signed,
                signature: signature.completionData.signature,
                ocspResponse: signature.completionData.ocspResponse,
              }
            : frejaSigning(signed, signature.freja);
      }
      const identification: CaseIdentification | null = person
        ? {
            method: identity.signedInWith() ?? 'bankid',
            personalNumber: person.personalNumber,
            name: person.name,
            givenName: person.givenName,
            surname: person.surname,
          }
        : null;

      // the case PDF carries the reference the receipt shows, so it is reserved before rendering
      const reference = queue.reserveReference();
      let documents: CaseDraft['documents'] = [];
      try {
        if (options.renderCasePdf) {
          const bytes = await options.renderCasePdf(doc, { reference, identification, signing });
          documents = [{ name: `arende-${reference}.pdf`, kind: 'case', mediaType: 'application/pdf', bytes }];
        }
        if (options.attachments)
          documents.push(...(await options.attachments.documents(flow, attachmentAnswers(doc), reference)));
      } catch (err) {
        queue.releaseReference(reference);
        log.error({ flowId: flow.id, err }, 'case document could not be rendered: no receipt');
        throw new KioskFailure('storage_failed', 'The case document could not be made.', { reason: 'document_failed' });
      }
      if (visit.id !== visitId) {
        // the screen went away (or the visit timed out) while the document was made: nothing is stored
        queue.releaseReference(reference);
        throw new KioskFailure('visit_ended', 'The visit ended before the case was stored.');
      }

      const draft: CaseDraft = {
        reference,
        flowId: flow.id,
        flowVersion: flow.version,
        flowTitle: flow.title,
        classification: flow.classification ?? null,
        ...(doc.deliveryTarget ? { deliveryTarget: doc.deliveryTarget } : {}),
        startedAt: doc.times.startedAt,
        submittedAt: doc.times.submittedAt,
        language,
        kioskId: options.kioskId,
        answers: doc.answers,
        identification,
        signing,
        assistedBy: visit.state.assistedBy,
        documents,
        confirmation: confirmationFor(identification, doc.answers, language),
      };
      let stored: SubmittedCase;
      try {
        stored = queue.submit(draft); // throws storage_failed: no receipt
      } finally {
        queue.releaseReference(reference);
      }
      const sentIds = Object.values(attachmentAnswers(doc)).flat();
      const sent = (options.attachments?.summaries(flow.id) ?? []).filter((a) => sentIds.includes(a.id));
      log.info({ flowId: flow.id, reference: stored.reference, attachments: sent.length }, 'case stored');
      // the case holds them now (encrypted); the visit's copies go
      options.attachments?.release(sentIds);
      signatures.clear();
      submitted.set(stored.reference, { flowId: flow.id, submittedAt: doc.times.submittedAt, attachments: sent });
      return {
        reference: stored.reference,
        submittedAt: doc.times.submittedAt,
        status: 'stored' as const,
        attachments: attachmentList(flow.id, sent, language),
      };
    },

    'submission.printReceipt': async ({ reference, language }) => {
      const ref = reference.trim().toUpperCase();
      const mine = submitted.get(ref);
      if (!mine)
        throw new KioskFailure('not_found', 'only the receipt of a case submitted in this visit can be printed');
      if (!options.printReceipt)
        throw new KioskFailure('unavailable', 'this kiosk has no printer', { reason: 'no_printer' });
      const flow = findFlow(mine.flowId);
      const status = options.caseStatus?.(ref) === 'delivered' ? 'delivered' : 'stored';
      await options.printReceipt({
        reference: ref,
        flow,
        submittedAt: mine.submittedAt,
        status,
        language,
        // the receipt is printed in Swedish or English (a PDF cannot shape Arabic)
        attachments: attachmentList(flow.id, mine.attachments, language === 'sv' ? 'sv' : 'en'),
      });
      return { printed: true as const };
    },
  };

  return { handlers };
}

/** A Freja signature as the case keeps it (a signature needs PLUS; the kiosk never asks for less). */
function frejaSigning(
  signed: { signedAt: string; documentHash: string; signedText: string },
  f: FrejaEvidence,
): CaseSigning {
  return {
    method: 'freja',
    ...signed,
    signRef: f.ref,
    registrationLevel: f.registrationLevel,
    jws: f.jws,
    x5t: f.x5t,
  };
}
