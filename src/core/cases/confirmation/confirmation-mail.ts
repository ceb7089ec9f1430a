/**
 * The text of the visitor's confirmation e-mail ("En bekräftelse kommer också till den e-postadress du
 * uppgivit om du varit inloggad i tjänsten"): the e-service, the reference, the date, how to follow the
 * case on Mina sidor. Never the answers, never a personnummer.
 *
 * Swedish for Swedish visitors, English for English ones — and English for Arabic ones: the kiosk has no
 * Arabic mail texts reviewed by a translator yet, a visitor who chose Arabic did not choose Swedish, and
 * English is the kiosk's second language (its printed documents fall back to it too).
 */
import type { ConfirmationMail } from './confirmation-store';
import { dateTimeFormat } from '../../../contract/intl-formats';

export interface MailContext {
  municipality: string;
  /** Mina sidor; `{reference}` is replaced. Null: the mail says to contact the municipality instead. */
  minaSidorUrl: string | null;
  contact: { phone: string | null; email: string | null };
}

export function mailLanguage(language: ConfirmationMail['language']): 'sv' | 'en' {
  return language === 'sv' ? 'sv' : 'en';
}

function formatDate(iso: string, lang: 'sv' | 'en'): string {
  return dateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));
}

export function confirmationMailText(mail: ConfirmationMail, ctx: MailContext): { subject: string; text: string } {
  const lang = mailLanguage(mail.language);
  const title = mail.flowTitle[lang] ?? mail.flowTitle.sv;
  const url = ctx.minaSidorUrl ? ctx.minaSidorUrl.replaceAll('{reference}', encodeURIComponent(mail.reference)) : null;
  const contact = [ctx.contact.phone, ctx.contact.email].filter(Boolean).join(', ');
  if (lang === 'sv') {
    return {
      subject: `Vi har tagit emot ditt ärende ${mail.reference}`,
      text: [
        'Hej!',
        '',
        'Vi har nu mottagit ditt ärende!',
        '',
        `E-tjänst: ${title}`,
        `Referens: ${mail.reference}`,
        `Inlämnat: ${formatDate(mail.submittedAt, 'sv')}`,
        '',
        url
          ? `Du kan följa ditt ärende under Mina sidor: ${url}`
          : 'Du kan följa ditt ärende under Mina sidor på kommunens webbplats.',
        `Ange referensen ${mail.reference} om du kontaktar oss om ärendet.`,
        '',
        'Du får det här meddelandet för att du lämnade in ärendet i kommunens självbetjäningskiosk och angav',
        'den här e-postadressen. Det går inte att svara på meddelandet.',
        '',
        ctx.municipality,
        ...(contact ? [`Kontaktcenter: ${contact}`] : []),
        '',
      ].join('\n'),
    };
  }
  return {
    subject: `We have received your case ${mail.reference}`,
    text: [
      'Hello,',
      '',
      'We have now received your case.',
      '',
      `E-service: ${title}`,
      `Reference: ${mail.reference}`,
      `Submitted: ${formatDate(mail.submittedAt, 'en')}`,
      '',
      url
        ? `You can follow your case on Mina sidor (My pages): ${url}`
        : "You can follow your case on Mina sidor (My pages) on the municipality's website.",
      `Please give the reference ${mail.reference} if you contact us about the case.`,
      '',
      "You receive this message because you submitted the case at the municipality's self-service kiosk",
      'and gave this e-mail address. Replies to this message are not read.',
      '',
      ctx.municipality,
      ...(contact ? [`Contact centre: ${contact}`] : []),
      '',
    ].join('\n'),
  };
}
