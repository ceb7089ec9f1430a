/**
 * Validates a delivered FGS package the way an archive's intake would, with standard tools:
 *  - METS (root and representation) and ERMS against their XSDs: `xmllint --schema` (libxml2-utils),
 *    offline through an XML catalog;
 *  - the E-ARK validator's CSIP 2.1.0 and SIP 2.1.0 Schematron rules on the root METS: ISO Schematron
 *    compiled by the skeleton that python3-lxml ships (iso_svrl_for_xslt1.xsl), run by xsltproc;
 *  - the CITS ERMS Schematron (queryBinding xslt2) on erms.xml: the same skeleton, told to emit an
 *    XSLT 2.0 stylesheet, compiled and run by Saxon-HE (libsaxonhe-java);
 *  - every checksum and size in both METS files against the file, every file listed;
 *  - the envelope inside against the published JSON Schema (ajv, strict).
 *
 * The vendored E-ARK rules contain placeholders (`@TYPE_vocabulary_test`, `@MIMETYPE_IANA_test`, …) that
 * the E-ARK validator replaces with tests built from vocabularies before running them; this does the same
 * (FGS_VOCABULARIES). Some vendored rules contradict each other or the specification (KNOWN_RULE_DEFECTS):
 * a failure of one of those is reported as such, and only where the defect explains it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { validateEnvelopeJson } from './envelope-validation';

export const REFERENCE_DIR = path.resolve('test', 'fixtures', 'fgs');
const SCHEMAS = path.resolve('resources', 'fgs-schemas');
const RULES = path.join(REFERENCE_DIR, 'eark-schematron-2.1.0');
const ERMS_SCH = path.join(REFERENCE_DIR, 'erms.sch');
const SAXON = process.env.SAXON_JAR ?? '/usr/share/java/Saxon-HE.jar';

export interface RuleFinding {
  rules: string;
  id: string;
  role: string;
  location: string;
  text: string;
  /** Set when a documented defect of the rule set explains this failure. */
  knownDefect?: string;
}

export interface FgsValidation {
  objId: string;
  /** One line per check, as a person reads it. */
  report: string[];
  /** Failures no known defect explains (errors and warnings). Empty = valid. */
  problems: string[];
  findings: RuleFinding[];
  envelope: Record<string, unknown>;
}

