/**
 * The delivery envelope, specified once: the versioned JSON a receiver gets for one case (HTTPS body,
 * SMTP attachment `envelope.json`, `envelope.json` in a directory, and the machine-readable record
 * inside an FGS package). docs/delivery-envelope.schema.json is generated from `envelopeSchema`, and
 * docs/delivery.md's field table and example from a real delivered envelope (`npm run docs:delivery`).
 *
 * Core builds the stored case from these types too: identification and signing are typed here, one
 * variant per e-ID method (a discriminated union by `method`, so another method slots in beside BankID).
 */
import { z } from 'zod';
import { fieldTypes } from '../flows/definition';
import { languageSchema } from '../namespaces/app';
import { localisedTextSchema } from '../namespaces/catalogue';

export const ENVELOPE_VERSION = 2;

/** Flow ids, target names and staff ids are stored in clear, so they are held to a shape that cannot carry personal data. */
export const plainIdentifierSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

const localised = localisedTextSchema.describe('A text in Swedish (sv) and English (en), optionally more languages.');
const isoTime = z.iso.datetime({ offset: true });
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

/** The address block of an `address` field. */
export const addressAnswerSchema = z
  .object({
    street: z.string().describe('Street address.'),
    postalCode: z.string().describe('Postal code, "NNN NN".'),
    city: z.string().describe('Postal town.'),
  })
  .strict();

/** A normalised answer: text-like fields a string, number a number, checkboxes string[], consent true. */
export const answerValueSchema = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.string()), addressAnswerSchema])
  .describe(
    'The normalised answer: personnummer 12 digits, phone E.164, postal code "NNN NN", dates YYYY-MM-DD, checkboxes a list of option values, consent true, address an object.',
  );

export const caseAnswerSchema = z
  .object({
    stepId: z.string().min(1).describe('Id of the step the field is on.'),
    stepTitle: localised.describe('Title of that step as the visitor saw it.'),
    fieldId: z.string().min(1).describe("The field's id in the flow definition."),
    type: z.enum(fieldTypes).describe('The field type (docs/flows.md).'),
    label: localised.describe('The question as the visitor saw it.'),
    value: answerValueSchema,
    displayValue: z
      .object({ sv: z.string(), en: z.string() })
      .strict()
      .describe('The answer as a person reads it, in Swedish and English (option labels, formatted dates).'),
  })
  .strict();
export type CaseAnswer = z.infer<typeof caseAnswerSchema>;

const personalNumber = z
  .string()
  .regex(/^\d{12}$/)
  .describe('Personnummer or samordningsnummer, 12 digits (YYYYMMDDNNNN).');

/** Identification by Mobile BankID (RP API v6 completionData.user, after a completed auth order). */
export const bankIdIdentificationSchema = z
  .object({
    method: z.literal('bankid').describe('The e-ID used: Mobile BankID.'),
    personalNumber,
    name: z.string().min(1).describe('Full name as BankID gives it.'),
    givenName: z.string().min(1).describe('Given name as BankID gives it.'),
    surname: z.string().min(1).describe('Surname as BankID gives it.'),
  })
  .strict()
  .meta({ id: 'BankIdIdentification' });

/** Identification by Freja eID+ (a verified authentication result: ssn and basicUserInfo). */
export const frejaIdentificationSchema = z
  .object({
    method: z.literal('freja').describe('The e-ID used: Freja eID+.'),
    personalNumber,
    name: z.string().min(1).describe('Given name(s) and surname as Freja gives them (basicUserInfo).'),
    givenName: z.string().min(1).describe('basicUserInfo.name.'),
    surname: z.string().min(1).describe('basicUserInfo.surname.'),
  })
  .strict()
  .meta({ id: 'FrejaIdentification' });

/** Who the visitor is, by the e-ID method they used. One variant per method. */
export const caseIdentificationSchema = z
  .discriminatedUnion('method', [bankIdIdentificationSchema, frejaIdentificationSchema])
  .describe('The signed-in visitor, by e-ID method; null for a flow without identification.');
export type CaseIdentification = z.infer<typeof caseIdentificationSchema>;

/** A signature by Mobile BankID (RP API v6 /sign, completed). */
export const bankIdSigningSchema = z
  .object({
    method: z.literal('bankid').describe('The e-ID used to sign: Mobile BankID.'),
    signedAt: isoTime.describe('When the kiosk received the completed signature (ISO 8601).'),
    documentHash: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/)
      .describe('base64 SHA-256 of the case document as signed (BankID userNonVisibleData).'),
    signedText: z.string().min(1).describe('The text the visitor saw on the phone (simpleMarkdownV1).'),
    signature: base64.min(1).describe('BankID completionData.signature: base64 of the XML signature.'),
    ocspResponse: base64.min(1).describe('BankID completionData.ocspResponse: base64 OCSP response.'),
  })
  .strict()
  .meta({ id: 'BankIdSigning' });

