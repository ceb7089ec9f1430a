/**
 * The definition of an e-service (a "flow"): what a municipality writes in resources/flows/<id>.yaml.
 *
 * One schema for every reader: core's loader parses YAML files with it, the renderer renders steps from
 * the parsed definition (`flows.get`), the document builder prints blanketts from it, and the JSON Schema
 * authors get completion from is generated from it (`npm run flows:schema`). See docs/flows.md.
 *
 * Everything here is data: `visibleIf` conditions are a small data language (see conditions.ts), never
 * code. Beyond the shape, `flowDefinitionSchema` checks the flow as a whole (unique ids, conditions that
 * point at earlier answerable fields, option values, prefill and identification fit together …), see
 * definition-checks.ts.
 */
import { z } from 'zod';
import { localisedTextSchema, type LocalisedText } from '../namespaces/catalogue';
import { ATTACHMENT_MAX_PAGES, ATTACHMENT_MAX_PER_FIELD } from './attachment-limits';
import { checkFlowDefinition } from './definition-checks';

export { localisedTextSchema, type LocalisedText };

/** The catalogue's localised text, named for the generated JSON Schema. */
const localised = localisedTextSchema.meta({ id: 'LocalisedText' });

// ─── identifiers ────────────────────────────────────────────────────────────────────────────────────

/** Flow ids are kebab-case: `felanmalan-gata-park`. They name the file too (by convention). */
export const flowIdSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be kebab-case: lower-case letters, digits and single hyphens' });

/** Field and step ids: `kontaktEpost`, `kontakt-epost` or `kontakt_epost`; unique within the flow. */
export const fieldIdSchema = z
  .string()
  .max(64)
  .regex(/^[a-z][a-zA-Z0-9]*(?:[-_][a-zA-Z0-9]+)*$/, {
    error: 'must start with a lower-case letter and hold only letters, digits and single - or _',
  });

// ─── conditions ─────────────────────────────────────────────────────────────────────────────────────

/** A value a condition compares an answer with. yes/no answers are the strings 'yes' and 'no'. */
export type ConditionValue = string | number | boolean;
export const conditionValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/**
 * When a field (or step) is shown. A hidden field is never validated and never submitted, and counts
 * as unanswered in the conditions of later fields.
 *  - `{ field, equals }`: the answer equals the value (for checkboxes: exactly that one box is ticked)
 *  - `{ field, in: [...] }`: the answer is one of the values (checkboxes: any of them is ticked)
 *  - `{ field, isSet: true|false }`: the field has (or has not) an answer
 *  - `{ field, includes }`: checkboxes: that box is ticked
 *  - `{ not }`, `{ all: [...] }`, `{ any: [...] }`
 */
export type Condition =
  | { field: string; equals: ConditionValue }
  | { field: string; in: ConditionValue[] }
  | { field: string; isSet: boolean }
  | { field: string; includes: string }
  | { not: Condition }
  | { all: Condition[] }
  | { any: Condition[] };

export const conditionSchema: z.ZodType<Condition> = z
  .lazy(() =>
    z.union(
      [
        z.object({ field: fieldIdSchema, equals: conditionValueSchema }).strict(),
        z.object({ field: fieldIdSchema, in: z.array(conditionValueSchema).min(1).max(50) }).strict(),
        z.object({ field: fieldIdSchema, isSet: z.boolean() }).strict(),
        z.object({ field: fieldIdSchema, includes: z.string() }).strict(),
        z.object({ not: conditionSchema }).strict(),
        z.object({ all: z.array(conditionSchema).min(1).max(20) }).strict(),
        z.object({ any: z.array(conditionSchema).min(1).max(20) }).strict(),
      ],
      {
        error:
          'not a valid condition: use {field, equals}, {field, in}, {field, isSet}, {field, includes}, {not}, {all} or {any}',
      },
    ),
  )
  .meta({ id: 'Condition' });

// ─── field building blocks ──────────────────────────────────────────────────────────────────────────

/** Values from the population register after login that a field may be prefilled with. */
export const prefillSources = [
  'person.name',
  'person.givenName',
  'person.surname',
  'person.personnummer',
  'person.email',
  'person.phone',
  'person.address',
] as const;
export const prefillSourceSchema = z.enum(prefillSources);
export type PrefillSource = z.infer<typeof prefillSourceSchema>;

