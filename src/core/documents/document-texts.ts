/**
 * The fixed words printed on the blankett, the case document and the receipt, in Swedish and English.
 * PDFs are printed in one of these two: another visitor language gets English, because the PDF
 * cannot shape right-to-left scripts (see printable-text.ts).
 */
import { dateTimeFormat } from '../../contract/intl-formats';

export type DocumentLanguage = 'sv' | 'en';

export function documentLanguage(lang: string | undefined): DocumentLanguage {
  return lang === 'sv' ? 'sv' : 'en';
}

/**
 * The document's language as the PDF states it (/Lang, dc:language): the language it is printed in,
 * so a screen reader picks the right voice. An Arabic visitor's documents are printed in English and
 * say en-GB: /Lang ar on English text would have the text read with an Arabic voice.
 */
export function documentLanguageTag(lang: DocumentLanguage): 'sv-SE' | 'en-GB' {
  return lang === 'sv' ? 'sv-SE' : 'en-GB';
}

export interface DocumentTexts {
  blankett: string;
  page: (n: number, total: number) => string;
  required: string;
  instructionsTitle: string;
  instructionsBlank: string[];
  instructionsFilled: (date: string) => string[];
  needsTitle: string;
  conditionalStep: (condition: string) => string;
  conditionalField: (condition: string) => string;
  conditionalNotice: (condition: string) => string;
  /** Said in place of a condition that cannot be put in words. */
  conditionUnknown: string;
  notePrefix: string;
  stopPrefix: string;
  datePlaceholder: string;
  personnummerPlaceholder: string;
  childHint: string;
  /** An attachment field on the blankett: attach a copy of the paper. */
  attachCopy: (what: string) => string;
  example: string;
  street: string;
  postalCode: string;
  city: string;
  chooseAny: string;
  selectHint: string;
  options: string;
  longAnswer: string;
  signatureTitle: string;
  signature: string;
  nameClarification: string;
  placeAndDate: string;
  handInTitle: string;
  postTo: string;
  gdprTitle: string;
  gdprPurpose: string;
  gdprLegalBasis: string;
  gdprRetention: string;
  gdprRecipient: string;
  gdprController: string;
  // case document
  caseTitle: string;
  reference: string;
  service: string;
  category: string;
  version: string;
  submitted: string;
  started: string;
  kiosk: string;
  visitorLanguage: string;
  deliveryTarget: string;
  defaultTarget: string;
  identificationTitle: string;
  identifiedWith: string;
  notIdentified: string;
  name: string;
  personnummer: string;
  identifiedAt: string;
  signedWith: string;
  signedAt: string;
  notSigned: string;
  ocspPresent: string;
  signatureDigest: string;
  assistedBy: string;
  answersTitle: string;
  noAnswers: string;
  yes: string;
  no: string;
  bankId: string;
  freja: string;
  timeZoneNote: string;
  caseSubject: string;
  // receipt
  receiptTitle: string;
  /** The receipt's list of attachments sent with the case. */
  attachments: string;
  receiptStored: string;
  receiptDelivered: string;
  date: string;
  followTitle: string;
  followQr: string;
  /** Alternative text of the QR code (read by a screen reader; the link is printed below it too). */
  qrAlt: string;
  /** Alternative text of the municipality's logo. */
  logoAlt: (municipality: string) => string;
  followNoLink: string;
  keepReceipt: string;
  contact: string;
}

/** The last instruction of the blank and the prefilled blankett alike. */
const SV_SIGN_AND_HAND_IN = 'Skriv under blanketten för hand och lämna in den som det står sist i blanketten.';
const EN_SIGN_AND_HAND_IN = 'Sign the form by hand and hand it in as described at the end of the form.';

