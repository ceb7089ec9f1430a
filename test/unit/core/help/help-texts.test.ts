/**
 * "Frågor och svar": the shipped texts, the municipality's own from `help.dir` replacing them per
 * language, fallbacks when a language has no text or a file is broken (reported with file, line and
 * reason, never a blank screen), contact details filled in, and all of it through `app.help`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkConfigFile } from '../../../../src/core/config/check-config';
import { parseConfig } from '../../../../src/core/config/load-config';
import { dispatch } from '../../../../src/core/dispatch';
import {
  createHelpService,
  loadHelp,
  MAX_HELP_FILE_BYTES,
  parseHelpMarkdown,
  type LoadHelpOptions,
} from '../../../../src/core/help';
import { createKiosk, type Kiosk } from '../../../../src/core/kiosk';
import { createLogger } from '../../../../src/core/log/logger';

const resourcesDir = path.resolve(__dirname, '../../../../resources');
const builtinDir = path.join(resourcesDir, 'help');
const silent = createLogger({ level: 'silent' }).logger;

const OWN_SV =
  '# Frågor och svar\n\n## Var parkerar jag vid kommunhuset?\n\nBesöksparkeringen ligger på baksidan.\nDen är gratis i två timmar.\n\n## Vem svarar i telefon?\n\nRing {contactPhone} eller skriv till {contactEmail}.\n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kk-help-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function helpDir(files: Record<string, string | Buffer>, name = 'help'): string {
  const d = path.join(dir, name);
  mkdirSync(d, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(d, file), text);
  return d;
}

function capture(): { logger: typeof silent; lines: () => string } {
  let out = '';
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  });
  return { logger: createLogger({ destination, level: 'info' }).logger, lines: () => out };
}

const load = (options: Partial<LoadHelpOptions> = {}) =>
  loadHelp({ dir: null, baseDir: dir, builtinDir, logger: silent, ...options });
const contacts = { phone: '08-123 45 00', email: 'kontakt@testby.se' };

describe('the help Markdown', () => {
  it('reads ## questions and paragraphs; a # title is not shown; lines of a paragraph are joined', () => {
    const r = parseHelpMarkdown(OWN_SV.replaceAll('\n', '\r\n'));
    expect(r.problems).toEqual([]);
    expect(r.entries).toEqual([
      {
        question: 'Var parkerar jag vid kommunhuset?',
        paragraphs: ['Besöksparkeringen ligger på baksidan. Den är gratis i två timmar.'],
      },
      { question: 'Vem svarar i telefon?', paragraphs: ['Ring {contactPhone} eller skriv till {contactEmail}.'] },
    ]);
  });

  it('names the line of text that would not be shown, a question without answer, a misspelt placeholder', () => {
    const r = parseHelpMarkdown(
      'Välkommen!\n\n## Fråga ett?\n\n## Fråga två?\n\nRing {kontaktTelefon}.\n\n### Underrubrik\n',
    );
    expect(r.problems).toEqual([
      { line: 1, reason: expect.stringContaining('text before the first "## " question is not shown') },
      { line: 3, reason: 'the question "Fråga ett?" has no answer below it' },
      { line: 7, reason: expect.stringContaining('unknown placeholder {kontaktTelefon}') },
      { line: 9, reason: expect.stringContaining('only "## " headings') },
    ]);
    expect(parseHelpMarkdown('Just some text.\n').problems.at(-1)?.reason).toContain('no questions found');
  });

  it('keeps HTML as the text it is (the screen shows text, never HTML)', () => {
    const r = parseHelpMarkdown('## <b>Fet?</b>\n\n<script>alert(1)</script> & **stjärnor**\n');
    expect(r.entries).toEqual([{ question: '<b>Fet?</b>', paragraphs: ['<script>alert(1)</script> & **stjärnor**'] }]);
  });
});

describe('loading the help texts', () => {
  it('the shipped Swedish and English texts load without problems', () => {
    const r = load();
    expect(r.problems).toEqual([]);
    expect([...r.texts.keys()].sort()).toEqual(['en', 'sv']);
    expect(r.texts.get('sv')?.entries.map((e) => e.question)).toContain('Vad betyder stjärnan (*) vid en fråga?');
  });

  it('a file in help.dir replaces the shipped text of its language; other languages keep theirs', () => {
    const d = helpDir({ 'sv.md': OWN_SV, 'ar.md': '## ما هو الكشك؟\n\nجهاز للخدمات الإلكترونية.\n' });
    const r = load({ dir: d });
    expect(r.problems).toEqual([]);
    expect(r.texts.get('sv')).toMatchObject({ source: 'config', file: path.join(d, 'sv.md') });
    expect(r.texts.get('sv')?.entries[0]?.question).toBe('Var parkerar jag vid kommunhuset?');
    expect(r.texts.get('en')).toMatchObject({ source: 'shipped' });
    expect(r.texts.get('ar')?.entries[0]?.question).toBe('ما هو الكشك؟');
  });

  it('a relative help.dir is resolved from the config file’s folder', () => {
    helpDir({ 'en.md': '## Where is the toilet?\n\nNext to the entrance.\n' }, 'texts');
    const r = load({ dir: 'texts', baseDir: dir });
    expect(r.problems).toEqual([]);
    expect(r.texts.get('en')?.entries[0]?.question).toBe('Where is the toilet?');
  });

  it('a broken file is reported with file, line and reason, logged, and the shipped text is used instead', () => {
    const d = helpDir({
      'sv.md': 'Hej!\n\n## Fråga?\n\nSvar.\n',
      'en.md': '',
      'ar.md': Buffer.from([0x23, 0x23, 0x20, 0xff, 0xfe, 0x0a]),
      'svenska.md': OWN_SV,
      'notes.txt': 'ignored: not Markdown',
    });
    const { logger, lines } = capture();
    const r = load({ dir: d, logger });
    expect(r.problems).toEqual([
      {
        file: path.join(d, 'svenska.md'),
        reason: expect.stringContaining('not used: a help file is named after its language (sv.md, en.md, ar.md)'),
      },
      {
        file: path.join(d, 'ar.md'),
        reason: 'is not UTF-8 text (save it as UTF-8); the English text is shown instead',
      },
      { file: path.join(d, 'en.md'), reason: 'is empty; the shipped text is shown instead' },
      {
        file: path.join(d, 'sv.md'),
        line: 1,
        reason: expect.stringMatching(
          /^text before the first "## " question is not shown.*; the shipped text is shown instead$/,
        ),
      },
    ]);
    expect(r.texts.get('sv')?.source).toBe('shipped');
    expect(r.texts.get('en')?.source).toBe('shipped');
    expect(r.texts.has('ar')).toBe(false);
    expect(lines()).toContain('help text problem');
    expect(lines()).toContain(path.join(d, 'sv.md'));
  });

  it('a file larger than the limit is refused without being read whole', () => {
    const d = helpDir({ 'sv.md': `## Stor?\n\n${'x'.repeat(MAX_HELP_FILE_BYTES)}\n` });
    const r = load({ dir: d });
    expect(r.problems).toEqual([
      {
        file: path.join(d, 'sv.md'),
        reason: expect.stringMatching(
          /^is \d+ bytes; a help file may be at most 262144; the shipped text is shown instead$/,
        ),
      },
    ]);
    expect(r.texts.get('sv')?.source).toBe('shipped');
  });

  it('a help.dir that does not exist, or is a file, is reported; the shipped texts are shown', () => {
    expect(load({ dir: path.join(dir, 'nowhere') }).problems).toEqual([
      { file: path.join(dir, 'nowhere'), reason: 'help.dir: the folder does not exist; the shipped texts are shown' },
    ]);
    writeFileSync(path.join(dir, 'file.md'), OWN_SV);
    expect(load({ dir: path.join(dir, 'file.md') }).problems[0]?.reason).toContain('is not a folder');
  });
});

describe('the help service', () => {
  it('gives the visitor’s language, else English (Swedish for Swedish), with the contact details filled in', () => {
    const service = createHelpService(load({ dir: helpDir({ 'sv.md': OWN_SV }) }), contacts);
    const sv = service.help('sv');
    expect(sv.language).toBe('sv');
    expect(sv.entries[1]?.paragraphs).toEqual(['Ring 08-123 45 00 eller skriv till kontakt@testby.se.']);
    const ar = service.help('ar');
    expect(ar.language).toBe('en');
    expect(ar.entries.map((e) => e.question)).toContain('What does the asterisk (*) next to a question mean?');
    const all = JSON.stringify([service.help('sv'), service.help('en')]);
    expect(all).not.toContain('{contact');
  });

  it('puts "the reception" in the text’s language where config has no contact details', () => {
    const service = createHelpService(load({ dir: helpDir({ 'sv.md': OWN_SV }) }), { phone: null, email: null });
    expect(service.help('sv').entries[1]?.paragraphs).toEqual(['Ring receptionen eller skriv till receptionen.']);
    expect(JSON.stringify(service.help('en'))).toContain('the reception');
  });

  it('a contact detail with $ signs is put in as it is', () => {
    const service = createHelpService(load({ dir: helpDir({ 'sv.md': OWN_SV }) }), { phone: '$& $1', email: 'a@b.se' });
    expect(service.help('sv').entries[1]?.paragraphs).toEqual(['Ring $& $1 eller skriv till a@b.se.']);
  });

  it('without any text at all it answers "unavailable" (the screen says so), never an empty list', () => {
    const service = createHelpService(load({ builtinDir: path.join(dir, 'empty') }), contacts);
    expect(() => service.help('sv')).toThrow(expect.objectContaining({ code: 'unavailable' }));
  });
});

describe('check-config', () => {
  it('passes a help folder with good files, and names file, line and reason of a bad one', () => {
    helpDir({ 'sv.md': OWN_SV }, 'good');
    helpDir({ 'en.md': '## Question?\n\nCall {phone}.\n' }, 'bad');
    const good = path.join(dir, 'good.yaml');
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(good, 'mode: demo\nhelp:\n  dir: good\n');
    writeFileSync(bad, 'mode: demo\nhelp:\n  dir: bad\n');
    expect(checkConfigFile(good, { resourcesDir })).toMatchObject({
      ok: true,
      lines: [`${good}: configuration is valid (mode: demo — simulated parts allowed, never for real visitors)`],
    });
    const r = checkConfigFile(bad, { resourcesDir });
    expect(r.ok).toBe(false);
    expect(r.lines).toEqual([
      `${bad}: 1 problem(s)`,
      `${bad}: ${path.join(dir, 'bad', 'en.md')}:3: unknown placeholder {phone}; the kiosk fills in {contactPhone} and {contactEmail}; the shipped text is shown instead`,
    ]);
  });

  it('reports a help folder that does not exist, and a help.dir of the wrong type with key and value', () => {
    const missing = path.join(dir, 'missing.yaml');
    writeFileSync(missing, 'mode: demo\nhelp:\n  dir: ./no-such-folder\n');
    expect(checkConfigFile(missing, { resourcesDir }).lines[1]).toBe(
      `${missing}: ${path.join(dir, 'no-such-folder')}: help.dir: the folder does not exist; the shipped texts are shown`,
    );
    const wrong = path.join(dir, 'wrong.yaml');
    writeFileSync(wrong, 'help:\n  dir: 42\n  folder: x\n');
    const lines = checkConfigFile(wrong, { resourcesDir }).lines;
    expect(lines).toContain(`${wrong}:2: help.dir is 42; expected a value of type string`);
    expect(lines.some((l) => l.includes('help.folder'))).toBe(true);
  });
});

describe('app.help through the contract', () => {
  let kiosk: Kiosk | null = null;
  afterEach(async () => {
    await kiosk?.close();
    kiosk = null;
  });

  async function start(yaml: string): Promise<Kiosk> {
    const configFile = path.join(dir, 'config.yaml');
    kiosk = await createKiosk({
      config: parseConfig(`mode: demo\ndataDir: ${JSON.stringify(path.join(dir, 'data'))}\n${yaml}`, configFile),
      platform: { name: 'host', clearBrowserData: async () => undefined },
      defaultDataDir: path.join(dir, 'data'),
      version: 'test',
      resourcesDir,
      logger: silent,
    });
    return kiosk;
  }

  it('serves the configured Swedish text and the shipped English one, and checks the language', async () => {
    helpDir({ 'sv.md': OWN_SV });
    const k = await start(
      'kiosk:\n  municipality:\n    contactCentre:\n      phone: 08-123 45 00\nhelp:\n  dir: help\n',
    );
    const call = (payload: unknown) => dispatch(k.handlers, 'app.help', payload, k.logger);
    const sv = await call({ language: 'sv' });
    expect(sv).toMatchObject({ ok: true, value: { language: 'sv' } });
    expect(JSON.stringify(sv)).toContain('Ring 08-123 45 00 eller skriv till receptionen.');
    expect(await call({ language: 'en' })).toMatchObject({
      ok: true,
      value: {
        language: 'en',
        entries: expect.arrayContaining([
          expect.objectContaining({ question: 'What is the difference between an e-service and a paper form?' }),
        ]),
      },
    });
    expect(await call({ language: 'de' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call({})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('an invalid configuration still gets the shipped help', async () => {
    const k = await start('session:\n  idleSeconds: -1\n');
    expect(await dispatch(k.handlers, 'app.help', { language: 'sv' }, k.logger)).toMatchObject({
      ok: true,
      value: { language: 'sv' },
    });
  });
});
