/**
 * "Frågor och svar": the Markdown in resources/help/<lang>.md, bundled at build time. Only `## Question`
 * headings and paragraphs are understood, and they are shown as text, never as HTML.
 * (Replacing these files from config is a later step; then core will serve them.)
 */
import enHelp from '../../../../resources/help/en.md?raw';
import svHelp from '../../../../resources/help/sv.md?raw';

export interface HelpEntry {
  question: string;
  paragraphs: string[];
}

export interface HelpContacts {
  phone: string;
  email: string;
}

const SOURCES: Record<'sv' | 'en', string> = { sv: svHelp, en: enHelp };

/** Parses `## Question` sections; text before the first heading is ignored. */
export function parseHelp(markdown: string, contacts: HelpContacts): HelpEntry[] {
  const entries: HelpEntry[] = [];
  let current: HelpEntry | null = null;
  let paragraph: string[] = [];
  const fill = (s: string) => s.replaceAll('{contactPhone}', contacts.phone).replaceAll('{contactEmail}', contacts.email);
  const flush = (): void => {
    if (current && paragraph.length > 0) current.paragraphs.push(fill(paragraph.join(' ')));
    paragraph = [];
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^##\s+(.+)$/.exec(line);
    if (heading?.[1]) {
      flush();
      current = { question: fill(heading[1].trim()), paragraphs: [] };
      entries.push(current);
    } else if (line === '') {
      flush();
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return entries;
}

export function helpFor(language: string, contacts: HelpContacts): HelpEntry[] {
  return parseHelp(language === 'sv' ? SOURCES.sv : SOURCES.en, contacts);
}