/**
 * A date limit: an ISO date (`2025-01-31`) or relative to the visitor's today: `today`, `today+14d`,
 * `today-18y`, `today+3m`, `today+2w`.
 */
export const dateLimitSchema = z.string().regex(/^(?:\d{4}-\d{2}-\d{2}|today(?:[+-]\d{1,4}[dwmy])?)$/, {
  error: "must be an ISO date (YYYY-MM-DD) or 'today' with an optional offset such as today+14d, today-18y",
});

export const choiceOptionSchema = z
  .object({
    /** What is stored and what conditions compare with. */
    value: z.string().min(1).max(100),
    label: localised,
  })
  .strict()
  .meta({ id: 'ChoiceOption' });

const visibleIf = conditionSchema
  .optional()
  .describe(
    'Show only when this holds: {field, equals} | {field, in} | {field, isSet} | {field, includes} | {not} | {all} | {any}. May refer only to earlier fields.',
  );

const common = {
  id: fieldIdSchema.describe('Unique in the flow; the key of the answer.'),
  /** The question, shown above the input and in the review. */
  label: localised.describe('The question, shown above the input and in the review.'),
  /** A longer explanation shown under the label. */
  help: localised.optional().describe('A longer explanation shown under the label.'),
  /** Must be answered (marked `*`). For consent: must be ticked (always). */
  required: z.boolean().default(false).describe('Must be answered (marked *). A consent box must always be ticked.'),
  visibleIf,
};

const placeholder = { placeholder: localised.optional().describe('Example text shown in the empty input.') };

const prefill = {
  /** Fill in from the register after login. */
  prefill: prefillSourceSchema
    .optional()
    .describe('Fill in from the population register after login (needs identification login or sign).'),
  /** May the visitor change a prefilled answer? When false, core uses the register's value. */
  editable: z
    .boolean()
    .default(true)
    .describe('false: the visitor cannot change the prefilled answer; core uses the register value.'),
};

const lengths = {
  minLength: z.number().int().min(0).max(100_000).optional().describe('Fewest characters.'),
  maxLength: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .optional()
    .describe('Most characters (default 200 for text, 4000 for textarea).'),
};

const pattern = {
  /** A regular expression (JavaScript, `u` flag) the whole answer must match. */
  pattern: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe('A JavaScript regular expression (u flag) the whole answer must match.'),
  /** What to tell the visitor when the pattern does not match (required with `pattern`). */
  patternMessage: localised
    .optional()
    .describe('What to tell the visitor when the pattern does not match (required with pattern).'),
};

// ─── field types ────────────────────────────────────────────────────────────────────────────────────

export const textFieldSchema = z
  .object({
    type: z.literal('text').describe('Short text on one line.'),
    ...common,
    ...placeholder,
    ...prefill,
    ...lengths,
    ...pattern,
  })
  .strict()
  .meta({ id: 'TextField' });

export const textareaFieldSchema = z
  .object({
    type: z.literal('textarea').describe('Long text.'),
    ...common,
    ...placeholder,
    ...lengths,
    ...pattern,
    /** Visible rows of the text box. */
    rows: z.number().int().min(2).max(20).optional(),
  })
  .strict()
  .meta({ id: 'TextareaField' });

export const numberFieldSchema = z
  .object({
    type: z.literal('number').describe('A number.'),
    ...common,
    ...placeholder,
    min: z.number().optional(),
    max: z.number().optional(),
    /** Only whole numbers. */
    integer: z.boolean().default(false),
    /** Shown after the input and in the review: "kr", "st", "m²". */
    unit: localised.optional(),
  })
  .strict()
  .meta({ id: 'NumberField' });

export const dateFieldSchema = z
  .object({
    type: z.literal('date').describe('A date (YYYY-MM-DD).'),
    ...common,
    min: dateLimitSchema.optional(),
    max: dateLimitSchema.optional(),
    /**
     * How the visitor picks the date on the touch screen besides typing it: false (the default) gives
     * "− 1 dag", "I dag" and "+ 1 dag" buttons, true a large month calendar (for a date further away).
     */
    calendar: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'DateField' });

