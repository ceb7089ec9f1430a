/**
 * FGS packages (E-ARK SIP with CITS ERMS) validated as an archive's intake would: XSDs with xmllint,
 * the E-ARK CSIP/SIP Schematron with xsltproc, erms.sch with Saxon, checksums, the envelope with ajv.
 * The validator setup is proven on the specification's own ERMS example and on broken packages.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseIdentification } from '../../../../../src/contract/delivery/envelope';
import { buildEnvelope } from '../../../../../src/core/cases/envelope';
import { buildFgsPackage, type FgsPackageOptions } from '../../../../../src/core/cases/fgs/fgs-package';
import { loadFgsSchemas } from '../../../../../src/core/cases/fgs/fgs-schemas';
import { prepareSubmission } from '../../../../../src/core/submission/case-document';
import {
  missingValidationTools,
  REFERENCE_DIR,
  runSchematronXslt2,
  validateFgsPackage,
  xmllintSchema,
} from '../../../../support/fgs-validation';
import { documentService, shippedFlows } from '../../documents/document-fixtures';
import { children, person, samples } from '../../../fixtures/shipped-flow-answers';
import { ASTRID, ASTRID_SIGNATURE, answer, deliveryItemFrom, makeDraft } from '../case-fixtures';

const OPTIONS: FgsPackageOptions = {
  software: { name: 'Kommunkiosk', version: '0.1.0' },
  municipality: 'Testby kommun',
  schemas: loadFgsSchemas(path.resolve('resources', 'fgs-schemas')),
  now: new Date('2025-06-15T10:05:00Z'),
};

function packageOf(draft: ReturnType<typeof makeDraft>, options: Partial<FgsPackageOptions> = {}) {
  const item = deliveryItemFrom(draft);
  const envelope = buildEnvelope(item, { inlineDocuments: false });
  return { item, envelope, pkg: buildFgsPackage(envelope, item.payload.documents, { ...OPTIONS, ...options }) };
}

function expectValid(zip: Uint8Array): ReturnType<typeof validateFgsPackage> {
  const result = validateFgsPackage(zip);
  expect(result.problems, result.report.join('\n')).toEqual([]);
  return result;
}

beforeAll(() => {
  expect(missingValidationTools(), 'install them with .ci/run (apt-get)').toEqual([]);
});

describe('the validator setup', () => {
  it("accepts the CITS ERMS specification's own example (xmllint and erms.sch)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kk-erms-example-'));
    try {
      const example = path.join(REFERENCE_DIR, 'example-2.1.0.xml');
      const xsd = xmllintSchema(example, path.resolve('resources', 'fgs-schemas', 'ERMS.xsd'), dir);
      expect(xsd.out).toContain('validates');
      expect(runSchematronXslt2(path.join(REFERENCE_DIR, 'erms.sch'), example, dir, 'erms.sch')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('finds what erms.sch forbids, what the XSDs forbid and a checksum that does not match', () => {
    const { pkg } = packageOf(makeDraft());
    const files = unzipSync(pkg.bytes);
    const ermsName = `${pkg.objId}/metadata/descriptive/erms.xml`;
    const metsName = `${pkg.objId}/METS.xml`;
    const pdfName = Object.keys(files).find((n) => n.endsWith('.pdf')) as string;

    // an own aggregation type without its name: erms.sch (Saxon) must say so
    const erms = strFromU8(files[ermsName] as Uint8Array).replace(
      'aggregationType="caseFile"',
      'aggregationType="own_aggregation_definition"',
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'kk-erms-broken-'));
    try {
      writeFileSync(path.join(dir, 'erms.xml'), erms);
      const found = runSchematronXslt2(path.join(REFERENCE_DIR, 'erms.sch'), path.join(dir, 'erms.xml'), dir, 'x');
      expect(found.map((f) => f.text).join()).toContain('otherAggregationType');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const tampered = { ...files, [pdfName]: strToU8('%PDF-1.7 changed\n%%EOF') };
    expect(validateFgsPackage(zipSync(tampered)).problems.join('\n')).toMatch(/SHA-256 does not match/);

    const noObjId = {
      ...files,
      [metsName]: strToU8(strFromU8(files[metsName] as Uint8Array).replace(/ OBJID="[^"]+"/, '')),
    };
    const problems = validateFgsPackage(zipSync(noObjId)).problems.join('\n');
    expect(problems).toMatch(/CSIP1 \(ERROR\)/);

    const wrongType = {
      ...files,
      [metsName]: strToU8(
        strFromU8(files[metsName] as Uint8Array).replace('RECORDSTATUS="NEW"', 'RECORDSTATUS="NEW" BOGUS="1"'),
      ),
    };
    expect(validateFgsPackage(zipSync(wrongType)).problems.join('\n')).toMatch(/METS\.xml does not validate/);
  }, 180_000);
});

describe('an FGS package per case', () => {
  it('validates: METS and ERMS against the XSDs, CSIP/SIP and ERMS Schematron, checksums, envelope', () => {
    const { pkg, envelope } = packageOf(makeDraft({ assistedBy: 'reception-1', classification: '2.3.1' }));
    const result = expectValid(pkg.bytes);
    expect(result.objId).toBe(`uuid-${envelope.idempotencyKey}`);
    expect(result.envelope).toMatchObject({ reference: envelope.reference, flow: { classification: '2.3.1' } });
    const erms = strFromU8(unzipSync(pkg.bytes)[`${pkg.objId}/metadata/descriptive/erms.xml`] as Uint8Array);
    expect(erms).toContain('aggregationType="caseFile"');
    expect(erms).toContain('<classification classificationCode="2.3.1">2.3.1</classification>');
    expect(erms).toContain('<idNumber idNumberType="personnummer">198112189876</idNumber>');
    expect(erms).toContain('otherAgentType="staff_assistant"');
    expect(erms).toContain('<title>Ansökan om bygglov</title>');
    const mets = strFromU8(unzipSync(pkg.bytes)[`${pkg.objId}/METS.xml`] as Uint8Array);
    expect(mets).toContain('csip:CONTENTINFORMATIONTYPE="citserms_v2_1"');
    expect(mets).toMatch(/<mets:name>Kommunkiosk<\/mets:name>\s*<mets:note csip:NOTETYPE="SOFTWARE VERSION">0\.1\.0</);
  }, 60_000);

  it('puts no personal data in a file name, the package name or an identifier', () => {
    const { pkg } = packageOf(makeDraft());
    const names = Object.keys(unzipSync(pkg.bytes)).join('\n') + pkg.fileName;
    for (const secret of ['198112189876', 'Astrid', 'Lindqvist', 'Storgatan']) expect(names).not.toContain(secret);
    const mets = strFromU8(unzipSync(pkg.bytes)[`${pkg.objId}/METS.xml`] as Uint8Array);
    for (const secret of ['198112189876', 'Astrid', 'Lindqvist']) expect(mets).not.toContain(secret);
  });

  it('leaves the applicant out of the case when no one signed in (a flow without identification)', () => {
    const { pkg } = packageOf(makeDraft({ identification: null, signing: null }));
    expectValid(pkg.bytes);
    const erms = strFromU8(unzipSync(pkg.bytes)[`${pkg.objId}/metadata/descriptive/erms.xml`] as Uint8Array);
    expect(erms).not.toContain('agentType="sender"');
    expect(erms).not.toContain('eSignature ');
  }, 60_000);

  it('carries non-ASCII (å ä ö, Arabic) in every text field and stays valid', () => {
    const arabic: CaseIdentification = {
      method: 'bankid',
      personalNumber: '199001012391',
      name: 'Åsa Öberg-العربية',
      givenName: 'Åsa',
      surname: 'Öberg-العربية',
    };
    const { pkg } = packageOf(
      makeDraft({
        flowTitle: { sv: 'Ärende på svenska: åäö ÅÄÖ', en: 'Case in English', ar: 'طلب باللغة العربية' },
        classification: 'Ö 2.3 – ärenden',
        language: 'ar',
        identification: arabic,
        signing: { ...ASTRID_SIGNATURE, signedText: '# طلب\n\nÅsa Öberg' },
        answers: [
          answer('fritext', 'Gatlyktan vid Åkervägen är släckt – مصباح الشارع مطفأ', 'textarea'),
          answer('plats', 'Östra Ängsgatan 4', 'text'),
          answer('val', ['åtgärd', 'عاجل'], 'checkboxes'),
          answer('adress', { street: 'Ängsvägen 1', postalCode: '123 45', city: 'Örebro' }, 'address'),
        ],
        documents: [
          {
            name: 'ärende-åäö-العربية.pdf',
            kind: 'case',
            mediaType: 'application/pdf',
            bytes: strToU8('%PDF-1.7\n%%EOF'),
          },
        ],
      }),
      { municipality: 'Åmåls kommun – بلدية' },
    );
    const result = expectValid(pkg.bytes);
    expect(result.envelope).toMatchObject({ language: 'ar', identification: { name: 'Åsa Öberg-العربية' } });
    const files = unzipSync(pkg.bytes);
    const erms = strFromU8(files[`${pkg.objId}/metadata/descriptive/erms.xml`] as Uint8Array);
    expect(erms).toContain('<name>Åsa Öberg-العربية</name>');
    expect(erms).toContain('<otherTitle titleType="en">Case in English</otherTitle>');
    expect(erms).toContain('Åmåls kommun – بلدية');
    // file names inside stay portable ASCII
    expect(Object.keys(files).every((n) => /^[A-Za-z0-9._/-]+$/.test(n))).toBe(true);
  }, 60_000);

  describe('one for each shipped e-service, with its real case PDF', () => {
    const docs = documentService();
    for (const [id, flow] of shippedFlows) {
      it(`${id}`, async () => {
        const answers = samples[id] as Record<string, unknown>;
        const doc = prepareSubmission(flow, answers, {
          ...person,
          children,
          kioskId: 'kiosk-1',
          language: 'sv',
          now: new Date('2025-06-15T10:00:00Z'),
        });
        const signed = flow.identification === 'sign';
        const signedIn = flow.identification !== 'none';
        const reference = 'K7-4F9Q-2';
        const pdf = await docs.casePdf(doc, {
          reference,
          identification: signedIn ? { name: ASTRID.name, personnummer: ASTRID.personalNumber } : null,
          signature: signed
            ? { signedAt: ASTRID_SIGNATURE.signedAt, ocspPresent: true, signatureSha256: 'ab'.repeat(32) }
            : null,
        });
        const { pkg } = packageOf(
          makeDraft({
            flowId: flow.id,
            flowVersion: flow.version,
            flowTitle: flow.title,
            classification: flow.classification ?? null,
            answers: doc.answers,
            identification: signedIn ? ASTRID : null,
            signing: signed ? ASTRID_SIGNATURE : null,
            documents: [{ name: `arende-${reference}.pdf`, kind: 'case', mediaType: 'application/pdf', bytes: pdf }],
          }),
        );
        const result = expectValid(pkg.bytes);
        expect(result.envelope).toMatchObject({ flow: { id: flow.id, version: flow.version } });
      }, 60_000);
    }
  });
});

describe('the published schemas in the package', () => {
  it('are the vendored files, unchanged', () => {
    for (const name of ['mets.xsd', 'ERMS.xsd', 'DILCISExtensionMETS.xsd']) {
      const shipped = readFileSync(path.resolve('resources', 'fgs-schemas', name));
      expect(OPTIONS.schemas.find((s) => s.name === name)?.bytes).toEqual(shipped);
    }
  });
});
