/**
 * `npm run blankett` as it really starts: scripts/cli.mjs replaces itself by `node --snapshot-blob
 * out/cli/snapshot/blankett.blob …` (blankett-snapshot.ts). The snapshot was warmed on the embedded
 * defaults; these runs show that a run still reads its own config, flows and arguments, that it writes
 * the same blankett as the compiled JavaScript without the snapshot (KIOSK_NO_SNAPSHOT=1), and that its
 * errors are the command's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, root } from './document-fixtures';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-blankett-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function blankett(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [path.join(root, 'scripts/cli.mjs'), 'blankett', ...args], {
    cwd: dir,
    encoding: 'buffer',
    env: { ...process.env, KIOSK_CONFIG: path.join(dir, 'config.yaml'), ...env },
    timeout: 170_000,
  });
}

async function fieldsOf(file: string): Promise<string[]> {
  const doc = await PDFDocument.load(readFileSync(file));
  return doc
    .getForm()
    .getFields()
    .map((f) => f.getName());
}

describe('the blankett command from its startup snapshot', () => {
  beforeAll(() => {
    // the first run builds the commands and the snapshot when they are missing or stale
    writeFileSync(path.join(dir, 'config.yaml'), 'kiosk:\n  municipality:\n    name: Snapshotby kommun\n');
    const first = blankett(['--help']);
    expect(first.status, first.stderr.toString()).toBe(0);
    // built for this very Node, so scripts/cli.mjs starts the command from it
    const builtBy = JSON.parse(readFileSync(path.join(root, 'out/cli/snapshot/node.json'), 'utf8')) as {
      version: string;
      execPath: string;
    };
    expect(builtBy).toMatchObject({ version: process.version, execPath: process.execPath });
    expect(existsSync(path.join(root, 'out/cli/snapshot/blankett.blob'))).toBe(true);
  }, 180_000);

  it('uses the config, flows and arguments of the run, not those of the warm-up', async () => {
    const flows = path.join(dir, 'flows');
    mkdirSync(flows, { recursive: true });
    const shipped = readFileSync(path.join(root, 'resources/flows/support-e-tjanster.yaml'), 'utf8');
    writeFileSync(path.join(flows, 'egen-tjanst.yaml'), shipped.replace(/^id: .*$/m, 'id: egen-tjanst'));
    writeFileSync(
      path.join(dir, 'config.yaml'),
      'kiosk:\n  municipality:\n    name: Snapshotby kommun\nflows:\n  dirs: [flows]\n',
    );
    const out = path.join(dir, 'egen.pdf');
    const r = blankett(['egen-tjanst', '--lang', 'en', '--out', out]);
    expect(r.status, r.stderr.toString()).toBe(0);
    const doc = await PDFDocument.load(readFileSync(out));
    expect(doc.getAuthor()).toBe('Snapshotby kommun');
    expect(pdfText(readFileSync(out))).toContain('Snapshotby kommun');
  }, 60_000);

  it('writes the same blankett as the compiled command without the snapshot', async () => {
    const withSnapshot = path.join(dir, 'a.pdf');
    const without = path.join(dir, 'b.pdf');
    expect(blankett(['forskoleplats', '--out', withSnapshot]).status).toBe(0);
    expect(blankett(['forskoleplats', '--out', without], { KIOSK_NO_SNAPSHOT: '1' }).status).toBe(0);
    expect(pdfText(readFileSync(withSnapshot))).toBe(pdfText(readFileSync(without)));
    expect(await fieldsOf(withSnapshot)).toEqual(await fieldsOf(without));
    const stdout = blankett(['support-e-tjanster', '--out', '-']);
    expect(stdout.status).toBe(0);
    expect(stdout.stdout.subarray(0, 5).toString()).toBe('%PDF-');
  }, 90_000);

  it('answers bad arguments as the command does: the message and the exit code', () => {
    const unknown = blankett(['finns-inte']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.toString()).toContain('no flow "finns-inte": known flows:');
    const badLang = blankett(['forskoleplats', '--lang', 'de']);
    expect(badLang.status).toBe(2);
    expect(badLang.stderr.toString()).toContain('--lang must be sv or en');
    const badConfig = blankett(['forskoleplats'], { KIOSK_CONFIG: path.join(dir, 'missing.yaml') });
    expect(badConfig.status).toBe(1);
    expect(badConfig.stderr.toString()).toContain('missing.yaml');
  }, 60_000);
});