export const emailFieldSchema = z
  .object({ type: z.literal('email').describe('An e-mail address.'), ...common, ...placeholder, ...prefill })
  .strict()
  .meta({ id: 'EmailField' });

export const phoneFieldSchema = z
  .object({
    type: z.literal('phone').describe('A phone number (normalised to +46…).'),
    ...common,
    ...placeholder,
    ...prefill,
  })
  .strict()
  .meta({ id: 'PhoneField' });

export const personnummerFieldSchema = z
  .object({
    type: z.literal('personnummer').describe('A personnummer or samordningsnummer (normalised to 12 digits).'),
    ...common,
    ...placeholder,
    ...prefill,
    /** Accept samordningsnummer (day + 60) too. */
    allowSamordningsnummer: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'PersonnummerField' });

export const postalCodeFieldSchema = z
  .object({ type: z.literal('postalCode').describe('A Swedish postal code (NNN NN).'), ...common, ...placeholder })
  .strict()
  .meta({ id: 'PostalCodeField' });

/** A block of three inputs: street address, postal code, city. The answer is `{street, postalCode, city}`. */
export const addressFieldSchema = z
  .object({ type: z.literal('address').describe('Street, postal code and city.'), ...common, ...prefill })
  .strict()
  .meta({ id: 'AddressField' });

export const radioFieldSchema = z
  .object({
    type: z.literal('radio').describe('One of the options, as buttons.'),
    ...common,
    options: z.array(choiceOptionSchema).min(2).max(50),
  })
  .strict()
  .meta({ id: 'RadioField' });

export const selectFieldSchema = z
  .object({
    type: z.literal('select').describe('One of the options, as a list.'),
    ...common,
    ...placeholder,
    options: z.array(choiceOptionSchema).min(2).max(500),
  })
  .strict()
  .meta({ id: 'SelectField' });

export const checkboxesFieldSchema = z
  .object({
    type: z.literal('checkboxes').describe('Any number of the options.'),
    ...common,
    options: z.array(choiceOptionSchema).min(1).max(50),
    /** At least this many boxes when anything (or, if required, at all) is ticked. */
    minSelected: z.number().int().min(1).optional(),
    maxSelected: z.number().int().min(1).optional(),
  })
  .strict()
  .meta({ id: 'CheckboxesField' });

/** A yes/no question; the answer is the string 'yes' or 'no'. */
export const yesnoFieldSchema = z
  .object({
    type: z.literal('yesno').describe("Yes or no; the answer is 'yes' or 'no'."),
    ...common,
    /** Override the words of the two buttons (default Ja/Nej, Yes/No). */
    yesLabel: localised.optional(),
    noLabel: localised.optional(),
  })
  .strict()
  .meta({ id: 'YesnoField' });

/** A box the visitor must tick to go on (e.g. "I have read how my personal data is handled"). */
export const consentFieldSchema = z
  .object({ type: z.literal('consent').describe('A box that must be ticked.'), ...common })
  .strict()
  .meta({ id: 'ConsentField' });

/** Text with no input. `text` is markdown-ish: paragraphs, `- ` lists, **bold**; rendered as text, never HTML. */
export const infoFieldSchema = z
  .object({
    type: z.literal('info').describe('Text without input.'),
    id: fieldIdSchema,
    label: localised.optional(),
    text: localised,
    variant: z.enum(['info', 'warning']).default('info'),
    visibleIf,
  })
  .strict()
  .meta({ id: 'InfoField' });

/**
 * One of the signed-in person's children from the register (children under secrecy are never listed).
 * The answer is the child's personnummer, 12 digits. Needs `identification: login` or `sign`.
 */
export const childSelectFieldSchema = z
  .object({ type: z.literal('childSelect').describe("One of the signed-in person's children."), ...common })
  .strict()
  .meta({ id: 'ChildSelectField' });

/**
 * Paper the visitor has with them (a läkarintyg, a receipt, a drawing), scanned at the kiosk. Each
 * attachment is pages; it is delivered with the case as one PDF. The answer is the list of the visit's
 * attachment ids (core made them and holds the pages; see docs/flows.md). Never on the
 * paper route: there the visitor attaches copies to the printed blankett.
 */
