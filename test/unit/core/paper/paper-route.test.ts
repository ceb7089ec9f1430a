/**
 * The paper route through the real kiosk core: the prefilled blankett reaches the printer, and
 * nothing of the visitor stays in the data folder, the logs, the database or the temp folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../src/core/dispatch';
import { parseConfig } from '../../../../src/core/config/load-config';
import { createKiosk, type Kiosk } from '../../../../src/core/kiosk';
import { startEmbeddedForKiosk } from '../../../../src/simulators/embedded';

const resourcesDir = path.resolve(__dirname, '../../../../resources');
const VISITOR = {
  name: 'Hemlig Skyddadsson',
  email: 'hemlig.skyddad@example.se',
  phone: '070-999 88 77',
  text: 'Knappen Skicka svarar inte alls',
};

const answers = {
  etjanst: 'Ansökan om plats i förskola',
  problemtyp: 'felmeddelande',
  felmeddelande: 'Tekniskt fel',
  beskrivning: VISITOR.text,
  tidpunkt: '2025-06-14',
  'vill-bli-kontaktad': 'yes',
  namn: VISITOR.name,
  kontaktsatt: 'epost',
  epost: VISITOR.email,
  telefon: VISITOR.phone,
  personuppgifter: true,
};

/** Every file below `dir`, as text (binary files too: personal data must not be in them either). */
function allFiles(dir: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...allFiles(p));
    else out.push({ file: p, text: readFileSync(p).toString('latin1') + readFileSync(p).toString('utf8') });
  }
  return out;
}

let dir: string;
let kiosk: Kiosk;

async function start(printingYaml: string): Promise<void> {
  const cfg = parseConfig(`dataDir: ${JSON.stringify(path.join(dir, 'data'))}\n${printingYaml}`, null);
  kiosk = await createKiosk({
    config: cfg,
    platform: { name: 'host', clearBrowserData: async () => undefined },
    defaultDataDir: path.join(dir, 'data'),
    version: 'test',
    resourcesDir,
    startEmbedded: startEmbeddedForKiosk,
  });
}

const call = (method: string, payload: unknown) => dispatch(kiosk.handlers, method, payload, kiosk.logger);

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kk-paper-'));
});
afterEach(async () => {
  await kiosk?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the paper route', () => {
  it('prints the prefilled blankett and leaves no trace of the visitor in the kiosk', async () => {
    const out = path.join(dir, 'printer-output');
    await start(`printing:\n  adapter: folder\n  folder: ${JSON.stringify(out)}\n  folderAllowPersonalData: true\n`);
    expect(await call('paper.start', { reason: 'protected_identity' })).toEqual({ ok: true, value: {} });
    // nothing may be stored on this route
    expect(await call('submission.submit', { flowId: 'support-e-tjanster', answers, language: 'sv' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call('paper.print', { flowId: 'support-e-tjanster', answers, language: 'sv' })).toEqual({
      ok: true,
      value: { printed: true },
    });
    await call('session.reset', { reason: 'finished' });
    await kiosk.close();

    const printed = readdirSync(out).filter((f) => f.endsWith('.pdf'));
    expect(printed).toHaveLength(1);
    const text = execFileSync('pdftotext', ['-layout', path.join(out, printed[0] as string), '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain(VISITOR.name);
    expect(text).toContain(VISITOR.email);

    for (const { file, text: content } of allFiles(path.join(dir, 'data'))) {
      for (const value of Object.values(VISITOR)) expect(content.includes(value), `${value} in ${file}`).toBe(false);
    }
  });

  it('is refused outside the paper route, and a printer that fails says so without losing the visit', async () => {
    await start('printing:\n  adapter: folder\n');
    expect(await call('paper.print', { flowId: 'support-e-tjanster', answers, language: 'sv' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await call('paper.start', { reason: 'no_bankid' });
    // the folder printer refuses personal data unless IT allowed it: a clear print_failed, not a file
    const res = await call('paper.print', { flowId: 'support-e-tjanster', answers, language: 'sv' });
    expect(res).toMatchObject({ ok: false, error: { code: 'print_failed' } });
    expect(JSON.stringify(res)).not.toContain(VISITOR.name);
    // bad answers get their issues
    expect(
      await call('paper.print', {
        flowId: 'support-e-tjanster',
        answers: { ...answers, epost: 'inte-en-adress' },
        language: 'sv',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'epost' }] },
    });
  });
});