/** A signature by Freja eID+ (sign 1.0 initSignature, EXTENDED_UTF8_TEXT, APPROVED). */
export const frejaSigningSchema = z
  .object({
    method: z.literal('freja').describe('The e-ID used to sign: Freja eID+.'),
    signedAt: isoTime.describe('When the kiosk received the approved signature (ISO 8601).'),
    documentHash: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/)
      .describe('base64 SHA-256 of the case document as signed (Freja dataToSign.binaryData).'),
    signedText: z.string().min(1).describe('The text the visitor saw in the Freja app (dataToSign.text).'),
    signRef: z.string().min(1).max(400).describe("Freja's reference of the signature transaction."),
    registrationLevel: z.enum(['BASIC', 'EXTENDED', 'PLUS']).describe("The signer's Freja registration level."),
    jws: z
      .string()
      .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
      .describe("Freja's result (getOneResult details): compact JWS, RS256, verified by the kiosk."),
    x5t: z.string().min(1).max(100).describe('base64url SHA-1 of the Freja certificate that signed the JWS.'),
  })
  .strict()
  .meta({ id: 'FrejaSigning' });

export const caseSigningSchema = z
  .discriminatedUnion('method', [bankIdSigningSchema, frejaSigningSchema])
  .describe('The electronic signature of the case, by e-ID method; null when the flow is not signed.');
export type CaseSigning = z.infer<typeof caseSigningSchema>;

export const documentKinds = ['case', 'attachment'] as const;

export const envelopeDocumentSchema = z
  .object({
    name: z.string().min(1).describe('File name of the document, e.g. "arende-K7-4F9Q-2.pdf".'),
    kind: z
      .enum(documentKinds)
      .describe('case: the case document (PDF/A-2b) the visitor signed or submitted; attachment: a file they added.'),
    mediaType: z.string().min(1).describe('Media type, e.g. "application/pdf".'),
    size: z.number().int().nonnegative().describe('Length of the document in bytes.'),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('SHA-256 of the document bytes, lower-case hex. A receiver checks it before acknowledging.'),
    base64: base64
      .optional()
      .describe(
        'The document bytes, base64 (HTTPS only; SMTP attaches and the directory adapter writes the file instead).',
      ),
  })
  .strict();

/** The visitor's language (the kiosk's languages). */
export const languageCodeSchema = languageSchema;

export const envelopeSchema = z
  .object({
    envelopeVersion: z
      .literal(ENVELOPE_VERSION)
      .describe('Format version; a receiver rejects versions it does not know (HTTP 422).'),
    flow: z
      .object({
        id: plainIdentifierSchema.describe('Id of the e-service (flow) the case was filed with.'),
        version: z.number().int().min(1).describe('Version of that flow definition.'),
        title: localised.describe('Title of the e-service.'),
        classification: z
          .string()
          .min(1)
          .nullable()
          .describe(
            "Code in the municipality's klassificeringsstruktur: the flow's, else the delivery target's default, else null.",
          ),
      })
      .strict()
      .describe('The e-service (flow) the case was filed with.'),
    reference: z
      .string()
      .min(1)
      .describe('The reference the visitor got on the receipt, e.g. "K7-4F9Q-2". Unique per kiosk.'),
    idempotencyKey: z
      .uuid()
      .describe('Unique per case; identical on every delivery attempt. A receiver stores a case once per key.'),
    startedAt: isoTime.nullable().describe('When the visitor opened the e-service (ISO 8601, UTC), if known.'),
    submittedAt: isoTime.describe('When the visitor submitted the case (ISO 8601, UTC).'),
    language: languageCodeSchema.describe("The visitor's language at the kiosk."),
    kioskId: plainIdentifierSchema.describe('The kiosk the case was filed at.'),
    answers: z
      .array(caseAnswerSchema)
      .describe('The answered visible fields, in flow order, each with its question and step as the visitor saw them.'),
    identification: caseIdentificationSchema.nullable(),
    signing: caseSigningSchema.nullable(),
    paperRoute: z
      .literal(false)
      .describe(
        'Paper-route marker. Always false: a visit that goes the paper route (protected identity, no BankID) is never stored or delivered; its signed blankett reaches the municipality on paper.',
      ),
    assistedBy: plainIdentifierSchema
      .nullable()
      .describe('Staff-assisted marker: the id of the staff member who helped the visitor, or null.'),
    documents: z
      .array(envelopeDocumentSchema)
      .describe('The case PDF/A and any attachments, each with its SHA-256. May be empty.'),
  })
  .strict()
  .describe('Kommunkiosk case delivery envelope');

export type Envelope = z.infer<typeof envelopeSchema>;
