/**
 * What the visitor reads on the phone when signing: a short simpleMarkdownV1 text built from the
 * summary (service title, main answers as label/value pairs, the date), and the hash of the case
 * document that goes in userNonVisibleData.
 */
import { createHash } from 'node:crypto';
import type { SignSummary } from '../../../contract/namespaces/identity';
import { dateTimeFormat } from '../../../contract/intl-formats';

/** userVisibleData for sign: 1–40 000 characters after base64 encoding. */
export const SIGN_TEXT_MAX_BASE64 = 40_000;
const VALUE_MAX_CHARS = 500;

/** Characters with a meaning in simpleMarkdownV1, escaped with a backslash in visitor text. */
const MARKDOWN_SPECIAL = /[\\*#|+\-_]/g;

export function escapeSimpleMarkdown(text: string): string {
  return text
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim()
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The date in Sweden as YYYY-MM-DD. */
export function swedishDate(date: Date): string {
  return dateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** The simpleMarkdownV1 text the phone shows, within BankID's length limit. */
export function buildSignText(summary: SignSummary, date: Date): string {
  const head = `# ${escapeSimpleMarkdown(clip(summary.service, 200)) || '–'}`;
  const foot = `Datum: ${swedishDate(date)}`;
  const lines = summary.items.map(
    (item) =>
      `+ *${escapeSimpleMarkdown(clip(item.label, 200))}:* ${escapeSimpleMarkdown(clip(item.value, VALUE_MAX_CHARS)) || '–'}`,
  );
  const render = (items: string[], omitted: number): string =>
    [head, ...items, ...(omitted > 0 ? [`+ … ${omitted} fler uppgifter finns i ärendet`] : []), '', foot].join('\n');
  let shown = lines.length;
  let text = render(lines, 0);
  while (base64Length(text) > SIGN_TEXT_MAX_BASE64 && shown > 0) {
    shown -= 1;
    text = render(lines.slice(0, shown), lines.length - shown);
  }
  return text;
}

function base64Length(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 3) * 4;
}

export function toBase64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** base64 of SHA-256 over the case document's bytes: userNonVisibleData. */
export function documentHash(documentBytes: Uint8Array): string {
  return createHash('sha256').update(documentBytes).digest('base64');
}

/** The bytes that stand for a summary signed on its own (no case document): canonical JSON. */
export function summaryDocument(summary: SignSummary, date: Date): Buffer {
  return Buffer.from(
    JSON.stringify({
      service: summary.service,
      items: summary.items.map((i) => [i.label, i.value]),
      date: swedishDate(date),
    }),
    'utf8',
  );
}