/** The tools the validation needs, and which is missing. */
export function missingValidationTools(): string[] {
  const missing: string[] = [];
  const has = (cmd: string, args: string[]): boolean => {
    try {
      execFileSync(cmd, args, { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (!has('xmllint', ['--version'])) missing.push('xmllint (apt-get install libxml2-utils)');
  if (!has('xsltproc', ['--version'])) missing.push('xsltproc (apt-get install xsltproc)');
  if (!lxmlSkeletonDir()) missing.push('the ISO Schematron skeleton (apt-get install python3-lxml)');
  if (!has('java', ['-version']) || !existsFile(SAXON)) missing.push('Saxon-HE (apt-get install libsaxonhe-java)');
  if (!existsFile(path.join(RULES, 'CSIP', 'mets_fileSec_rules.xml')))
    missing.push(`the E-ARK rules in ${RULES} (shared/reference/fgs)`);
  return missing;
}

function existsFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

let skeletonDir: string | null | undefined;
function lxmlSkeletonDir(): string | null {
  if (skeletonDir !== undefined) return skeletonDir;
  try {
    const dir = execFileSync(
      '/usr/bin/python3',
      ['-c', 'import lxml.isoschematron, os; print(os.path.dirname(lxml.isoschematron.__file__))'],
      { encoding: 'utf8' },
    ).trim();
    const xsl = path.join(dir, 'resources', 'xsl', 'iso-schematron-xslt1');
    skeletonDir = existsFile(path.join(xsl, 'iso_svrl_for_xslt1.xsl')) ? xsl : null;
  } catch {
    skeletonDir = null;
  }
  return skeletonDir;
}

/**
 * The vocabularies the E-ARK validator turns its placeholders into. CONTENTINFORMATIONTYPE and
 * OAISPACKAGETYPE are read from the CSIP extension schema the package itself carries.
 */
function enumeration(xsd: string, attribute: string): string[] {
  const text = readFileSync(xsd, 'utf8');
  const start = text.indexOf(`<xs:attribute name="${attribute}">`);
  const end = text.indexOf('</xs:attribute>', start);
  return [...text.slice(start, end).matchAll(/<xs:enumeration value="([^"]+)"\/>/g)].map((m) => m[1] as string);
}

export function fgsVocabularies(): Record<string, string[]> {
  const csip = path.join(SCHEMAS, 'DILCISExtensionMETS.xsd');
  return {
    // CSIP vocabulary "content category" (CSIPVocabularyContentCategory, CSIP 2.1.0)
    '@TYPE': [
      'Textual works – Print',
      'Textual works – Digital',
      'Textual works – Electronic Serials',
      'Digital Musical Composition (score-based representations)',
      'Photographs – Print',
      'Photographs – Digital',
      'Other Graphic Images – Print',
      'Other Graphic Images – Digital',
      'Microforms',
      'Audio – On Tangible Medium (digital or analog)',
      'Audio – Media-independent (digital)',
      'Motion Pictures – Digital and Physical Media',
      'Video – File-based and Physical Media',
      'Software',
      'Datasets',
      'Geospatial Data',
      'Databases',
      'Websites',
      'Collection',
      'Event',
      'Interactive resource',
      'Physical object',
      'Service',
      'Mixed',
      'Other',
    ],
    '@csip:CONTENTINFORMATIONTYPE': enumeration(csip, 'CONTENTINFORMATIONTYPE'),
    '@csip:OAISPACKAGETYPE': enumeration(csip, 'OAISPACKAGETYPE'),
    // CSIP vocabulary "status" (CSIPVocabularyStatus)
    '@STATUS': ['CURRENT', 'SUPERSEDED'],
  };
}

/** Media types from the IANA registry that a package of ours may name in an mdRef. */
const IANA_MEDIA_TYPES = ['application/xml', 'text/xml', 'application/json', 'application/pdf', 'text/plain'];

function expandPlaceholders(rules: string): string {
  let out = rules;
  for (const [attribute, terms] of Object.entries(fgsVocabularies())) {
    const test = terms.map((t) => `(${attribute} = '${t.replaceAll("'", '&apos;')}')`).join(' or ');
    out = out.replaceAll(`${attribute}_vocabulary_test`, test);
  }
  return out.replaceAll('@MIMETYPE_IANA_test', IANA_MEDIA_TYPES.map((t) => `(@MIMETYPE = '${t}')`).join(' or '));
}

/**
 * Defects of the vendored rule set (eark-validator, resources/schematron/V2.1.0, as in shared/reference):
 * rules that no package can meet together with the specification, fixed in later eark-validator versions.
 * Each names the element its failure is allowed on; the same rule failing anywhere else is a problem.
 */
export const KNOWN_RULE_DEFECTS: ReadonlyArray<{ id: string; on: RegExp; why: string }> = [
  {
    id: 'CSIP12',
    on: /^\/mets\/metsHdr\/agent\[2\]$/,
    why: 'CSIP12-16 describe the software agent but select every ROLE="CREATOR" agent, so they also hit the submitting agent that E-ARK SIP 15-17 require (ROLE="CREATOR", TYPE="ORGANIZATION", the municipality).',
  },
  { id: 'CSIP13', on: /^\/mets\/metsHdr\/agent\[2\]$/, why: 'as CSIP12 (OTHERTYPE="SOFTWARE" of the software agent).' },
  { id: 'CSIP15', on: /^\/mets\/metsHdr\/agent\[2\]$/, why: 'as CSIP12 (the software version note).' },
  { id: 'CSIP16', on: /^\/mets\/metsHdr\/agent\[2\]$/, why: 'as CSIP12 (the software version note).' },
  {
    id: 'SIP14',
    on: /^\/mets\/metsHdr\/agent\[1\]\/note$/,
    why: 'SIP14 reads an unqualified @NOTETYPE, which the METS schema does not allow on a note, and applies it to the software agent; the specification (SIP14) names csip:NOTETYPE, and the software agent\'s note is csip:NOTETYPE="SOFTWARE VERSION" as CSIP16 requires.',
  },
  {
    id: 'CSIP63',
    on: /^\/mets\/fileSec\/fileGrp\[\d+\]$/,
    why: 'CSIP63 as vendored is false for every file group whose csip:CONTENTINFORMATIONTYPE is absent or not OTHER; the specification only asks for csip:OTHERCONTENTINFORMATIONTYPE when it is OTHER (corrected in later eark-validator rules).',
  },
  {
    id: 'CSIP31',
    on: /^\/mets$/,
    why: 'WARN: no amdSec. CSIP asks for one when preservation metadata (PREMIS) is available; the package carries no PREMIS file because the PREMIS schema is not in the reference set, and a package must carry the schemas it uses. Fixity is in the fileSec.',
  },
  { id: 'CSIP91', on: /^\/mets\/structMap\/div\/div\[1\]$/, why: 'WARN: as CSIP31 (no amdSec to reference).' },
];

function run(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...(options.env ? { env: options.env } : {}) });
  if (r.error) return { ok: false, out: r.error.message };
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

/** Compiled rule files, once per process (compiling is most of the time a validation takes). */
const compiledRules = new Map<string, string>();
let compileDir: string | undefined;
function cacheDir(): string {
  compileDir ??= mkdtempSync(path.join(tmpdir(), 'kk-fgs-rules-'));
  return compileDir;
}
process.once('exit', () => {
  if (compileDir) rmSync(compileDir, { recursive: true, force: true });
});

function workDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'kk-fgs-validate-'));
}