const sv: DocumentTexts = {
  blankett: 'Blankett',
  page: (n, total) => `Sida ${n} av ${total}`,
  required: 'Frågor markerade med * måste besvaras.',
  instructionsTitle: 'Så fyller du i blanketten',
  instructionsBlank: [
    'Skriv tydligt med bläck eller kulspetspenna, eller fyll i blanketten på datorn innan du skriver ut den.',
    'Frågor markerade med * måste besvaras. Besvara frågor som börjar med "Fyll i om" bara när det som står gäller dig.',
    SV_SIGN_AND_HAND_IN,
  ],
  instructionsFilled: (date) => [
    `Blanketten är ifylld med dina svar från kiosken ${date}.`,
    'Kontrollera uppgifterna. Rätta eller fyll i med bläck om något saknas eller är fel.',
    SV_SIGN_AND_HAND_IN,
  ],
  needsTitle: 'Det här behöver du',
  conditionalStep: (c) => `Fyll i den här delen om ${c}.`,
  conditionalField: (c) => `Fyll i om ${c}.`,
  conditionalNotice: (c) => `Gäller om ${c}:`,
  conditionUnknown: 'det gäller dig',
  notePrefix: 'Obs!',
  stopPrefix: 'Viktigt',
  datePlaceholder: 'ÅÅÅÅ-MM-DD',
  personnummerPlaceholder: 'ÅÅÅÅMMDD-NNNN',
  childHint: 'Barnets namn och personnummer',
  attachCopy: (what) => `Bifoga en kopia (${what}) när du lämnar in blanketten. Skicka inte originalet.`,
  example: 'Exempel',
  street: 'Gatuadress',
  postalCode: 'Postnummer',
  city: 'Ort',
  chooseAny: 'Kryssa för de alternativ som stämmer.',
  selectHint: 'Skriv ditt val i rutan. Alternativ:',
  options: 'Alternativ',
  longAnswer: 'Svaret är för långt för en ruta och är utskrivet här:',
  signatureTitle: 'Underskrift',
  signature: 'Underskrift',
  nameClarification: 'Namnförtydligande',
  placeAndDate: 'Ort och datum',
  handInTitle: 'Så lämnar du in blanketten',
  postTo: 'Du kan också skicka blanketten till:',
  gdprTitle: 'Så behandlar vi dina personuppgifter',
  gdprPurpose: 'Ändamål',
  gdprLegalBasis: 'Rättslig grund',
  gdprRetention: 'Lagring',
  gdprRecipient: 'Mottagare',
  gdprController: 'Personuppgiftsansvarig',
  caseTitle: 'Ärende',
  reference: 'Referensnummer',
  service: 'E-tjänst',
  category: 'Kategori',
  version: 'Version',
  submitted: 'Inskickat',
  started: 'Påbörjat',
  kiosk: 'Kiosk',
  visitorLanguage: 'Besökarens språk',
  deliveryTarget: 'Mottagare i kommunen',
  defaultTarget: 'standardmottagaren',
  identificationTitle: 'Identifiering och underskrift',
  identifiedWith: 'Identifierad med',
  notIdentified: 'Ingen identifiering (e-tjänsten kräver ingen inloggning)',
  name: 'Namn',
  personnummer: 'Personnummer',
  identifiedAt: 'Identifierad',
  signedWith: 'Underskriven med',
  signedAt: 'Underskriven',
  notSigned: 'Ingen elektronisk underskrift',
  ocspPresent: 'OCSP-svar finns',
  signatureDigest: 'Signaturens SHA-256',
  assistedBy: 'Hjälp av personal',
  answersTitle: 'Svar',
  noAnswers: 'Inga frågor besvarades.',
  yes: 'Ja',
  no: 'Nej',
  bankId: 'Mobilt BankID',
  freja: 'Freja eID+',
  timeZoneNote: 'Tider anges i svensk tid.',
  caseSubject: 'Ärendehandling från Kommunkiosk',
  receiptTitle: 'Kvitto',
  attachments: 'Bilagor',
  receiptStored: 'Ditt ärende är registrerat i kiosken och skickas till kommunen så snart det går.',
  receiptDelivered: 'Vi har nu mottagit ditt ärende!',
  date: 'Datum',
  followTitle: 'Följ ditt ärende',
  followQr: 'Skanna QR-koden med mobilens kamera för att följa ditt ärende på Mina sidor:',
  qrAlt: 'QR-kod med länken till ditt ärende på Mina sidor',
  logoAlt: (m) => `${m}s logotyp`,
  followNoLink: 'Kontakta kommunen och uppge referensnumret om du har frågor om ditt ärende.',
  keepReceipt: 'Spara kvittot. Uppge referensnumret när du kontaktar oss.',
  contact: 'Kontakt',
};

