/**
 * `metadata/descriptive/erms.xml` (FGS Ärendehantering 2.0 = E-ARK CITS ERMS 2.1): the case as an
 * aggregation of type caseFile — its reference, title, e-service and version, classification, status,
 * agents (the applicant unless protected, the kiosk it was filed at, staff who helped), dates — with one
 * record per document: the case PDF/A, the machine-readable answers (the envelope) and attachments.
 *
 * Personal data only where the record needs it: the applicant's name and personnummer in the applicant
 * agent. Never in an identifier, a title or a file name.
 */
import { create } from 'xmlbuilder2';
import type { Envelope } from '../../../contract/delivery/envelope';
import type { PackageFile } from './mets-document';

export const ERMS_NS = 'https://DILCIS.eu/XML/ERMS';

export interface ErmsRecord {
  file: PackageFile;
  /** Path from the package root (what an appendix names). */
  packagePath: string;
  recordType: 'case_document' | 'answers' | 'attachment';
  title: string;
  signed: boolean;
}

export interface ErmsInput {
  envelope: Envelope;
  objId: string;
  createdAt: string;
  software: { name: string; version: string };
  municipality: string;
  records: readonly ErmsRecord[];
}

const RECORD_TITLES = {
  case_document: 'Ärendehandling (PDF/A)',
  answers: 'Inlämnade uppgifter, maskinläsbara (JSON)',
  attachment: 'Bilaga',
} as const;

export function recordTitle(kind: ErmsRecord['recordType'], name: string): string {
  return kind === 'attachment' ? `${RECORD_TITLES.attachment}: ${name}` : RECORD_TITLES[kind];
}

export function ermsDocument(input: ErmsInput): Uint8Array {
  const e = input.envelope;
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('erms', {
    xmlns: ERMS_NS,
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': `${ERMS_NS} ../../schemas/ERMS.xsd`,
  });

  const control = root.ele('control');
  control
    .ele('identification', { identificationType: 'system' })
    .txt(`${input.software.name} ${input.software.version}`);
  control.ele('identification', { identificationType: 'package' }).txt(input.objId);
  const maintenance = control.ele('maintenanceInformation');
  maintenance.ele('maintenanceStatus', { value: 'new' });
  maintenance.ele('maintenanceAgency').ele('agencyName').txt(input.municipality);
  const event = maintenance.ele('maintenanceHistory').ele('maintenanceEvent');
  event.ele('eventType', { value: 'created' });
  event.ele('eventDateTime').txt(input.createdAt);
  event.ele('agent', { agentType: 'creator' }).ele('name').txt(`${input.software.name} ${input.software.version}`);

  const caseFile = root
    .ele('aggregations')
    .ele('aggregation', { systemIdentifier: input.objId, aggregationType: 'caseFile' });
  caseFile.ele('objectId').txt(e.reference);
  caseFile.ele('extraId', { extraIdType: 'idempotencyKey' }).txt(e.idempotencyKey);
  caseFile.ele('extraId', { extraIdType: 'eService' }).txt(e.flow.id);
  caseFile.ele('extraId', { extraIdType: 'eServiceVersion' }).txt(String(e.flow.version));
  if (e.flow.classification) {
    caseFile.ele('classification', { classificationCode: e.flow.classification }).txt(e.flow.classification);
  }
  caseFile.ele('title').txt(e.flow.title.sv);
  caseFile.ele('otherTitle', { titleType: 'en' }).txt(e.flow.title.en);
  caseFile.ele('status', { value: 'received' });

  const agents = caseFile.ele('agents');
  // the applicant, unless protected: a protected visit goes the paper route and is never delivered
  if (e.identification && e.paperRoute === false) {
    const applicant = agents.ele('agent', { agentType: 'sender' });
    applicant.ele('name').txt(e.identification.name);
    applicant.ele('idNumber', { idNumberType: 'personnummer' }).txt(e.identification.personalNumber);
    applicant.ele('role').txt('Sökande');
    applicant.ele('protectedIdentity').txt('false');
  }
  const kiosk = agents.ele('agent', { agentType: 'other', otherAgentType: 'origin' });
  kiosk.ele('name').txt(`${input.software.name} ${e.kioskId}`);
  kiosk.ele('organisation').txt(input.municipality);
  kiosk.ele('role').txt('Självbetjäningskiosk där ärendet lämnades in');
  if (e.assistedBy) {
    const staff = agents.ele('agent', { agentType: 'other', otherAgentType: 'staff_assistant' });
    staff.ele('name').txt(e.assistedBy);
    staff.ele('organisation').txt(input.municipality);
    staff.ele('role').txt('Personal som hjälpte den sökande');
  }

  caseFile
    .ele('description')
    .txt(
      `Inlämnat i e-tjänsten ${e.flow.id} version ${e.flow.version} i kiosken ${e.kioskId}` +
        (e.signing ? ', signerat med BankID.' : '.'),
    );
  const dates = caseFile.ele('dates');
  if (e.startedAt) dates.ele('date', { dateType: 'opened' }).txt(e.startedAt);
  dates.ele('date', { dateType: 'received' }).txt(e.submittedAt);

  input.records.forEach((r, i) => {
    const record = caseFile.ele('record', {
      systemIdentifier: `${input.objId}-record-${i + 1}`,
      recordType: r.recordType,
      recordPhysicalOrDigital: 'digitial', // sic: the value as ERMS 2.1.2 spells it
    });
    record.ele('objectId').txt(`${e.reference}-${i + 1}`);
    record.ele('title').txt(r.title);
    record.ele('direction', { directionDefinition: 'incoming' });
    const recordDates = record.ele('dates');
    recordDates.ele('date', { dateType: 'received' }).txt(e.submittedAt);
    if (r.signed && e.signing) recordDates.ele('date', { dateType: 'main_signature' }).txt(e.signing.signedAt);
    if (r.signed && e.signing) record.ele('eSignatures').ele('eSignature', { present: 'true' });
    record.ele('additionalInformation').ele('appendix', {
      name: r.file.path.split('/').pop() ?? r.file.path,
      path: r.packagePath,
      fileFormat: r.file.formatName ?? r.file.mimeType,
      eSignatureHasExisted: String(r.signed && e.signing !== null),
    });
  });

  return Buffer.from(root.end({ prettyPrint: true }), 'utf8');
}
