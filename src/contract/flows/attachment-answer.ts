/**
 * How an attachment is named wherever the visitor, the case and the receipt show it: the field's
 * `expected` (else its label), numbered when the field takes more than one, with its page count.
 * Nothing personal: the name comes from the flow definition, never from the paper.
 */
import type { AttachmentField } from './definition';
import { localise } from './localise';
import type { AttachmentSummary } from './validation-context';

const PAGE_WORDS: Record<string, [one: string, many: string]> = {
  sv: ['sida', 'sidor'],
  en: ['page', 'pages'],
  ar: ['صفحة', 'صفحات'],
};

/** "1 sida", "3 sidor", "2 pages" (English for a language without its own words). */
export function pageCountText(pages: number, lang: string): string {
  const [one, many] = PAGE_WORDS[lang] ?? PAGE_WORDS.en ?? ['page', 'pages'];
  return `${pages} ${pages === 1 ? one : many}`;
}

/** "Läkarintyg", or "Läkarintyg 2" for the second of a field that takes several. */
export function attachmentName(field: AttachmentField, position: number, lang: string): string {
  const base = localise(field.expected ?? field.label, lang);
  return field.maxAttachments > 1 ? `${base} ${position}` : base;
}

/** The attachments of one answer in order, with their names and pages (unknown ids are left out). */
export function namedAttachments(
  field: AttachmentField,
  ids: readonly string[],
  held: readonly AttachmentSummary[],
  lang: string,
): Array<{ id: string; name: string; pages: number }> {
  const out: Array<{ id: string; name: string; pages: number }> = [];
  for (const id of ids) {
    const a = held.find((h) => h.id === id && h.fieldId === field.id);
    if (a) out.push({ id, name: attachmentName(field, out.length + 1, lang), pages: a.pages });
  }
  return out;
}

/** "Läkarintyg (2 sidor)"; several joined by "; ". Without the visit's attachments: the count only. */
export function attachmentsDisplay(
  field: AttachmentField,
  ids: readonly string[],
  held: readonly AttachmentSummary[] | undefined,
  lang: string,
): string {
  if (!held) return ids.map((_, i) => attachmentName(field, i + 1, lang)).join('; ');
  return namedAttachments(field, ids, held, lang)
    .map((a) => `${a.name} (${pageCountText(a.pages, lang)})`)
    .join('; ');
}