const en: DocumentTexts = {
  blankett: 'Form',
  page: (n, total) => `Page ${n} of ${total}`,
  required: 'Questions marked * must be answered.',
  instructionsTitle: 'How to fill in the form',
  instructionsBlank: [
    'Write clearly in ink or ballpoint pen, or fill in the form on a computer before printing it.',
    'Questions marked * must be answered. Answer questions starting with "Fill in if" only when what they say applies to you.',
    EN_SIGN_AND_HAND_IN,
  ],
  instructionsFilled: (date) => [
    `The form holds the answers you gave at the kiosk on ${date}.`,
    'Check the details. Correct them or fill them in with ink if anything is missing or wrong.',
    EN_SIGN_AND_HAND_IN,
  ],
  needsTitle: 'What you need',
  conditionalStep: (c) => `Fill in this part if ${c}.`,
  conditionalField: (c) => `Fill in if ${c}.`,
  conditionalNotice: (c) => `Applies if ${c}:`,
  conditionUnknown: 'it applies to you',
  notePrefix: 'Note:',
  stopPrefix: 'Important',
  datePlaceholder: 'YYYY-MM-DD',
  personnummerPlaceholder: 'YYYYMMDD-NNNN',
  childHint: "The child's name and personal identity number",
  attachCopy: (what) => `Attach a copy (${what}) when you hand in the form. Do not send the original.`,
  example: 'Example',
  street: 'Street address',
  postalCode: 'Postal code',
  city: 'Town',
  chooseAny: 'Tick the options that apply.',
  selectHint: 'Write your choice in the box. Options:',
  options: 'Options',
  longAnswer: 'The answer is too long for a box and is printed here:',
  signatureTitle: 'Signature',
  signature: 'Signature',
  nameClarification: 'Name in capitals',
  placeAndDate: 'Place and date',
  handInTitle: 'How to hand in the form',
  postTo: 'You can also post the form to:',
  gdprTitle: 'How we handle your personal data',
  gdprPurpose: 'Purpose',
  gdprLegalBasis: 'Legal basis',
  gdprRetention: 'Retention',
  gdprRecipient: 'Recipient',
  gdprController: 'Controller',
  caseTitle: 'Case',
  reference: 'Reference number',
  service: 'E-service',
  category: 'Category',
  version: 'Version',
  submitted: 'Submitted',
  started: 'Started',
  kiosk: 'Kiosk',
  visitorLanguage: "Visitor's language",
  deliveryTarget: 'Recipient in the municipality',
  defaultTarget: 'the default recipient',
  identificationTitle: 'Identification and signature',
  identifiedWith: 'Identified with',
  notIdentified: 'No identification (the e-service needs no login)',
  name: 'Name',
  personnummer: 'Personal identity number',
  identifiedAt: 'Identified',
  signedWith: 'Signed with',
  signedAt: 'Signed',
  notSigned: 'No electronic signature',
  ocspPresent: 'OCSP response present',
  signatureDigest: 'SHA-256 of the signature',
  assistedBy: 'Assisted by staff',
  answersTitle: 'Answers',
  noAnswers: 'No questions were answered.',
  yes: 'Yes',
  no: 'No',
  bankId: 'Mobile BankID',
  freja: 'Freja eID+',
  timeZoneNote: 'Times are Swedish time.',
  caseSubject: 'Case document from Kommunkiosk',
  receiptTitle: 'Receipt',
  attachments: 'Attachments',
  receiptStored: 'Your case is registered in the kiosk and will be sent to the municipality as soon as possible.',
  receiptDelivered: 'We have now received your case!',
  date: 'Date',
  followTitle: 'Follow your case',
  followQr: "Scan the QR code with your phone's camera to follow your case on My pages:",
  qrAlt: 'QR code with the link to your case on My pages',
  logoAlt: (m) => `${m} logo`,
  followNoLink: 'Contact the municipality and give the reference number if you have questions about your case.',
  keepReceipt: 'Keep this receipt. Give the reference number when you contact us.',
  contact: 'Contact',
};

export function textsFor(lang: DocumentLanguage): DocumentTexts {
  return lang === 'sv' ? sv : en;
}

/** A date and time in Swedish time, e.g. "2025-06-15 12:02". */
export function formatSwedishTime(iso: string | Date, withSeconds = false): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  const parts = dateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}${withSeconds ? `:${get('second')}` : ''}`;
}

/** The date alone in Swedish time, e.g. "2025-06-15". */
export function formatSwedishDate(iso: string | Date): string {
  return formatSwedishTime(iso).slice(0, 10);
}
