/**
 * Attachments in the e2e journeys: a kiosk config with SANE's test scanner, the attachment screen's
 * moves, and the bytes of a scanned page (to look for them on disk).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { TEST_SCANNER } from '../../support/sane-test-backend';
import { filesUnder } from './leftovers';

/**
 * The journeys' kiosk with a document scanner: SANE's test backend (its settings from SANE_CONFIG_DIR).
 * The test backend scans the same picture every time; a resolution of the test's own (150–199 dpi)
 * makes its pages' bytes its own, so a search for them on disk finds nothing another run left.
 */
export function scannerConfig(base: string, resolution = 150 + Math.floor(Math.random() * 50)): string {
  return `${base}
attachments:
  scanner: { adapter: sane, device: '${TEST_SCANNER}', resolution: ${resolution} }
`;
}

/** The attachment screen's page list. */
export function pages(page: Page) {
  return page.getByTestId('attachment-pages').getByRole('listitem');
}

/** "Skanna sida" / "Skanna igen", and the page count it should lead to. */
export async function scanPage(page: Page, expectedPages: number): Promise<void> {
  await page.getByTestId('attachment-scan').click();
  await expect(pages(page)).toHaveCount(expectedPages);
  await expect(page.getByTestId('attachment-status')).toHaveText(`Sida ${expectedPages} är skannad.`);
}

/** A failed scan: the visitor's plain words in an alert, no page added. */
export async function scanFails(page: Page, words: string, pagesBefore: number): Promise<void> {
  await page.getByTestId('attachment-scan').click();
  await expect(page.getByRole('alert')).toContainText(words);
  await expect(pages(page)).toHaveCount(pagesBefore);
}

/** The JPEG bytes of the n-th page preview (1-based) as the screen shows it. */
export async function pageBytes(page: Page, n: number): Promise<Buffer> {
  const src = await pages(page)
    .nth(n - 1)
    .getByRole('img')
    .getAttribute('src');
  return Buffer.from((src ?? '').split(',')[1] ?? '', 'base64');
}

/** A run of bytes from the middle of a page's entropy-coded data: found only where the page itself is. */
export function fingerprint(jpeg: Buffer): Buffer {
  const from = Math.floor(jpeg.length / 2);
  return jpeg.subarray(from, from + 48);
}

/** Files under the folders that hold the bytes. */
export function filesHolding(bytes: Buffer, ...dirs: string[]): string[] {
  return filesUnder(...dirs).filter((file) => {
    try {
      return readFileSync(file).includes(bytes);
    } catch {
      return false;
    }
  });
}

export interface DeliveredDocument {
  name: string;
  kind: string;
  size: number;
  sha256: string;
  /** The file as the package holds it. */
  bytes: Buffer;
}

/**
 * The documents of the FGS package of a case in `<dataDir>/outbox`, with the envelope's entries. Only
 * delivered packages: one being written is a hidden temporary file (`.tmp-…zip`) until it is renamed.
 */
export function packagedDocuments(dataDir: string, reference: string): DeliveredDocument[] {
  const outbox = path.join(dataDir, 'outbox');
  const delivered = (f: string) => f.endsWith('.zip') && !path.basename(f).startsWith('.');
  for (const name of filesUnder(outbox).filter(delivered)) {
    const files = unzipSync(readFileSync(name));
    const entry = Object.keys(files).find((f) => f.endsWith('/representations/rep1/data/envelope.json'));
    if (!entry) continue;
    const envelope = JSON.parse(Buffer.from(files[entry] as Uint8Array).toString('utf8')) as {
      reference: string;
      documents: Array<{ name: string; kind: string; size: number; sha256: string }>;
    };
    if (envelope.reference !== reference) continue;
    const dataDirInPackage = entry.slice(0, -'envelope.json'.length);
    return envelope.documents.map((d) => ({ ...d, bytes: Buffer.from(files[dataDirInPackage + d.name] ?? []) }));
  }
  return [];
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
