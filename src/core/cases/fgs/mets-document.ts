/**
 * The METS documents of an FGS package (FGS Paketstruktur 2.0 = E-ARK CSIP 2.1.0 + SIP 2.1.0): the
 * package's root `METS.xml` and the representation's `representations/rep1/METS.xml`. Every file is
 * listed with its MIME type, size, creation time and SHA-256; the structural map is the CSIP one
 * (PHYSICAL, LABEL "CSIP": Metadata, Documentation, Schemas, Representations).
 */
import { createHash } from 'node:crypto';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';

export const METS_NS = 'http://www.loc.gov/METS/';
export const CSIP_NS = 'https://DILCIS.eu/XML/METS/CSIPExtensionMETS';
export const SIP_NS = 'https://DILCIS.eu/XML/METS/SIPExtensionMETS';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const SIP_PROFILE = 'https://earksip.dilcis.eu/profile/E-ARK-SIP.xml';
/** CITS ERMS 2.1: the content information type of a case from a records management system. */
export const CONTENT_INFORMATION_TYPE = 'citserms_v2_1';

/** A file in the package, by its path from the package root (or the representation's folder). */
export interface PackageFile {
  path: string;
  bytes: Uint8Array;
  mimeType: string;
  /** ISO 8601: when the file was made (the case document: when the case was submitted). */
  created: string;
  /** sip:FILEFORMATNAME, e.g. "PDF/A-2b". */
  formatName?: string;
}

