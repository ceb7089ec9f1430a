import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { KioskFailure } from '../../../../src/contract/errors';
import type { FlowDefinition } from '../../../../src/contract/flows/definition';
import { createDocumentService } from '../../../../src/core/documents/document-service';
import { jpegComponents, logoKind } from '../../../../src/core/documents/letterhead';
import { createLogger } from '../../../../src/core/log/logger';
import { MUNICIPALITY, PNG_LOGO, resourcesDir, SAMPLE_ANSWERS, shippedFlow } from './document-fixtures';

function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }).logger, lines };
}

describe('createDocumentService', () => {
  it('says which font file is missing, at start-up', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'kiosk-no-fonts-'));
    try {
      expect(() =>
        createDocumentService({
          resourcesDir: empty,
          municipality: MUNICIPALITY,
          logger: createLogger({ level: 'silent' }).logger,
        }),
      ).toThrow(/fonts\/DejaVuSans\.ttf cannot be read \(ENOENT\)/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('prints the logo when it is a PNG, and prints without a broken one (one warning)', async () => {
    const { logger, lines } = capturingLogger();
    const withLogo = createDocumentService({
      resourcesDir,
      municipality: { ...MUNICIPALITY, logoBytes: PNG_LOGO },
      logger,
    });
    const pdf = await withLogo.blankett(shippedFlow('support-e-tjanster'), { lang: 'sv' });
    expect(new TextDecoder('latin1').decode(pdf)).toContain('/Subtype /Image');

    const broken = createDocumentService({
      resourcesDir,
      municipality: { ...MUNICIPALITY, logoBytes: new Uint8Array([1, 2, 3, 4, 5]) },
      logger,
    });
    await broken.blankett(shippedFlow('support-e-tjanster'), { lang: 'sv' });
    await broken.receiptPdf({
      reference: 'KK-1',
      service: 'x',
      submittedAt: new Date().toISOString(),
      status: 'stored',
      lang: 'sv',
    });
    expect(lines.filter((l) => l.includes('neither PNG nor JPEG'))).toHaveLength(1);
  });

  it('a document that cannot be made is an internal KioskFailure; the log has no answers', async () => {
    const { logger, lines } = capturingLogger();
    const service = createDocumentService({ resourcesDir, municipality: MUNICIPALITY, logger });
    const broken = { ...shippedFlow('parkeringstillstand'), steps: null } as unknown as FlowDefinition;
    const failure = await service
      .blankett(broken, { lang: 'sv', answers: SAMPLE_ANSWERS.parkeringstillstand })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(KioskFailure);
    expect((failure as KioskFailure).toError()).toMatchObject({
      code: 'internal',
      reason: 'document_failed',
      message: 'the blankett could not be rendered for flow parkeringstillstand',
    });

    await service.blankett(shippedFlow('parkeringstillstand'), {
      lang: 'sv',
      answers: SAMPLE_ANSWERS.parkeringstillstand,
    });
    const log = lines.join('');
    expect(log).toContain('document rendered');
    for (const secret of ['Åsa', 'Öberg', '19121212', 'Storgatan', 'Artros']) expect(log).not.toContain(secret);
  });

  it('renders blank blanketts concurrently without mixing them up', async () => {
    const service = createDocumentService({
      resourcesDir,
      municipality: MUNICIPALITY,
      logger: createLogger({ level: 'silent' }).logger,
    });
    const ids = ['forskoleplats', 'parkeringstillstand', 'support-e-tjanster', 'felanmalan-gata-park'];
    const pdfs = await Promise.all(ids.map((id) => service.blankett(shippedFlow(id), { lang: 'sv' })));
    const titles = await Promise.all(pdfs.map(async (p) => (await PDFDocument.load(p)).getTitle()));
    expect(titles).toEqual(ids.map((id) => `${shippedFlow(id).title.sv} – Blankett`));
  });

  it('tells PNG from JPEG, and an RGB JPEG from a CMYK one (which PDF/A with sRGB cannot hold)', () => {
    const jpeg = (components: number) =>
      Uint8Array.from([
        0xff,
        0xd8,
        0xff,
        0xe0,
        0x00,
        0x04,
        0x00,
        0x00,
        0xff,
        0xc0,
        0x00,
        0x11,
        0x08,
        0x00,
        0x10,
        0x00,
        0x10,
        components,
        1,
        0x11,
        0,
        2,
        0x11,
        0,
        3,
        0x11,
        0,
        4,
        0x11,
        0,
      ]);
    expect(logoKind(PNG_LOGO)).toBe('png');
    expect(logoKind(jpeg(3))).toBe('jpeg');
    expect(logoKind(new Uint8Array([0x3c, 0x73, 0x76, 0x67]))).toBeNull();
    expect(jpegComponents(jpeg(3))).toBe(3);
    expect(jpegComponents(jpeg(4))).toBe(4);
    expect(jpegComponents(Uint8Array.from([0xff, 0xd8, 0x00]))).toBeNull();
  });
});