export const attachmentFieldSchema = z
  .object({
    type: z.literal('attachment').describe('Paper the visitor scans at the kiosk, sent as PDF.'),
    ...common,
    /** What is expected, e.g. "Läkarintyg": names the attachment on the screen, the review, the case and the receipt. */
    expected: localised
      .optional()
      .describe('What is expected, e.g. "Läkarintyg". Names the attachment everywhere; default: the label.'),
    minPages: z.number().int().min(1).max(ATTACHMENT_MAX_PAGES).default(1).describe('Fewest pages of one attachment.'),
    maxPages: z
      .number()
      .int()
      .min(1)
      .max(ATTACHMENT_MAX_PAGES)
      .default(10)
      .describe(`Most pages of one attachment (at most ${ATTACHMENT_MAX_PAGES}).`),
    maxAttachments: z
      .number()
      .int()
      .min(1)
      .max(ATTACHMENT_MAX_PER_FIELD)
      .default(1)
      .describe(`How many separate attachments the visitor may add here (at most ${ATTACHMENT_MAX_PER_FIELD}).`),
  })
  .strict()
  .meta({ id: 'AttachmentField' });

/**
 * Blocks going on while visible, with a message (e.g. "this e-service is only for residents").
 * Almost always has a `visibleIf`.
 */
export const stopFieldSchema = z
  .object({
    type: z.literal('stop').describe('Blocks going on while visible.'),
    id: fieldIdSchema,
    label: localised.optional(),
    text: localised,
    visibleIf,
  })
  .strict()
  .meta({ id: 'StopField' });

export const fieldTypes = [
  'text',
  'textarea',
  'number',
  'date',
  'email',
  'phone',
  'personnummer',
  'postalCode',
  'address',
  'radio',
  'checkboxes',
  'select',
  'yesno',
  'consent',
  'info',
  'childSelect',
  'attachment',
  'stop',
] as const;
export type FieldType = (typeof fieldTypes)[number];

export const fieldSchema = z.discriminatedUnion(
  'type',
  [
    textFieldSchema,
    textareaFieldSchema,
    numberFieldSchema,
    dateFieldSchema,
    emailFieldSchema,
    phoneFieldSchema,
    personnummerFieldSchema,
    postalCodeFieldSchema,
    addressFieldSchema,
    radioFieldSchema,
    checkboxesFieldSchema,
    selectFieldSchema,
    yesnoFieldSchema,
    consentFieldSchema,
    infoFieldSchema,
    childSelectFieldSchema,
    attachmentFieldSchema,
    stopFieldSchema,
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? `unknown field type (expected one of ${fieldTypes.join(', ')})` : undefined,
  },
);

export type FieldDefinition = z.output<typeof fieldSchema>;
export type TextField = z.output<typeof textFieldSchema>;
export type TextareaField = z.output<typeof textareaFieldSchema>;
export type NumberField = z.output<typeof numberFieldSchema>;
export type DateField = z.output<typeof dateFieldSchema>;
export type PersonnummerField = z.output<typeof personnummerFieldSchema>;
export type AddressField = z.output<typeof addressFieldSchema>;
export type RadioField = z.output<typeof radioFieldSchema>;
export type CheckboxesField = z.output<typeof checkboxesFieldSchema>;
export type SelectField = z.output<typeof selectFieldSchema>;
export type YesnoField = z.output<typeof yesnoFieldSchema>;
export type ConsentField = z.output<typeof consentFieldSchema>;
export type InfoField = z.output<typeof infoFieldSchema>;
export type ChildSelectField = z.output<typeof childSelectFieldSchema>;
export type StopField = z.output<typeof stopFieldSchema>;
export type AttachmentField = z.output<typeof attachmentFieldSchema>;

/** Fields the visitor answers (everything but info and stop). */
export type AnswerableField = Exclude<FieldDefinition, InfoField | StopField>;

export function isAnswerable(field: FieldDefinition): field is AnswerableField {
  return field.type !== 'info' && field.type !== 'stop';
}

// ─── steps and flows ────────────────────────────────────────────────────────────────────────────────