/** An XML catalog that maps mets.xsd's import of XLink to the copy beside it (no network). */
function catalog(dir: string): string {
  const file = path.join(dir, 'catalog.xml');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <system systemId="http://www.loc.gov/standards/xlink/xlink.xsd" uri="file://${path.join(SCHEMAS, 'xlink.xsd')}"/>
  <uri name="http://www.loc.gov/standards/xlink/xlink.xsd" uri="file://${path.join(SCHEMAS, 'xlink.xsd')}"/>
</catalog>
`,
  );
  return file;
}

/** A schema that loads METS and both E-ARK extensions, so csip:/sip: attributes are checked too. */
function metsWrapper(dir: string): string {
  const file = path.join(dir, 'mets-with-extensions.xsd');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:kommunkiosk:validation">
  <xs:import namespace="http://www.loc.gov/METS/" schemaLocation="${path.join(SCHEMAS, 'mets.xsd')}"/>
  <xs:import namespace="https://DILCIS.eu/XML/METS/CSIPExtensionMETS" schemaLocation="${path.join(SCHEMAS, 'DILCISExtensionMETS.xsd')}"/>
  <xs:import namespace="https://DILCIS.eu/XML/METS/SIPExtensionMETS" schemaLocation="${path.join(SCHEMAS, 'DILCISExtensionSIPMETS.xsd')}"/>
</xs:schema>
`,
  );
  return file;
}

export function xmllintSchema(xml: string, xsd: string, dir: string): { ok: boolean; out: string } {
  return run('xmllint', ['--noout', '--nonet', '--schema', xsd, xml], {
    env: { ...process.env, XML_CATALOG_FILES: catalog(dir) },
  });
}

function parseSvrl(svrl: string, rules: string): RuleFinding[] {
  const doc = new DOMParser().parseFromString(svrl, 'text/xml');
  const found: RuleFinding[] = [];
  const failed = doc.getElementsByTagNameNS('http://purl.oclc.org/dsdl/svrl', 'failed-assert');
  for (let i = 0; i < failed.length; i++) {
    const f = failed.item(i);
    if (!f) continue;
    found.push({
      rules,
      id: f.getAttribute('id') ?? '?',
      role: f.getAttribute('role') ?? 'ERROR',
      // /*[local-name()='mets' and namespace-uri()='…']/… → /mets/…
      location: (f.getAttribute('location') ?? '').replace(
        /\*\[local-name\(\)='([^']+)' and namespace-uri\(\)='[^']*'\]/g,
        '$1',
      ),
      text: (f.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200),
    });
  }
  return found;
}

/** Runs one ISO Schematron file (XPath 1) on a document with xsltproc; returns its failed asserts. */
export function runSchematronXslt1(schFile: string, xml: string, dir: string, label: string): RuleFinding[] {
  const skeleton = lxmlSkeletonDir();
  if (!skeleton) throw new Error('no ISO Schematron skeleton (python3-lxml)');
  let compiled = compiledRules.get(schFile);
  if (!compiled) {
    const name = `${compiledRules.size + 1}-${path.basename(schFile).replace(/\W+/g, '_')}`;
    const expanded = path.join(cacheDir(), `${name}.sch`);
    writeFileSync(expanded, expandPlaceholders(readFileSync(schFile, 'utf8')));
    compiled = path.join(cacheDir(), `${name}.xsl`);
    const c = run('xsltproc', ['-o', compiled, path.join(skeleton, 'iso_svrl_for_xslt1.xsl'), expanded]);
    if (!c.ok) throw new Error(`compiling ${schFile} failed: ${c.out}`);
    compiledRules.set(schFile, compiled);
  }
  const r = spawnSync('xsltproc', [compiled, xml], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`running ${schFile} failed: ${r.stderr}`);
  return parseSvrl(r.stdout, label);
}