export interface MetsHeader {
  /** The package id (mets/@OBJID): `uuid-<idempotency key>`, the name of the package's root folder. */
  objId: string;
  label: string;
  createdAt: string;
  software: { name: string; version: string };
  /** The submitting agent (E-ARK SIP 15–17): the municipality. */
  submitter: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function metsRoot(objId: string, label: string): XMLBuilder {
  return create({ version: '1.0', encoding: 'UTF-8' }).ele('mets:mets', {
    'xmlns:mets': METS_NS,
    'xmlns:csip': CSIP_NS,
    'xmlns:sip': SIP_NS,
    'xmlns:xlink': XLINK_NS,
    'xmlns:xsi': XSI_NS,
    OBJID: objId,
    LABEL: label,
    TYPE: 'Other',
    'csip:OTHERTYPE': 'Case',
    'csip:CONTENTINFORMATIONTYPE': CONTENT_INFORMATION_TYPE,
    PROFILE: SIP_PROFILE,
  });
}

function schemaLocation(root: XMLBuilder, schemasPath: string): void {
  root.att(
    'xsi:schemaLocation',
    [
      `${METS_NS} ${schemasPath}mets.xsd`,
      `${XLINK_NS} ${schemasPath}xlink.xsd`,
      `${CSIP_NS} ${schemasPath}DILCISExtensionMETS.xsd`,
      `${SIP_NS} ${schemasPath}DILCISExtensionSIPMETS.xsd`,
    ].join(' '),
  );
}

function header(root: XMLBuilder, h: MetsHeader, submitter: boolean): void {
  const hdr = root.ele('mets:metsHdr', {
    CREATEDATE: h.createdAt,
    LASTMODDATE: h.createdAt,
    RECORDSTATUS: 'NEW',
    'csip:OAISPACKAGETYPE': 'SIP',
  });
  const software = hdr.ele('mets:agent', { ROLE: 'CREATOR', TYPE: 'OTHER', OTHERTYPE: 'SOFTWARE' });
  software.ele('mets:name').txt(h.software.name);
  software.ele('mets:note', { 'csip:NOTETYPE': 'SOFTWARE VERSION' }).txt(h.software.version);
  if (submitter) hdr.ele('mets:agent', { ROLE: 'CREATOR', TYPE: 'ORGANIZATION' }).ele('mets:name').txt(h.submitter);
}

function fileAttributes(id: string, f: PackageFile): Record<string, string> {
  return {
    ID: id,
    MIMETYPE: f.mimeType,
    SIZE: String(f.bytes.byteLength),
    CREATED: f.created,
    CHECKSUM: sha256Hex(f.bytes),
    CHECKSUMTYPE: 'SHA-256',
    ...(f.formatName ? { 'sip:FILEFORMATNAME': f.formatName } : {}),
  };
}

function fileGroup(
  parent: XMLBuilder,
  attrs: Record<string, string>,
  files: readonly PackageFile[],
  idPrefix: string,
  hrefOf: (f: PackageFile) => string,
): void {
  const grp = parent.ele('mets:fileGrp', attrs);
  files.forEach((f, i) => {
    grp
      .ele('mets:file', fileAttributes(`${idPrefix}-${i + 1}`, f))
      .ele('mets:FLocat', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': hrefOf(f) });
  });
}

function serialise(root: XMLBuilder): Uint8Array {
  return Buffer.from(root.end({ prettyPrint: true }), 'utf8');
}

/** `representations/rep1/METS.xml`: the representation's data files (paths relative to its folder). */
export function representationMets(h: MetsHeader, rep: string, data: readonly PackageFile[]): Uint8Array {
  const root = metsRoot(rep, h.label);
  schemaLocation(root, '../../schemas/');
  header(root, h, false);
  const fileSec = root.ele('mets:fileSec', { ID: `filesec-${rep}` });
  fileGroup(fileSec, { ID: `grp-${rep}-data`, USE: 'Data' }, data, `file-${rep}`, (f) => f.path);
  const top = root
    .ele('mets:structMap', { ID: `structmap-${rep}`, TYPE: 'PHYSICAL', LABEL: 'CSIP' })
    .ele('mets:div', { ID: `div-${rep}`, LABEL: rep });
  top.ele('mets:div', { ID: `div-${rep}-data`, LABEL: 'Data' }).ele('mets:fptr', { FILEID: `grp-${rep}-data` });
  return serialise(root);
}

export interface PackageMetsInput {
  header: MetsHeader;
  /** `metadata/descriptive/erms.xml`. */
  descriptive: PackageFile;
  documentation: readonly PackageFile[];
  schemas: readonly PackageFile[];
  /** Each representation's METS file (`representations/<rep>/METS.xml`). */
  representations: ReadonlyArray<{ name: string; mets: PackageFile }>;
}

/** The package's root `METS.xml`. */
export function packageMets(input: PackageMetsInput): Uint8Array {
  const h = input.header;
  const root = metsRoot(h.objId, h.label);
  schemaLocation(root, 'schemas/');
  header(root, h, true);

  const d = input.descriptive;
  root.ele('mets:dmdSec', { ID: 'dmd-erms', CREATED: d.created, STATUS: 'CURRENT' }).ele('mets:mdRef', {
    LOCTYPE: 'URL',
    'xlink:type': 'simple',
    'xlink:href': d.path,
    MDTYPE: 'OTHER',
    OTHERMDTYPE: 'ERMS',
    MIMETYPE: d.mimeType,
    SIZE: String(d.bytes.byteLength),
    CREATED: d.created,
    CHECKSUM: sha256Hex(d.bytes),
    CHECKSUMTYPE: 'SHA-256',
  });

  const fileSec = root.ele('mets:fileSec', { ID: 'filesec' });
  const href = (f: PackageFile): string => f.path;
  fileGroup(fileSec, { ID: 'grp-documentation', USE: 'Documentation' }, input.documentation, 'file-doc', href);
  fileGroup(fileSec, { ID: 'grp-schemas', USE: 'Schemas' }, input.schemas, 'file-schema', href);
  for (const rep of input.representations) {
    fileGroup(
      fileSec,
      {
        ID: `grp-${rep.name}`,
        USE: `Representations/${rep.name}`,
        'csip:CONTENTINFORMATIONTYPE': CONTENT_INFORMATION_TYPE,
      },
      [rep.mets],
      `file-${rep.name}-mets`,
      href,
    );
  }

  const top = root
    .ele('mets:structMap', { ID: 'structmap-csip', TYPE: 'PHYSICAL', LABEL: 'CSIP' })
    .ele('mets:div', { ID: 'div-package', LABEL: h.objId });
  top.ele('mets:div', { ID: 'div-metadata', LABEL: 'Metadata', DMDID: 'dmd-erms' });
  top.ele('mets:div', { ID: 'div-documentation', LABEL: 'Documentation' }).ele('mets:fptr', {
    FILEID: 'grp-documentation',
  });
  top.ele('mets:div', { ID: 'div-schemas', LABEL: 'Schemas' }).ele('mets:fptr', { FILEID: 'grp-schemas' });
  const reps = top.ele('mets:div', { ID: 'div-representations', LABEL: 'Representations' });
  for (const rep of input.representations) reps.ele('mets:fptr', { FILEID: `grp-${rep.name}` });
  for (const rep of input.representations) {
    reps.ele('mets:div', { ID: `div-${rep.name}`, LABEL: `Representations/${rep.name}` }).ele('mets:mptr', {
      LOCTYPE: 'URL',
      'xlink:type': 'simple',
      'xlink:href': rep.mets.path,
      'xlink:title': `grp-${rep.name}`,
    });
  }
  return serialise(root);
}