export const stepSchema = z
  .object({
    id: fieldIdSchema,
    title: localised,
    /** A short text under the step title. */
    intro: localised.optional(),
    /** A hidden step is skipped and all its fields are hidden. May only refer to earlier steps' fields. */
    visibleIf: conditionSchema
      .optional()
      .describe('Skip the whole step unless this holds. May refer only to fields of earlier steps.'),
    fields: z.array(fieldSchema).min(1).max(200),
  })
  .strict()
  .meta({ id: 'Step' });
export type StepDefinition = z.output<typeof stepSchema>;

/** The data protection notice shown on the flow's intro screen and printed on the blankett. */
export const gdprNoticeSchema = z
  .object({
    purpose: localised,
    legalBasis: localised,
    retention: localised,
    recipient: localised,
    /** Personuppgiftsansvarig, e.g. "Tekniska nämnden". */
    controller: localised.optional(),
  })
  .strict()
  .meta({ id: 'GdprNotice' });

export const identificationSchema = z.enum(['none', 'login', 'sign']);
export type Identification = z.infer<typeof identificationSchema>;

export const flowDefinitionObjectSchema = z
  .object({
    id: flowIdSchema,
    /** Raise when questions change: the case document records the version it was answered with. */
    version: z.number().int().min(1).describe('Raise when the questions change; recorded in every case.'),
    title: localised,
    description: localised,
    /** Groups the catalogue, e.g. "Trafik och gator". */
    category: z.string().min(1).max(80).describe('Groups the catalogue, e.g. "Trafik och gator".'),
    /** none: anyone; login: BankID identification before the steps; sign: login, and sign before submitting. */
    identification: identificationSchema.describe(
      'none: anyone; login: BankID before the steps; sign: login and BankID signing before submitting.',
    ),
    /** Only these e-IDs for this flow (of those the kiosk offers); absent: all the kiosk offers. */
    identificationMethods: z
      .array(z.enum(['bankid', 'freja']))
      .min(1)
      .optional()
      .describe('Only these e-IDs for this flow (of those the kiosk offers, config identity.methods); absent: all.'),
    /** The e-service's code in the municipality's klassificeringsstruktur (records management), e.g. "2.3.1". */
    classification: z
      .string()
      .trim()
      .min(1)
      .max(64)
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters')
      .optional()
      .describe(
        'Code in the municipality\'s klassificeringsstruktur (e.g. "2.3.1"), delivered with every case (FGS/ERMS classification). Without it the delivery target\'s default applies.',
      ),
    gdpr: gdprNoticeSchema
      .optional()
      .describe('The data protection notice shown before the steps and printed on the blankett.'),
    /** What the visitor needs before starting ("Barnets personnummer", "Läkarintyg"). */
    needs: z.array(localised).max(12).optional().describe('What the visitor needs before starting.'),
    steps: z.array(stepSchema).min(1).max(30),
    delivery: z
      .object({
        /** A delivery target named in config; the default target when omitted. */
        target: z
          .string()
          .min(1)
          .max(64)
          .optional()
          .describe('A delivery target named in config; the default target when omitted.'),
      })
      .strict()
      .default({}),
    /** The paper route (blankett): where to hand it in and where to post it. */
    paper: z
      .object({
        handIn: localised.describe('Where to hand in the printed blankett.'),
        /** Lines of the postal address, e.g. ["Kommunen", "Tekniska förvaltningen", "123 45 Kommunby"]. */
        postAddress: z.array(z.string().min(1).max(100)).min(1).max(6).optional(),
      })
      .strict(),
  })
  .strict();

/** The full schema: shape plus the whole-flow checks. Parse with this. */
export const flowDefinitionSchema = flowDefinitionObjectSchema.superRefine((flow, ctx) => {
  for (const problem of checkFlowDefinition(flow)) {
    ctx.addIssue({ code: 'custom', path: problem.path, message: problem.reason });
  }
});

export type FlowDefinition = z.output<typeof flowDefinitionSchema>;
/** What an author writes (defaults not yet applied). */
export type FlowDefinitionInput = z.input<typeof flowDefinitionSchema>;

/** Every field of a flow with its step, in order. */
export function flowFields(flow: FlowDefinition): Array<{ step: StepDefinition; field: FieldDefinition }> {
  const out: Array<{ step: StepDefinition; field: FieldDefinition }> = [];
  for (const step of flow.steps) for (const field of step.fields) out.push({ step, field });
  return out;
}