/** Runs an ISO Schematron file with queryBinding xslt2 through Saxon-HE; returns its failed asserts. */
export function runSchematronXslt2(schFile: string, xml: string, dir: string, label: string): RuleFinding[] {
  const skeleton = lxmlSkeletonDir();
  if (!skeleton) throw new Error('no ISO Schematron skeleton (python3-lxml)');
  let compiled = compiledRules.get(schFile);
  if (!compiled) {
    // the skeleton is made to be imported and extended: this adds the xslt2 query binding, emitting XSLT 2.0
    const driver = path.join(cacheDir(), 'iso-svrl-xslt2-driver.xsl');
    writeFileSync(
      driver,
      `<?xml version="1.0"?>
<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:axsl="http://www.w3.org/1999/XSL/TransformAlias" xmlns:iso="http://purl.oclc.org/dsdl/schematron">
  <xsl:import href="file://${path.join(skeleton, 'iso_svrl_for_xslt1.xsl')}"/>
  <xsl:template match="iso:schema[@queryBinding='xslt2']" priority="20">
    <axsl:stylesheet>
      <xsl:apply-templates select="iso:ns"/>
      <xsl:attribute name="version">2.0</xsl:attribute>
      <xsl:apply-templates select="." mode="stylesheetbody"/>
    </axsl:stylesheet>
  </xsl:template>
</xsl:stylesheet>
`,
    );
    compiled = path.join(cacheDir(), `${compiledRules.size + 1}-${path.basename(schFile).replace(/\W+/g, '_')}.xsl`);
    const c = run('java', ['-jar', SAXON, `-xsl:${driver}`, `-s:${schFile}`, `-o:${compiled}`]);
    if (!c.ok) throw new Error(`compiling ${schFile} with Saxon failed: ${c.out}`);
    compiledRules.set(schFile, compiled);
  }
  const out = path.join(dir, `${label.replace(/\W+/g, '_')}.svrl`);
  const r = run('java', ['-jar', SAXON, `-xsl:${compiled}`, `-s:${xml}`, `-o:${out}`]);
  if (!r.ok) throw new Error(`running ${schFile} with Saxon failed: ${r.out}`);
  return parseSvrl(readFileSync(out, 'utf8'), label);
}

interface MetsFileEntry {
  href: string;
  size: number;
  checksum: string;
  type: string;
  mimeType: string;
}

function metsEntries(xmlText: string): MetsFileEntry[] {
  const doc = new DOMParser().parseFromString(xmlText, 'text/xml');
  const METS = 'http://www.loc.gov/METS/';
  const XLINK = 'http://www.w3.org/1999/xlink';
  const out: MetsFileEntry[] = [];
  const files = doc.getElementsByTagNameNS(METS, 'file');
  for (let i = 0; i < files.length; i++) {
    const f = files.item(i);
    const loc = f?.getElementsByTagNameNS(METS, 'FLocat').item(0);
    if (!f || !loc) continue;
    out.push({
      href: loc.getAttributeNS(XLINK, 'href') ?? '',
      size: Number(f.getAttribute('SIZE')),
      checksum: f.getAttribute('CHECKSUM') ?? '',
      type: f.getAttribute('CHECKSUMTYPE') ?? '',
      mimeType: f.getAttribute('MIMETYPE') ?? '',
    });
  }
  const refs = doc.getElementsByTagNameNS(METS, 'mdRef');
  for (let i = 0; i < refs.length; i++) {
    const r = refs.item(i);
    if (!r) continue;
    out.push({
      href: r.getAttributeNS(XLINK, 'href') ?? '',
      size: Number(r.getAttribute('SIZE')),
      checksum: r.getAttribute('CHECKSUM') ?? '',
      type: r.getAttribute('CHECKSUMTYPE') ?? '',
      mimeType: r.getAttribute('MIMETYPE') ?? '',
    });
  }
  return out;
}

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out;
}

