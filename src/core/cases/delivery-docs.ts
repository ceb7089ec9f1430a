/**
 * The generated parts of docs/delivery.md and docs/delivery-envelope.schema.json: the envelope's field
 * table (from the schema's descriptions), an example envelope and an example FGS package, both built by
 * the real builders from one sample case. `npm run docs:delivery` writes them; a unit test fails when
 * the committed docs differ from what this makes.
 */
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Envelope } from '../../contract/delivery/envelope';
import type { CasePayload } from './case-payload';
import type { DeliveryItem } from './delivery/adapter';
import { buildEnvelope, envelopeJsonSchema } from './envelope';
import { buildFgsPackage } from './fgs/fgs-package';
import { loadFgsSchemas } from './fgs/fgs-schemas';

type JsonSchema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  const?: unknown;
  enum?: unknown[];
  $defs?: Record<string, JsonSchema>;
};

const t = (sv: string, en: string) => ({ sv, en });

/** The sample case of the docs: a signed parking permit application. */
export function sampleDeliveryItem(): DeliveryItem {
  const payload: CasePayload = {
    flowVersion: 2,
    flowTitle: t('Ansökan om parkeringstillstånd för rörelsehindrade', 'Disabled parking permit application'),
    classification: '3.5.2',
    kioskId: 'kiosk-receptionen-1',
    startedAt: '2025-03-01T09:21:12.000Z',
    submittedAt: '2025-03-01T09:30:00.000Z',
    language: 'sv',
    answers: [
      {
        stepId: 'sokande',
        stepTitle: t('Sökande', 'Applicant'),
        fieldId: 'telefon',
        type: 'phone',
        label: t('Telefonnummer', 'Phone number'),
        value: '+46701234567',
        displayValue: t('070-123 45 67', '070-123 45 67'),
      },
      {
        stepId: 'tillstand',
        stepTitle: t('Tillstånd', 'Permit'),
        fieldId: 'typ',
        type: 'radio',
        label: t('Jag ansöker som', 'I am applying as'),
        value: 'forare',
        displayValue: t('Förare', 'Driver'),
      },
    ],
    identification: {
      method: 'bankid',
      personalNumber: '190000000000',
      name: 'Test Testsson',
      givenName: 'Test',
      surname: 'Testsson',
    },
    signing: {
      method: 'bankid',
      signedAt: '2025-03-01T09:29:41.000Z',
      documentHash: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
      signedText: '# Ansökan om parkeringstillstånd för rörelsehindrade\n\nJag ansöker som: Förare',
      signature: 'PD94bWwgdmVyc2lvbj0iMS4wIj8+',
      ocspResponse: 'MIIHfgoBAKCCB3cw',
    },
    assistedBy: null,
    documents: [
      {
        name: 'arende-K7-4F9Q-2.pdf',
        kind: 'case',
        mediaType: 'application/pdf',
        bytes: new TextEncoder().encode('%PDF-1.7\n%%EOF\n'),
      },
    ],
    confirmation: null,
  };
  return {
    caseId: '0b9f6a1e-52c4-4d0e-9a57-3f1f4b2c7d10',
    reference: 'K7-4F9Q-2',
    idempotencyKey: '3f1c2b9e-8d4a-4c5e-9f7a-2b6d8e1c0a54',
    flowId: 'parkeringstillstand',
    payload,
  };
}

export function sampleEnvelope(): Envelope {
  return buildEnvelope(sampleDeliveryItem(), { inlineDocuments: false });
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (schema.$ref?.startsWith('#/$defs/')) return root.$defs?.[schema.$ref.slice('#/$defs/'.length)] ?? schema;
  return schema;
}

function typeOf(schema: JsonSchema, root: JsonSchema): string {
  const s = resolve(schema, root);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map((v) => typeOf(v, root)).join(' \\| ');
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((e) => `\`${JSON.stringify(e)}\``).join(' \\| ');
  if (s.type === 'array') return `array of ${s.items ? typeOf(s.items, root) : 'any'}`;
  return Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'object');
}

