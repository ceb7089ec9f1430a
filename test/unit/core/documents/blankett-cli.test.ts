/** `npm run blankett -- <flow id> [--lang sv|en] [--out FILE]`, run as a real process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './document-fixtures';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-blankett-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  return spawnSync(tsx, [path.join(root, 'src/core/documents/blankett-cli.ts'), ...args], {
    cwd: dir,
    encoding: 'buffer',
    env: { ...process.env, KIOSK_CONFIG: path.join(dir, 'config.yaml') },
    timeout: 60_000,
  });
}

describe('blankett CLI', () => {
  it("writes the blank blankett of a flow, in the language asked for, with the config's municipality", async () => {
    writeFileSync(path.join(dir, 'config.yaml'), 'kiosk:\n  municipality:\n    name: Testby kommun\n');
    const out = path.join(dir, 'forskoleplats-en.pdf');
    const result = cli(['forskoleplats', '--lang', 'en', '--out', out]);
    expect(result.status, result.stderr.toString()).toBe(0);
    expect(result.stderr.toString()).toContain(`wrote ${out}`);
    const doc = await PDFDocument.load(readFileSync(out));
    expect(doc.getTitle()).toBe('Application for a place in preschool – Form');
    expect(doc.getAuthor()).toBe('Testby kommun');
    expect(doc.getForm().getFields().length).toBeGreaterThan(20);
  }, 60_000);

  it('writes to standard output with --out -, and names unknown flows and bad options', () => {
    const stdout = cli(['support-e-tjanster', '--out', '-']);
    expect(stdout.status).toBe(0);
    expect(stdout.stdout.subarray(0, 5).toString()).toBe('%PDF-');
    const unknown = cli(['finns-inte']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.toString()).toContain(
      'no flow "finns-inte": known flows: felanmalan-gata-park, forskoleplats, parkeringstillstand, support-e-tjanster',
    );
    const badLang = cli(['forskoleplats', '--lang', 'de']);
    expect(badLang.status).toBe(2);
    expect(badLang.stderr.toString()).toContain('--lang must be sv or en');
  }, 90_000);

  it('writes every e-service in every language in one run with --all, and refuses --all with a flow id', async () => {
    const folder = path.join(dir, 'website');
    const result = cli(['--all', '--out', folder]);
    expect(result.status, result.stderr.toString()).toBe(0);
    expect(result.stderr.toString()).toContain('wrote 8 blanketter (4 e-services × sv, en)');
    const files = readdirSync(folder).sort();
    expect(files).toContain('blankett-forskoleplats-en.pdf');
    expect(files).toContain('blankett-felanmalan-gata-park-sv.pdf');
    expect(files).toHaveLength(8);
    const doc = await PDFDocument.load(readFileSync(path.join(folder, 'blankett-forskoleplats-sv.pdf')));
    expect(doc.getTitle()).toBe('Ansökan om plats i förskola – Blankett');
    const both = cli(['--all', 'forskoleplats']);
    expect(both.status).toBe(2);
    expect(both.stderr.toString()).toContain('--all or one flow id, not both');
  }, 120_000);
});