/** Validates a package (the zip's bytes). Throws only when a tool cannot run. */
export function validateFgsPackage(zip: Uint8Array): FgsValidation {
  const dir = workDir();
  try {
    const report: string[] = [];
    const problems: string[] = [];
    const entries = unzipSync(zip);
    const roots = new Set(Object.keys(entries).map((name) => name.split('/')[0]));
    if (roots.size !== 1) problems.push(`the zip has ${roots.size} top-level folders, not one`);
    const objId = [...roots][0] ?? '';
    for (const [name, bytes] of Object.entries(entries)) {
      if (name.endsWith('/')) continue;
      if (name.includes('..') || name.startsWith('/')) problems.push(`unsafe path in the zip: ${name}`);
      const target = path.join(dir, name);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
    const root = path.join(dir, objId);
    const mets = path.join(root, 'METS.xml');
    const repMets = path.join(root, 'representations', 'rep1', 'METS.xml');
    const erms = path.join(root, 'metadata', 'descriptive', 'erms.xml');

    const wrapper = metsWrapper(dir);
    for (const [label, file, xsd] of [
      ['METS.xml', mets, wrapper],
      ['representations/rep1/METS.xml', repMets, wrapper],
      ['metadata/descriptive/erms.xml', erms, path.join(SCHEMAS, 'ERMS.xsd')],
    ] as const) {
      const r = xmllintSchema(file, xsd, dir);
      report.push(`xmllint --schema ${path.basename(xsd)} ${label}: ${r.ok ? 'validates' : 'FAILS'}`);
      if (!r.ok) problems.push(`${label} does not validate against ${path.basename(xsd)}: ${r.out.trim()}`);
    }

    const findings: RuleFinding[] = [];
    for (const spec of ['CSIP', 'SIP'] as const) {
      for (const file of readdirSync(path.join(RULES, spec)).sort()) {
        findings.push(...runSchematronXslt1(path.join(RULES, spec, file), mets, dir, `${spec}/${file}`));
      }
    }
    findings.push(...runSchematronXslt2(ERMS_SCH, erms, dir, 'erms.sch'));
    for (const f of findings) {
      const defect = KNOWN_RULE_DEFECTS.find((d) => d.id === f.id && d.on.test(f.location));
      if (defect) f.knownDefect = defect.why;
      else problems.push(`${f.rules} ${f.id} (${f.role}) at ${f.location}: ${f.text}`);
    }
    const counted = (spec: string): string => {
      const mine = findings.filter((f) => f.rules.startsWith(spec));
      const defects = mine.filter((f) => f.knownDefect);
      return `${mine.length - defects.length} failed, ${defects.length} known rule defects (${[...new Set(defects.map((d) => d.id))].join(', ') || 'none'})`;
    };
    report.push(`E-ARK CSIP 2.1.0 Schematron (xsltproc) on METS.xml: ${counted('CSIP/')}`);
    report.push(`E-ARK SIP 2.1.0 Schematron (xsltproc) on METS.xml: ${counted('SIP/')}`);
    report.push(`CITS ERMS erms.sch (Saxon-HE, XSLT 2) on erms.xml: ${counted('erms.sch')}`);

    // checksums: every file listed in a METS matches, and every file is listed
    const listed = new Set<string>(['METS.xml']);
    let checked = 0;
    for (const [metsFile, base] of [
      [mets, ''],
      [repMets, 'representations/rep1/'],
    ] as const) {
      for (const e of metsEntries(readFileSync(metsFile, 'utf8'))) {
        const rel = `${base}${e.href}`;
        listed.add(rel);
        let bytes: Buffer;
        try {
          bytes = readFileSync(path.join(root, rel));
        } catch {
          problems.push(`${rel} is listed in METS but not in the package`);
          continue;
        }
        checked += 1;
        if (e.type !== 'SHA-256') problems.push(`${rel}: CHECKSUMTYPE ${e.type}`);
        if (createHash('sha256').update(bytes).digest('hex') !== e.checksum)
          problems.push(`${rel}: SHA-256 does not match`);
        if (bytes.length !== e.size) problems.push(`${rel}: SIZE ${e.size}, file ${bytes.length}`);
        if (!e.mimeType) problems.push(`${rel}: no MIMETYPE`);
      }
    }
    for (const rel of listFiles(root))
      if (!listed.has(rel)) problems.push(`${rel} is in the package but no METS lists it`);
    report.push(`checksums: ${checked} files listed in METS, ${checked} SHA-256 and sizes compared`);

    const envelopePath = path.join(root, 'representations', 'rep1', 'data', 'envelope.json');
    const envelope = JSON.parse(readFileSync(envelopePath, 'utf8')) as Record<string, unknown>;
    const envelopeErrors = validateEnvelopeJson(envelope);
    report.push(
      `envelope.json against delivery-envelope.schema.json (ajv strict): ${envelopeErrors.length === 0 ? 'valid' : 'INVALID'}`,
    );
    problems.push(...envelopeErrors.map((e) => `envelope.json: ${e}`));
    return { objId, report, problems, findings, envelope };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