/** The object schemas a (possibly nested, possibly nullable) union stands for. */
function objectVariants(schema: JsonSchema, root: JsonSchema): JsonSchema[] {
  const s = resolve(schema, root);
  if (s.properties) return [s];
  return (s.anyOf ?? s.oneOf ?? []).flatMap((v) => objectVariants(v, root));
}

/** A description on the schema or on any union around it. */
function descriptionOf(schema: JsonSchema, root: JsonSchema): string {
  const s = resolve(schema, root);
  if (schema.description ?? s.description) return (schema.description ?? s.description) as string;
  for (const v of s.anyOf ?? s.oneOf ?? []) {
    const d = descriptionOf(v, root);
    if (d) return d;
  }
  return '';
}

/** One row per field, nested fields by their dotted path (`documents[].sha256`). */
export function envelopeFieldTable(): string {
  const root = envelopeJsonSchema() as JsonSchema;
  const rows: string[] = ['| field | type | meaning |', '|---|---|---|'];
  const walk = (schema: JsonSchema, prefix: string): void => {
    for (const o of objectVariants(schema, root)) {
      for (const [key, child] of Object.entries(o.properties ?? {})) {
        const c = resolve(child, root);
        const description = descriptionOf(child, root).replaceAll('|', '\\|').replace(/\n/g, ' ');
        rows.push(`| \`${prefix}${key}\` | ${typeOf(child, root)} | ${description} |`);
        if (objectVariants(c, root).length > 0) walk(c, `${prefix}${key}.`);
        else if (c.type === 'array' && c.items && objectVariants(c.items, root).length > 0)
          walk(c.items, `${prefix}${key}[].`);
      }
    }
  };
  walk(root, '');
  return rows.join('\n');
}

export function envelopeExample(): string {
  return JSON.stringify(sampleEnvelope(), null, 2);
}

/** The sample case as an FGS package: its file list and its two descriptive files. */
export function fgsExample(resourcesDir: string): { tree: string; mets: string; erms: string } {
  const item = sampleDeliveryItem();
  const pkg = buildFgsPackage(sampleEnvelope(), item.payload.documents, {
    software: { name: 'Kommunkiosk', version: '1.0.0' },
    municipality: 'Exempelby kommun',
    schemas: loadFgsSchemas(path.join(resourcesDir, 'fgs-schemas')),
    now: new Date('2025-03-01T09:30:02.000Z'),
  });
  const files = unzipSync(pkg.bytes);
  const tree = Object.entries(files)
    .map(([name, bytes]) => `${name.padEnd(80)} ${String(bytes.byteLength).padStart(7)} B`)
    .join('\n');
  return {
    tree: `${pkg.fileName}\n${tree}`,
    mets: strFromU8(files[`${pkg.objId}/METS.xml`] as Uint8Array),
    erms: strFromU8(files[`${pkg.objId}/metadata/descriptive/erms.xml`] as Uint8Array),
  };
}

/** Replaces the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
export function replaceGenerated(doc: string, name: string, body: string): string {
  const start = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`docs/delivery.md has no ${start} … ${end} block`);
  return `${doc.slice(0, i + start.length)}\n${body}\n${doc.slice(j)}`;
}

export function generatedDeliveryDoc(doc: string, resourcesDir: string): string {
  const fgs = fgsExample(resourcesDir);
  let out = replaceGenerated(doc, 'envelope-fields', envelopeFieldTable());
  out = replaceGenerated(out, 'envelope-example', `\`\`\`json\n${envelopeExample()}\n\`\`\``);
  out = replaceGenerated(out, 'fgs-files', `\`\`\`text\n${fgs.tree}\n\`\`\``);
  out = replaceGenerated(out, 'fgs-mets', `\`\`\`xml\n${fgs.mets.trimEnd()}\n\`\`\``);
  out = replaceGenerated(out, 'fgs-erms', `\`\`\`xml\n${fgs.erms.trimEnd()}\n\`\`\``);
  return out;
}
