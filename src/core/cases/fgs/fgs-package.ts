/**
 * One FGS package (E-ARK SIP) per case, packed as a zip:
 *
 *   uuid-<idempotency key>/
 *     METS.xml                              the package (CSIP/SIP 2.1.0)
 *     metadata/descriptive/erms.xml         the case (CITS ERMS 2.1)
 *     representations/rep1/METS.xml         the representation
 *     representations/rep1/data/<case PDF>  the case document, PDF/A
 *     representations/rep1/data/envelope.json  the machine-readable answers (the delivery envelope)
 *     representations/rep1/data/<attachments>
 *     documentation/om-paketet.txt          what is in the package (sv/en)
 *     schemas/…                             every schema the package uses, with their licences
 *
 * Why zip: the E-ARK tools (the E-ARK validator, commons-ip, RODA) and Windows read it without extra
 * software, each entry carries a CRC-32, and a receiver can list or take one file without unpacking
 * everything. The package name and every identifier come from the case's idempotency key (random), so
 * no personal data is ever in a name, and every attempt of a case builds a package with the same name.
 */
import { zipSync, type Zippable } from 'fflate';
import type { Envelope } from '../../../contract/delivery/envelope';
import { envelopeBytes } from '../envelope';
import { ermsDocument, recordTitle, type ErmsRecord } from './erms-document';
import { packageMets, representationMets, type MetsHeader, type PackageFile } from './mets-document';
import { packageReadme } from './package-readme';

export interface FgsSchemaFile {
  name: string;
  bytes: Uint8Array;
  mimeType: string;
}

export interface FgsPackageOptions {
  software: { name: string; version: string };
  /** The municipality: the package's submitting agent and the ERMS maintenance agency. */
  municipality: string;
  /** The schemas (and their licence texts) for `schemas/`. */
  schemas: readonly FgsSchemaFile[];
  /** When the package is made (METS CREATEDATE). */
  now: Date;
}

export interface FgsPackage {
  /** `uuid-<idempotency key>`: METS OBJID, the root folder in the zip. */
  objId: string;
  /** `uuid-<idempotency key>.zip`. */
  fileName: string;
  bytes: Uint8Array;
  /** Every file in the package, by path from the package root. */
  files: PackageFile[];
}

const REP = 'rep1';

/** Keeps a document's name a plain, portable file name (it is never personal: `arende-<reference>.pdf`). */
function portableName(name: string, used: Set<string>): string {
  let base =
    name
      .normalize('NFC')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 100) || 'dokument';
  while (used.has(base.toLowerCase())) base = `x-${base}`;
  used.add(base.toLowerCase());
  return base;
}

/**
 * Builds the package of a case from its envelope (documents not inlined) and its document bytes. The
 * envelope inside names the documents as they lie in the package.
 */
export function buildFgsPackage(
  envelope: Envelope,
  documents: ReadonlyArray<{ bytes: Uint8Array }>,
  options: FgsPackageOptions,
): FgsPackage {
  const objId = `uuid-${envelope.idempotencyKey}`;
  const createdAt = options.now.toISOString();
  const used = new Set<string>(['envelope.json', 'mets.xml']);
  const names = envelope.documents.map((d) => portableName(d.name, used));
  const inPackage: Envelope = {
    ...envelope,
    documents: envelope.documents.map((d, i) => {
      const { base64: _inline, ...rest } = d;
      return { ...rest, name: names[i] ?? d.name };
    }),
  };

  const dataFiles: PackageFile[] = [];
  const records: ErmsRecord[] = [];
  const data = (name: string): string => `representations/${REP}/data/${name}`;
  inPackage.documents.forEach((d, i) => {
    const bytes = documents[i]?.bytes ?? new Uint8Array(0);
    const file: PackageFile = {
      path: `data/${d.name}`,
      bytes,
      mimeType: d.mediaType,
      created: envelope.submittedAt,
      ...(d.kind === 'case' && d.mediaType === 'application/pdf' ? { formatName: 'PDF/A-2b' } : {}),
    };
    dataFiles.push(file);
    const kind = d.kind === 'case' ? 'case_document' : 'attachment';
    records.push({
      file,
      packagePath: data(d.name),
      recordType: kind,
      title: recordTitle(kind, d.name),
      signed: d.kind === 'case',
    });
  });
  const answers: PackageFile = {
    path: 'data/envelope.json',
    bytes: envelopeBytes(inPackage),
    mimeType: 'application/json',
    created: envelope.submittedAt,
    formatName: `Kommunkiosk delivery envelope ${envelope.envelopeVersion}`,
  };
  dataFiles.push(answers);
  records.push({
    file: answers,
    packagePath: data('envelope.json'),
    recordType: 'answers',
    title: recordTitle('answers', 'envelope.json'),
    signed: false,
  });

  const header: MetsHeader = {
    objId,
    label: `Ärende ${envelope.reference}: ${envelope.flow.title.sv}`,
    createdAt,
    software: options.software,
    submitter: options.municipality,
  };
  const repMets: PackageFile = {
    path: `representations/${REP}/METS.xml`,
    bytes: representationMets(header, REP, dataFiles),
    mimeType: 'application/xml',
    created: createdAt,
  };
  const erms: PackageFile = {
    path: 'metadata/descriptive/erms.xml',
    bytes: ermsDocument({
      envelope: inPackage,
      objId,
      createdAt,
      software: options.software,
      municipality: options.municipality,
      records,
    }),
    mimeType: 'application/xml',
    created: createdAt,
  };
  const documentation: PackageFile = {
    path: 'documentation/om-paketet.txt',
    bytes: Buffer.from(packageReadme(inPackage, objId), 'utf8'),
    mimeType: 'text/plain',
    created: createdAt,
  };
  const schemas: PackageFile[] = options.schemas.map((s) => ({
    path: `schemas/${s.name}`,
    bytes: s.bytes,
    mimeType: s.mimeType,
    created: createdAt,
  }));
  const mets: PackageFile = {
    path: 'METS.xml',
    bytes: packageMets({
      header,
      descriptive: erms,
      documentation: [documentation],
      schemas,
      representations: [{ name: REP, mets: repMets }],
    }),
    mimeType: 'application/xml',
    created: createdAt,
  };

  const files: PackageFile[] = [
    mets,
    erms,
    repMets,
    ...dataFiles.map((f) => ({ ...f, path: `representations/${REP}/${f.path}` })),
    documentation,
    ...schemas,
  ];
  const mtime = options.now;
  const entries: Zippable = {};
  for (const f of files) {
    // PDFs are compressed already; everything else is text and deflates well
    entries[`${objId}/${f.path}`] = [f.bytes, { level: f.mimeType === 'application/pdf' ? 0 : 6, mtime }];
  }
  return { objId, fileName: `${objId}.zip`, bytes: zipSync(entries), files };
}
